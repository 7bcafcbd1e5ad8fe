"""Clear communication: what software can find in a material's words and structure for the CDC Clear Communication
Index and the PEMAT-P, each finding with its file, line and field.

Each check says how it works and where it stops, what it decides of the two tools' items, and which items it only
gives a reviewer evidence for (see communication_report.py, which scores the items).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..content import PROJECT
from ..model import Material
from ..reading import while_unchanged

ABBREVIATIONS = PROJECT / "content" / "abbreviations.txt"

# What a check found.
MET, NOT_MET, NEEDS_PERSON, NOT_APPLICABLE = "met", "not-met", "needs-person", "not-applicable"
CDC, PEMAT = "cdc", "pemat"

# A list longer than this is hard to take in at a glance (the Index's item 8).
MOST_LIST_ITEMS = 7
# Our limits, not the tools': the most words of prose under one heading (a section's, or a statement's headline),
# and the most words in a table's column heading or row name.
MOST_WORDS_UNDER_A_HEADING = 150
MOST_HEADING_WORDS = 6
# A word in capitals whose lower-case form is at least this common in the language is read as emphasis ("It is
# NOT"), not as an abbreviation (pyspellchecker's word frequencies: 'not' 0.008, 'na' 0.0000077).
SHOUTED_WORD_FREQUENCY = 1e-5


@dataclass(frozen=True)
class Evidence:
    """Where a check found something in the content, and what."""

    file: str
    line: int | None
    field: str  # e.g. "sections[2].blocks[1].table.rows[5][1]"
    text: str  # the words found, as the content has them
    note: str  # what they show, as a sentence

    def as_dict(self) -> dict:
        """Return the evidence as plain data, for JSON."""
        return {"file": self.file, "line": self.line, "field": self.field, "text": self.text, "note": self.note}


@dataclass(frozen=True)
class Verdict:
    """What a check decides of one item of the Index (`cdc`) or the PEMAT-P (`pemat`)."""

    tool: str
    item: int
    status: str  # MET, NOT_MET or NOT_APPLICABLE
    why: str


@dataclass(frozen=True)
class CheckResult:
    """What one check found in a material."""

    id: str
    name: str
    status: str  # MET, NOT_MET, NEEDS_PERSON (it cannot run on this language) or NOT_APPLICABLE
    summary: str  # what was found, as a sentence
    how: str  # how the check works and where it stops
    evidence: tuple[Evidence, ...] = ()
    decides: tuple[Verdict, ...] = ()
    informs: tuple[tuple[str, int], ...] = ()  # the items it gives a reviewer evidence for, as (tool, item)

    @property
    def items(self) -> tuple[tuple[str, int], ...]:
        """Return every item the check decides or informs, as (tool, item)."""
        return tuple(dict.fromkeys([(verdict.tool, verdict.item) for verdict in self.decides] + list(self.informs)))


@dataclass(frozen=True)
class Text:
    """One text a reader of the material reads, where it is written, and what it is (title, heading, cell...)."""

    field: str
    text: str
    line: int | None
    role: str


def reader_texts(material: Material) -> list[Text]:
    """Return what a reader of the outputs reads, in reading order: the title, subtitle and call to action, each
    section's heading and blocks, and the credits. The trainer's notes and the document's metadata are left out."""
    texts: list[tuple[str, str, str]] = [("document.title", material.document.title, "title"),
                                         ("document.subtitle", material.document.subtitle, "subtitle")]
    if material.call_to_action:
        texts.append(("call_to_action", material.call_to_action_line, "call to action"))
    for number, section in enumerate(material.sections):
        texts.append((f"sections[{number}].heading", section.heading, "heading"))
        for index, block in enumerate(section.blocks):
            texts += block_texts(block, f"sections[{number}].blocks[{index}]")
    if material.credits:
        texts.append(("credits.heading", material.credits.heading, "credit"))
        for number, author in enumerate(material.authors):
            texts += [(f"credits.authors[{number}].{name}", getattr(author, name), "credit")
                      for name in ("name", "role", "organisation")]
    return [Text(field, text, material.line_of(field) or _nearest_line(material, field), role)
            for field, text, role in texts if text]


