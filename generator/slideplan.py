"""The slide plan: which slides the training deck has, what is on each, and what the trainer says.

The plan is computed once from the material and feeds the deck and its printed
companions, so they cannot disagree. It has two parts. The engine (_Planner)
measures every text against the box it will be drawn in (see deck_design),
shrinks type down to the minimum size, flows what still does not fit onto
further slides, titles them (every title unique), and times them. The slide
rules, one small function per kind of block (SLIDE_RULES), say what a block
puts on its slides and in their notes.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from . import deck_design as design
from .errors import BuildError
from .fonts import face_file
from .measure import Run, metrics, text_height, wrap
from .model import Block, Material, Section
from .typesetting import keep_last_words_together

BULLET = "• "


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box."""

    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class TableSlice:
    """Part of a table on one slide: its header row and the rows that fit, measured, with its column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    size: float
    heights: tuple[float, ...]  # in inches: the header row's, then each row's
    shares: tuple[float, ...]  # each column's width, as a share of the table's width


@dataclass(frozen=True)
class Slide:
    """One slide: its layout, title, text boxes (one per layout body box), table and speaker notes."""

    layout: design.Layout
    title: str
    title_size: float
    bodies: tuple[tuple[Paragraph, ...], ...] = ()
    table: TableSlice | None = None
    notes: str = ""
    minutes: int = 0
    topic: str = ""  # the title before the deck numbered it: what the facilitation's coaching names
    emphasis: str = ""  # a word of the title its author wrote in capitals, e.g. 'NOT', set in the accent colour
    part: int = 0  # the part of the session: 0 the welcome, then one per section, then the closing

    @property
    def texts(self) -> list[str]:
        """Return every text a viewer sees on the slide, in reading order."""
        texts = [self.title] + [paragraph.text for body in self.bodies for paragraph in body]
        if self.table:
            texts += list(self.table.header) + [cell for row in self.table.rows for cell in row]
        return texts


@dataclass(frozen=True)
class SlidePlan:
    """The whole deck, in order, with its font and the total time it takes to present."""

    slides: tuple[Slide, ...]
    font: str
    language: str

    @property
    def minutes(self) -> int:
        """Return the time the whole session takes, in minutes."""
        return sum(slide.minutes for slide in self.slides)


@dataclass(frozen=True)
class Page:
    """One slide as a slide rule makes it, before the engine titles, numbers and times it."""

    bodies: tuple[tuple[Paragraph, ...], ...] = ()
    table: TableSlice | None = None
    message: str = ""  # the slide's key message, when it is not the heading of its section
    said: tuple[str, ...] = ()  # what the notes say that the slide does not show
    layout: design.Layout = design.CONTENT
    title: str = ""  # a title of its own; left empty, the slide takes its section's heading, numbered
    field: str = ""  # the content field its own title comes from
    continued: bool = False  # the rest of the slide before: its notes say so, and it takes a minute
    count: int = 1  # how many of its block's items it shows, each timed as a slide of its own (cards)
    emphasis: str = ""  # see Slide.emphasis


@dataclass(frozen=True)
class _Coaching:
    """What a slide's notes say besides its timing: made with the slide, put together once the deck is whole."""

    kind: str  # the kind of slide, which picks the default question: 'title', 'statements', 'closing' ...
    message: str = ""
    said: tuple[str, ...] = ()
    cue: str = ""
    continued: bool = False


Item = Sequence[Paragraph]  # paragraphs kept on one slide where they fit: a step and its detail, a contact


