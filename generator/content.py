"""Load the content and brand files once into one validated, immutable model."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from pathlib import Path

from .characters import named
from .errors import ContentError, Problem
from .fonts import FAMILIES, SLIDE_FAMILIES, FontFace, missing_font_files
from .logo import LogoProblem, read_logo
from .model import Brand, Labels, Located, Material
from .reading import read_yaml

PROJECT = Path(__file__).resolve().parent.parent
CONTENT_FOLDER = Path("content")
DEFAULT_BRAND = CONTENT_FOLDER / "brand.yaml"
# Files of the content folder that every material shares, and so are not materials themselves.
SHARED_FILES = ("brand.yaml", "stigma-glossary.yaml", "stigma-glossary.es.yaml")


def is_material_file(path: Path) -> bool:
    """Return whether `path` is a material: a YAML file that is not shared, a sites file or a translation."""
    name = Path(path).name
    return (name.endswith(".yaml") and name not in SHARED_FILES and not name.startswith("sites")
            and name.count(".") == 1)


def material_files(folder: Path = CONTENT_FOLDER) -> list[Path]:
    """Return every material in the content folder, by name."""
    return sorted(path for path in Path(folder).glob("*.yaml") if is_material_file(path))


def find_materials(named: list[str] | None, folder: Path = CONTENT_FOLDER) -> list[Path]:
    """Return the material files `named` (paths, or names of files in `folder`), or every material in `folder`.

    Raise UserError naming the materials that exist when a name matches none.
    """
    from .errors import UserError

    if not named:
        found = material_files(folder)
        if not found:
            raise UserError(f"{folder}/ holds no material; start one with `python -m generator new NAME`")
        return found
    paths = []
    for name in named:
        path = Path(name)
        # A name with a folder or an ending is a path as typed; a bare name is a material of `folder`.
        if len(path.parts) == 1 and not path.suffix:
            path = Path(folder) / f"{name}.yaml"
        if not path.is_file():
            known = ", ".join(file.stem for file in material_files(folder)) or "none yet"
            raise UserError(f"there is no material '{name}' ({path} does not exist); the materials are: {known}")
        if path.suffix != ".yaml":
            raise UserError(f"{path} is not a material: a material's file name ends in .yaml")
        if not is_material_file(path):
            raise UserError(f"{path} is not a material: the brand, the glossary, sites files and translations "
                            "are read along with the materials, not built on their own")
        paths.append(path)
    return list(dict.fromkeys(paths))


def load_content(content_path: Path, brand_path: Path = DEFAULT_BRAND) -> Material:
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
    missing = missing_font_files(brand.fonts.print, brand.fonts.slides)
    if missing:
        from .errors import BuildError

        raise BuildError(f"the font file {missing[0]} is missing, though the project installs it; reinstall the "
                         "project's packages with `make clean && make`")
    problems = (unshowable_characters(material, brand) + unshowable_characters(brand, brand)
                + call_to_action_problems(material, brand))
    if problems:
        raise ContentError(problems)
    return dataclasses.replace(material, brand=brand, labels=labels_for(material))


def call_to_action_problems(material: Material, brand: Brand) -> list[Problem]:
    """Return a problem for each {name} of the material's call to action that the brand cannot fill in."""
    import string

    where = (material.source, material.line_of("call_to_action"), "call_to_action")
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(material.call_to_action) if name is not None]
    except ValueError:
        return [Problem(*where, "has a { or } that opens or closes nothing; write {phone} or {website}, "
                                "or leave braces out")]
    problems = []
    for name in dict.fromkeys(names):
        if name not in ("phone", "website"):
            problems.append(Problem(*where, f"names {{{name}}}, which is not filled in; use {{phone}} or {{website}}"))
        elif not getattr(brand, name):
            problems.append(Problem(*where, f"names {{{name}}}, but {brand.source} gives no {name}; add it there, "
                                            "or take it out of the sentence"))
    return problems


def labels_for(material: Material) -> Labels:
    """Return the fixed words of the outputs in the material's language, or say which file to add."""
    from .labels import labels_file, load_labels

    language = material.document.language
    if not labels_file(language).exists():
        raise ContentError([Problem(material.source, material.line_of("document.language"), "document.language",
                                    f"there are no output labels for '{language}' yet; add "
                                    f"templates/labels/{labels_file(language).name} (copy en.yaml and translate it)")])
    return load_labels(language)


def read_brand(path: Path) -> Brand:
    """Return the brand in `path`, checking its fonts are ones the project installs and its logo can be shown.

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
    if brand.logo:
        try:
            read_logo(brand.logo_path, Path(path).parent)
        except LogoProblem as problem:
            problems.append(Problem(str(path), brand.line_of("logo.file"), "logo.file", str(problem)))
    if problems:
        raise ContentError(problems)
    return brand


def unshowable_characters(located: Located, brand: Brand) -> list[Problem]:
    """Return a problem for each text of `located` with characters the brand's PDF or slide font has no glyph for.

    The PDF renderer would quietly borrow another font (or draw a box) and PowerPoint would do the same, so
    such text is refused before anything is built. White space is fine: it becomes plain spaces.
    """
    fonts = {brand.fonts.print: showable_characters(FAMILIES[brand.fonts.print]),
             brand.fonts.slides: showable_characters(SLIDE_FAMILIES[brand.fonts.slides])}
    problems = []
    for field, written in located.written.items():
        text = unicodedata.normalize("NFC", written)  # as the reader keeps it
        missing = [c for c in dict.fromkeys(text)
                   if not c.isspace() and any(ord(c) not in covered for covered in fonts.values())]
        if missing:
            lacking = [name for name, covered in fonts.items() if any(ord(c) not in covered for c in missing)]
            problems.append(Problem(located.source, located.line_of(field), field, _unshowable(missing, lacking)))
    return sorted(problems, key=lambda problem: problem.line or 0)


@functools.cache
def showable_characters(faces: tuple[FontFace, ...]) -> frozenset[int]:
    """Return the characters every face of a family has a glyph for (text may be set in any of them).

    Control characters never count: some fonts map one to an empty glyph, and the deck's XML cannot hold them.
    """
    from fontTools.ttLib import TTFont

    covered = None
    for face in faces:
        with TTFont(face.path, lazy=True) as font:
            characters = frozenset(code for code in font.getBestCmap() if unicodedata.category(chr(code)) != "Cc")
        covered = characters if covered is None else covered & characters
    return covered


def _unshowable(characters: list[str], fonts: list[str]) -> str:
    """Return the message for `characters` that `fonts` cannot show, naming at most three of them."""
    shown = [named(character) for character in characters[:3]]
    if len(characters) > 3:
        shown.append(f"{len(characters) - 3} more")
    listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    if len(characters) == 1:
        return (f"the character {listed} cannot be shown in {' or '.join(fonts)}; "
                "remove it or replace it with words")
    return (f"the characters {listed} cannot be shown in {' or '.join(fonts)}; "
            "remove them or replace them with words")

