"""The content model: the organisation's text and look, validated and immutable.

Each field's documentation is written once, here, next to its definition; it is
also the reference an editor of `content/*.yaml` reads. Field names are the YAML
keys. Text fields must not be empty.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def doc(text: str, check=None, **default) -> Any:
    """Return a dataclass field documented with `text`, optionally checked by `check`.

    A field given a `default=` may be left out of the YAML.
    """
    return field(metadata={"doc": text, "check": check}, **default)


def _internal(default) -> Any:
    """Return a field the loader fills in; it is not read from YAML."""
    return field(default=default, metadata={"internal": True}, compare=False, repr=False, kw_only=True)


# Checks take a converted value and return a message, or None when the value is fine.

def _email(value: str) -> str | None:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", value):
        return f"'{value}' is not an e-mail address (expected name@example.org)"
    return None


def _language_tag(value: str) -> str | None:
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        return f"'{value}' is not a language tag (expected e.g. en-US or es)"
    return None


def _hex_colour(value: str) -> str | None:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return f"'{value}' is not a colour (expected six hex digits, e.g. \"#1D4E5C\", in quotes)"
    return None


def _severity(value: str) -> str | None:
    return None if value in ("error", "warning") else f"must be error or warning, not '{value}'"


def _status(value: str) -> str | None:
    return None if value in ("draft", "approved") else f"must be draft or approved, not '{value}'"


def _positive(value: int) -> str | None:
    return None if value >= 1 else f"must be 1 or more, not {value}"


@dataclass(frozen=True)
class Located:
    """A whole file's worth of content that remembers which file and line each value came from."""

    source: str = _internal("")
    lines: Mapping[str, int] = _internal(None)
    written: Mapping[str, str] = _internal(None)  # each text as written in the file, before spaces are tidied

    def line_of(self, field_path: str) -> int | None:
        """Return the line where `field_path` (e.g. 'credits.authors[0].email') is written."""
        return (self.lines or {}).get(field_path)


@dataclass(frozen=True)
class Statement:
    """A headline with the sentence(s) that explain it."""

    headline: str = doc("The short sentence or phrase a reader sees first; the flyer shows only this.")
    body: str = doc("The explanation that follows the headline, exactly as the organisation wrote it.")


@dataclass(frozen=True)
class StatementGroup:
    """A titled group of statements, such as the "It is NOT" statements or the benefits."""

    heading: str = doc("The section heading shown above the statements.")
    statements: tuple[Statement, ...] = doc("The statements, in reading order.")


@dataclass(frozen=True)
class Principle:
    """One row of the comparison: a principle and how each approach sees it."""

    name: str = doc("The principle, e.g. 'Definition of Success'; shown in every output.")
    abstinence: str = doc("How abstinence-based recovery sees this principle.")
    harm_reduction: str = doc("How harm reduction sees this principle.")


@dataclass(frozen=True)
class ComparisonColumns:
    """The comparison table's column headings."""

    principle: str = doc("Heading of the first column, which names each principle.")
    abstinence: str = doc("Heading of the abstinence-based recovery column.")
    harm_reduction: str = doc("Heading of the harm reduction column.")


@dataclass(frozen=True)
class Comparison:
    """The side-by-side comparison of the two approaches."""

    heading: str = doc("The section heading shown above the comparison.")
    intro: tuple[str, ...] = doc("Sentences introducing the comparison, one list item each.")
    columns: ComparisonColumns = doc("The table's column headings.")
    rows: tuple[Principle, ...] = doc("The principles compared, one row each, in reading order.")

    @property
    def header(self) -> tuple[str, str, str]:
        """Return the table's header row."""
        return (self.columns.principle, self.columns.abstinence, self.columns.harm_reduction)

    @property
    def cells(self) -> tuple[tuple[str, str, str], ...]:
        """Return the table's rows as the text of their three cells."""
        return tuple((row.name, row.abstinence, row.harm_reduction) for row in self.rows)


@dataclass(frozen=True)
class Author:
    """A person credited as an author, with how to reach them."""

    name: str = doc("Full name as it should be printed.")
    role: str = doc("Job title, e.g. 'President and CEO'.")
    organisation: str = doc("Organisation and place, as printed under the name.")
    email: str = doc("E-mail address; the handout makes it a clickable link.", _email)


@dataclass(frozen=True)
class Credits:
    """Who wrote the material."""

    heading: str = doc("The heading shown above the authors, e.g. 'Created by'.")
    authors: tuple[Author, ...] = doc("The authors, in the order they are credited.")