class _Planner:
    """Measure, fit, flow, title, number and time the material's slides."""

    def __init__(self, material: Material):
        self.material = material
        self.labels = material.labels
        self.minutes = material.facilitation.minutes
        self.font = material.brand.fonts.slides
        # The slides handout draws every slide again in the print font, which sets wider: text must fit in both.
        self.print_font = material.brand.fonts.print
        self.slides: list[Slide] = []
        self.coaching: list[_Coaching] = []
        self.titled: set[str] = set()
        self.part = 0
        self.section: Section | None = None  # the section being planned

    # Where a text comes from

    def where(self, field: str) -> str:
        """Return where `field` is written, as 'file:line: field'; 'labels.x' is in the labels file."""
        located = self.labels if field.startswith("labels.") else self.material
        name = field.removeprefix("labels.") if located is self.labels else field
        line = located.line_of(name)
        return f"{located.source}:{line}: {name}" if line else f"{located.source}: {name}"

    # Measuring

    def height(self, paragraphs, box: design.Box) -> float:
        """Return the height `paragraphs` take in `box`, in points: on the slide, or printed, whichever is taller."""
        runs = runs_of(paragraphs)
        width = box.text_width_pt
        return max(text_height(runs, self.font, width), printed_height(runs, self.print_font, width))

    def fits(self, paragraphs, box: design.Box) -> bool:
        return self.height(paragraphs, box) <= box.text_height_pt

    def fit(self, bodies: Sequence[Item], boxes: Sequence[design.Box]) -> tuple[tuple[Paragraph, ...], ...] | None:
        """Return each body in the largest sizes at which every body fits its box, all shrunk alike, or None."""
        shrink = 0
        while True:
            sized = tuple(tuple(replace(p, size=max(box.min_size, p.size - shrink)) for p in body)
                          for body, box in zip(bodies, boxes))
            if all(self.fits(body, box) for body, box in zip(sized, boxes)):
                return sized
            if all(p.size == box.min_size for body, box in zip(sized, boxes) for p in body):
                return None
            shrink += design.SIZE_STEP_PT

    def fit_or_fail(self, bodies, boxes: Sequence[design.Box], field: str,
                    what: str) -> tuple[tuple[Paragraph, ...], ...]:
        """Return `bodies` fitted to their `boxes` of a slide; fail naming `field` if they cannot fit."""
        fitted = self.fit(bodies, boxes)
        if fitted is None:
            smallest = min(box.min_size for box in boxes)
            raise BuildError(f"{self.where(field)}: {what} holds more text than fits one slide even at "
                             f"{smallest} pt; shorten it")
        return fitted

    def title_size(self, title: str, box: design.Box, field: str) -> float:
        """Return the largest size at which `title` fits its box; fail naming the content line if none does."""
        size = box.size
        while size >= box.min_size:
            if self.fits([Paragraph(keep_last_words_together(title), size, bold=True)], box):
                return size
            size -= design.SIZE_STEP_PT
        raise BuildError(f"{self.where(field)}: {_quoted(title)} is too long for a slide title even at "
                         f"{box.min_size} pt; shorten it")

    # Flowing onto further slides

    def flow(self, items: Sequence[Item], boxes: Sequence[design.Box] = design.CONTENT.bodies):
        """Return `items` laid out on as few slides as hold them, each slide as a tuple of its `boxes`' bodies.

        They go on one slide in the largest sizes that fit, spread evenly over the boxes (a layout's columns).
        Else they go on as few slides as they need at the minimum size, in the largest sizes that need no more
        slides; an item too long for a box of its own is cut at sentence ends.
        """
        fitted = self.fit(_spread(items, len(boxes)), boxes)
        if fitted is not None:
            return [fitted]
        fewest = _slides(self.fill(items, boxes[0], math.inf), len(boxes))
        for shrink in itertools.count(0, design.SIZE_STEP_PT):
            filled = self.fill(items, boxes[0], shrink)
            if _slides(filled, len(boxes)) <= fewest:  # at the minimum size at the latest
                filled += [()] * (-len(filled) % len(boxes))  # every slide has all its boxes, a last one empty
                return [tuple(filled[start:start + len(boxes)]) for start in range(0, len(filled), len(boxes))]

    def fill(self, items: Sequence[Item], box: design.Box, shrink: float) -> list[tuple[Paragraph, ...]]:
        """Return `items` made `shrink` points smaller (down to the minimum) and packed in order into boxes."""
        filled: list[tuple[Paragraph, ...]] = []
        current: list[Paragraph] = []
        for item in items:
            paragraphs = [replace(p, size=max(box.min_size, p.size - shrink)) for p in item]
            if self.fits(current + paragraphs, box):
                current += paragraphs
                continue
            if current:
                filled.append(tuple(current))
            pieces = [tuple(paragraphs)] if self.fits(paragraphs, box) else self.split(paragraphs, box)
            filled += pieces[:-1]
            current = list(pieces[-1])
        if current:
            filled.append(tuple(current))
        return filled

    def split(self, paragraphs: list[Paragraph], box: design.Box) -> list[tuple[Paragraph, ...]]:
        """Return `paragraphs` cut into box-sized pieces at sentence (or word) ends."""
        pieces: list[tuple[Paragraph, ...]] = []
        current: list[Paragraph] = []
        for paragraph in paragraphs:
            shown = ""  # the part of this paragraph in the current piece
            for chunk in self.chunks(paragraph, box):
                trial = f"{shown} {chunk}".strip()
                if self.fits(current + [replace(paragraph, text=trial)], box):
                    shown = trial
                    continue
                if shown:
                    current.append(replace(paragraph, text=shown))
                if current:
                    pieces.append(tuple(current))
                current, shown = [], chunk
            if shown:
                current.append(replace(paragraph, text=shown))
        if current:
            pieces.append(tuple(current))
        return pieces

    def chunks(self, paragraph: Paragraph, box: design.Box) -> list[str]:
        """Return the paragraph's sentences, with any sentence too long for a whole slide cut into words."""
        chunks = []
        for sentence in re.split(r"(?<=[.;:!?])\s+", paragraph.text):
            if self.fits([replace(paragraph, text=sentence)], box):
                chunks.append(sentence)
            else:
                chunks.extend(sentence.split())
        return chunks

    def titled_pages(self, title: str, field: str, pages, message: str = "",
                     layout: design.Layout = design.CONTENT) -> list[Page]:
        """Return flowed `pages` all titled `title`, the first with the key `message`, the rest marked as continued."""
        total = len(pages)
        return [Page(bodies, message=message, layout=layout, title=self.continued_title(title, number, total),
                     field=field, continued=number > 0)
                for number, bodies in enumerate(pages)]

    def continued_title(self, title: str, number: int, total: int) -> str:
        """Return the title of slide `number` (from 0) of `total` that continue one another."""
        if number == 0:
            return title
        if total > 2:
            return self.labels.continued_of.format(title=title, number=number + 1, total=total)
        return self.labels.continued.format(title=title)

    # Tables

    def row_heights(self, cells, size: float, shares, header: bool) -> tuple[float, float]:
        """Return the height, in inches, of a table row holding `cells` at `size` points: on the slide, and printed."""
        box = design.TABLE.table
        on_slide = printed = 0.0
        for column, (cell, share) in enumerate(zip(cells, shares)):
            width = (box.width * share - 2 * design.CELL_INSET_X) * 72
            runs = [Run(cell, size, header or column == 0)]
            on_slide = max(on_slide, text_height(runs, self.font, width))
            printed = max(printed, printed_height(runs, self.print_font, width))
        return on_slide / 72 + 2 * design.CELL_INSET_Y, printed / 72 + 2 * design.CELL_INSET_Y

    def table_slices(self, table, field: str) -> list[TableSlice]:
        """Return `table` cut into slices that fit one slide, on it and printed, the header row on every one.

        The rows are shared out as evenly as the fewest slides allow, so that no slide is left with one row.
        """
        box = design.TABLE.table
        size, shares, header = box.size, design.table_shares(len(table.columns)), tuple(table.columns)
        header_heights = self.row_heights(header, size, shares, header=True)
        heights = []  # each row's height on the slide, and printed
        for number, row in enumerate(table.rows):
            row_heights = self.row_heights(row, size, shares, header=False)
            if any(top + height > box.height for top, height in zip(header_heights, row_heights)):
                raise BuildError(f"{self.where(f'{field}.rows[{number}]')}: the row {_quoted(row[0])} is too long "
                                 f"for one slide even at {size} pt; shorten it")
            heights.append(row_heights)
        groups = _shared_out(header_heights, heights, box.height)
        return [self.table_slice(header, [table.rows[index] for index in group], size, header_heights,
                                 [heights[index] for index in group], shares)
                for group in groups]

    def table_slice(self, header, rows, size, header_heights, heights, shares) -> TableSlice:
        """Return a slice of a table, with the heights its rows take on the slide."""
        return TableSlice(header, tuple(rows), size, (header_heights[0], *(row[0] for row in heights)), shares)

    # Adding slides

    def add(self, layout, title, field, bodies=(), minutes=0, table=None, *, coaching: _Coaching,
            topic: str = "", emphasis: str = "") -> None:
        """Add a slide whose boxes already fit; fail naming `field` if an earlier slide has its title."""
        if title in self.titled:
            raise BuildError(f"{self.where(field)}: two slides would be titled {_quoted(title)}; change one of them")
        self.titled.add(title)
        size = self.title_size(title, layout.title, field)
        self.slides.append(Slide(layout, title, size, tuple(bodies), table, "", minutes, topic=topic or title,
                                 part=self.part, emphasis=emphasis))
        self.coaching.append(coaching)

    def add_page(self, page: Page, title: str, field: str, kind: str, cue: str, minutes: int,
                 topic: str = "", message: str = "") -> None:
        """Add a slide a rule made, with its coaching, or as the rest of the slide before."""
        if page.continued:
            coaching, minutes = _Coaching(kind, continued=True), 1
        else:
            coaching = _Coaching(kind, page.message or message, page.said, cue)
        self.add(page.layout, title, field, page.bodies, minutes, page.table, coaching=coaching,
                 topic=topic or page.title or title, emphasis=page.emphasis)

    # The deck

    def plan(self) -> SlidePlan:
        """Return the slide plan of the whole session."""
        self.plan_opening()
        self.plan_agenda()
        for number, section in enumerate(self.material.sections):
            self.part = number + 1
            self.plan_section(number, section)
        self.part = len(self.material.sections) + 1
        self.plan_questions()
        self.plan_closing()
        return SlidePlan(tuple(self.timed()), self.font, self.material.document.language)

    def plan_opening(self) -> None:
        """Add the title slide: the title, subtitle, authors and version; the notes open the session."""
        material, document = self.material, self.material.document
        facilitation = material.facilitation
        session = " · ".join(part for part in (facilitation.trainer, facilitation.session_date) if part)
        given = [Paragraph(session, 24, bold=True)] if session else []
        version = " · ".join(part for part in (material.version_line, material.brand.website) if part)
        tries = [[Paragraph(document.subtitle, 28), *given, *credits, Paragraph(version, 20)]
                 for credits in self.ways_to_credit()]
        crowded = "credits.authors" if material.credits else "document.subtitle"
        bodies = (next(filter(None, (self.fit([lines], design.TITLE.bodies) for lines in tries)), None)
                  or self.fit_or_fail([tries[-1]], design.TITLE.bodies, crowded, "the title slide"))
        self.add(design.TITLE, document.title, "document.title", bodies, self.minutes.opening,
                 coaching=_Coaching("title", self.labels.opening_message, cue=facilitation.opening_cue))

    def ways_to_credit(self) -> list[list[Paragraph]]:
        """Return the ways the title slide may credit the authors, roomiest first."""
        credits = self.material.credits
        if not credits:
            return [[]]
        # An author a line while they fit; else all on one line, and at the most, their names alone.
        each = [f"{a.name}, {a.role}" for a in credits.authors]
        lines = [each, ["; ".join(each)], ["; ".join(a.name for a in credits.authors)]]
        return [[Paragraph(credits.heading, 20, bold=True), *(Paragraph(line, 24) for line in credited),
                 Paragraph(self.organisations, 24)] for credited in lines]

    @property
    def organisations(self) -> str:
        """Return the authors' organisations, each once: usually the one they share."""
        return " and ".join(dict.fromkeys(a.organisation for a in self.material.authors))

    def plan_agenda(self) -> None:
        """Add the agenda: the sections' headings and the closing, numbered."""
        facilitation = self.material.facilitation
        parts = [section.heading for section in self.material.sections] + [self.closing_title]
        agenda = [[Paragraph(f"{number}. {part}", 36)] for number, part in enumerate(parts, start=1)]
        title, field = self.own_or_label("agenda_title")
        message = self.labels.agenda_message.format(count=len(parts))
        for page in self.titled_pages(title, field, self.flow(agenda), message):
            self.add_page(page, page.title, page.field, "agenda", facilitation.agenda_cue, self.minutes.agenda,
                          topic=title)

    def plan_section(self, number: int, section: Section) -> None:
        """Add a section's divider (with its opening text, if that fits), then the slides of its blocks."""
        field = f"sections[{number}]"
        self.section = section
        label = Paragraph(self.labels.part_of.format(number=number + 1, total=len(self.material.sections)), 28)
        blocks = list(enumerate(section.blocks))
        intro = self.divider_intro(label, blocks[0][1]) if blocks else None
        bodies = self.fit_or_fail([[label, *(intro or ())]], design.SECTION.bodies, f"{field}.heading",
                                  "the section slide")
        self.add(design.SECTION, section.heading, f"{field}.heading", bodies, self.minutes.section,
                 coaching=_Coaching("section", section.heading, cue=self.material.facilitation.section_cue))
        pages = [(block.kind, page) for index, block in blocks[1 if intro else 0:]
                 for page in SLIDE_RULES[block.kind](self, block, f"{field}.blocks[{index}]")]
        self.add_section_pages(section.heading, f"{field}.heading", pages)

    def add_section_pages(self, heading: str, field: str, pages: list[tuple[str, Page]]) -> None:
        """Add the slides of a section's blocks (kind, page): those without a title of their own numbered."""
        total = sum(1 for _, page in pages if not page.title)
        count = 0
        for kind, page in pages:
            title, title_field = page.title, page.field
            if not title:
                # Never the plain heading: the section slide before them has it.
                count += 1
                title = (self.labels.numbered_title.format(title=heading, number=count, total=total) if total > 1
                         else self.labels.single_title.format(title=heading))
                title_field = field
            self.add_page(page, title, title_field, kind, getattr(self.material.facilitation.cues, kind),
                          getattr(self.minutes, kind) * page.count, topic=page.title or heading, message=heading)

    def divider_intro(self, label: Paragraph, block: Block) -> list[Paragraph] | None:
        """Return a section's opening text if it fits on the section slide under `label` at full size, else None."""
        if block.kind != "text":
            return None
        # The section slide is read from across the room: text that would need smaller type gets slides of its own.
        intro = [Paragraph(text, label.size) for text in block.text]
        return intro if self.fits([label, *intro], design.SECTION.bodies[0]) else None

    def plan_questions(self) -> None:
        """Add the slide of discussion questions, if the material has any."""
        questions = self.material.facilitation.questions
        if not questions:
            return
        items = [[Paragraph(f"{BULLET}{question}", 32)] for question in questions]
        title = self.labels.questions_title
        for page in self.titled_pages(title, "labels.questions_title", self.flow(items),
                                      self.labels.questions_message):
            self.add_page(page, page.title, page.field, "questions", "", self.minutes.questions, topic=title)

    def plan_closing(self) -> None:
        """Add the closing slide: the authors in two columns with their contacts, and the version line."""
        material = self.material
        people = [[Paragraph(a.name, 28, bold=True), Paragraph(a.role, 24), Paragraph(a.organisation, 20),
                   Paragraph(a.email, 20)] for a in material.authors]
        if not people:  # without authors to contact, the organisation is whom to contact
            brand = material.brand
            people = [[Paragraph(brand.organisation, 28, bold=True), Paragraph(brand.place, 24),
                       Paragraph(brand.website, 20)]]
        facilitation = material.facilitation
        trainer = [[Paragraph(facilitation.trainer, 28, bold=True), Paragraph(self.labels.trainer, 24),
                    *([Paragraph(facilitation.trainer_contact, 20)] if facilitation.trainer_contact else [])]]
        people = (trainer if facilitation.trainer else []) + people
        columns, (footer_box,) = design.CLOSING.bodies[:2], design.CLOSING.bodies[2:]
        website = material.brand.website
        pointer = " ".join(part for part in (self.labels.full_text.format(website=website) if website else "",
                                             material.version_line) if part)
        footer = [Paragraph(line, footer_box.size, bold=bold)
                  for line, bold in ((material.call_to_action_line, True), (pointer, False)) if line]
        if not self.fits(footer, footer_box):
            raise BuildError(f"{self.where('call_to_action')}: the call to action and the closing slide's "
                             f"line '{pointer}' take more than two lines; shorten the call to action")
        pages = [(*bodies, tuple(footer)) for bodies in self.flow(people, columns)]
        title, field = self.own_or_label("closing_title")
        for page in self.titled_pages(title, field, pages, self.labels.closing_message, design.CLOSING):
            self.add_page(page, page.title, page.field, "closing", facilitation.closing_cue, self.minutes.closing,
                          topic=title)

    @property
    def closing_title(self) -> str:
        """Return the title of the closing slide."""
        return self.own_or_label("closing_title")[0]

    def own_or_label(self, name: str) -> tuple[str, str]:
        """Return the facilitation's title `name` and its field, or the label's when the material gives none."""
        own = getattr(self.material.facilitation, name)
        return (own, f"facilitation.{name}") if own else (getattr(self.labels, name), f"labels.{name}")

    def timed(self) -> list[Slide]:
        """Return the slides with their notes: the timing first; then the key message, what to do and the question
        to ask; and last the way on to the next slide, so that a trainer can lead into it before clicking."""
        coached = self.coached()
        total = sum(slide.minutes for slide in self.slides)
        elapsed, timed = 0, []
        for number, (slide, coaching) in enumerate(zip(self.slides, self.coaching)):
            elapsed += slide.minutes
            labels = self.labels
            timing = labels.timing.format(minutes=labels.duration(slide.minutes), elapsed=elapsed, total=total)
            following = self.slides[number + 1] if number + 1 < len(self.slides) else None
            onward = labels.next_slide.format(title=following.title) if following else ""
            if coaching.continued:
                notes = _notes(timing, labels.continued_notes, onward)
            else:
                own = coached.get(slide.title) or coached.get(slide.topic)
                message = (own and own.message) or coaching.message
                question = (own and own.question) or getattr(labels.questions_for, coaching.kind, "")
                notes = _notes(timing, labels.key_message.format(text=message) if message else "", *coaching.said,
                               coaching.cue, labels.ask.format(question=question) if question else "", onward)
            timed.append(replace(slide, notes=notes))
        return timed

    def coached(self):
        """Return the facilitation's coaching by the slide title it names; fail on one that names no slide."""
        titles = {slide.title for slide in self.slides} | {slide.topic for slide in self.slides}
        coached = {}
        for number, entry in enumerate(self.material.facilitation.slides):
            if entry.slide not in titles:
                shown = "; ".join(dict.fromkeys(_quoted(slide.topic, 40) for slide in self.slides))
                raise BuildError(f"{self.where(f'facilitation.slides[{number}].slide')}: no slide is titled "
                                 f"{_quoted(entry.slide)}; name one of these: {shown}")
            coached[entry.slide] = entry
        return coached


