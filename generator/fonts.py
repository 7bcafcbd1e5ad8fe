"""The typefaces the project installs from its own dependencies, found on disk."""

from __future__ import annotations

import importlib.util
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


def _package_folder(name: str) -> Path:
    """Return the folder of an installed package without importing it (Carlito's imports a typesetter)."""
    spec = importlib.util.find_spec(name)
    return Path(next(iter(spec.submodule_search_locations)))


# Typefaces embedded in the PDFs.
FAMILIES: dict[str, tuple[FontFace, ...]] = {
    fontpkg_atkinson_hyperlegible.FAMILY: _faces(fontpkg_atkinson_hyperlegible.ROOT / "files", "AtkinsonHyperlegible"),
}

# Typefaces the deck may name, each measured with the files of a metrically identical open font:
# PowerPoint shows Calibri, and Carlito has Calibri's glyph widths and line heights.
SLIDE_FAMILIES: dict[str, tuple[FontFace, ...]] = {
    "Calibri": _faces(_package_folder("rinoh_typeface_carlito"), "Carlito"),
}


def font_faces(family: str) -> tuple[FontFace, ...]:
    """Return the font files of `family`; the family must be one of FAMILIES."""
    return FAMILIES[family]


def face_file(family: str, bold: bool = False) -> Path:
    """Return the file that measures `family` (a PDF or slide family) in regular or bold."""
    faces = FAMILIES.get(family) or SLIDE_FAMILIES[family]
    return next(face.path for face in faces if face.style == "normal" and (face.weight == 700) == bold)


def missing_font_files(*families: str) -> list[Path]:
    """Return the font files of `families` (PDF or slide families) that are not on disk."""
    return [face.path for family in families for face in (FAMILIES.get(family) or SLIDE_FAMILIES.get(family, ()))
            if not face.path.is_file()]
