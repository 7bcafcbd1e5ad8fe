"""Load the content and brand files once into one validated, immutable model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .errors import ContentError, Problem
from .fonts import FAMILIES
from .model import Brand, Material
from .reading import read_yaml

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = Path("content/harm-reduction.yaml")
DEFAULT_BRAND = Path("content/brand.yaml")


def load_content(content_path: Path = DEFAULT_CONTENT, brand_path: Path = DEFAULT_BRAND) -> Material:
    """Return the material in `content_path` shown in the brand of `brand_path`.

    Both files are read and checked in full before anything is reported, so
    one ContentError lists every problem in both.
    """
    problems: list[Problem] = []
    material = brand = None
    try:
        material = read_yaml(Path(content_path), Material)
    except ContentError as error:
        problems += error.problems
    try:
        brand = read_brand(Path(brand_path))
    except ContentError as error:
        problems += error.problems
    if problems:
        raise ContentError(problems)
    return dataclasses.replace(material, brand=brand)


def read_brand(path: Path) -> Brand:
    """Return the brand in `path`, checking that its fonts are ones the project installs."""
    brand = read_yaml(path, Brand)
    if brand.fonts.print not in FAMILIES:
        choices = ", ".join(FAMILIES)
        line = _line_of(path, "print:")
        raise ContentError([Problem(str(path), line, "fonts.print",
                                    f"unknown font '{brand.fonts.print}'; choose from: {choices}")])
    return brand


def _line_of(path: Path, text: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip().startswith(text):
            return number
    return None