# The slide rules: what each kind of block puts on its slides and in their notes.

def statement_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Give each statement a slide of its own: the headline as title, the body large below it; the headline is
    the slide's key message. A section that asks for cards gets card_slides instead."""
    if planner.section.deck == "cards" and len(block.statements) > 1:
        return card_slides(planner, block, field)
    pages = []
    box = design.STATEMENT.bodies[0]
    for index, statement in enumerate(block.statements):
        flowed = planner.flow([[Paragraph(statement.body, box.size)]], (box,)) if statement.body else [()]
        pages += [replace(page, emphasis=capitalised_word(statement.headline))
                  for page in planner.titled_pages(statement.headline, f"{field}.statements[{index}].headline",
                                                   flowed, statement.headline, design.STATEMENT)]
    return pages


def capitalised_word(headline: str) -> str:
    """Return the first word of `headline` its author wrote in capitals for emphasis ('NOT' in 'It is NOT
    unethical.'), or '' when there is none. A headline in capitals throughout has no word set apart."""
    words = re.findall(r"\b[^\W\d_]{2,}\b", headline)
    capitals = [word for word in words if word.isupper()]
    return capitals[0] if capitals and len(capitals) < len(words) else ""


def card_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the headlines as cards, two to four to a slide and as many on each slide as the fewest slides allow;
    the notes give each card's body, for the trainer to say."""
    statements = list(enumerate(block.statements))
    slides = math.ceil(len(statements) / 4)
    size, extra = divmod(len(statements), slides)
    pages, start = [], 0
    for number in range(slides):
        group = statements[start:start + size + (1 if number < extra else 0)]
        start += len(group)
        layout = design.CARDS[len(group)]
        # All shrunk alike, so that the cards of a slide match.
        headlines = [[Paragraph(keep_last_words_together(statement.headline), box.size, bold=True)]
                     for (_, statement), box in zip(group, layout.bodies)]
        bodies = planner.fit_or_fail(headlines, layout.bodies, f"{field}.statements[{group[0][0]}].headline",
                                     "a card of these headlines")
        said = tuple(f"{statement.headline} — {statement.body}" if statement.body else statement.headline
                     for _, statement in group)
        pages.append(Page(bodies, layout=layout, said=said, count=len(group)))
    return pages


