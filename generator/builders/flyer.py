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
        # A search over half points: `low` always fits, `high` never does. The first guess comes from how
        # much of the page the smallest size fills; from there the search steps half a point at a time the
        # way the guess was off, then doubles its step, until the answer is passed, and then halves the range
        # that is left. A good guess settles it in two layouts, and a poor one costs only a few more.
        best, low, high = smallest, int(SMALLEST_BODY_PT * 2), int(largest * 2) + 1
        middle = min(max(int(2 * size_that_fills(smallest, SMALLEST_BODY_PT)), low + 1), high - 1)
        direction, step, steps = 0, 1, 0
        while high - low > 1:
            document = self.render(material, body_size=middle / 2, **layout)
            fits = len(document.pages) == 1
            if fits:
                best, low = document, middle
            else:
                high = middle
            direction = direction or (1 if fits else -1)
            if direction == (1 if fits else -1) and low < middle + direction * step < high:
                middle += direction * step
                steps += 1
                if steps >= 2:
                    step *= 2
            else:
                direction, middle = 2, (low + high) // 2  # passed the answer: halve from now on
        return best, low / 2


# How the height of text grows with its size: a larger size makes both more lines and taller ones, so
# nearly with the square. Measured on the flyers of both languages, with and without a site's panel.
GROWTH = 1.9


def size_that_fills(document, size: float) -> float:
    """Return the body size at which a one-page document laid out in `size` would just fill its page.

    The parts of the body marked `data-fixed-size` in the template (the credits, a site's
    panel) keep their size whatever the body's, so only the rest of the page is scaled.
    """
    page = document.pages[0]._page_box
    root = page.children[0]
    used = root.position_y + root.margin_height() - page.content_box_y()
    body = root.children[0]
    fixed = sum(part.margin_height() for part in body.children
                if getattr(part, "element", None) is not None and part.element.get("data-fixed-size") is not None)
    scaled = max(used - fixed, 1.0)
    return size * max((page.height - fixed) / scaled, 0.01) ** (1 / GROWTH)