def block_texts(block, where: str) -> list[tuple[str, str, str]]:
    """Return (field, text, role) for every text of a block, `where` being its field, e.g. 'sections[0].blocks[1]'."""
    kind, content = block.kind, block.content
    if kind == "statements":
        return [(f"{where}.statements[{n}].{name}", getattr(statement, name), role) for n, statement in
                enumerate(content) for name, role in (("headline", "headline"), ("body", "body"))]
    if kind == "steps":
        return [(f"{where}.steps[{n}].{name}", getattr(step, name), role) for n, step in enumerate(content)
                for name, role in (("step", "step"), ("detail", "detail"))]
    if kind == "points":
        return [(f"{where}.points[{n}]", point, "point") for n, point in enumerate(content)]
    if kind == "text":
        return [(f"{where}.text[{n}]", paragraph, "paragraph") for n, paragraph in enumerate(content)]
    if kind == "callout":
        return [(f"{where}.callout", content, "callout")]
    if kind == "table":
        return ([(f"{where}.table.columns[{n}]", column, "column heading") for n, column in enumerate(content.columns)]
                + [(f"{where}.table.rows[{r}][{c}]", cell, "row name" if c == 0 else "cell")
                   for r, row in enumerate(content.rows) for c, cell in enumerate(row)])
    return [(f"{where}.contacts[{n}].{name}", getattr(contact, name), "contact") for n, contact in enumerate(content)
            for name in ("name", "role")]


def _nearest_line(material: Material, field: str) -> int | None:
    """Return the line of `field`, or of the nearest field around it that has one (a list item written inline)."""
    while field:
        line = material.line_of(field)
        if line is not None:
            return line
        field = _LAST_PART.sub("", field, count=1)
    return None


_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\]|^[^.\[\]]+)$")


def evidence(material: Material, text: Text, found: str, note: str) -> Evidence:
    """Return evidence of `found` in the reader's `text`."""
    return Evidence(material.source, text.line, text.field, found, note)


def language_of(material: Material) -> str:
    """Return the material's language without its region, e.g. 'es' for es-US."""
    return material.document.language.split("-")[0].lower()


# The checks, in the order the report shows them.


def top(material: Material, texts: list[Text]) -> CheckResult:
    """What a reader meets first: the title and subtitle, then the first section (on the flyer, the title, then what
    it shows of the first section)."""
    from ..promises import flyer_shows

    name = "What a reader meets first"
    first = material.sections[0]
    shown = [text for text in texts if text.role in ("title", "subtitle")]
    shown += [text for text in texts if text.field.startswith("sections[0].")][:3]
    found = [evidence(material, text, text.text, f"the {text.role}, among the first words of the handout and the web "
                                                 "page") for text in shown]
    on_flyer = next((number for number, section in enumerate(material.sections)
                     if any(section.flyer_mode(block) != "no" for block in section.blocks)), None)
    if on_flyer is not None:
        heading = _text_of(texts, f"sections[{on_flyer}].heading")
        below = [expected.text for expected in flyer_shows(material)][1:2]
        found.append(evidence(material, heading, " / ".join([heading.text] + below),
                              "what the flyer shows right under the title (it has no subtitle)"))
    problems = []
    opening = {"table": "a table", "contacts": "contacts"}.get(first.blocks[0].kind)
    if opening:
        problems.append(evidence(material, _text_of(texts, "sections[0].blocks[0]"), first.heading,
                                 f"the first section opens with {opening}, not with words that can carry the main "
                                 "message"))
    if all(first.flyer_mode(block) == "no" for block in first.blocks):
        problems.append(evidence(material, _text_of(texts, "sections[0].heading"), first.heading,
                                 "the flyer leaves out the first section, so its top is the second section"))
    how = ("Collects what the outputs show first, for a reviewer to judge: the title, the subtitle and the first "
           "section on the handout and the web page (the deck's title slide has the title and subtitle); the title, "
           "then what it shows of the first section, on the flyer, which has no subtitle. It fails when the first "
           "section opens with a table or contacts, or the flyer leaves it out. Software cannot tell which sentence "
           "is the main message: a reviewer names it.")
    informs = ((CDC, 1), (CDC, 2), (CDC, 3), (CDC, 10), (PEMAT, 1))
    if problems:
        return CheckResult("top", name, NOT_MET, "The first section does not open with words a reader reads first "
                           "on every output.", how, tuple(problems + found), informs=informs)
    return CheckResult("top", name, MET, "The handout and the web page open with the title, the subtitle and the first "
                       "section; the flyer with the title and the first section.", how, tuple(found), informs=informs)


