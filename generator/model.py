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

from .paper import PAPERS


def doc(text: str, check=None, **default) -> Any:
    """Return a dataclass field documented with `text`, optionally checked by `check`.

    A field given a `default=` (or a `default_factory=`) may be left out of the YAML.
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


def _paper_size(value: str) -> str | None:
    return None if value in PAPERS else f"must be {' or '.join(PAPERS)}, not '{value}'"


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
    body: str = doc("The explanation that follows the headline; leave out for a headline that stands alone.",
                    default="")


@dataclass(frozen=True)
class Step:
    """One numbered instruction."""

    step: str = doc("What to do, as one short line, e.g. 'Call 911.'; the flyer shows only this.")
    detail: str = doc("More about the step, shown under it in the handout and on the slide.", default="")


# A record's whole check returns (the field it is about, relative to the record, and a message), or None.

def _table_shape(table: "Table") -> tuple[str, str] | None:
    if not MIN_COLUMNS <= len(table.columns) <= MAX_COLUMNS:
        return "columns", f"a table has {MIN_COLUMNS} to {MAX_COLUMNS} columns, not {len(table.columns)}"
    for number, row in enumerate(table.rows):
        if len(row) != len(table.columns):
            return (f"rows[{number}]", f"has {len(row)} cells but the table has {len(table.columns)} columns; "
                    "give every row one cell per column")
    return None


MIN_COLUMNS, MAX_COLUMNS = 2, 5


@dataclass(frozen=True)
class Table:
    """A table: column headings and rows; the first cell of each row names it."""

    columns: tuple[str, ...] = doc(f"The column headings, {MIN_COLUMNS} to {MAX_COLUMNS} of them, left to right.")
    rows: tuple[tuple[str, ...], ...] = doc(
        "The rows, each a list of cells in column order; the first cell names the row, and the flyer shows "
        "only those names.")

    whole_check = _table_shape

    @property
    def names(self) -> tuple[str, ...]:
        """Return the first cell of every row, which names it."""
        return tuple(row[0] for row in self.rows)


def _reachable(contact: "Contact") -> tuple[str, str] | None:
    if not (contact.phone or contact.email or contact.web):
        return "", "says no way to reach them; add a phone, email or web"
    return None


def _web_address(value: str) -> str | None:
    if not re.fullmatch(r"(https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?", value):
        return f"'{value}' is not a web address (expected e.g. example.org or https://example.org/help)"
    return None


def _phone(value: str) -> str | None:
    if not re.fullmatch(r"\+?[0-9 ().-]{3,30}", value) or sum(c.isdigit() for c in value) < 3:
        return f"'{value}' is not a phone number (expected digits, e.g. (203) 555-0100 or 988)"
    return None


@dataclass(frozen=True)
class Contact:
    """A person or service to reach, and how."""

    name: str = doc("The person's or service's name; the flyer shows it.")
    role: str = doc("What they do or offer, e.g. 'Crisis line, 24 hours'.", default="")
    phone: str = doc("Phone number, as it should be printed, e.g. (203) 555-0100.", _phone, default="")
    email: str = doc("E-mail address; the handout makes it a clickable link.", _email, default="")
    web: str = doc("Web address, e.g. example.org/help; the handout makes it a clickable link.", _web_address,
                   default="")

    whole_check = _reachable

    @property
    def web_link(self) -> str:
        """Return the web address as a link opens it, with https:// in front when it has no scheme."""
        return self.web if "://" in self.web else f"https://{self.web}"


KINDS = ("statements", "steps", "points", "table", "text", "callout", "contacts")


def _one_kind(block: "Block") -> tuple[str, str] | None:
    given = [kind for kind in KINDS if getattr(block, kind) is not None]
    if not given:
        return "", f"is empty; a block is one of: {', '.join(KINDS)}"
    if len(given) > 1:
        return "", (f"holds {' and '.join(given)}; a block has one kind, so give each its own `- ` entry "
                    "under blocks")
    return None


