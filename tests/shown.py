"""What a reader finds in built outputs: the deck's text, and where each run of PDF text is printed."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

from generator.fonts import FAMILIES
from generator.measure import metrics

# The side margins of each PDF's pages, in inches, as templates/*.css set them.
SIDE_MARGINS_IN = {"flyer.pdf": 0.5, "handout.pdf": 0.75, "slides-handout.pdf": 0.6, "facilitator-guide.pdf": 0.75}
PDFS = tuple(SIDE_MARGINS_IN)


def title_of(slide) -> str:
    """Return a slide's title as a reader reads it: a no-break space (see generator/typesetting.py) is a space."""
    return slide.shapes.title.text_frame.text.replace("\u00a0", " ")


def deck_text(path: Path) -> str:
    """Return every text on every slide of the deck at `path` (text boxes and table cells), space-separated."""
    texts = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return " ".join(texts)


@dataclass(frozen=True)
class GlyphRun:
    """A run of text as the PDF prints it: its page, where it starts and ends across the page, in points."""

    page: int
    text: str
    left: float
    right: float
    page_width: float


def glyph_runs(path: Path) -> list[GlyphRun]:
    """Return every run of visible text in the PDF at `path`, with its width measured in its own font."""
    stat = Path(path).stat()
    return list(_glyph_runs(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _glyph_runs(path: str, modified: int, size: int) -> tuple[GlyphRun, ...]:
    """Return the runs of the PDF at `path` as it was when `modified` with `size` bytes: read once, since a test may
    look for several things in the runs of one file, and reading them takes up to a second."""
    runs: list[GlyphRun] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, number=number, width=width):
            text = text.strip()
            if not text or font is None:
                return
            scale = tm[0] * cm[0]
            left = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            right = left + metrics(_face_of(font)).width(text, size * scale)
            runs.append(GlyphRun(number, text, left, right, width))

        page.extract_text(visitor_text=visit)
    return tuple(runs)


def _face_of(font) -> Path:
    """Return the installed file of a PDF font: 'ABCDEF+Atkinson-Hyperlegible-Bold' is AtkinsonHyperlegible-Bold."""
    name = str(font["/BaseFont"]).lstrip("/").split("+")[-1].replace("-", "")
    faces = {face.path.stem.replace("-", "").replace("Regular", ""): face.path
             for faces in FAMILIES.values() for face in faces}
    assert name in faces, f"the PDF uses a font the project does not install: {name}"
    return faces[name]


# Points a run may stray: its width is measured without kerning, so its end may be off by a little.
_TOLERANCE = 2.0


def outside_text_area(path: Path, runs: list[GlyphRun]) -> list[GlyphRun]:
    """Return the `runs` of the PDF at `path` that reach into its side margins or off its page."""
    margin = SIDE_MARGINS_IN[path.name] * 72
    return [run for run in runs
            if run.left < margin - _TOLERANCE or run.right > run.page_width - margin + _TOLERANCE]


def starting_outside_text_area(path: Path) -> list[GlyphRun]:
    """Return the runs of the PDF at `path` that start in its side margins or off its page."""
    margin = SIDE_MARGINS_IN[path.name] * 72
    return [run for run in glyph_runs(path)
            if not margin - _TOLERANCE <= run.left <= run.page_width - margin + _TOLERANCE]
