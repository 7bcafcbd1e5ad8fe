"""Load the content and brand files once into one validated, immutable model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .errors import ContentError, Problem
from .fonts import FAMILIES, SLIDE_FAMILIES
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
    """Return the brand in `path`, checking its fonts are ones the project installs.

    Its colours' contrast is a check of its own (see checks/), reported with the other findings.
    """
    brand = read_yaml(path, Brand)
    problems = []
    if brand.fonts.print not in FAMILIES:
        problems.append(Problem(str(path), brand.line_of("fonts.print"), "fonts.print",
                                f"unknown font '{brand.fonts.print}'; choose from: {', '.join(FAMILIES)}"))
    if brand.fonts.slides not in SLIDE_FAMILIES:
        problems.append(Problem(str(path), brand.line_of("fonts.slides"), "fonts.slides",
                                f"unknown font '{brand.fonts.slides}'; choose from: {', '.join(SLIDE_FAMILIES)}"))
    if problems:
        raise ContentError(problems)
    return brand
