"""How messages show characters a reader cannot see or a font cannot draw."""

from __future__ import annotations

import unicodedata

# Characters without a name of their own, described by their Unicode category.
_KINDS = {"Cc": "a control character", "Cs": "half of a surrogate pair, not a character on its own",
          "Co": "a private-use character", "Cn": "not a character Unicode defines"}


def named(character: str) -> str:
    """Return `character` as a message names it: '😀' (U+1F600 GRINNING FACE), or U+0007 (a control character)."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, None)
    # Letters, digits, punctuation and symbols are shown; marks, spaces and controls would be invisible.
    if name and unicodedata.category(character)[0] in "LNPS":
        return f"'{character}' ({code} {name})"
    return f"{code} ({name or _KINDS.get(unicodedata.category(character), 'unnamed')})"


def printable(text: str) -> str:
    """Return `text` with each character a terminal cannot show (or could be fooled by) written as an escape."""
    return "".join(character if character.isprintable() else ascii(character)[1:-1] for character in text)
