"""Reading grade: the Flesch-Kincaid grade level of a block of text."""

from __future__ import annotations

import re

from ..model import KINDS

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


def grade(texts: list[str]) -> float:
    """Return the Flesch-Kincaid grade of `texts` read as one block, each text ending a sentence."""
    words = [word for text in texts for word in _WORD.findall(text)]
    if not words:
        return 0.0
    sentences = sum(sentences_in(text) for text in texts)
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


def word_count(texts: list[str]) -> int:
    """Return how many words `texts` hold."""
    return sum(len(_WORD.findall(text)) for text in texts)


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


def findings(material) -> list:
    """Return a warning for each block of text that reads above the grade its readers need."""
    from .findings import WARNING, Finding

    found = []
    for name, first_field, target, texts in blocks(material):
        if word_count(texts) < FEWEST_WORDS:
            continue
        level = grade(texts)
        if level > target:
            readers = "client-facing" if target == CLIENT_GRADE else "staff-facing"
            found.append(Finding(
                rule="reading-grade", severity=WARNING, file=material.source,
                line=material.line_of(first_field), field=name,
                message=f"reads at grade {level:.1f} (Flesch-Kincaid), above grade {target} for {readers} text",
                suggestion="use shorter sentences and everyday words; the formula is rough, so let it guide, "
                           "not decide",
            ))
    return found
