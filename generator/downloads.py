"""What a page says of a file to download: its kind, its length and its size, as GOV.UK's guidance asks, so that a
reader knows what opening it costs before they open it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import Labels

KINDS = {".pdf": "PDF", ".pptx": "PowerPoint", ".html": "HTML"}


@dataclass(frozen=True)
class Download:
    """A file beside a page, and what the page says of it."""

    filename: str  # its name in the folder, which the page's link opens
    name: str  # what the page calls it, e.g. 'Flyer for the wall'
    facts: str  # e.g. 'PDF, 1 page, 212 KB'


def file_facts(path: Path, labels: Labels) -> str:
    """Return what a reader should know of the file at `path` before opening it, e.g. 'PDF, 1 page, 212 KB'."""
    from .manifest import count_of

    unit, count = count_of(path)
    return facts_of(path.name, unit, count, path.stat().st_size, labels)


def facts_of(filename: str, unit: str, count: int, size: int, labels: Labels) -> str:
    """Return the facts of a file named `filename` of `count` pages or slides (`unit`) and `size` bytes; a web page
    has no pages to count."""
    kind = KINDS.get(Path(filename).suffix, Path(filename).suffix[1:].upper())
    if Path(filename).suffix == ".html":
        return labels.unpaged_file_facts.format(kind=kind, size=human_size(size, labels.decimal_mark))
    length = labels.one_page if count == 1 else labels.pages_count
    if unit == "slides":
        length = labels.one_slide if count == 1 else labels.slides_count
    return labels.file_facts.format(kind=kind, length=length.format(count=count),
                                    size=human_size(size, labels.decimal_mark))


def human_size(size: int, decimal_mark: str = ".") -> str:
    """Return a file size as people say it: '820 bytes', '43 KB', '1.2 MB' (or '1,2 MB' with a comma)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 999_500:
        return f"{round(size / 1000)} KB"
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    return f"{size / 1_000_000:.1f} MB".replace(".", decimal_mark)
