"""Where the fixed words of the outputs are kept for each language (see model.Labels)."""

from __future__ import annotations

from pathlib import Path

from .model import Labels
from .reading import read_yaml

LABELS = Path(__file__).resolve().parent.parent / "templates" / "labels"


def labels_file(language: str) -> Path:
    """Return the labels file for a language tag such as 'es-US' (its first part names the file)."""
    return LABELS / f"{language.split('-')[0].lower()}.yaml"


def load_labels(language: str) -> Labels:
    """Return the fixed words for a language tag such as 'es-US'."""
    return read_yaml(labels_file(language), Labels)
