"""The facilitator guide: a front page to prepare the session, then every slide's picture beside its notes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import deck_design as design
from ..errors import BuildError
from ..model import Material
from ..slideplan import SlidePlan, plan_slides
from .base import PdfBuilder
from .miniature import Miniature, overflowing_miniatures

# The slide's picture beside its notes: wide enough to recognise the slide and read its title and body.
MINIATURE_WIDTH_IN = 3.6


@dataclass(frozen=True)
class AgendaPart:
    """One part of the session on the guide's timed agenda."""

    name: str
    minutes: int
    start: int  # minutes from the start of the session
    slides: int

    @property
    def end(self) -> int:
        """Return when the part ends, in minutes from the start of the session."""
        return self.start + self.minutes


def timed_agenda(material: Material, plan: SlidePlan) -> list[AgendaPart]:
    """Return the parts of the session with their minutes, from the slide plan: the welcome, each section, and the
    discussion and closing."""
    labels = material.labels
    names = [labels.opening_part, *(section.heading for section in material.sections), labels.closing_part]
    parts, start = [], 0
    for number, name in enumerate(names):
        slides = [slide for slide in plan.slides if slide.part == number]
        if slides:
            minutes = sum(slide.minutes for slide in slides)
            parts.append(AgendaPart(name, minutes, start, len(slides)))
            start += minutes
    return parts


def agenda_rows(material: Material, plan: SlidePlan) -> list[tuple[str, str, str, str]]:
    """Return the rows of the guide's timed agenda: each part, when it starts and ends, its length and slides."""
    labels = material.labels
    return [(part.name, labels.time_span.format(start=part.start, end=part.end), labels.duration(part.minutes),
             str(part.slides)) for part in timed_agenda(material, plan)]


class FacilitatorGuideBuilder(PdfBuilder):
    """Write facilitator-guide.pdf: objectives, a checklist and a timed agenda, then each slide beside its notes."""

    name = "facilitator-guide"
    filename = "facilitator-guide.pdf"
    description = "a front page to prepare the session, then every slide beside its speaker notes, for the trainer"
    template = "facilitator-guide.html"
    stylesheets = ("pages.css", "table.css", "miniature.css", "facilitator-guide.css")

    def build(self, material: Material, target: Path) -> None:
        plan = plan_slides(material)
        facilitation, labels = material.facilitation, material.labels
        objectives = facilitation.objectives or tuple(labels.objective.format(heading=section.heading)
                                                      for section in material.sections)
        document = self.render(material, plan=plan, miniature=Miniature(MINIATURE_WIDTH_IN), deck=design,
                               agenda=agenda_rows(material, plan), objectives=objectives,
                               checklist=facilitation.checklist or labels.checklist_items)
        problems = overflowing_miniatures(document)
        if problems:
            raise BuildError(f"{self.filename}: text would spill out of its slide: " + "; ".join(problems))
        self.write(document, target)