def step_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the steps numbered, each in bold with its detail below, on as many slides as they need."""
    items = [[Paragraph(f"{number}. {step.step}", 32, bold=True)]
             + ([Paragraph(step.detail, 28)] if step.detail else [])
             for number, step in enumerate(block.steps, start=1)]
    return [Page(bodies) for bodies in planner.flow(items)]


def point_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the points as a bulleted list, on as many slides as they need."""
    items = [[Paragraph(f"{BULLET}{point}", 32)] for point in block.points]
    return [Page(bodies) for bodies in planner.flow(items)]


def text_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the paragraphs as they are written, on as many slides as they need."""
    items = [[Paragraph(text, 32)] for text in block.text]
    return [Page(bodies) for bodies in planner.flow(items)]


def callout_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the sentence large on a slide of its own; it is the slide's key message."""
    bodies = planner.fit_or_fail([[Paragraph(block.callout, 40)]], design.CONTENT.bodies, f"{field}.callout",
                                 "the callout")
    return [Page(bodies, message=block.callout)]


def contact_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the contacts in two columns, name in bold over role, phone, e-mail and web, on as many slides as needed."""
    items = [[Paragraph(contact.name, 28, bold=True)]
             + [Paragraph(text, size) for text, size in ((contact.role, 24), (contact.phone, 20),
                                                         (contact.email, 20), (contact.web, 20)) if text]
             for contact in block.contacts]
    return [Page(bodies, layout=design.TWO_COLUMNS) for bodies in planner.flow(items, design.TWO_COLUMNS.bodies)]


def table_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show the table natively, its header row on every slide. A section that asks for versus panels gets
    versus_slides instead."""
    if planner.section.deck == "versus":
        return versus_slides(planner, block, field)
    return [Page(table=part, layout=design.TABLE) for part in planner.table_slices(block.table, f"{field}.table")]


