"""Mechanical slips in the prose: doubled marks and words, unpaired brackets, stray spaces, dashes and spelling."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ..content import PROJECT
from ..reading import while_unchanged
from ..model import Material
from .findings import ERROR, WARNING, Finding
from .texts import language_file, language_of, prose

WORD_LIST = PROJECT / "content" / "words.txt"
# The languages whose spelling is checked. pyspellchecker's Spanish list holds each word in its dictionary form
# only ("persona", but not "personas", "está" or "sepan"), so a Spanish word it lacks is also looked up among the
# inflected forms that simplemma knows.
LANGUAGES = frozenset({"en", "es"})

_MARK_NAMES = {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon", "!": "exclamation mark",
               "?": "question mark", ")": "closing bracket"}
_REPEATED_MARK = re.compile(r"([.,;:!?])\1+")
_LETTERS = r"[^\W\d_]+"
_WORD = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*")
_DOUBLED_WORD = re.compile(rf"(?<![\w'’])({_WORD.pattern})\s+(\1)(?![\w'’])", re.IGNORECASE)
_PAIRS = {"(": ")", "[": "]", "“": "”"}
_CLOSERS = {closer: opener for opener, closer in _PAIRS.items()}
_PAIR_NAMES = {"(": ("bracket", "aside"), "[": ("square bracket", "aside"), "“": ("quotation mark", "quotation")}
_SPACES = re.compile(r" +")
_SPACED_HYPHEN = re.compile(r"(?<=[^\s-]) +-(?!-) +(?=[^\s-])")
_DOUBLE_HYPHEN = re.compile(r" *-{2,} *")
_DASHES = {"–": "en dash", "—": "em dash"}
# A bare domain ends in a lower-case ending (example.org), so "end.Next", a missing space, is still read.
_WEB_ADDRESS = re.compile(r"(?i:https?://|www\.)\S*|(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?")
_WORD_PARTS = re.compile(r"[-‐‑/–—]")


class Slip(NamedTuple):
    """One slip found in a text: the words it is in, what is wrong, and what to write instead."""

    term: str
    message: str
    suggestion: str


def findings(material: Material, words: frozenset[str] | None = None, spelling: bool = True) -> list[Finding]:
    """Return a finding for every mechanical slip in the material's prose, in file order.

    `words` are the correct words the dictionary lacks; by default those of the word list of the material's
    language (content/words.txt, content/words.es.txt). Spelling is checked only with `spelling`, and only in a
    language with a dictionary.
    """
    language = language_of(material)
    spelling = spelling and language in LANGUAGES
    words = project_words(word_list(language)) if words is None and spelling else (words or frozenset())
    texts = [(field, as_read(written)) for field, written in prose(material)]
    found = []
    for field, text in texts:
        for rule, severity, slips in (
            ("doubled-punctuation", ERROR, doubled_punctuation(text)),
            ("doubled-word", ERROR, doubled_words(text)),
            ("unbalanced", ERROR, unbalanced(text)),
            ("stray-space", WARNING, stray_spaces(text)),
            ("dash-style", WARNING, hyphens_as_dashes(text)),
            ("spelling", WARNING, misspellings(text, words, language) if spelling else []),
        ):
            found += [_finding(material, rule, severity, field, slip) for slip in slips]
    found += [_finding(material, "dash-style", WARNING, field, slip) for field, slip in mixed_dash_spacing(texts)]
    return sorted(found, key=lambda finding: finding.line or 0)


def _finding(material: Material, rule: str, severity: str, field: str, slip: Slip) -> Finding:
    """Return the finding of `rule` for a slip in `field`, placed at the field's line."""
    return Finding(rule=rule, severity=severity, file=material.source, line=material.line_of(field), field=field,
                   message=slip.message, suggestion=slip.suggestion, term=slip.term)


