"""The paper the PDFs are printed on: US Letter or A4, as brand.yaml says, and the poster's sheet of each series."""

from __future__ import annotations

from dataclasses import dataclass

POINTS_PER_MM = 72 / 25.4
# How far a PDF's page may be from its paper: WeasyPrint writes sizes to the millionth of a point, rounded.
_TOLERANCE_PT = 0.001


@dataclass(frozen=True)
class Paper:
    """A sheet of paper: what people call it, how CSS names it in `@page { size: ... }`, and its size in points."""

    name: str
    css: str
    width: float
    height: float

    def matches(self, width: float, height: float) -> bool:
        """Return whether a page of `width` × `height` points is this paper."""
        return abs(width - self.width) <= _TOLERANCE_PT and abs(height - self.height) <= _TOLERANCE_PT


LETTER = Paper("US Letter", "letter", 612, 792)
A4 = Paper("A4", "A4", 210 * POINTS_PER_MM, 297 * POINTS_PER_MM)
# The poster's sheets: twice the page of each series, for notice boards and copy shops.
TABLOID = Paper("11 x 17 in", "11in 17in", 792, 1224)
A3 = Paper("A3", "A3", 297 * POINTS_PER_MM, 420 * POINTS_PER_MM)

# The paper sizes brand.yaml may choose (`paper_size:`): the page of every PDF, and the poster's sheet.
PAPERS = {"letter": LETTER, "a4": A4}
POSTER_PAPERS = {"letter": TABLOID, "a4": A3}
