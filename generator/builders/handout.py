"""The handout: the complete material on a few accessible pages of the brand's paper."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..model import Block, Material
from .base import PdfBuilder


@dataclass(frozen=True)
class HandoutSection:
    """A section as the handout prints it: every block, and whether it is kept on one page."""

    heading: str
    blocks: tuple[Block, ...]
    keep_together: bool


def handout_sections(material: Material) -> list[HandoutSection]:
    """Return the material's sections for the handout.

    A section holding a table starts a new page rather than break, when it fits on one: a reader
    compares a table's rows with its header and with what the section says about it. A longer
    one breaks between rows (and a table longer than a page between its rows).
    """
    return [HandoutSection(section.heading, section.blocks,
                           any(block.kind == "table" for block in section.blocks))
            for section in material.sections]


class HandoutBuilder(PdfBuilder):
    """Write handout.pdf: every word of the source, tagged for screen readers."""

    name = "handout"
    filename = "handout.pdf"
    description = "the complete material on a few pages, accessible, for e-mailing to partner agencies"
    template = "handout.html"
    stylesheets = ("pages.css", "table.css", "handout.css")

    def build(self, material: Material, target: Path) -> None:
        document = self.render(material, sections=handout_sections(material))
        self.check_tables_whole(document, material)
        self.check_pages(document, material, "shorten the sections' text or raise `outputs: handout_pages:`")
        self.write(document, target)

    def check_tables_whole(self, document, material: Material) -> None:
        """Fail if a table is longer than a page: the PDF would hold each page's part as a table of its own."""
        tables = [(section, field) for section, block, field in material.blocks() if block.kind == "table"]
        split = tables_across_pages(document)
        if split:
            section, field = tables[split[0]]
            line = material.line_of(field)
            where = f"{material.source}:{line}" if line else material.source
            raise BuildError(f"{where}: {field}: the table of '{section.heading}' is longer than a page, and a "
                             "screen reader would read each page's part as a table of its own; split it into "
                             "shorter tables")

    def page_budget(self, material: Material) -> int:
        """Return the most pages the material's handout may have (its `outputs: handout_pages:`)."""
        return material.outputs.handout_pages


def tables_across_pages(document) -> list[int]:
    """Return the place in the document (0 for the first table) of each table the layout split across pages."""
    from weasyprint.formatting_structure.boxes import TableBox

    pages_of: dict[object, set[int]] = {}  # each table's element, in the order laid out, and its pages
    for number, page in enumerate(document.pages):
        # WeasyPrint offers no public view of where it placed each box; its page box tree is the only one.
        for box in page._page_box.descendants():
            if isinstance(box, TableBox):
                pages_of.setdefault(box.element, set()).add(number)
    return [place for place, pages in enumerate(pages_of.values()) if len(pages) > 1]
