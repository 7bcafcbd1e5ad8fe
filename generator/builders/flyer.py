"""The clinic flyer: one US-Letter page, readable from across a waiting room."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..model import Material
from .base import PdfBuilder

# The body type size is searched between these, in half points; 14 pt is the smallest a flyer may use.
SMALLEST_BODY_PT = 14.0
LARGEST_BODY_PT = 24.0


class FlyerBuilder(PdfBuilder):
    """Write flyer.pdf: every headline, every principle name and the credits, in the largest type that fits."""

    name = "flyer"
    filename = "flyer.pdf"
    description = "one page in large type for clinic walls and waiting rooms"
    template = "flyer.html"
    max_pages = 1

    def build(self, material: Material, target: Path) -> None:
        document, _ = self.fit_to_one_page(material)
        self.write(document, target)

    def fit_to_one_page(self, material: Material, largest: float = LARGEST_BODY_PT,
                        too_long: str = "", **layout):
        """Return the flyer laid out in the largest body size up to `largest` that fits on one page, and that size.

        `too_long` says what to shorten when even the smallest size does not fit.
        """
        smallest = self.render(material, body_size=SMALLEST_BODY_PT, **layout)
        if len(smallest.pages) > 1:
            advice = too_long or f"shorten the headlines, principle names or comparison intro in {material.source}"
            raise BuildError(f"{self.filename}: the flyer does not fit on one page even with "
                             f"{SMALLEST_BODY_PT:g} pt text; {advice}")
        # Binary search over half points: `low` always fits, `high` never does.
        best, low, high = smallest, int(SMALLEST_BODY_PT * 2), int(largest * 2) + 1
        while high - low > 1:
            middle = (low + high) // 2
            document = self.render(material, body_size=middle / 2, **layout)
            if len(document.pages) == 1:
                best, low = document, middle
            else:
                high = middle
        return best, low / 2
