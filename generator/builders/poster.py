"""The poster: the flyer's content on one tabloid page (11 × 17 in) or A3, for notice boards and copy shops."""

from __future__ import annotations

from ..paper import POSTER_PAPERS
from .flyer import FlyerBuilder


class PosterBuilder(FlyerBuilder):
    """Write poster.pdf: the flyer's sections by the flyer's layout rules, on a sheet twice the flyer's.

    A poster on a notice board is read from further away than a flyer at reception: its type is never under
    32 pt, 4/3 of the flyer's least, and poster.css scales the flyer's fixed sizes by the same 4/3. The page
    is 1.29 times as wide as a US-Letter flyer's (tabloid), or 1.41 times an A4 flyer's (A3), so 32 pt breaks
    the flyer's lines much where 24 pt does.
    """

    name = "poster"
    filename = "poster.pdf"
    description = "the flyer as an 11 × 17 in (tabloid) or A3 poster, for notice boards; built when a material asks"
    stylesheets = ("table.css", "flyer.css", "poster.css")
    papers = POSTER_PAPERS
    smallest_body = 32.0
    largest_body = 44.0
    # Built for a material that asks for it (`outputs: poster: true`), or when named (`build --only poster`).
    optional = True