def as_read(written: str) -> str:
    """Return text as written in the file with its line breaks read as spaces, as a reader sees them."""
    # A blank line (a paragraph break in a literal block) is one gap between words, not several spaces.
    return re.sub(r"\n+", " ", written.strip("\n")).replace("\t", " ")


def _word_before(text: str, index: int, stop: str = "") -> str:
    """Return the characters right before `index` up to the previous space (or a character of `stop`)."""
    return re.search(rf"[^\s{re.escape(stop)}]*$", text[:index]).group()


def _word_after(text: str, index: int, stop: str = "") -> str:
    """Return the characters from `index` up to the next space (or a character of `stop`)."""
    return re.match(rf"[^\s{re.escape(stop)}]*", text[index:]).group()


def _chunk_at(text: str, index: int) -> str:
    """Return the run of characters between spaces that holds the character at `index`."""
    return _word_before(text, index) + _word_after(text, index)


def doubled_punctuation(text: str) -> list[Slip]:
    """Return a slip for each punctuation mark written twice or more in a row; an ellipsis '...' is fine."""
    slips = []
    for match in _REPEATED_MARK.finditer(text):
        mark, run = match.group(1), len(match.group())
        if mark == "." and run == 3:
            continue
        name = _MARK_NAMES[mark]
        term = _word_before(text, match.start()) + match.group()
        fixed = term[:-run] + mark
        message = f"'{term}' has a doubled {name}" if run == 2 else f"'{term}' has {run} {name}s in a row"
        suggestion = f"write one {name}: '{fixed}'"
        if mark == "." and run > 3:
            suggestion += ", or three for an ellipsis"
        slips.append(Slip(term, message, suggestion))
    return slips


def doubled_words(text: str) -> list[Slip]:
    """Return a slip for each word written twice in a row, in any case ('The the')."""
    return [Slip(match.group(), f"'{match.group()}' has the word '{match.group(2)}' twice in a row",
                 f"delete the second '{match.group(2)}'")
            for match in _DOUBLED_WORD.finditer(text)]


def unbalanced(text: str) -> list[Slip]:
    """Return a slip for each bracket or curly quote without its partner, and for an odd number of straight quotes."""
    slips, open_marks = [], []  # open_marks: (opening mark, where it is), innermost last
    for index, char in enumerate(text):
        if char in _PAIRS:
            open_marks.append((char, index))
        elif char in _CLOSERS:
            opener = _CLOSERS[char]
            if not any(mark == opener for mark, _ in open_marks):
                slips.append(_never_opened(text, index, opener))
                continue
            # Any mark opened inside this pair and still open was never closed: "(a [b)".
            while open_marks[-1][0] != opener:
                slips.append(_never_closed(text, *open_marks.pop()))
            open_marks.pop()
    slips += [_never_closed(text, mark, index) for mark, index in open_marks]
    quotes = text.count('"')
    if quotes % 2:
        term = _chunk_at(text, text.rindex('"'))
        slips.append(Slip(term, f"'{term}' has a straight double quote (\") without a partner; "
                                f"the text has {quotes} of them",
                          "add the missing \" where the quotation starts or ends, or delete the extra one"))
    return sorted(slips, key=lambda slip: text.find(slip.term))


def _never_closed(text: str, opener: str, index: int) -> Slip:
    name, part = _PAIR_NAMES[opener]
    term = _chunk_at(text, index)
    return Slip(term, f"'{term}' opens a {name} that is never closed",
                f"add '{_PAIRS[opener]}' where the {part} ends, or delete the '{opener}'")


def _never_opened(text: str, index: int, opener: str) -> Slip:
    name, part = _PAIR_NAMES[opener]
    term = _chunk_at(text, index)
    return Slip(term, f"'{term}' closes a {name} that was never opened",
                f"add '{opener}' where the {part} starts, or delete the '{_PAIRS[opener]}'")


