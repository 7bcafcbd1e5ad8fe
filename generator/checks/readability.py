"""Reading ease of a block of text: the Flesch-Kincaid grade of English, the Szigriszt-Pazos score of Spanish."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..model import KINDS
from .texts import language_of

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Return an estimate of the syllables in an English word, counting groups of vowels."""
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    # A final silent 'e' ("use", "stage") does not make a syllable; a final consonant + "le" ("able") does.
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        count -= 1
    # "-ed" after a consonant other than t/d is silent ("engaged", "required").
    if word.endswith("ed") and len(word) > 4 and word[-3] not in "aeiouytd":
        count -= 1
    return max(1, count)


def sentences_in(text: str) -> int:
    """Return the number of sentences in `text`; text without a full stop counts as one."""
    return max(1, len(re.findall(r"[.!?]+(?:\s|$)", text.strip())))


def counts(texts: list[str], word: re.Pattern, sentences: Callable[[str], int],
           syllables_of: Callable[[str], int]) -> tuple[int, int, int]:
    """Return the words, sentences and syllables of `texts` read as one block, each text ending a sentence."""
    words = [found for text in texts for found in word.findall(text)]
    return len(words), sum(sentences(text) for text in texts), sum(syllables_of(found) for found in words)


def grade(texts: list[str]) -> float:
    """Return the Flesch-Kincaid grade of `texts` read as one block, each text ending a sentence."""
    words, sentences, syllable_count = counts(texts, _WORD, sentences_in, syllables)
    if not words:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllable_count / words - 15.59


def word_count(texts: list[str], word: re.Pattern = _WORD) -> int:
    """Return how many words `texts` hold (English words, unless `word` says what a word is)."""
    return sum(len(word.findall(text)) for text in texts)


# Spanish: the Szigriszt-Pazos perspicuity (1993), Flesch's formula refitted to Spanish, read on the INFLESZ
# scale (Barrio-Cantalejo et al., 2008), which health writing in Spanish is judged by: the higher, the easier.
_SPANISH_WORD = re.compile(r"[^\W\d_]+")
_SPANISH_VOWEL_RUNS = re.compile(r"[aeiouáéíóúü]+")
# Open vowels, and a close vowel that carries the stress mark (día, país): each is a syllable of its own.
_SYLLABLE_PEAKS = frozenset("aeoáéóíú")
_CLOSING_MARKS = re.compile(r"[.!?…]+(?=\s|$)")
# INFLESZ bands: the lowest score of each, easiest first.
INFLESZ = ((80, "muy fácil"), (65, "bastante fácil"), (55, "normal"), (40, "algo difícil"),
           (float("-inf"), "muy difícil"))


def spanish_syllables(word: str) -> int:
    """Return the syllables of a Spanish word, counted from its vowels as Spanish spelling marks them.

    Two open vowels (le-er, ca-os) and a stressed close vowel beside any other (dí-a) are separate syllables;
    a close vowel beside an open one (cie-lo, pa-tio) or another close one (ciu-dad) is not.
    """
    word = word.lower().replace("h", "")  # silent: a-ho-ra is a-o-ra
    word = re.sub(r"(?<=[qg])u(?=[eiéí])", "", word)  # the u of que, qui, gue, gui is not said
    word = re.sub(r"y(?![aeiouáéíóúü])", "i", word)  # y is a vowel at the end of a syllable (hoy, muy) or alone
    runs = _SPANISH_VOWEL_RUNS.findall(word)
    return max(1, sum(sum(vowel in _SYLLABLE_PEAKS for vowel in run) or 1 for run in runs))


def spanish_sentences_in(text: str) -> int:
    """Return the number of sentences in Spanish `text`; text without a closing mark counts as one.

    A full stop ends a sentence only before a capital, a number or the end of the text: the full stops of
    abbreviations ("p. ej.", "a. m.") are followed by small letters.
    """
    text = text.strip()
    ends = 0
    for mark in _CLOSING_MARKS.finditer(text):
        following = text[mark.end():].lstrip().lstrip("¿¡\"“(")
        ends += not following or following[0].isupper() or following[0].isdigit()
    return max(1, ends)


