"""The slides handout: the training deck printed three slides to a page, with lines for notes."""

from __future__ import annotations

import math
from pathlib import Path

from .. import deck_design as design
from ..errors import BuildError
from ..model import Material
from ..slideplan import SlidePlan, plan_slides
from .base import PdfBuilder
from .miniature import Miniature, overflowing_miniatures

SLIDES_PER_PAGE = 3
# Wide enough that the deck's smallest type (20 pt) still prints at 7 pt, and narrow enough
# that three slides and their note lines fit a page of either paper (US Letter or A4, the narrower).
MINIATURE_WIDTH_IN = 4.75
SMALLEST_PRINTED_PT = 7.0
# Ruled lines beside each miniature, 0.3 in apart like a notepad's, as many as its height holds.
NOTE_LINES = 8


class SlidesHandoutBuilder(PdfBuilder):
    """Write slides-handout.pdf: every slide of the deck in miniature, three to a page, beside lines for notes."""

    name = "slides-handout"
    filename = "slides-handout.pdf"
    description = "the deck printed three slides to a page with lines for notes, for attendees"
    template = "slides-handout.html"
    stylesheets = ("pages.css", "miniature.css", "slides-handout.css")

    def build(self, material: Material, target: Path) -> None:
        self.write(self.lay_out(material, plan_slides(material)), target)

    def lay_out(self, material: Material, plan: SlidePlan):
        """Return the handout of `plan` laid out, failing if a page or a miniature would not come out right."""
        miniature = Miniature(MINIATURE_WIDTH_IN)
        check_type_prints_large_enough(plan, miniature)
        document = self.render(material, plan=plan, miniature=miniature, deck=design,
                               per_page=SLIDES_PER_PAGE, note_lines=NOTE_LINES)
        pages = math.ceil(len(plan.slides) / SLIDES_PER_PAGE)
        if len(document.pages) != pages:
            raise BuildError(f"{self.filename}: {len(plan.slides)} slides should fill {pages} pages, "
                             f"{SLIDES_PER_PAGE} to a page, but they took {len(document.pages)}")
        problems = overflowing_miniatures(document)
        if problems:
            raise BuildError(f"{self.filename}: text would spill out of its slide: " + "; ".join(problems))
        return document


def check_type_prints_large_enough(plan: SlidePlan, miniature: Miniature) -> None:
    """Fail if the smallest type on any slide would print below the smallest size a reader can manage."""
    sizes = [slide.title_size for slide in plan.slides]
    sizes += [paragraph.size for slide in plan.slides for body in slide.bodies for paragraph in body]
    sizes += [slide.table.size for slide in plan.slides if slide.table]
    printed = min(sizes) * miniature.scale
    if printed < SMALLEST_PRINTED_PT:
        raise BuildError(f"slides-handout.pdf: the slides' {min(sizes):g} pt type would print at {printed:.1f} pt, "
                         f"below {SMALLEST_PRINTED_PT:g} pt; make the miniatures wider")