def stray_spaces(text: str) -> list[Slip]:
    """Return a slip for spaces at either end, before a closing mark, after '(', or two or more in a row."""
    slips = []
    for match in _SPACES.finditer(text):
        start, end = match.span()
        spaces = match.group()
        count = "a space" if len(spaces) == 1 else f"{len(spaces)} spaces"
        them = count.removeprefix("a ")
        before, after = _word_before(text, start), _word_after(text, end)
        if start == 0:
            # Only a quoted YAML string keeps spaces at its ends; the reader sees them only as a gap.
            slips.append(Slip(spaces + after, f"'{spaces + after}' starts with {count}",
                              f"delete the {them} at the start: '{after}'"))
        elif end == len(text):
            slips.append(Slip(before + spaces, f"'{before + spaces}' ends with {count}",
                              f"delete the {them} at the end: '{before}'"))
        elif text[end] in _MARK_NAMES and not _ellipsis_or_decimal(text, end):
            mark_word = _word_after(text, end)
            slips.append(Slip(f"{before}{spaces}{mark_word}",
                              f"'{before}{spaces}{mark_word}' has {count} before the {_MARK_NAMES[text[end]]}",
                              f"delete the {them}: '{before}{mark_word}'"))
        elif text[start - 1] == "(":
            slips.append(Slip(f"{before}{spaces}{after}", f"'{before}{spaces}{after}' has {count} after the "
                                                         "opening bracket",
                              f"delete the {them}: '{before}{after}'"))
        elif len(spaces) > 1:
            slips.append(Slip(f"{before}{spaces}{after}", f"'{before}{spaces}{after}' has {count} in a row",
                              f"leave one space: '{before} {after}'"))
    return slips


def _ellipsis_or_decimal(text: str, index: int) -> bool:
    """Return whether the mark at `index` starts an ellipsis or a number such as '.5', which may follow a space."""
    return text.startswith("...", index) or (text[index] == "." and text[index + 1:index + 2].isdigit())


def hyphens_as_dashes(text: str) -> list[Slip]:
    """Return a slip for each hyphen with spaces around it and each double hyphen, both standing in for a dash."""
    slips = []
    for pattern, what in ((_DOUBLE_HYPHEN, "a double hyphen where a dash belongs"),
                          (_SPACED_HYPHEN, "a hyphen used as a dash")):
        for match in pattern.finditer(text):
            before, after = _word_before(text, match.start()), _word_after(text, match.end())
            term = before + match.group() + after
            slips.append(Slip(term, f"'{term}' has {what}",
                              f"write an en dash with spaces, '{before} – {after}', "
                              f"or an em dash without, '{before}—{after}'"))
    return sorted(slips, key=lambda slip: text.find(slip.term))


class DashUse(NamedTuple):
    """One en or em dash in the prose, and whether spaces stand around it."""

    field: str
    dash: str
    style: str  # "spaced", "unspaced" or "lopsided" (a space on one side only)
    before: str
    spaces: tuple[str, str]
    after: str

    @property
    def term(self) -> str:
        """Return the dash with its spaces and the words on either side, as written."""
        return f"{self.before}{self.spaces[0]}{self.dash}{self.spaces[1]}{self.after}"


def dash_uses(texts: list[tuple[str, str]]) -> list[DashUse]:
    """Return every en and em dash between two words in the texts, in order, with its spacing."""
    uses = []
    for field, text in texts:
        for match in re.finditer(r"( *)([–—])( *)", text):
            before = _word_before(text, match.start(), stop="–—")
            after = _word_after(text, match.end(), stop="–—")
            # A dash at either end of a text stands for no gap between words; a range such as 10–12 is
            # rightly unspaced whatever the prose dashes do.
            if not before or not after or (before[-1].isdigit() and after[0].isdigit()):
                continue
            left, _, right = match.groups()
            style = "spaced" if left and right else "unspaced" if not left and not right else "lopsided"
            uses.append(DashUse(field, match.group(2), style, before, (left, right), after))
    return uses


