"""A slide drawn on paper at scale, in the slides handout and the facilitator guide, and the check that its text
stays inside the deck's boxes."""

from __future__ import annotations

from dataclasses import dataclass

from .. import deck_design as design

# Half a CSS pixel: how far a laid-out line may stray over its box through rounding alone.
_TOLERANCE_PX = 0.5


@dataclass(frozen=True)
class Miniature:
    """A slide drawn on paper: the deck's own boxes and type sizes, all scaled down by one factor."""

    width: float  # inches

    @property
    def scale(self) -> float:
        """Return how many points are printed for each point on the slide."""
        return self.width / design.SLIDE_WIDTH

    @property
    def height(self) -> float:
        """Return the miniature's height in inches, keeping the slide's 16:9 shape."""
        return design.SLIDE_HEIGHT * self.scale

    def length(self, inches: float) -> str:
        """Return a length on the slide, in inches, as the CSS length it is printed at."""
        return f"{inches * 72 * self.scale:.3f}pt"

    def type(self, points: float) -> str:
        """Return a type size on the slide, in points, as the CSS size it is printed at."""
        return f"{points * self.scale:.3f}pt"


def overflowing_miniatures(document) -> list[str]:
    """Return a sentence for each text area of a miniature whose laid-out lines reach outside it."""
    problems = []
    for page in document.pages:
        # WeasyPrint offers no public view of where it placed each box; its page box tree is the only one.
        for frame in _boxes_with_class(page._page_box, "miniature"):
            number = frame.element.get("data-slide")
            for area in _boxes_with_class(frame, "area"):
                if _reaches_outside(area):
                    what = area.element.get("class").split()[1]
                    problems.append(f"slide {number}: the {what} does not fit its box")
    return problems


def _boxes_with_class(root, name: str):
    """Yield the laid-out boxes under `root` made for elements of class `name` (not their continuations)."""
    for box in root.descendants(placeholders=True):
        element = getattr(box, "element", None)
        classes = element.get("class", "").split() if element is not None else []
        if name in classes and getattr(box, "element_tag", "").isalpha():
            yield box


def _reaches_outside(area) -> bool:
    """Return whether any line of text in `area` lies outside its content box."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    left, top = area.content_box_x(), area.content_box_y()
    right, bottom = left + area.width, top + area.height
    for box in area.descendants(placeholders=True):
        if isinstance(box, LineBox):
            if box.position_y < top - _TOLERANCE_PX or box.position_y + box.height > bottom + _TOLERANCE_PX:
                return True
        elif isinstance(box, TextBox):
            if box.position_x < left - _TOLERANCE_PX or box.position_x + box.width > right + _TOLERANCE_PX:
                return True
    return False
