"""Read what a person or a screen reader finds in a PDF: text, type sizes, links, fonts, tags."""

from __future__ import annotations

import functools
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from .conftest import words


def text_sizes(path: Path) -> list[tuple[str, float]]:
    """Return each run of text in the PDF with the size, in points, it is printed at."""
    stat = Path(path).stat()
    return list(_text_sizes(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=32)
def _text_sizes(path: str, modified: int, size: int) -> tuple[tuple[str, float], ...]:
    """Return the runs of text of the PDF at `path` as it was when `modified` with `size` bytes: read once, since
    reading them takes a second and a test may ask for many phrases of one file."""
    runs: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((words(text), round(size * abs(tm[3]) * abs(cm[3]), 1)))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return tuple(runs)


def smallest_size_of(path: Path, phrase: str) -> float:
    """Return the smallest type size of the text runs that make up `phrase`."""
    sizes = [size for text, size in text_sizes(path) if text and text in phrase]
    assert sizes, f"{phrase!r} is not in {path.name}"
    return min(sizes)


def link_targets(path: Path) -> list[str]:
    """Return the URI of every link annotation in the PDF."""
    targets = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                targets.append(str(annotation["/A"].get("/URI")))
    return targets


def fonts(path: Path) -> dict[str, bool]:
    """Return each font the PDF uses, and whether its file is embedded."""
    found = {}
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else DictionaryObject()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


def structure_roles(path: Path) -> list[str]:
    """Return the roles (H1, P, Table, TH ...) in the PDF's structure tree, in reading order."""
    roles: list[str] = []

    def walk(element):
        element = element.get_object()
        if isinstance(element, DictionaryObject):
            if "/S" in element:
                roles.append(str(element["/S"]).lstrip("/"))
            kids = element.get("/K")
            if kids is not None:
                kids = kids.get_object()
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)
        elif isinstance(element, list):
            for kid in element:
                walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return roles


def sizes_where_printed(runs: list[tuple[str, float]], phrase: str) -> list[float]:
    """Return the sizes of the `runs` (from `text_sizes`) that, read one after another, print `phrase`, wherever it is.

    Unlike `smallest_size_of`, a short line elsewhere that happens to be part of
    `phrase` (a lone "use)") does not count: only runs that together spell the
    whole phrase do.
    """
    def squeezed(text: str) -> str:
        return "".join(text.split())

    wanted = squeezed(phrase)
    sizes: list[float] = []
    for start in range(len(runs)):
        spelled, covering = "", []
        for text, size in runs[start:]:
            spelled += squeezed(text)
            covering.append(size)
            if not wanted.startswith(spelled) or spelled == wanted:
                break
        if spelled == wanted:
            sizes += covering
    return sizes
