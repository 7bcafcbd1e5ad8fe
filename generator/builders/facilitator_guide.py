"""The facilitator guide: every slide of the training deck with what the trainer says and does."""

from __future__ import annotations

from pathlib import Path

from ..model import Material
from ..slideplan import plan_slides
from .base import PdfBuilder


class FacilitatorGuideBuilder(PdfBuilder):
    """Write facilitator-guide.pdf: each slide's content beside its full speaker notes and timing."""

    name = "facilitator-guide"
    filename = "facilitator-guide.pdf"
    description = "every slide with its speaker notes and timing, for the trainer"
    template = "facilitator-guide.html"
    stylesheets = ("pages.css", "table.css", "facilitator-guide.css")

    def build(self, material: Material, target: Path) -> None:
        self.write(self.render(material, plan=plan_slides(material)), target)