def perspicuity(texts: list[str]) -> float:
    """Return the Szigriszt-Pazos perspicuity of Spanish `texts` read as one block, each text ending a sentence."""
    words, sentences, syllable_count = counts(texts, _SPANISH_WORD, spanish_sentences_in, spanish_syllables)
    if not words:
        return 100.0
    return 206.835 - 62.3 * syllable_count / words - words / sentences


def inflesz(score: float) -> str:
    """Return the INFLESZ band of a Szigriszt-Pazos score, e.g. 'bastante fácil' for 70."""
    return next(band for lowest, band in INFLESZ if score >= lowest)


# Blocks of text by who reads them: the flyer is for clients, the rest for staff.
CLIENT_GRADE = 8
STAFF_GRADE = 12
# Below this many words a reading formula says little; such blocks are not graded.
FEWEST_WORDS = 30


def blocks(material) -> list[tuple[str, str, int, list[str]]]:
    """Return the blocks to grade: (field that names the block, its first field, target grade, texts).

    The flyer is graded as one block (the title and what it shows of each section), each section as one,
    and the trainer's words as one.
    """
    from ..promises import block_texts, credits, flyer_shows

    not_prose = {item.text for item in credits(material)}
    flyer = [material.document.title] + [item.text for item in flyer_shows(material) if item.text not in not_prose]
    graded = [("flyer", "document.title", CLIENT_GRADE, flyer)]
    for number, section in enumerate(material.sections):
        texts = [section.heading] + [item.text for block in section.blocks
                                     for item in block_texts(section, block) if item.text not in not_prose]
        graded.append((f"sections[{number}]", f"sections[{number}]", STAFF_GRADE, texts))
    cues = material.facilitation
    trainer = [cues.opening_cue, cues.agenda_cue, cues.section_cue, cues.closing_cue, *cues.questions,
               *(getattr(cues.cues, kind) for kind in KINDS)]
    graded.append(("facilitation", "facilitation", STAFF_GRADE, [text for text in trainer if text]))
    return graded


# For each English grade target, the INFLESZ band that Spanish text for the same readers must reach: client text
# "bastante fácil" (the reading of primary school), staff text "algo difícil" (of the last years of secondary school).
SPANISH_TARGETS = {CLIENT_GRADE: "bastante fácil", STAFF_GRADE: "algo difícil"}


def english_difficulty(texts: list[str], target: int) -> str | None:
    """Return how hard English `texts` read, if harder than grade `target`, else None."""
    level = grade(texts)
    return f"reads at grade {level:.1f} (Flesch-Kincaid), above grade {target}" if level > target else None


def spanish_difficulty(texts: list[str], target: int) -> str | None:
    """Return how hard Spanish `texts` read, if harder than the INFLESZ band of grade `target`, else None."""
    score, band = perspicuity(texts), SPANISH_TARGETS[target]
    if score >= next(lowest for lowest, name in INFLESZ if name == band):
        return None
    return f"reads as '{inflesz(score)}' (Szigriszt-Pazos {score:.1f} on the INFLESZ scale), harder than '{band}'"


class Scale(NamedTuple):
    """How the reading ease of one language is measured: its words, and what it says of text that reads too hard."""

    words: re.Pattern
    difficulty: Callable[[list[str], int], str | None]


SCALES = {"en": Scale(_WORD, english_difficulty), "es": Scale(_SPANISH_WORD, spanish_difficulty)}
LANGUAGES = frozenset(SCALES)


def findings(material) -> list:
    """Return a warning for each block of text that reads harder than its readers need, in the text's language."""
    from .findings import WARNING, Finding

    scale = SCALES.get(language_of(material))
    if scale is None:
        return []
    found = []
    for name, first_field, target, texts in blocks(material):
        if word_count(texts, scale.words) < FEWEST_WORDS:
            continue
        difficulty = scale.difficulty(texts, target)
        if difficulty:
            readers = "client-facing" if target == CLIENT_GRADE else "staff-facing"
            found.append(Finding(
                rule="reading-grade", severity=WARNING, file=material.source,
                line=material.line_of(first_field), field=name, message=f"{difficulty} for {readers} text",
                suggestion="use shorter sentences and everyday words; the formula is rough, so let it guide, "
                           "not decide",
            ))
    return found
