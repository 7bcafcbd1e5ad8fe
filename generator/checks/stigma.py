"""Language that stigmatises: terms from the glossary, found as whole words in any of their forms."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Glossary, GlossaryTerm, Material
from ..reading import read_yaml, while_unchanged
from .findings import Finding
from .texts import prose

GLOSSARY = Path(__file__).resolve().parent.parent.parent / "content" / "stigma-glossary.yaml"


def load_glossary(path: Path = GLOSSARY) -> Glossary:
    """Return the glossary of stigmatising terms, read again whenever the file has changed."""
    return _read_glossary(path)


@while_unchanged
def _read_glossary(path: Path) -> Glossary:
    return read_yaml(path, Glossary)


def forms(word: str) -> list[str]:
    """Return a word with its plural, possessive and verb forms: 'abuse' -> abuses, abused, abusing, abuser ..."""
    found = {word, word + "s", word + "'s", word + "’s", word + "s'"}
    if word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing", word + "r", word + "rs"}
    elif word.endswith("y"):
        found |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing", word + "er", word + "ers"}
    else:
        found |= {word + "es", word + "ed", word + "ing", word + "er", word + "ers"}
    # Longest first, so "abusers" is matched whole rather than as "abuser".
    return sorted(found, key=len, reverse=True)


def term_pattern(term: str) -> re.Pattern:
    """Return the pattern that finds `term` as whole words, in any case, its last word in any form."""
    *first, last = term.split()
    lead = "".join(rf"{re.escape(word)}\s+" for word in first)
    return re.compile(rf"\b{lead}(?:{'|'.join(re.escape(form) for form in forms(last))})\b", re.IGNORECASE)


def findings(material: Material, glossary: Glossary | None = None) -> list[Finding]:
    """Return a finding for every glossary term in the material's text, in reading order."""
    glossary = glossary or load_glossary()
    patterns = [(term, term_pattern(term.term)) for term in glossary.terms]
    found = []
    for field, text in prose(material):
        matches = [(match, term) for term, pattern in patterns for match in pattern.finditer(text)]
        # Where terms overlap ("substance abuse", "abuse"), the longest match, then the longest term, wins.
        matches.sort(key=lambda item: (item[0].start(), -len(item[0].group(0)), -len(item[1].term)))
        taken_until = -1
        for match, term in matches:
            if match.start() >= taken_until:
                found.append(_finding(material, field, match.group(0), term))
                taken_until = match.end()
    return found


def _finding(material: Material, field: str, words: str, term: GlossaryTerm) -> Finding:
    alternatives = " or ".join(f"'{alternative}'" for alternative in term.instead)
    note = f" ({term.note})" if term.note else ""
    return Finding(
        rule="stigma",
        severity=term.severity,
        file=material.source,
        line=material.line_of(field),
        field=field,
        message=f"'{words}' can stigmatise people who use drugs{note}",
        suggestion=f"say {alternatives} ({term.source})",
        term=words,
    )
