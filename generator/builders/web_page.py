"""The web page: the whole material as one accessible, self-contained HTML page, for partner websites."""

from __future__ import annotations

import base64
import functools
from pathlib import Path

from ..downloads import Download, file_facts
from ..fonts import font_faces
from ..logo import logo_of
from ..model import Brand, Material
from ..templating import TEMPLATES, render_template, templates_used
from .base import Builder
from .handout import handout_sections

TEMPLATE = "web-page.html"
STYLESHEET = "web-page.css"


class WebPageBuilder(Builder):
    """Write index.html: every word of the handout, with the material's other files to download.

    The page makes no requests of its own: its style, its fonts (cut down to the characters it
    shows) and the logo are inside it, and it needs no JavaScript. It has the handout's words,
    built from the same templates of the blocks, so that `verify` holds it to the same promises.
    """

    name = "web-page"
    filename = "index.html"
    description = "the complete material as one accessible web page, for partner websites"
    lists_siblings = True

    def build(self, material: Material, target: Path) -> None:
        html = self.render(material, downloads(material, target.parent))
        target.write_text(html, encoding="utf-8")

    def render(self, material: Material, files: list[Download]) -> str:
        """Return the page's HTML, its stylesheet and fonts inside it, linking to `files`."""
        shown = dict(material=material, brand=material.brand, labels=material.labels,
                     sections=handout_sections(material), logo=logo_of(material.brand), downloads=files)
        # Laid out once without its style to learn which characters its fonts must hold.
        fonts = embedded_fonts(material.brand, render_template(TEMPLATE, style="", **shown))
        style = render_template(STYLESHEET, brand=material.brand, fonts=fonts, paper=self.paper(material))
        return render_template(TEMPLATE, style=style, **shown)

    def reads(self, material: Material) -> frozenset[Path]:
        """Return the page's template and stylesheet, and the templates they import (see Builder.reads)."""
        return frozenset(TEMPLATES / name for name in templates_used(TEMPLATE) | templates_used(STYLESHEET))


def downloads(material: Material, folder: Path) -> list[Download]:
    """Return the material's other outputs in `folder`, beside the page, each with its kind, length and size."""
    from . import BUILDERS

    names = {builder.filename: builder.name for builder in BUILDERS.values()}
    return [Download(filename, material.labels.output_names.get(names[filename], filename),
                     file_facts(folder / filename, material.labels)) for filename in linked_outputs(folder)]


def linked_outputs(folder: Path) -> list[str]:
    """Return the file names of the outputs in `folder` the page links to: every one but the page."""
    from . import BUILDERS

    return [builder.filename for builder in BUILDERS.values()
            if not builder.lists_siblings and (folder / builder.filename).is_file()]


def embedded_fonts(brand: Brand, page: str) -> list[tuple[int, str]]:
    """Return the regular and bold faces of the print font as (weight, data: URL), each cut down to the characters
    of `page`, so that the page looks as the PDFs do without fetching a font."""
    characters = "".join(sorted(set(page)))
    return [(face.weight, _subset(str(face.path), characters)) for face in font_faces(brand.fonts.print)
            if face.style == "normal"]


@functools.lru_cache(maxsize=16)
def _subset(path: str, characters: str) -> str:
    """Return the font at `path` with only `characters`, as a data: URL of a TrueType font."""
    import io

    from fontTools import subset

    options = subset.Options()  # the common layout features (kerning, ligatures): a sixth of the time of all
    with subset.load_font(path, options) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        buffer = io.BytesIO()
        subset.save_font(font, buffer, options)
    return "data:font/ttf;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
