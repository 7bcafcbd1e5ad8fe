"""Measure text as a slide program lays it out: wrapped into lines with the font's real glyph widths."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from .typesetting import unbreakable

POINTS_PER_INCH = 72
BREAKS = re.compile(r"[ \t\n\r\f\v]+")  # where a line may break: white space, but not a no-break space


@dataclass(frozen=True)
class FontMetrics:
    """The widths and line height of one font file, in font units."""

    units_per_em: int
    advances: dict[int, int]
    fallback_advance: int
    line_height: float

    def width(self, text: str, size: float) -> float:
        """Return the width of `text` set on one line at `size` points, in points."""
        units = sum(self.advances.get(ord(character), self.fallback_advance) for character in text)
        return units * size / self.units_per_em

    def line_spacing(self, size: float) -> float:
        """Return the distance between baselines of single-spaced lines at `size` points, in points."""
        return self.line_height * size


@functools.cache
def metrics(path: Path) -> FontMetrics:
    """Return the metrics of the font file at `path`."""
    # fontTools logs harmless remarks about font headers (e.g. an old creation date); they are not ours to fix.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
        widths = font["hmtx"].metrics
        advances = {code: widths[glyph][0] for code, glyph in cmap.items()}
        units = font["head"].unitsPerEm
        # Office lays out single-spaced lines by the font's Windows ascent and descent.
        os2 = font["OS/2"]
        line_height = (os2.usWinAscent + os2.usWinDescent) / units
    return FontMetrics(units, advances, max(advances.values()), line_height)


def wrap(text: str, font: FontMetrics, size: float, width: float) -> list[str]:
    """Return `text` broken into lines no wider than `width` points, breaking at spaces.

    A word wider than a whole line is broken between characters, as slide
    programs do. Breaking only at spaces (never after hyphens) never gives
    fewer lines than PowerPoint does, so a measure that fits here fits there.
    """
    lines: list[str] = []
    line = ""
    # Broken at white space but not at a no-break space, which joins two words into one (see typesetting.py).
    for word in BREAKS.split(unbreakable(text).strip(" \t\n\r\f\v")):
        candidate = f"{line} {word}" if line else word
        if font.width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while font.width(word, size) > width:
            cut = max(1, _longest_prefix(word, font, size, width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def _longest_prefix(word: str, font: FontMetrics, size: float, width: float) -> int:
    for end in range(len(word), 0, -1):
        if font.width(word[:end], size) <= width:
            return end
    return 0


@dataclass(frozen=True)
class Run:
    """A paragraph to measure: its text, type size, weight and the space after it, in points."""

    text: str
    size: float
    bold: bool = False
    space_after: float = 0.0


def text_height(paragraphs: list[Run], family: str, width: float) -> float:
    """Return the height, in points, of single-spaced `paragraphs` wrapped to `width` points."""
    from .fonts import face_file

    height = 0.0
    for paragraph in paragraphs:
        font = metrics(face_file(family, paragraph.bold))
        lines = wrap(paragraph.text, font, paragraph.size, width)
        height += len(lines) * font.line_spacing(paragraph.size) + paragraph.space_after
    return height