def versus_slides(planner: _Planner, block: Block, field: str) -> list[Page]:
    """Show each row of a three-column table as its name over two panels side by side, one for each of the two
    things compared, which are named at the top of every slide. Two rows go on a slide where both fit, else one, in
    order: pairing the next two whenever they fit takes the fewest slides there are. The notes name the rows the
    slide compares; the cells are for the group to read.

    The model has checked that the table has three columns (see model.Section.deck).
    """
    table = block.table
    heading_boxes = design.COMPARISONS[1].bodies[:2]  # the same on both layouts: they stay put from slide to slide
    headings = planner.fit_or_fail([[Paragraph(column, box.size, bold=True)]
                                    for column, box in zip(table.columns[1:], heading_boxes)],
                                   heading_boxes, f"{field}.table.columns", "a column heading")
    rows, pages = list(enumerate(table.rows)), []
    while rows:
        count, layout, bodies = _next_comparisons(planner, rows, f"{field}.table")
        said = planner.labels.on_this_slide.format(names="; ".join(row[0] for _, row in rows[:count]))
        pages.append(Page((*headings, *bodies), layout=layout, said=(said,)))
        rows = rows[count:]
    return pages


def _next_comparisons(planner: _Planner, rows, field: str) -> tuple[int, design.Layout, tuple]:
    """Return how many of `rows` (each numbered) the next versus slide compares, its layout and its bodies fitted:
    the first two rows if both fit, else the first alone; fail naming its line if it does not fit a slide alone."""
    for count in (2, 1):
        layout = design.COMPARISONS[count]
        if len(rows) >= count:
            bodies = planner.fit(_compared(rows[:count], layout), layout.bodies[2:])
            if bodies is not None:
                return count, layout, bodies
    number, (name, *_) = rows[0]
    raise BuildError(f"{planner.where(f'{field}.rows[{number}]')}: the row {_quoted(name)} is too long for one slide "
                     f"even at {design.MIN_VERSUS_PT} pt; shorten it")


