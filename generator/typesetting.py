"""Where a line must not break, in every output and language: the no-break rules applied to the text shown.

A reader stumbles over "8:30 am to" at the end of one line and "5 pm" at the start
of the next, or over "10" and "am" split apart. The rules join, with no-break
spaces:
- a number and its unit or time of day: "4 mg", "20 pt", "10 am", "5 p. m.";
- the two halves of the Spanish "a. m." and "p. m.", and of "p. ej." (for example);
- a time range: "8:30 am to 5 pm", "de 8:30 a. m. a 5 p. m.", "10 – 11 am";
- a phone number's area code and the rest: "(203) 555-0142".
The PDFs apply them to every value their templates show (see templating.py), and
the deck to every text it writes and measures (see builders/slides.py and measure.py).
Headings and titles also keep their last two words together (keep_last_words_together),
so that none ends with one word alone on its last line.

A short hyphenated compound ("harm-reduction", "housing-first", "peer-based") reads as
one word, so the PDFs keep it on one line (compounds); a long one may still break at its
hyphen rather than run out of a narrow column. The deck cannot: neither Calibri nor its
twin has a non-breaking hyphen, and PowerPoint breaks after any hyphen.
"""

from __future__ import annotations

import re

NO_BREAK = "\u00a0"

# "a. m." and "p. m." (Spanish, with the space the RAE's style has) as one unit.
_SPANISH_MERIDIEM = re.compile(r"\b([ap])\. (m\.)", re.IGNORECASE)
# "p. ej." (Spanish for "e.g."), which a line must not end inside.
_FOR_EXAMPLE = re.compile(r"\b(p)\. (ej\.)", re.IGNORECASE)
# A number, then a unit or a time of day; the unit ends where no letter follows.
_UNITS = (r"am|pm|a\.m\.|p\.m\.|[ap]\.\u00a0m\.|mg|mcg|ml|mL|g|kg|mm|cm|m|km|ft|lb|oz|pt|%|°F|°C|h|min|"
          r"minutes?|minutos?|hours?|horas?|days?|días?")
_NUMBER_AND_UNIT = re.compile(rf"(\d) (?=(?:{_UNITS})(?![^\W\d_]))")
# A time, with its time of day if it has one, then the word or dash that leads to the next time.
_TIME = r"\d{1,2}(?:[:.]\d{2})?(?:\u00a0(?:am|pm|a\.m\.|p\.m\.|[ap]\.\u00a0m\.))?"
_TIME_RANGE = re.compile(rf"({_TIME}) (to|a|until|hasta|–|-) (?=\d)", re.IGNORECASE)
_AREA_CODE = re.compile(r"(\(\d{3}\)) (?=\d)")


def unbreakable(text: str) -> str:
    """Return `text` with no-break spaces where a line must not break (see the module's rules)."""
    if "p. ej." in text.lower():
        text = _FOR_EXAMPLE.sub(rf"\1.{NO_BREAK}\2", text)
    if not any(character.isdigit() for character in text):
        return text
    text = _SPANISH_MERIDIEM.sub(rf"\1.{NO_BREAK}\2", text)
    text = _NUMBER_AND_UNIT.sub(rf"\1{NO_BREAK}", text)
    text = _TIME_RANGE.sub(rf"\1{NO_BREAK}\2{NO_BREAK}", text)
    return _AREA_CODE.sub(rf"\1{NO_BREAK}", text)


# Two last words longer than this are left apart: joined, they could be wider than a narrow column, which
# would then break one of them between two letters.
LONGEST_JOINED_ENDING = 16


def keep_last_words_together(text: str) -> str:
    """Return `text` with its last two words joined by a no-break space, so no line ends with one word alone."""
    head, space, last = text.rpartition(" ")
    if not space or len(head.rpartition(" ")[2]) + 1 + len(last) > LONGEST_JOINED_ENDING:
        return text
    return f"{head}{NO_BREAK}{last}"


def around(text: str, word: str) -> tuple[str, str, str]:
    """Return `text` cut at the first whole `word` in it, as (before, word, after), or (text, '', '') without one."""
    parts = re.split(rf"\b({re.escape(word)})\b", text, maxsplit=1) if word else [text]
    return tuple(parts) if len(parts) == 3 else (text, "", "")


# Letters joined by hyphens, no longer than this: kept whole, such a compound is narrower than any column.
LONGEST_COMPOUND = 18
_COMPOUND = re.compile(r"(?<![\w./@-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w/@-]|\.\w)")


def compounds(text: str) -> list[tuple[str, bool]]:
    """Return `text` cut into (piece, whether it is a short hyphenated compound to keep on one line)."""
    pieces, start = [], 0
    for found in _COMPOUND.finditer(text):
        if len(found.group()) > LONGEST_COMPOUND:
            continue
        pieces += [(text[start:found.start()], False)] if found.start() > start else []
        pieces.append((found.group(), True))
        start = found.end()
    return pieces + ([(text[start:], False)] if start < len(text) else [])