@dataclass(frozen=True)
class Block:
    """One block of a section, written as one key naming its kind, e.g. `- points: [...]`."""

    statements: tuple[Statement, ...] | None = doc(
        "Headlines, each with the sentences that explain it; the deck gives each its own slide.", default=None)
    steps: tuple[Step, ...] | None = doc(
        "Numbered instructions, in the order they are done.", default=None)
    points: tuple[str, ...] | None = doc("Short lines, shown as a bulleted list.", default=None)
    table: Table | None = doc("A table of 2 to 5 columns; its header row repeats on every slide (in a section with "
                              "`deck: versus`, its rows are shown as panels instead).", default=None)
    text: tuple[str, ...] | None = doc("Paragraphs of running text, one list item each.", default=None)
    callout: str | None = doc("One sentence to highlight, shown in a panel of its own.", default=None)
    contacts: tuple[Contact, ...] | None = doc("People or services to reach, with their phone, e-mail or web.",
                                               default=None)

    whole_check = _one_kind

    @property
    def kind(self) -> str:
        """Return which kind of block this is: the one key it was written with."""
        return next(kind for kind in KINDS if getattr(self, kind) is not None)

    @property
    def content(self):
        """Return what the block holds: its statements, steps, points, table, paragraphs, sentence or contacts."""
        return getattr(self, self.kind)


# What the flyer shows of a section, and of each kind of block when the section does not say.
FLYER_MODES = ("full", "headlines", "heading", "no")
# A table's row names alone say little from across a room, and its cells are too long for 24 pt type.
FLYER_DEFAULTS = {"statements": "headlines", "steps": "headlines", "points": "full", "table": "no",
                  "text": "full", "callout": "full", "contacts": "headlines"}


def _deck_mode(value: str) -> str | None:
    return None if value in DECK_MODES else f"must be one of {', '.join(DECK_MODES)}, not '{value}'"


# How the deck shows a section: its statements as slides or cards, or its tables of three columns as versus panels.
DECK_MODES = ("slides", "cards", "versus")


def _versus_compares_two_columns(section: "Section") -> tuple[str, str] | None:
    if section.deck != "versus":
        return None
    tables = [(index, block.table) for index, block in enumerate(section.blocks) if block.kind == "table"]
    fix = ("a table of three columns (what each row names, then the two things compared), or take out "
           "`deck: versus`")
    if not tables:
        return "deck", f"versus shows a table's rows as panels side by side, but this section has no table; add {fix}"
    for index, table in tables:
        if len(table.columns) != 3:
            return "deck", (f"versus sets two columns side by side, but the table of blocks[{index}] has "
                            f"{len(table.columns)} columns; make it {fix}")
    return None


def _flyer_mode(value: str) -> str | None:
    return None if value in FLYER_MODES else f"must be one of {', '.join(FLYER_MODES)}, not '{value}'"