@dataclass(frozen=True)
class Minutes:
    """How many minutes the trainer spends on each kind of slide."""

    opening: int = doc("The title slide.", _positive)
    agenda: int = doc("The slide saying what the session covers.", _positive)
    section: int = doc("Each slide that opens a part of the session.", _positive)
    statement: int = doc("Each slide with one statement or benefit.", _positive)
    comparison: int = doc("Each slide of the comparison table.", _positive)
    closing: int = doc("The closing slide with the authors' contacts.", _positive)


@dataclass(frozen=True)
class Facilitation:
    """How the training deck is presented: our own words for the trainer, not the organisation's text."""

    agenda_title: str = doc("Title of the slide listing the parts of the session.")
    closing_title: str = doc("Title of the last slide, which shows the authors and their contacts.")
    opening_cue: str = doc("Speaker note for the title slide.")
    agenda_cue: str = doc("Speaker note for the agenda slide.")
    section_cue: str = doc("Speaker note added to each slide that opens a part.")
    statement_cue: str = doc("Speaker note added to each statement and benefit slide.")
    comparison_cue: str = doc("Speaker note added to each comparison table slide.")
    closing_cue: str = doc("Speaker note for the closing slide.")
    minutes: Minutes = doc("Minutes per kind of slide; the notes show them with a running total.")


@dataclass(frozen=True)
class Acknowledgement:
    """A finding of `check` that the editors have looked at and keep on purpose, with their reason."""

    rule: str = doc("The rule that reported it, as `check` names it, e.g. 'stigma' or 'spelling'.")
    field: str = doc("Where it is, as `check` names it, e.g. 'comparison.rows[6].name'.")
    reason: str = doc("Why it stays: the report shows this beside the finding.")
    term: str = doc("The word or phrase it is about, e.g. 'relapse'; leave out for findings about a "
                    "whole text, such as its reading grade.", default="")


@dataclass(frozen=True)
class Translation:
    """What a translated content file was translated from, entry by entry."""

    of: str = doc("The English content file this translates, next to this file, e.g. harm-reduction.yaml.")
    fingerprints: dict[str, str] = doc(
        "For each translated text, by field (e.g. 'is_not.statements[0].body'), the fingerprint of the English "
        "text it was made from; `check` shows the fingerprint to write after updating a translation.")


@dataclass(frozen=True)
class Document:
    """Facts about the document as a whole, used for titles and file metadata."""

    title: str = doc("The title on every output and in the PDF's metadata.")
    subtitle: str = doc("One line under the title saying what the material covers.")
    subject: str = doc("A sentence describing the material; stored as the PDF's subject.")
    language: str = doc("The language of the text as a tag, e.g. en-US; screen readers use it.", _language_tag)
    version: int = doc("The version number of this text; raise it when the words change.", _positive)
    date: datetime.date = doc("The date this version takes effect, as YYYY-MM-DD; every output shows its month "
                              "and year, and the files carry it as their date.")
    status: str = doc("draft (every output is marked DRAFT; the default) or approved (needs approved_by).",
                      _status, default="draft")
    approved_by: str = doc("Who approved this version for use, by name and role.", default="")

    @property
    def draft(self) -> bool:
        """Return whether this version is still a draft."""
        return self.status == "draft"


@dataclass(frozen=True)
class Palette:
    """The brand colours, as six-digit hex codes."""

    ink: str = doc("Body text.", _hex_colour)
    primary: str = doc("Headings and the title band.", _hex_colour)
    accent: str = doc("Rule lines and small labels.", _hex_colour)
    muted: str = doc("Captions and footers.", _hex_colour)
    paper: str = doc("Page background.", _hex_colour)
    tint: str = doc("Panel background behind grouped text.", _hex_colour)
    line: str = doc("Table rules and panel borders.", _hex_colour)


@dataclass(frozen=True)
class Fonts:
    """The typefaces the outputs use."""

    print: str = doc("The typeface of the PDFs; it must be one the project installs (see generator/fonts.py).")
    slides: str = doc("The typeface of the deck: one every clinic PC has, measured with a metric twin the "
                      "project installs (see generator/fonts.py).")


@dataclass(frozen=True)
class Brand(Located):
    """The organisation's name and look, shared by every output."""

    organisation: str = doc("The organisation's name, shown on every output and stored as the PDF author.")
    place: str = doc("Where the organisation is, e.g. 'Bridgeport, CT'.")
    website: str = doc("The organisation's web address without https://, e.g. example.org.")
    palette: Palette = doc("The brand colours.")
    fonts: Fonts = doc("The typefaces.")


