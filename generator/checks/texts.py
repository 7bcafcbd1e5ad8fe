"""The prose of the content that the checks read, field by field, as it is written in the file."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Located

# Fields that hold addresses, numbers, codes or the acknowledgements themselves rather than prose.
_NOT_PROSE = (".email", ".phone", ".web", ".slug", "document.language", "acknowledgements", "translation")


def prose(material: Located) -> Iterator[tuple[str, str]]:
    """Yield (field, text as written) for every prose field of the material, in file order."""
    for field, written in sorted(material.written.items(), key=lambda item: material.line_of(item[0]) or 0):
        if not any(field.endswith(suffix) or field.startswith(suffix) for suffix in _NOT_PROSE):
            yield field, written