def _text_of(texts: list[Text], field: str) -> Text:
    return next(text for text in texts if text.field.startswith(field))


def call_to_action(material: Material, texts: list[Text]) -> CheckResult:
    """Whether the material gives its reader a next step, in `call_to_action`."""
    how = ("Looks for the material's `call_to_action`: the sentence the flyer, the top of the handout, the web page "
           "and the deck's closing slide give the reader as the next step. A call to action written only in the "
           "running text is not found; a reviewer looks for one then.")
    line = material.line_of("call_to_action")
    if not material.call_to_action:
        return CheckResult("call-to-action", "A call to action", NOT_MET,
                           "The material has no call_to_action; the flyer shows the organisation's website instead.",
                           how, (Evidence(material.source, None, "call_to_action", "",
                                          "add `call_to_action:`, one sentence telling the reader what to do next"),),
                           informs=((CDC, 5), (CDC, 6), (PEMAT, 20)))
    why = "the material's call_to_action gives its reader a next step"
    return CheckResult("call-to-action", "A call to action", MET,
                       f"The material asks its reader: \u201c{material.call_to_action_line}\u201d", how,
                       (Evidence(material.source, line, "call_to_action", material.call_to_action_line,
                                 "every output shows it"),),
                       decides=(Verdict(CDC, 5, MET, why), Verdict(PEMAT, 20, MET, why)),
                       informs=((CDC, 6),))


LIST_KINDS = {"statements": "statements", "steps": "numbered steps", "points": "bulleted points",
              "contacts": "contacts"}


def lists(material: Material, texts: list[Text]) -> CheckResult:
    """Whether the material uses bulleted or numbered lists, none longer than seven items."""
    name = f"Lists of at most {MOST_LIST_ITEMS} items"
    how = (f"Counts the items of every list: statements (each set off by a rule or a box), steps (numbered), points "
           f"(bulleted) and contacts. A list of more than {MOST_LIST_ITEMS} items fails, as the Index asks; so does a "
           "material with no list but contacts, which are for further information. A table is not a list (see the "
           "table check).")
    found, too_long, sections = [], [], set()
    for number, section in enumerate(material.sections):
        for index, block in enumerate(section.blocks):
            if block.kind not in LIST_KINDS:
                continue
            field, size = f"sections[{number}].blocks[{index}].{block.kind}", len(block.content)
            line = _nearest_line(material, f"sections[{number}].blocks[{index}]")  # where `- points:` is written
            found.append(Evidence(material.source, line, field, f"{size} {LIST_KINDS[block.kind]}",
                                  f"a list of {size} under '{section.heading}'"))
            if size > MOST_LIST_ITEMS:
                too_long.append((Evidence(material.source, line, field, f"{size} {LIST_KINDS[block.kind]}",
                                          f"a list of {size} items, more than {MOST_LIST_ITEMS}; split it into shorter "
                                          "lists, each under a headline or heading of its own"), size))
            if block.kind != "contacts":
                sections.add(number)
    if too_long:
        why = "; ".join(f"the list at {item.field} (line {item.line}) has {size} items" for item, size in too_long)
        return CheckResult("lists", name, NOT_MET,
                           f"{len(too_long)} of {len(found)} lists {'has' if len(too_long) == 1 else 'have'} more "
                           f"than {MOST_LIST_ITEMS} items.", how, tuple(item for item, _ in too_long),
                           decides=(Verdict(CDC, 8, NOT_MET, why),))
    if not sections:
        return CheckResult("lists", name, NOT_MET, "The material has no bulleted or numbered list.", how, tuple(found),
                           decides=(Verdict(CDC, 8, NOT_MET, "the material has no bulleted or numbered list"),))
    summary = f"The material has {len(found)} {'list' if len(found) == 1 else 'lists'}, none longer than " \
              f"{MOST_LIST_ITEMS} items."
    last = len(material.sections) - 1
    if sections == {last} and last > 0:
        # The Index answers no for lists only at the end: whether they are further reading is for a person.
        return CheckResult("lists", name, MET, summary + " They are all in the last section.", how, tuple(found),
                           informs=((CDC, 8),))
    why = (f"the material's statements, steps and points are lists, each item set off on a line of its own, and none "
           f"has more than {MOST_LIST_ITEMS} items")
    return CheckResult("lists", name, MET, summary, how, tuple(found), decides=(Verdict(CDC, 8, MET, why),))