def _twelve(months: tuple[str, ...]) -> str | None:
    return None if len(months) == 12 else f"must name the 12 months, January first, not {len(months)}"


@dataclass(frozen=True)
class Labels(Located):
    """Every fixed wording of the templates and the deck, in one language; {names} are filled in."""

    version_line: str = doc("How an output names its version: {version}, {month}, {year}.")
    months: tuple[str, ...] = doc("The names of the months, January first.", _twelve)
    draft_mark: str = doc("The mark on every page and slide of a draft.")
    page_of: str = doc("The page number in PDF footers: {page}, {pages}.")
    part_of: str = doc("The part number on section slides: {number}, {total}.")
    numbered_title: str = doc("A title shared by several slides: {title}, {number}, {total}.")
    continued: str = doc("The title of a continuation slide: {title}.")
    continued_of: str = doc("The title of one of several continuation slides: {title}, {number}, {total}.")
    continued_notes: str = doc("The speaker notes of a continuation slide.")
    say: str = doc("Speaker notes giving what to say: {text}.")
    timing: str = doc("The timing line of speaker notes: {minutes} (a 'minute' or 'minutes' label), {elapsed}, "
                      "{total}.")
    minute: str = doc("One minute.")
    minutes: str = doc("Several minutes: {count}.")
    slides_handout_title: str = doc("The heading of the attendees' slide handout: {title}.")
    slide_number: str = doc("A slide's number: {number}.")
    facilitator_guide: str = doc("The name of the facilitator guide.")
    session: str = doc("The label of the session's length in the facilitator guide.")
    slides: str = doc("The label of the number of slides in the facilitator guide.")
    on_the_slide: str = doc("The heading of what a slide shows, in the facilitator guide.")
    speaker_notes: str = doc("The heading of the speaker notes, in the facilitator guide.")
    phone: str = doc("The label before a site's phone number on its flyer.")
    hours: str = doc("The heading of a site's opening hours on its flyer.")
    services: str = doc("The heading of what a site offers on its flyer.")
    scan_to_visit: str = doc("The caption under a site's QR code.")
    qr_code: str = doc("The description of a site's QR code for screen readers: {address}.")
    example_mark: str = doc("The mark across the top of a flyer made from example sites.")

    def version(self, number: int, date: datetime.date) -> str:
        """Return how outputs name a version, e.g. 'Version 1, November 2026'."""
        return self.version_line.format(version=number, month=self.months[date.month - 1], year=date.year)

    def duration(self, count: int) -> str:
        """Return a number of minutes, e.g. '1 minute' or '4 minutes'."""
        return self.minute if count == 1 else self.minutes.format(count=count)


@dataclass(frozen=True)
class Material(Located):
    """The whole teaching material: every word of the source, and the brand it is shown in."""

    document: Document = doc("Facts about the document: title, language, version, date.")
    is_not: StatementGroup = doc("The \"It is NOT ...\" statements: what harm reduction is not.")
    benefits: StatementGroup = doc("The benefits: why harm reduction matters.")
    comparison: Comparison = doc("Abstinence-based recovery and harm reduction, principle by principle.")
    credits: Credits = doc("The authors of the material.")
    facilitation: Facilitation = doc("How the training deck is presented: slide titles of our own, cues, timing.")
    acknowledgements: tuple[Acknowledgement, ...] = doc(
        "Findings of `check` kept on purpose, each with its reason; one that matches nothing is an error.",
        default=())
    translation: Translation | None = doc(
        "Only in a translation (e.g. harm-reduction.es.yaml): the English file it translates, and what each "
        "entry was translated from.", default=None, compare=False)

    brand: Brand | None = _internal(None)
    labels: Labels | None = _internal(None)

    @property
    def version_line(self) -> str:
        """Return how every output names this version, e.g. 'Version 1, November 2026', in its language."""
        return self.labels.version(self.document.version, self.document.date)


@dataclass(frozen=True)
class GlossaryTerm:
    """A word or phrase that can stigmatise, and what to say instead."""

    term: str = doc("The word or phrase as a dictionary lists it; its plural and verb forms are found too.")
    instead: tuple[str, ...] = doc("What to say instead, best first.")
    severity: str = doc("error (stops the build) or warning (reported only).", _severity)
    source: str = doc("Where the advice comes from, e.g. 'NIDA, Words Matter'.")
    note: str = doc("When the word is fine after all, shown with the finding.", default="")


@dataclass(frozen=True)
class Glossary(Located):
    """The terms `check` looks for in every text."""

    terms: tuple[GlossaryTerm, ...] = doc("The terms, in any order.")