@dataclass(frozen=True)
class Section:
    """A part of the material: a heading and the blocks under it, in reading order."""

    heading: str = doc("The section heading; every output shows it, and the deck opens the part with it.")
    blocks: tuple[Block, ...] = doc(
        f"The section's content, in reading order: one or more blocks, each one of {', '.join(KINDS)}.")
    flyer: str = doc(
        "What the flyer shows of this section: full (everything), headlines (statement headlines, steps, "
        "table row names and contact names; text and callouts are left out), heading (the heading alone) or no "
        "(nothing). Left out, each block shows its kind's default: headlines for statements, steps and contacts, "
        "full for points, text and callouts, and nothing of a table. The flyer's type is never under 24 pt, to be "
        "read from across a room: a material whose flyer does not fit shows less of some sections.",
        _flyer_mode, default="")
    deck: str = doc(
        "How the deck shows this section: slides (each statement on a slide of its own, its body under its "
        "headline, and each table as a native table), cards (the headlines as cards, two to four to a slide, read "
        "from across the room; their bodies go in the speaker notes) or versus (each row of its tables as a "
        "principle over two panels side by side, one for each of the two things compared, one or two rows to a "
        "slide; every table of the section must have three columns: what each row names, then the two things "
        "compared). Cards suit short headlines that each name a reason or a benefit; versus suits a comparison "
        "too wordy for a table read from the back of a room.",
        _deck_mode, default="slides")

    whole_check = _versus_compares_two_columns

    def flyer_mode(self, block: Block) -> str:
        """Return what the flyer shows of `block`: full, headlines, heading or no."""
        return self.flyer or FLYER_DEFAULTS[block.kind]


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

    opening: int = doc("The title slide.", _positive, default=2)
    agenda: int = doc("The slide saying what the session covers.", _positive, default=1)
    section: int = doc("Each slide that opens a part of the session.", _positive, default=1)
    statements: int = doc("Each slide with one statement.", _positive, default=2)
    steps: int = doc("Each slide of steps.", _positive, default=3)
    points: int = doc("Each slide of points.", _positive, default=2)
    table: int = doc("Each slide of a table.", _positive, default=4)
    text: int = doc("Each slide of running text.", _positive, default=2)
    callout: int = doc("Each slide with a highlighted sentence.", _positive, default=1)
    contacts: int = doc("Each slide of contacts.", _positive, default=2)
    questions: int = doc("The slide of discussion questions.", _positive, default=5)
    closing: int = doc("The closing slide with the authors' contacts.", _positive, default=5)


@dataclass(frozen=True)
class Cues:
    """What the trainer does on the slides of each kind of block; each is added to those slides' speaker notes."""

    statements: str = doc("On each statement slide.", default="")
    steps: str = doc("On each slide of steps.", default="")
    points: str = doc("On each slide of points.", default="")
    table: str = doc("On each slide of a table.", default="")
    text: str = doc("On each slide of running text.", default="")
    callout: str = doc("On each slide with a highlighted sentence.", default="")
    contacts: str = doc("On each slide of contacts.", default="")


@dataclass(frozen=True)
class SlideCoaching:
    """The trainer's coaching for one slide, or for every slide of one title, in the trainer's own words."""

    slide: str = doc("The title of the slide as the deck shows it, e.g. 'It Saves Lives'. A title several slides "
                     "share, numbered in the deck ('Two approaches, compared (1 of 3)'), is given without its "
                     "number and coaches all of them.")
    message: str = doc("The one thing the group should take away from the slide (default: the statement's "
                       "headline, or the heading of the part).", default="")
    question: str = doc("A question to ask the group on the slide (default: the labels file's question for the "
                        "kind of slide).", default="")


@dataclass(frozen=True)
class Facilitation:
    """How the training deck is presented: our own words for the trainer, not the organisation's text.

    Every field may be left out: the deck then uses the titles of the labels file and notes without cues.
    """

    agenda_title: str = doc("Title of the slide listing the parts of the session (default: the label "
                            "'agenda_title').", default="")
    closing_title: str = doc("Title of the last slide, which shows the authors and their contacts (default: "
                             "the label 'closing_title').", default="")
    opening_cue: str = doc("Speaker note for the title slide.", default="")
    agenda_cue: str = doc("Speaker note for the agenda slide.", default="")
    section_cue: str = doc("Speaker note added to each slide that opens a part.", default="")
    closing_cue: str = doc("Speaker note for the closing slide.", default="")
    cues: Cues = doc("Speaker notes for the slides of each kind of block.", default=Cues())
    questions: tuple[str, ...] = doc("Questions to discuss with the group, shown on a slide of their own before "
                                     "the closing slide.", default=())
    minutes: Minutes = doc("Minutes per kind of slide; the notes show them with a running total.",
                           default=Minutes())
    trainer: str = doc("The name of whoever presents the session, shown on the title slide and, first, on the "
                       "closing slide.", default="")
    trainer_contact: str = doc("How the group can reach the trainer afterwards (an e-mail address or a phone "
                               "number), shown under the trainer's name on the closing slide.", default="")
    session_date: str = doc("When the session is given, as it should be shown on the title slide, e.g. "
                            "'December 10, 2026'.", default="")
    objectives: tuple[str, ...] = doc("What the group will be able to do by the end, on the facilitator guide's "
                                      "front page (default: one per part of the session).", default=())
    checklist: tuple[str, ...] = doc("What to bring and set up before the session, on the facilitator guide's "
                                     "front page (default: the labels file's checklist).", default=())
    slides: tuple[SlideCoaching, ...] = doc("The key message and the question of particular slides, where the "
                                            "defaults will not do.", default=())


