"""Translations: which entries of a translated content file match the English text they were made from."""

from __future__ import annotations

import hashlib


def fingerprint(english: str) -> str:
    """Return the fingerprint of an English text: it changes when the words change, not when lines are re-wrapped."""
    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:12]