def minority_style(uses: list[DashUse]) -> str | None:
    """Return the spacing that fewer of these dashes (all one kind) have, or None if they agree.

    On a tie, the spacing of the first dash sets the style, so the other one is reported.
    """
    counts = Counter(use.style for use in uses if use.style != "lopsided")
    if len(counts) < 2:
        return None
    if counts["spaced"] != counts["unspaced"]:
        return min(counts, key=counts.get)
    first = next(use.style for use in uses if use.style != "lopsided")
    return "unspaced" if first == "spaced" else "spaced"


def mixed_dash_spacing(texts: list[tuple[str, str]]) -> list[tuple[str, Slip]]:
    """Return (field, slip) for each dash spaced unlike most dashes of its kind, or spaced on one side only."""
    slips = []
    uses = dash_uses(texts)
    for dash, name in _DASHES.items():
        same_kind = [use for use in uses if use.dash == dash]
        minority = minority_style(same_kind)
        majority_count = sum(other.style not in (minority, "lopsided") for other in same_kind)
        minority_count = sum(other.style == minority for other in same_kind)
        for use in same_kind:
            spaced, unspaced = f"{use.before} {dash} {use.after}", f"{use.before}{dash}{use.after}"
            if use.style == "lopsided":
                slips.append((use.field, Slip(use.term, f"'{use.term}' has a space on one side of the {name} only",
                                              f"put a space on both sides or on neither: '{spaced}' or "
                                              f"'{unspaced}'")))
            elif use.style == minority:
                has, others, fixed = (("spaces around", "without spaces", unspaced) if minority == "spaced"
                                      else ("no spaces around", "with spaces", spaced))
                slips.append((use.field, Slip(use.term, f"'{use.term}' has {has} the {name}, but the text writes "
                                                        f"{majority_count} of its {majority_count + minority_count} {name}es {others}",
                                              f"write it like the others: '{fixed}'")))
    return slips


def misspellings(text: str, words: frozenset[str], language: str = "en") -> list[Slip]:
    """Return a slip for each word, once per text, that neither the dictionary of `language` nor `words` knows."""
    slips, seen = [], set()
    listing = f"content/{word_list(language).name}"
    for word in words_to_check(text):
        if word.lower() in seen or is_known(word, words, language):
            continue
        seen.add(word.lower())
        correction = _correction(word, language)
        if correction:
            suggestion = f"did you mean '{correction}'? If '{word}' is right, add it to {listing}"
        else:
            suggestion = f"check the spelling; if '{word}' is right, add it to {listing}"
        slips.append(Slip(word, f"'{word}' is not in the dictionary", suggestion))
    return slips


def words_to_check(text: str) -> list[str]:
    """Return the words of `text` to look up, leaving out e-mail and web addresses and anything with a digit.

    Hyphenated and slashed words are looked up part by part ('AA/NA', 'abstinence-based').
    """
    words = []
    for token in text.split():
        bare = token.strip("()[]{}“”\"'‘’.,;:!?")
        if "@" in bare or _WEB_ADDRESS.fullmatch(bare):
            continue
        for part in _WORD_PARTS.split(bare):
            if any(char.isdigit() for char in part):
                continue
            # Single letters are abbreviations' pieces ('e.g.') or words such as 'a'.
            words += [word.replace("’", "'") for word in _WORD.findall(part) if len(word) > 1]
    return words


def is_known(word: str, words: frozenset[str], language: str = "en") -> bool:
    """Return whether `word`, or the word it is a possessive of, is in the dictionary of `language` or in `words`."""
    candidates = {word.lower()}
    if language == "en" and word.lower().endswith("'s"):
        candidates.add(word.lower()[:-2])
    return any(candidate in words or in_dictionary(candidate, language) for candidate in candidates)