def _page_budget(value: int) -> str | None:
    return None if 1 <= value <= 20 else f"must be from 1 to 20 pages, not {value}"


@dataclass(frozen=True)
class Outputs:
    """Settings of this material's outputs."""

    handout_pages: int = doc("The most pages the handout may take; a material that needs more fails with a "
                             "message saying what to shorten.", _page_budget, default=2)
    site_flyers: bool = doc("true to build a flyer of this material for every site of a sites file "
                            "(`build --sites FILE`).", default=False)
    poster: bool = doc("true to build poster.pdf as well: what the flyer shows, by the flyer's layout rules, on one "
                       "11 × 17 in (tabloid) page, or A3 when brand.yaml says `paper_size: a4`, in type of 32 pt "
                       "or more, for notice boards and copy shops.",
                       default=False)
    print_shop: bool = doc("true to build the files a copy shop asks for as well: flyer-print-shop.pdf (and "
                           "poster-print-shop.pdf when `poster` is true), PDF/X-4 in CMYK for GRACoL 2006 coated "
                           "paper, with 1/8 in of bleed and, when brand.yaml says `crop_marks: true`, crop marks.",
                           default=False)


@dataclass(frozen=True)
class Acknowledgement:
    """A finding of `check` that the editors have looked at and keep on purpose, with their reason."""

    rule: str = doc("The rule that reported it, as `check` names it, e.g. 'stigma' or 'spelling'.")
    field: str = doc("Where it is, as `check` names it, e.g. 'sections[2].blocks[1].table.rows[6][0]'.")
    reason: str = doc("Why it stays: the report shows this beside the finding.")
    term: str = doc("The word or phrase it is about, e.g. 'relapse'; leave out for findings about a "
                    "whole text, such as its reading grade.", default="")


@dataclass(frozen=True)
class Translation:
    """What a translated content file was translated from, entry by entry."""

    of: str = doc("The English content file this translates, next to this file, e.g. harm-reduction.yaml.")
    fingerprints: dict[str, str] = doc(
        "For each translated text, by field (e.g. 'sections[0].blocks[0].statements[0].body'), the fingerprint of "
        "the English text it was made from. Written by `python -m generator translated`, not by hand.")
    english: dict[str, str] = doc(
        "For each translated text, the English it was made from, as it read then, so that `check` can show what "
        "changed since. Written by `python -m generator translated`, not by hand.", default_factory=dict)


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
class Logo:
    """The organisation's logo: a picture every output shows beside the organisation's name."""

    file: str = doc("The logo's file, an SVG or PNG picture in the folder of brand.yaml or below it, e.g. "
                    "logo.svg. An SVG scales to any size; a PNG should be at least 600 pixels wide.")
    alt: str = doc("What the logo says or shows, for readers who cannot see it, e.g. 'Liberation Programs logo'. "
                   "Screen readers read it out, and PowerPoint shows it as the picture's alt text.")


