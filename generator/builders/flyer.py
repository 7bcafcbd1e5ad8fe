"""The clinic flyer: one US-Letter page, readable from across a waiting room."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..model import Material
from .base import PdfBuilder

# Body sizes to try, largest first; 14 pt is the smallest a flyer may use.
BODY_SIZES_PT = (24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14)


class FlyerBuilder(PdfBuilder):
    """Write flyer.pdf: every headline, every principle name and the credits, in the largest type that fits."""

    name = "flyer"
    filename = "flyer.pdf"
    description = "one page in large type for clinic walls and waiting rooms"
    template = "flyer.html"
    max_pages = 1

    def build(self, material: Material, target: Path) -> None:
        self.write(self.fit_to_one_page(material), target)

    def fit_to_one_page(self, material: Material):
        """Return the flyer laid out in the largest body size that fits on one page."""
        for size in BODY_SIZES_PT:
            document = self.render(material, body_size=size)
            if len(document.pages) == 1:
                return document
        raise BuildError(
            f"{self.filename}: the flyer does not fit on one page even with {BODY_SIZES_PT[-1]} pt text; "
            f"shorten the headlines, principle names or intro in {material.source}"
        )