def headings(material: Material, texts: list[Text]) -> CheckResult:
    """Whether headings cut the text into chunks: no heading or headline stands over a long run of prose."""
    name = "Headings that chunk the text"
    how = (f"Counts the words under each heading: a section's prose outside its statements, and each statement's "
           f"body under its headline (table cells are left out: a table has its own headings). More than "
           f"{MOST_WORDS_UNDER_A_HEADING} words under one heading fails; that limit is ours, not the Index's. Whether "
           "each chunk holds one idea and its heading matches it is for a reviewer.")
    under: dict[str, int] = {}  # words under each heading or headline, by its field
    owners: dict[str, Text] = {}
    section = statement = None
    for text in texts:
        if text.role in ("heading", "headline"):
            owners[text.field], under[text.field] = text, 0
            section, statement = (text, None) if text.role == "heading" else (section, text)
        elif text.role == "body" and statement is not None:
            under[statement.field] += _words(text.text)
        elif text.role in ("step", "detail", "point", "paragraph", "callout", "contact") and section is not None:
            under[section.field] += _words(text.text)
    long = [(owners[field], count) for field, count in under.items() if count > MOST_WORDS_UNDER_A_HEADING]
    if long:
        why = "; ".join(f"{count} words stand under the {owner.role} at {owner.field} (line {owner.line})"
                        for owner, count in long)
        return CheckResult("headings", name, NOT_MET,
                           f"{len(long)} {'heading stands' if len(long) == 1 else 'headings stand'} over more than "
                           f"{MOST_WORDS_UNDER_A_HEADING} words.", how,
                           tuple(evidence(material, owner, owner.text,
                                          f"{count} words under this {owner.role}, more than "
                                          f"{MOST_WORDS_UNDER_A_HEADING}; put them under headings of their own")
                                 for owner, count in long),
                           decides=(Verdict(CDC, 9, NOT_MET, why), Verdict(PEMAT, 8, NOT_MET, why)),
                           informs=((PEMAT, 9),))
    count = len(material.sections)
    shown = tuple(evidence(material, text, text.text, "a section heading") for text in texts if text.role == "heading")
    return CheckResult("headings", name, MET,
                       f"{count} {'section' if count == 1 else 'sections'}, each under a heading; the longest run of "
                       f"prose under one heading is {max(under.values(), default=0)} words.", how, shown,
                       informs=((CDC, 9), (PEMAT, 8), (PEMAT, 9)))


