"""The print-shop files: the flyer and the poster as PDF/X-4 for a CMYK press, with bleed (see press.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Material
from ..pdf_structure import finish_tagged_pdf
from ..planning import asks_for
from ..press import BLEED_PT, SLUG_PT, finish_for_press
from .base import weasyprint_problems_as_errors
from .flyer import FlyerBuilder
from .poster import PosterBuilder


@dataclass(frozen=True)
class Press:
    """How a print-shop file's page is drawn beyond its trim: the bleed, and the crop marks if asked for."""

    marks: bool

    @property
    def bleed(self) -> str:
        """Return the CSS bleed: the press's bleed, and the room for the crop marks beyond it."""
        return f"{BLEED_PT + (SLUG_PT if self.marks else 0):g}pt"


class PrintShop:
    """What makes a flyer builder's output a print-shop file: laid out as it is, drawn into the bleed, written as
    PDF/X-4 in CMYK. Built for a material with `outputs: print_shop: true`, or when named with --only."""

    optional = True
    press = True

    def build(self, material: Material, target: Path) -> None:
        marks = material.brand.crop_marks
        document, _ = self.fit_to_one_page(material, press=Press(marks))
        with weasyprint_problems_as_errors(self.filename):
            # Tagged as well: a print-shop file is still read by people before it goes to press.
            document.write_pdf(target, pdf_variant="pdf/x-4", pdf_tags=True, uncompressed_pdf=False)
        finish_tagged_pdf(target)
        finish_for_press(target, marks)

    def asked_for(self, content: Path) -> bool:
        return asks_for(content, "print_shop")


class PrintShopFlyerBuilder(PrintShop, FlyerBuilder):
    """Write flyer-print-shop.pdf: the flyer, for a copy shop."""

    name = "flyer-print-shop"
    filename = "flyer-print-shop.pdf"
    description = "the flyer for a copy shop: PDF/X-4 in CMYK with 1/8 in bleed; built when a material asks"


class PrintShopPosterBuilder(PrintShop, PosterBuilder):
    """Write poster-print-shop.pdf: the poster, for a copy shop, for a material that asks for a poster too."""

    name = "poster-print-shop"
    filename = "poster-print-shop.pdf"
    description = "the poster for a copy shop: PDF/X-4 in CMYK with 1/8 in bleed; built when a material asks"

    def asked_for(self, content: Path) -> bool:
        return asks_for(content, "print_shop") and asks_for(content, "poster")