def _compared(rows, layout: design.Layout) -> list[list[Paragraph]]:
    """Return the bodies of `rows` (each numbered) in a versus `layout`'s boxes: each row's name, then its cells."""
    bodies = []
    for index, (_, (name, *cells)) in enumerate(rows):
        name_box, *panels = layout.bodies[2 + 3 * index:5 + 3 * index]
        bodies.append([Paragraph(name, name_box.size, bold=True)])
        bodies += [[Paragraph(cell, panel.size)] for cell, panel in zip(cells, panels)]
    return bodies


SLIDE_RULES: dict[str, Callable[[_Planner, Block, str], list[Page]]] = {
    "statements": statement_slides,
    "steps": step_slides,
    "points": point_slides,
    "table": table_slides,
    "text": text_slides,
    "callout": callout_slides,
    "contacts": contact_slides,
}


def _spread(items: Sequence[Item], boxes: int) -> list[list[Paragraph]]:
    """Return `items` spread in order over `boxes` boxes, as evenly as they go, the first boxes fuller."""
    per_box = max(1, -(-len(items) // boxes))
    return [[paragraph for item in items[start:start + per_box] for paragraph in item]
            for start in range(0, per_box * boxes, per_box)]


def _slides(boxes: list, per_slide: int) -> int:
    """Return how many slides `boxes` filled boxes take, `per_slide` to a slide."""
    return -(-len(boxes) // per_slide)


def _quoted(text: str, longest: int = 60) -> str:
    """Return `text` in quotes for a message, its start alone if it is long: the message names its line anyway."""
    return f"'{text}'" if len(text) <= longest else f"'{text[:longest - 1].rstrip()}…'"


def _shared_out(header_heights, heights, room: float) -> list[list[int]]:
    """Return the rows (by index) on each slide: on as few slides as hold them, each about as full as the others.

    Each slide holds the header and its rows within `room`, on the slide and printed. Among the ways to
    use the fewest slides, the one whose slides leave the most even room is chosen (the sum of the squares
    of the room each leaves is least), so that no slide is left holding one row.
    """
    count = len(heights)

    def used(first: int, last: int) -> float | None:
        """Return the height rows first..last-1 take with the header, the taller of slide and print, or None."""
        taken = [top + sum(row[dimension] for row in heights[first:last]) for dimension, top in enumerate(header_heights)]
        return None if any(height > room for height in taken) else max(taken)

    # best[last] = (slides, unevenness, where the last slide starts) for the first `last` rows.
    best: list[tuple[int, float, int] | None] = [(0, 0.0, 0)] + [None] * count
    for last in range(1, count + 1):
        for first in range(last - 1, -1, -1):
            height = used(first, last)
            if height is None:
                break  # more rows would not fit either
            if best[first] is None:
                continue
            slides, unevenness, _ = best[first]
            candidate = (slides + 1, unevenness + (room - height) ** 2, first)
            if best[last] is None or candidate[:2] < best[last][:2]:
                best[last] = candidate
    groups, last = [], count
    while last:
        first = best[last][2]
        groups.insert(0, list(range(first, last)))
        last = first
    return groups


def printed_height(runs: list[Run], family: str, width: float) -> float:
    """Return the height of `runs` wrapped to `width` as the slides handout prints them in `family`, in points."""
    height = 0.0
    for run in runs:
        font = metrics(face_file(family, run.bold))
        lines = wrap(run.text, font, run.size, width)
        height += len(lines) * design.PRINTED_LINE_SPACING * run.size + run.space_after
    return height


def runs_of(paragraphs) -> list[Run]:
    """Return `paragraphs` as runs to measure, spaced as the deck spaces them."""
    last = len(paragraphs) - 1
    return [Run(p.text, p.size, p.bold, design.space_after(p.size, n == last)) for n, p in enumerate(paragraphs)]


def _notes(*parts: str) -> str:
    """Return speaker notes made of `parts`, one paragraph each."""
    return "\n\n".join(part for part in parts if part)


def plan_slides(material: Material) -> SlidePlan:
    """Return the slide plan of `material`: every slide, measured to fit, with its speaker notes.

    The plan is computed once per material and brand, and shared by the deck and its printed companions.
    """
    return _plan(material, material.brand)


@functools.lru_cache(maxsize=4)
def _plan(material: Material, brand) -> SlidePlan:
    return _Planner(material).plan()