def _words(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


# Active voice: a form of "be" followed by a past participle, perhaps with an adverb between ("is often seen").
_BE = r"(?:am|is|are|was|were|be|been|being)"
_ADVERB = r"(?:not|never|often|also|always|usually|sometimes|still|rarely|only|now|then|[a-z]+ly)"
_PASSIVE = re.compile(rf"\b({_BE}(?:\s+{_ADVERB}){{0,2}}\s+([a-z]+))\b", re.IGNORECASE)
IRREGULAR_PARTICIPLES = frozenset("""
    arisen awoken beaten become begun bent bet bid bitten blown broken brought built burnt bought caught chosen come
    cost cut dealt done drawn dreamt driven drunk eaten fallen fed felt fought found fled flown forbidden forgotten
    forgiven frozen given gone grown hung had heard hidden hit held hurt kept known laid led left lent let lain lit lost
    made meant met paid proven put quit read ridden rung risen run said seen sought sold sent set shaken shed shone shot
    shown shut sung sunk sat slept slid spoken spent spun split spread stood stolen stuck stung struck sworn swept swum
    swung taken taught torn told thought thrown understood undone woken worn won wound withdrawn written
""".split())
# Words ending in -ed that are not past participles, or that after "be" describe rather than act ("is tired").
NOT_PARTICIPLES = frozenset("""
    bed hundred indeed kindred naked ragged red rugged sacred shed sled wed wicked beloved learned aged tired bored
    interested excited worried scared pleased surprised ashamed concerned married embarrassed exhausted
""".split())


def active_voice(material: Material, texts: list[Text]) -> CheckResult:
    """Where the English text may be in the passive voice."""
    name = "Active voice"
    how = ("Flags a form of 'be' (am, is, are, was, were, be, been, being) followed by a past participle (a word "
           "ending in -ed, or an irregular one such as 'seen'), with up to two adverbs between (\"is often seen\"). "
           "It misses passives without 'be' (\"Often seen as a failure\", \"gets treated\") and flags some adjectives "
           "(\"are proven methods\"); read each finding before rewriting. English only.")
    if language_of(material) != "en":
        return CheckResult("active-voice", name, NEEDS_PERSON,
                           f"The passive-voice check knows English only; a person reads the "
                           f"{material.document.language} text for it.", how, informs=((CDC, 6), (PEMAT, 5)))
    found = [evidence(material, text, match.group(1), "may be passive: say who does what")
             for text in texts if text.role != "credit" for match in _PASSIVE.finditer(text.text)
             if _is_participle(match.group(2).lower())]
    if found:
        return CheckResult("active-voice", name, NOT_MET,
                           f"{len(found)} {'phrase' if len(found) == 1 else 'phrases'} may be in the passive voice.",
                           how, tuple(found), informs=((CDC, 6), (PEMAT, 5)))
    return CheckResult("active-voice", name, MET, "No phrase reads as the passive voice.", how,
                       informs=((CDC, 6), (PEMAT, 5)))


def _is_participle(word: str) -> bool:
    if word in NOT_PARTICIPLES:
        return False
    return word in IRREGULAR_PARTICIPLES or (word.endswith("ed") and len(word) > 3 and not word.endswith("eed"))


# Numbers written as words, by language; "one" ("uno", "una") is left out, being mostly a pronoun ("the one thing").
NUMBER_WORDS = {
    "en": frozenset("""
        two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
        eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
    """.split()),
    "es": frozenset("""
        dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete
        dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento
        doscientos trescientos quinientos mil millón millones
    """.split()),
}


def numerals(material: Material, texts: list[Text]) -> CheckResult:
    """Where a number is written as a word rather than as numerals."""
    name = "Numbers written as numerals"
    language = language_of(material)
    how = ("Looks for numbers written as words (two, ten, twenty, hundred...; \"one\" is left out, being mostly a "
           "pronoun), except at the start of a sentence or heading, where style guides spell a number out. Numerals "
           "(\"3\", not \"three\") are easier to find and to read. Whether the numbers are ones the audience uses, "
           "and are explained, is for a reviewer.")
    words = NUMBER_WORDS.get(language)
    if words is None:
        return CheckResult("numerals", name, NEEDS_PERSON,
                           f"The check knows the number words of {', '.join(sorted(NUMBER_WORDS))} only; a person "
                           f"reads the {material.document.language} text for them.", how,
                           informs=((CDC, 15), (PEMAT, 6)))
    found = []
    for text in texts:
        for match in re.finditer(r"[^\W\d_]+", text.text):
            if match.group().lower() in words and not _starts_sentence(text.text, match.start()):
                found.append(evidence(material, text, match.group(),
                                      "a number written as a word; write it as numerals"))
    if found:
        return CheckResult("numerals", name, NOT_MET,
                           f"{len(found)} {'number is' if len(found) == 1 else 'numbers are'} written as words.", how,
                           tuple(found), informs=((CDC, 15), (PEMAT, 6)))
    return CheckResult("numerals", name, MET, "Every number inside a sentence is written as numerals.", how,
                       informs=((CDC, 15), (PEMAT, 6)))


def _starts_sentence(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \"“‘'¿¡(")
    return not before or before[-1] in ".!?:;"


@dataclass(frozen=True)
class GradedBlock:
    """A block of text measured by the reading formula of its language, against what its readers need."""

    name: str  # what the block is, e.g. "flyer" or "sections[0]"
    line: int | None  # where it starts
    words: int
    readers: str  # e.g. "client-facing"
    reading: str  # how it reads, e.g. "grade 7.2 (Flesch-Kincaid)"
    wanted: str  # how its readers need it to read, e.g. "grade 8 or below"
    too_hard: bool


def reading_grade(material: Material, texts: list[Text]) -> CheckResult:
    """Whether the text reads as its readers need, by the project's reading formula for the language."""
    name = "Reading grade"
    grader = READING_GRADES.get(language_of(material))
    how = ("Measures the flyer (for clients) and each section (for staff and partners) with the project's reading "
           "formula for the language (Flesch-Kincaid grades in English, Szigriszt-Pazos on the INFLESZ scale in "
           "Spanish), as `check` does, and fails a block that reads harder than its readers need. The Index scores "
           "no reading grade; a grade is evidence for its item 7 and the PEMAT's item 3, not a verdict on them.")
    if grader is None:
        return CheckResult("reading-grade", name, NEEDS_PERSON,
                           f"The project has no reading formula for {material.document.language} yet; a fluent reader "
                           "judges whether the words are everyday ones.", how, informs=((CDC, 7), (PEMAT, 3)))
    graded = grader(material)
    found = tuple(Evidence(material.source, block.line, block.name, block.reading,
                           f"{block.words} words, read as {block.reading}; {block.readers} text should read as "
                           f"{block.wanted}") for block in graded)
    above = [block for block in graded if block.too_hard]
    if above:
        return CheckResult("reading-grade", name, NOT_MET,
                           f"{len(above)} of {len(graded)} measured blocks read harder than their readers need.", how,
                           found, informs=((CDC, 7), (PEMAT, 3)))
    return CheckResult("reading-grade", name, MET,
                       f"Each of the {len(graded)} measured blocks reads as its readers need.", how, found,
                       informs=((CDC, 7), (PEMAT, 3)))


def _graded(material: Material, measure) -> list[GradedBlock]:
    """Return the reader-facing blocks that the readability check measures, each measured by `measure(texts,
    target)`, which gives (how it reads, how it should, whether too hard); the trainer's notes and blocks too
    short to measure are left out."""
    from . import readability

    graded = []
    for name, first_field, target, texts in readability.blocks(material):
        words = readability.word_count(texts)
        if name == "facilitation" or words < readability.FEWEST_WORDS:
            continue
        readers = "client-facing" if target == readability.CLIENT_GRADE else "staff-facing"
        graded.append(GradedBlock(name, material.line_of(first_field), words, readers, *measure(texts, target)))
    return graded


def _english_grades(material: Material) -> list[GradedBlock]:
    from . import readability

    def measure(texts, target):
        level = readability.grade(texts)
        return f"grade {level:.1f} (Flesch-Kincaid)", f"grade {target} or below", level > target

    return _graded(material, measure)


def _spanish_grades(material: Material) -> list[GradedBlock]:
    from . import readability

    def measure(texts, target):
        score, band = readability.perspicuity(texts), readability.SPANISH_TARGETS[target]
        lowest = next(least for least, name in readability.INFLESZ if name == band)
        return (f"'{readability.inflesz(score)}' (Szigriszt-Pazos {score:.1f}, INFLESZ)", f"'{band}' or easier",
                score < lowest)

    return _graded(material, measure)


# The project's reading formula by language; a language without one is left to a person.
READING_GRADES: dict[str, Callable[[Material], list[GradedBlock]]] = {"en": _english_grades, "es": _spanish_grades}


_CAPITALS = re.compile(r"(?<![\w&])([^\W\d_][^\W_]*[^\W_])(?![\w&])")


def abbreviations(material: Material, texts: list[Text]) -> CheckResult:
    """Whether every abbreviation is spelt out at its first use, or is one the audience knows."""
    name = "Abbreviations defined"
    how = (f"Finds words in capitals (MOUD, AA) and counts one as defined when its first use stands first in "
           f"brackets after the words it stands for (\"medication for opioid use disorder (MOUD)\") or is followed "
           f"by them in brackets (\"MOUD (medication for opioid use disorder)\"), or when it is in "
           f"{ABBREVIATIONS.relative_to(PROJECT)}, the abbreviations our readers know. It does not check that the "
           "words in brackets are the right ones. A common word in capitals (\"NOT\") is read as emphasis.")
    known = known_abbreviations()
    common = _common_word(language_of(material))
    uses: dict[str, list[tuple[Text, bool]]] = {}
    for text in texts:
        for match in _CAPITALS.finditer(text.text):
            word = match.group(1)
            if word.isupper() and len(re.sub(r"[^\w]", "", word)) >= 2 and not common(word.lower()):
                uses.setdefault(word, []).append((text, _spelt_out(text.text, match.start(), match.end())))
    undefined, defined = [], []
    for word, found in uses.items():
        if word in known:
            defined.append(evidence(material, found[0][0], word, f"{word} ({known[word]}) is one our readers know"))
            continue
        first_definition = next((number for number, (_, spelt) in enumerate(found) if spelt), None)
        first = found[0][0]
        if first_definition == 0:
            defined.append(evidence(material, first, word, f"{word} is spelt out at its first use"))
        elif first_definition is None:
            undefined.append(evidence(material, first, word,
                                      f"{word} is not spelt out where it is first used ({len(found)} "
                                      f"{'use' if len(found) == 1 else 'uses'}); write the words it stands for, "
                                      f"with {word} after them in brackets, or add it to "
                                      f"{ABBREVIATIONS.relative_to(PROJECT)} if every reader knows it"))
        else:
            later = found[first_definition][0]
            undefined.append(evidence(material, first, word,
                                      f"{word} is used before it is spelt out (on line {later.line}); spell it out "
                                      "at its first use"))
    if undefined:
        places = {}
        for item in undefined:
            places.setdefault((item.field, item.line), []).append(item.text)
        why = "; ".join(f"{' and '.join(words)} {'is' if len(words) == 1 else 'are'} not spelt out where first used "
                        f"({field}, line {line})" for (field, line), words in places.items())
        return CheckResult("abbreviations", name, NOT_MET,
                           f"{len(undefined)} {'abbreviation is' if len(undefined) == 1 else 'abbreviations are'} "
                           "not spelt out at first use.", how, tuple(undefined + defined),
                           decides=(Verdict(CDC, 7, NOT_MET, why),), informs=((PEMAT, 3), (PEMAT, 4)))
    summary = (f"Every abbreviation ({', '.join(uses)}) is spelt out at its first use or known to our readers."
               if uses else "The material uses no abbreviations.")
    return CheckResult("abbreviations", name, MET, summary, how, tuple(defined),
                       informs=((CDC, 7), (PEMAT, 3), (PEMAT, 4)))


def _spelt_out(text: str, start: int, end: int) -> bool:
    """Return whether the abbreviation at text[start:end] stands with the words it stands for in brackets."""
    before, after = text[:start], text[end:]
    if before.endswith("(") and _words(before[:-1].split("(")[-1].split(".")[-1]) >= 1:
        return re.match(r"\s*[),;]", after) is not None
    bracketed = re.match(r"\s*\(([^)]*)\)", after)
    return bracketed is not None and _words(bracketed.group(1)) >= 1


@functools.cache
def _common_word(language: str) -> Callable[[str], bool]:
    """Return a test of whether a word is common in `language` (so that, in capitals, it is emphasis)."""
    try:
        from spellchecker import SpellChecker

        words = SpellChecker(language=language)
    except (ValueError, OSError):  # no dictionary for the language: every word in capitals may abbreviate
        return lambda word: False
    return lambda word: words.word_usage_frequency(word) >= SHOUTED_WORD_FREQUENCY


def known_abbreviations(path: Path = ABBREVIATIONS) -> dict[str, str]:
    """Return the abbreviations every reader knows, each with what it stands for, from the project's list."""
    return _read_abbreviations(path) if path.exists() else {}


@while_unchanged
def _read_abbreviations(path: Path) -> dict[str, str]:
    known = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        abbreviation, _, meaning = line.partition("#")
        if abbreviation.strip():
            known[abbreviation.strip()] = meaning.strip()
    return known


def visuals(material: Material, texts: list[Text]) -> CheckResult:
    """Whether the material has a picture: the content format has no block for one."""
    why = "the content format has no pictures: the outputs show only the organisation's logo (and the flyer a QR code)"
    return CheckResult(
        "visuals", "A picture that supports the main message", NOT_MET,
        "The material has no picture, graph or drawing; its outputs show words, the logo and a QR code.",
        "Reads the content format, which has no block for a picture: what this decides holds for every material "
        "until the format has one.",
        decides=(Verdict(CDC, 4, NOT_MET, why), Verdict(PEMAT, 16, NOT_APPLICABLE, "the material has no visual aids"),
                 Verdict(PEMAT, 17, NOT_APPLICABLE, "the material has no visual aids"),
                 Verdict(PEMAT, 18, NOT_APPLICABLE, "the material has no visual aids")),
        informs=((PEMAT, 15), (PEMAT, 26)))


def tables(material: Material, texts: list[Text]) -> CheckResult:
    """Whether every table has short column headings and row names."""
    name = "Tables with short headings"
    how = (f"Counts the words of each table's column headings and row names; more than {MOST_HEADING_WORDS} "
           "words fails (our limit, not the PEMAT's). Whether they are clear, and whether the material explains how "
           "to use the table, is for a reviewer.")
    headings = [text for text in texts if text.role in ("column heading", "row name")]
    if not headings:
        why = "the material has no tables"
        return CheckResult("tables", name, NOT_APPLICABLE, "The material has no tables.", how,
                           decides=(Verdict(PEMAT, 19, NOT_APPLICABLE, why), Verdict(PEMAT, 25, NOT_APPLICABLE, why)))
    long = [evidence(material, text, text.text, f"a {text.role} of {_words(text.text)} words; shorten it")
            for text in headings if _words(text.text) > MOST_HEADING_WORDS]
    count = sum(1 for _ in _tables_of(material))
    if long:
        return CheckResult("tables", name, NOT_MET,
                           f"{len(long)} table {'heading is' if len(long) == 1 else 'headings are'} longer than "
                           f"{MOST_HEADING_WORDS} words.", how, tuple(long), informs=((PEMAT, 19), (PEMAT, 25)))
    return CheckResult("tables", name, MET,
                       f"{count} {'table' if count == 1 else 'tables'}; every column heading and row name has "
                       f"{MOST_HEADING_WORDS} words or fewer.", how,
                       tuple(evidence(material, text, text.text, f"a {text.role}") for text in headings
                             if text.role == "column heading"),
                       informs=((PEMAT, 19), (PEMAT, 25)))


def _tables_of(material: Material) -> Iterator:
    return (block for _, block, _ in material.blocks() if block.kind == "table")


CHECKS = (top, call_to_action, lists, headings, active_voice, numerals, reading_grade, abbreviations, visuals, tables)


def check_material(material: Material) -> list[CheckResult]:
    """Return what every check found in the material, in the order the report shows them."""
    texts = reader_texts(material)
    return [check(material, texts) for check in CHECKS]
