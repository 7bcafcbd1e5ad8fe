"""The typefaces the project installs from its own dependencies, found on disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fontpkg_atkinson_hyperlegible


@dataclass(frozen=True)
class FontFace:
    """One font file and the CSS weight and style it provides."""

    path: Path
    weight: int
    style: str


def _faces(root: Path, stem: str) -> tuple[FontFace, ...]:
    return (
        FontFace(root / f"{stem}-Regular.ttf", 400, "normal"),
        FontFace(root / f"{stem}-Italic.ttf", 400, "italic"),
        FontFace(root / f"{stem}-Bold.ttf", 700, "normal"),
        FontFace(root / f"{stem}-BoldItalic.ttf", 700, "italic"),
    )


FAMILIES: dict[str, tuple[FontFace, ...]] = {
    fontpkg_atkinson_hyperlegible.FAMILY: _faces(fontpkg_atkinson_hyperlegible.ROOT / "files", "AtkinsonHyperlegible"),
}


def font_faces(family: str) -> tuple[FontFace, ...]:
    """Return the font files of `family`; the family must be one of FAMILIES."""
    return FAMILIES[family]
