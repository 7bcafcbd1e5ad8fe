"""Language that stigmatises: terms from each language's glossary, found as whole words in any of their forms."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Glossary, GlossaryTerm, Material
from ..reading import read_yaml, while_unchanged
from .findings import Finding
from .texts import language_file, prose_in_languages

GLOSSARY = Path(__file__).resolve().parent.parent.parent / "content" / "stigma-glossary.yaml"


def glossary_file(language: str) -> Path:
    """Return the glossary of a language: stigma-glossary.yaml for English, stigma-glossary.es.yaml for Spanish."""
    return language_file(GLOSSARY, language)


def load_glossary(path: Path = GLOSSARY) -> Glossary:
    """Return the glossary of stigmatising terms, read again whenever the file has changed."""
    return _read_glossary(path)


def knows(language: str) -> bool:
    """Return whether there is a glossary for `language`."""
    return glossary_file(language).is_file()


@while_unchanged
def _read_glossary(path: Path) -> Glossary:
    return read_yaml(path, Glossary)


def forms(word: str) -> list[str]:
    """Return an English word with its plural, possessive and verb forms: 'abuse' -> abuses, abused, abuser ..."""
    found = {word, word + "s", word + "'s", word + "’s", word + "s'"}
    if word.endswith("e"):
        found |= {word + "d", word[:-1] + "ing", word + "r", word + "rs"}
    elif word.endswith("y"):
        found |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing", word + "er", word + "ers"}
    else:
        found |= {word + "es", word + "ed", word + "ing", word + "er", word + "ers"}
    # Longest first, so "abusers" is matched whole rather than as "abuser".
    return sorted(found, key=len, reverse=True)


def spanish_forms(word: str) -> list[str]:
    """Return a Spanish word in both genders and numbers: 'adicto' -> adicta, adictos, adictas; 'yonqui' -> yonquis."""
    if word.endswith(("o", "a")):
        found = {word[:-1] + ending for ending in ("o", "a", "os", "as")}
    elif word[-1] in "eiuáéíóú":
        found = {word, word + "s"}
    else:
        found = {word, word + "es", word + "a", word + "as"}  # abusador, abusadora, abusadores, abusadoras
    return sorted(found, key=len, reverse=True)


def term_pattern(term: str, language: str = "en") -> re.Pattern:
    """Return the pattern that finds `term` as whole words, in any case, its main word in any form.

    The main word of an English term is its last ('drug abuser'), of a Spanish one its first ('abuso de drogas').
    """
    words = term.split()
    if language == "es":
        head, rest = rf"(?:{'|'.join(re.escape(form) for form in spanish_forms(words[0]))})", words[1:]
        pattern = head + "".join(rf"\s+{re.escape(word)}" for word in rest)
    else:
        *first, last = words
        lead = "".join(rf"{re.escape(word)}\s+" for word in first)
        pattern = lead + rf"(?:{'|'.join(re.escape(form) for form in forms(last))})"
    return re.compile(rf"\b{pattern}\b", re.IGNORECASE)


def findings(material: Material, glossary: Glossary | None = None) -> list[Finding]:
    """Return a finding for every glossary term in the material's text, in reading order.

    Each text is read with the glossary of its language; `glossary`, if given, is used for every text.
    """
    patterns = {}
    found = []
    for field, text, language in prose_in_languages(material):
        if language not in patterns:
            patterns[language] = _patterns(glossary, language)
        matches = [(match, term) for term, pattern in patterns[language] for match in pattern.finditer(text)]
        # Where terms overlap ("substance abuse", "abuse"), the longest match, then the longest term, wins.
        matches.sort(key=lambda item: (item[0].start(), -len(item[0].group(0)), -len(item[1].term)))
        taken_until = -1
        for match, term in matches:
            if match.start() >= taken_until:
                found.append(_finding(material, field, match.group(0), term))
                taken_until = match.end()
    return found


def _patterns(glossary: Glossary | None, language: str) -> list[tuple[GlossaryTerm, re.Pattern]]:
    """Return each term of `glossary` (by default the language's own, if it has one) with the pattern that finds it."""
    if glossary is None:
        if not knows(language):
            return []
        glossary = load_glossary(glossary_file(language))
    return [(term, term_pattern(term.term, language)) for term in glossary.terms]


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