@dataclass(frozen=True)
class Brand(Located):
    """The organisation's name and look, shared by every output."""

    organisation: str = doc("The organisation's name, shown on every output and stored as the PDF author.")
    place: str = doc("Where the organisation is, e.g. 'Bridgeport, CT'.")
    website: str = doc("The organisation's web address without https://, e.g. example.org.")
    palette: Palette = doc("The brand colours.")
    fonts: Fonts = doc("The typefaces.")
    phone: str = doc("The organisation's phone number as it should be printed, e.g. (203) 555-0100; the flyer "
                     "shows it next to the website. Leave it out if there is no number for the public.", default="")
    logo: Logo | None = doc("The organisation's logo, shown in the mastheads and on the deck's title and closing "
                            "slides. Leave it out to show the organisation's name alone.", default=None)
    paper_size: str = doc("The paper every PDF is printed on: letter (US Letter, 8.5 × 11 in; the default) or a4 "
                          "(210 × 297 mm). The poster takes the larger sheet of the same series: 11 × 17 in "
                          "(tabloid) or A3. The deck's slides are 16:9 either way.", _paper_size, default="letter")
    crop_marks: bool = doc("true to give the print-shop files (`outputs: print_shop: true`) crop marks outside "
                           "their bleed, for a shop that asks for them; most shops trim by the file's TrimBox and "
                           "want none.", default=False)

    @property
    def logo_path(self):
        """Return where the logo's file is, read from the folder of the brand file, or None without a logo."""
        from pathlib import Path

        return Path(self.source).parent / self.logo.file if self.logo else None


def _four(headings: tuple[str, ...]) -> str | None:
    return None if len(headings) == 4 else f"must be four headings, not {len(headings)}"


def _twelve(months: tuple[str, ...]) -> str | None:
    return None if len(months) == 12 else f"must name the 12 months, January first, not {len(months)}"


@dataclass(frozen=True)
class Asks:
    """A question for the group on each kind of slide, in the trainer's words."""

    title: str = doc("On the title slide.")
    agenda: str = doc("On the agenda slide.")
    section: str = doc("On each slide that opens a part.")
    statements: str = doc("On each statement slide.")
    steps: str = doc("On each slide of steps.")
    points: str = doc("On each slide of points.")
    table: str = doc("On each slide of a table.")
    text: str = doc("On each slide of running text.")
    callout: str = doc("On each slide with a highlighted sentence.")
    contacts: str = doc("On each slide of contacts.")
    closing: str = doc("On the closing slide.")


