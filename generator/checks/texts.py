"""The prose of the content that the checks read, field by field, as it is written in the file, and its language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Located

# Fields that hold addresses, numbers, codes, settings or the acknowledgements themselves rather than prose.
_NOT_PROSE = (".email", ".phone", ".web", ".slug", ".status", ".deck", ".flyer", "document.language",
              "acknowledgements", "translation")
# A sites file gives a site's hours and services in another language under `translations: es:`.
_TRANSLATED_FIELD = re.compile(r"\.translations\[([A-Za-z-]+)\]\.")


def prose(material: Located) -> Iterator[tuple[str, str]]:
    """Yield (field, text as written) for every prose field of the material, in file order."""
    for field, written in sorted(material.written.items(), key=lambda item: material.line_of(item[0]) or 0):
        if not any(field.endswith(suffix) or field.startswith(suffix) for suffix in _NOT_PROSE):
            yield field, written


def language_of(located: Located) -> str:
    """Return the language of a content file's text without its region ('es' for es-US); a sites file is English."""
    from ..editions import language_code

    return language_code(located) if hasattr(located, "document") else "en"


def prose_in_languages(located: Located) -> Iterator[tuple[str, str, str]]:
    """Yield (field, text as written, language) for every prose field, in file order.

    A field under a sites file's `translations: es:` is in that language; every other field is in the file's.
    """
    language = language_of(located)
    for field, written in prose(located):
        translated = _TRANSLATED_FIELD.search(field)
        yield field, written, translated.group(1).split("-")[0].lower() if translated else language


def language_file(path: Path, language: str) -> Path:
    """Return the version of a shared content file for a language: words.txt in English, words.es.txt in Spanish."""
    return path if language == "en" else path.with_name(f"{path.stem}.{language}{path.suffix}")


def language_files(path: Path) -> list[Path]:
    """Return a shared content file and its version for every other language beside it, e.g. words.es.txt."""
    return [path] + sorted(path.parent.glob(f"{path.stem}.*{path.suffix}"))
