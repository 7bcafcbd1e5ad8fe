"""The handout: the complete material on two accessible US-Letter pages."""

from __future__ import annotations

from pathlib import Path

from ..model import Material
from .base import PdfBuilder


class HandoutBuilder(PdfBuilder):
    """Write handout.pdf: every word of the source, tagged for screen readers."""

    name = "handout"
    filename = "handout.pdf"
    description = "the complete material on two pages, accessible, for e-mailing to partner agencies"
    template = "handout.html"
    max_pages = 2

    def build(self, material: Material, target: Path) -> None:
        document = self.render(material)
        self.check_pages(document, material, "shorten the statement bodies or the comparison cells")
        self.write(document, target)