@dataclass(frozen=True)
class Labels(Located):
    """Every fixed wording of the templates and the deck, in one language; {names} are filled in."""

    version_line: str = doc("How an output names its version: {version}, {month}, {year}.")
    months: tuple[str, ...] = doc("The names of the months, January first.", _twelve)
    draft_mark: str = doc("The mark on every page and slide of a draft.")
    page_of: str = doc("The page number in PDF footers: {page}, {pages}.")
    part_of: str = doc("The part number on section slides: {number}, {total}.")
    numbered_title: str = doc("A title shared by several slides: {title}, {number}, {total}.")
    skip_to_content: str = doc("The web page's first link, for keyboard and screen reader users, to skip to the text.")
    downloads: str = doc("The heading of the web page's list of the material's files to download.")
    output_names: dict[str, str] = doc("What the web page and the catalogue call each output they link to, by the "
                                       "output's name (flyer, handout, slides, slides-handout, facilitator-guide, "
                                       "web-page, poster, flyer-print-shop, poster-print-shop).")
    file_facts: str = doc("What the web page says of each file it links to: {kind} (e.g. PDF), {length} (its "
                          "pages or slides), {size}.")
    one_page: str = doc("The length of a file of one page.")
    pages_count: str = doc("The length of a file of several pages: {count}.")
    one_slide: str = doc("The length of a deck of one slide.")
    slides_count: str = doc("The length of a deck of several slides: {count}.")
    decimal_mark: str = doc("The mark between a number's whole part and its decimals, as in '1.2 MB'.")
    unpaged_file_facts: str = doc("What a page says of a file it links to that has no pages (a web page): {kind}, "
                                  "{size}.")
    language_name: str = doc("This language's name, in this language, e.g. 'Español'.")
    catalogue_title: str = doc("The heading of the catalogue of every material in the output folder.")
    catalogue_version: str = doc("A material's version in the catalogue: {version}.")
    approved: str = doc("The catalogue's mark of a material approved for use.")
    built_when: str = doc("When a material's outputs were built, in the catalogue: {when}.")
    site_flyers_heading: str = doc("The heading of the catalogue's list of each site's flyer.")
    flyer_thumbnail: str = doc("What the catalogue's miniature of a flyer shows, for readers who cannot see it.")
    slide_thumbnail: str = doc("What the catalogue's miniature of a first slide shows, for readers who cannot see it.")
    first_slide: str = doc("The caption of the catalogue's miniature of a first slide.")
    single_title: str = doc("The title of a part's one slide after the slide that opens it, which has the part's "
                            "heading as its title: {title}.")
    continued: str = doc("The title of a continuation slide: {title}.")
    continued_of: str = doc("The title of one of several continuation slides: {title}, {number}, {total}.")
    continued_notes: str = doc("The speaker notes of a continuation slide.")
    key_message: str = doc("The speaker notes' line giving a slide's key message: {text}.")
    ask: str = doc("The speaker notes' line giving the question to ask the group: {question}.")
    on_this_slide: str = doc("The speaker notes' line naming the rows a slide of versus panels compares: {names}.")
    opening_message: str = doc("The key message of the title slide.")
    agenda_message: str = doc("The key message of the agenda slide: {count}, the number of parts.")
    questions_message: str = doc("The key message of the slide of discussion questions.")
    closing_message: str = doc("The key message of the closing slide.")
    questions_for: Asks = doc("The question to ask on each kind of slide, unless the material gives its own.")
    timing: str = doc("The timing line of speaker notes: {minutes} (a 'minute' or 'minutes' label), {elapsed}, "
                      "{total}.")
    trainer: str = doc("The label of the trainer on the closing slide.")
    full_text: str = doc("The closing slide's pointer to the handout and the website: {website}.")
    next_slide: str = doc("The last line of a slide's speaker notes, leading into the next slide: {title}.")
    minute: str = doc("One minute.")
    minutes: str = doc("Several minutes: {count}.")
    slides_handout_title: str = doc("The heading of the attendees' slide handout: {title}.")
    slide_number: str = doc("A slide's number: {number}.")
    facilitator_guide: str = doc("The name of the facilitator guide.")
    session: str = doc("The label of the session's length in the facilitator guide.")
    slides: str = doc("The label of the number of slides in the facilitator guide.")
    presenter: str = doc("The label of the trainer's name on the facilitator guide's front page.")
    session_date: str = doc("The label of the session's date on the facilitator guide's front page.")
    objectives: str = doc("The heading of the learning objectives on the facilitator guide's front page.")
    objective: str = doc("A learning objective made from a part's heading, when the material gives none: "
                         "{heading}.")
    checklist: str = doc("The heading of the checklist on the facilitator guide's front page.")
    checklist_items: tuple[str, ...] = doc("What to bring and set up, when the material gives no checklist.")
    agenda: str = doc("The heading of the timed agenda on the facilitator guide's front page.")
    opening_part: str = doc("The agenda's name for the title and agenda slides.")
    closing_part: str = doc("The agenda's name for the discussion and closing slides.")
    time_span: str = doc("When a part of the agenda starts and ends, in minutes from the start: {start}, {end}.")
    agenda_columns: tuple[str, ...] = doc("The headings of the timed agenda's columns: the part, when it starts "
                                          "and ends, how long it takes, its slides.", _four)
    phone: str = doc("The label before a site's phone number on its flyer.")
    hours: str = doc("The heading of a site's opening hours on its flyer.")
    services: str = doc("The heading of what a site offers on its flyer.")
    scan_to_visit: str = doc("The caption under a site's QR code.")
    learn_more: str = doc("The words before the organisation's website on the flyer.")
    qr_code: str = doc("The description of a site's QR code for screen readers: {address}.")
    example_mark: str = doc("The mark across the top of a flyer made from example sites.")
    translation_updating: str = doc("Added to the version line of a translation some of whose entries no longer "
                                    "match the English: {version_line}.")
    agenda_title: str = doc("The title of the slide listing the parts of the session, unless the material's "
                            "facilitation gives its own.")
    closing_title: str = doc("The title of the last slide, unless the material's facilitation gives its own.")
    questions_title: str = doc("The title of the slide of discussion questions.")

    def version(self, number: int, date: datetime.date) -> str:
        """Return how outputs name a version, e.g. 'Version 1, November 2026'."""
        return self.version_line.format(version=number, month=self.months[date.month - 1], year=date.year)

    def duration(self, count: int) -> str:
        """Return a number of minutes, e.g. '1 minute' or '4 minutes'."""
        return self.minute if count == 1 else self.minutes.format(count=count)