def in_dictionary(word: str, language: str = "en") -> bool:
    """Return whether the dictionary of `language` knows `word`, written in small letters, in any of its forms."""
    return bool(dictionary(language).known([word])) or (language == "es" and _spanish_form_known(word))


# Pronouns joined to the end of a verb, the last first: "dígaselo" is "díga" + "se" + "lo".
_LAST_PRONOUNS = ("me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les")
_FIRST_PRONOUNS = ("me", "te", "se", "nos", "os")
_STRESS_MARKS = str.maketrans("áéíóú", "aeiou")


def _spanish_form_known(word: str) -> bool:
    """Return whether `word` is an inflected Spanish form, or a verb form with pronouns joined to it."""
    import simplemma

    return simplemma.is_known(word, lang="es") or any(_verb_known(verb) for verb in _without_pronouns(word))


def _without_pronouns(word: str) -> list[str]:
    """Return what is left of `word` once one or two pronouns are taken off its end ("preséntese" -> "presénte")."""
    verbs = []
    for last in _LAST_PRONOUNS:
        if word.endswith(last):
            verbs.append(word[:-len(last)])
            verbs += [verbs[-1][:-len(first)] for first in _FIRST_PRONOUNS if verbs[-1].endswith(first)]
    return [verb for verb in verbs if len(verb) >= 2]


def _verb_known(verb: str) -> bool:
    """Return whether `verb` is a verb form that takes pronouns joined to it as Spanish spells them.

    An infinitive takes them as it is ("comprometer-se"); a command or a gerund takes a stress mark with them
    ("presénte-se", "dándo-les"), one that the verb alone does not have.
    """
    import simplemma

    if verb.endswith(("ar", "er", "ir")):
        return simplemma.is_known(verb, lang="es") or bool(dictionary("es").known([verb]))
    unmarked = verb.translate(_STRESS_MARKS)
    return sum(a != b for a, b in zip(verb, unmarked)) == 1 and simplemma.is_known(unmarked, lang="es")


@functools.lru_cache(maxsize=4096)
def _correction(word: str, language: str = "en") -> str | None:
    """Return the dictionary's likeliest correction of `word`, in the same capitals, or None.

    Only words one letter away are considered: two letters away takes a noticeable time per word, and a text
    full of unknown words (a pasted foreign passage) would keep `check` busy for minutes.
    """
    correction = _likeliest(word.lower(), language)
    if not correction or correction == word.lower():
        return None
    if word.isupper():
        return correction.upper()
    return correction[0].upper() + correction[1:] if word[0].isupper() else correction


def _likeliest(word: str, language: str) -> str | None:
    """Return the likeliest known word one letter away from `word`, or None."""
    speller = dictionary(language)
    if language != "es":
        return speller.correction(word)
    import simplemma

    # The Spanish list counts dictionary forms only: a form such as "personas" counts as often as its "persona".
    candidates = [candidate for candidate in speller.edit_distance_1(word) if in_dictionary(candidate, "es")]
    return max(candidates, key=lambda candidate: (speller[simplemma.lemmatize(candidate, lang="es")], candidate),
               default=None)


@functools.cache
def dictionary(language: str = "en"):
    """Return the dictionary of a language, loaded on first use: loading it takes a moment."""
    from spellchecker import SpellChecker

    return SpellChecker(language=language, distance=1)


def word_list(language: str = "en") -> Path:
    """Return the project's list of correct words of a language: content/words.txt, content/words.es.txt."""
    return language_file(WORD_LIST, language)


def project_words(path: Path = WORD_LIST) -> frozenset[str]:
    """Return the project's own correct words, from its word list as it is now."""
    return _read_project_words(path)


@while_unchanged
def _read_project_words(path: Path) -> frozenset[str]:
    return read_word_list(path) if path.exists() else frozenset()


def read_word_list(path: Path) -> frozenset[str]:
    """Return the words of a word list, one a line, in lower case; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line.lower() for line in lines if line)
