"""Editions: the English source and its translations, found beside it and built side by side."""

from __future__ import annotations

from pathlib import Path

from .content import load_content
from .errors import ContentError, UserError
from .model import Material
from .translation import with_currency


def translations_of(content: Path) -> list[Path]:
    """Return the translations next to an English content file: harm-reduction.es.yaml for harm-reduction.yaml."""
    content = Path(content)
    stem = content.name.removesuffix(".yaml")
    return sorted(path for path in content.parent.glob(f"{stem}.*.yaml") if path.name.count(".") == 2)


def language_code(material: Material) -> str:
    """Return the material's language without its region: 'es' for es-US."""
    return material.document.language.split("-")[0].lower()


def load_editions(content: Path, brand: Path, languages: list[str] | None = None) -> list[Material]:
    """Return the English material first, then each translation, limited to `languages` (codes) if given.

    Every file is read and checked before any problem is reported.
    """
    problems, editions = [], []
    for path in [Path(content)] + translations_of(content):
        try:
            editions.append(load_content(path, brand))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(list(dict.fromkeys(problems)))  # the brand, shared by every edition, once
    editions = editions[:1] + [with_currency(editions[0], translated) for translated in editions[1:]]
    if languages:
        found = [language_code(material) for material in editions]
        unknown = [code for code in languages if code not in found]
        if unknown:
            raise UserError(f"there is no '{unknown[0]}' edition; found: {', '.join(found)}")
        editions = [material for material in editions if language_code(material) in languages]
    return editions