@dataclass(frozen=True)
class Material(Located):
    """A whole teaching material: its facts, its sections, who wrote it, and how it is taught."""

    document: Document = doc("Facts about the document: title, language, version, date.")
    sections: tuple[Section, ...] = doc("The parts of the material, in reading order.")
    credits: Credits | None = doc("The authors of the material; every output shows them.", default=None)
    facilitation: Facilitation = doc(
        "How the training deck is presented: slide titles of our own, cues, discussion questions, timing.",
        default=Facilitation())
    outputs: Outputs = doc("Settings of the outputs: the handout's page budget, and site flyers.",
                           default=Outputs())
    call_to_action: str = doc(
        "One sentence that tells the reader what to do next, e.g. 'Questions? Call {phone} or visit {website}.'; "
        "{phone} and {website} are filled in from brand.yaml. The flyer, the top of the handout and the deck's "
        "closing slide show it.", default="")
    acknowledgements: tuple[Acknowledgement, ...] = doc(
        "Findings of `check` kept on purpose, each with its reason; one that matches nothing is an error.",
        default=())
    translation: Translation | None = doc(
        "Only in a translation (e.g. harm-reduction.es.yaml): the English file it translates, and what each "
        "entry was translated from.", default=None, compare=False)

    brand: Brand | None = _internal(None)
    labels: Labels | None = _internal(None)
    outdated: bool = _internal(False)  # a translation with entries that no longer match the English

    @property
    def name(self) -> str:
        """Return the material's name: its file name without `.yaml` (and without a translation's language)."""
        return _material_name(self.source)

    @property
    def version_line(self) -> str:
        """Return how every output names this version, e.g. 'Version 1, November 2026', in its language.

        A translation some of whose entries no longer match the English says so here, on every output.
        """
        line = self.labels.version(self.document.version, self.document.date)
        return self.labels.translation_updating.format(version_line=line) if self.outdated else line

    @property
    def call_to_action_parts(self) -> tuple[tuple[str, bool], ...]:
        """Return the call to action as (text, whether it is the brand's phone or website) pieces, in order."""
        import string

        pieces = []
        for text, name, _, _ in string.Formatter().parse(self.call_to_action):
            pieces += [(text, False)] if text else []
            pieces += [(getattr(self.brand, name), True)] if name else []
        return tuple(pieces)

    @property
    def call_to_action_line(self) -> str:
        """Return the call to action with the brand's phone and website filled in, or '' without one."""
        return "".join(text for text, _ in self.call_to_action_parts)

    @property
    def authors(self) -> tuple[Author, ...]:
        """Return the credited authors, if any."""
        return self.credits.authors if self.credits else ()

    def blocks(self):
        """Yield (section, block, field) for every block, in reading order; field is e.g. 'sections[2].blocks[1]'."""
        for number, section in enumerate(self.sections):
            for index, block in enumerate(section.blocks):
                yield section, block, f"sections[{number}].blocks[{index}]"


def _material_name(source: str) -> str:
    from pathlib import PurePath

    return PurePath(source).name.split(".")[0]


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
