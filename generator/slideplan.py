"""The slide plan: which slides the training deck has, what is on each, and what the trainer says.

The plan is computed once from the material and feeds the deck and its printed
companions, so they cannot disagree. Every text is measured against the box it
will be drawn in (see deck_design): type shrinks to the minimum size, and what
still does not fit moves to a continuation slide.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from . import deck_design as design
from .errors import BuildError
from .measure import Run, text_height
from .model import Material


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a text box."""

    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class ComparisonTable:
    """Part of the comparison table: the header row and the rows on one slide, with their measured heights."""

    header: tuple[str, str, str]
    rows: tuple[tuple[str, str, str], ...]
    size: float
    heights: tuple[float, ...]  # in inches: the header row's, then each row's


@dataclass(frozen=True)
class Slide:
    """One slide: its layout, title, text boxes (one per layout body box), table and speaker notes."""

    layout: design.Layout
    title: str
    title_size: float
    bodies: tuple[tuple[Paragraph, ...], ...] = ()
    table: ComparisonTable | None = None
    notes: str = ""
    minutes: int = 0

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


class _Planner:
    """Measure and lay out the material's text, slide by slide."""

    def __init__(self, material: Material):
        self.material = material
        self.font = material.brand.fonts.slides
        self.slides: list[Slide] = []

    # Measuring

    def height(self, paragraphs, box: design.Box) -> float:
        return text_height(runs_of(paragraphs), self.font, box.text_width_pt)

    def fits(self, paragraphs, box: design.Box) -> bool:
        return self.height(paragraphs, box) <= box.text_height_pt

    def fit(self, paragraphs: list[Paragraph], box: design.Box) -> tuple[Paragraph, ...] | None:
        """Return `paragraphs` in the largest sizes that fit `box` (shrinking all together), or None."""
        shrink = 0
        while True:
            sized = tuple(replace(p, size=max(box.min_size, p.size - shrink)) for p in paragraphs)
            if self.fits(sized, box):
                return sized
            if all(p.size == box.min_size for p in sized):
                return None
            shrink += design.SIZE_STEP_PT

    def title_size(self, title: str, box: design.Box, field: str) -> float:
        """Return the largest size at which `title` fits its box; fail naming the content line if none does."""
        size = box.size
        while size >= box.min_size:
            if self.fits([Paragraph(title, size, bold=True)], box):
                return size
            size -= design.SIZE_STEP_PT
        line = self.material.line_of(field)
        where = f"{self.material.source}:{line}" if line else self.material.source
        raise BuildError(f"{where}: {field}: '{title}' is too long for a slide title even at "
                         f"{box.min_size} pt; shorten it")

    # Adding slides

    def add(self, layout, title, field, bodies=(), notes="", minutes=0, table=None):
        """Add a slide whose boxes already fit."""
        size = self.title_size(title, layout.title, field)
        self.slides.append(Slide(layout, title, size, tuple(bodies), table, notes, minutes))

    def add_flowing(self, layout, title, field, paragraphs: list[Paragraph], notes, minutes):
        """Add one slide for `paragraphs`, or as many continuation slides as they need at the minimum size."""
        box = layout.bodies[0]
        fitted = self.fit(paragraphs, box)
        if fitted is not None:
            self.add(layout, title, field, [fitted], notes, minutes)
            return
        pieces = self.split(paragraphs, box)
        for number, piece in enumerate(pieces):
            labels = self.material.labels
            shown = title if number == 0 else labels.continued.format(title=title)
            if number > 0 and len(pieces) > 2:
                shown = labels.continued_of.format(title=title, number=number + 1, total=len(pieces))
            self.add(layout, shown, field, [piece], notes if number == 0 else labels.continued_notes,
                     minutes if number == 0 else 1)

    def split(self, paragraphs: list[Paragraph], box: design.Box) -> list[tuple[Paragraph, ...]]:
        """Return `paragraphs` at the minimum size, cut into slide-sized pieces at sentence (or word) ends."""
        pieces: list[tuple[Paragraph, ...]] = []
        current: list[Paragraph] = []
        for paragraph in paragraphs:
            paragraph = replace(paragraph, size=box.min_size)
            shown = ""  # the part of this paragraph on the current slide
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

    # Tables

    def row_height(self, cells, size: float, header: bool) -> float:
        """Return the height, in inches, of a table row holding `cells` at `size` points."""
        box = design.COMPARISON.table
        tallest = 0.0
        for column, (cell, share) in enumerate(zip(cells, design.TABLE_COLUMN_SHARES)):
            width = (box.width * share - 2 * design.CELL_INSET_X) * 72
            bold = header or column == 0
            tallest = max(tallest, text_height([Run(cell, size, bold)], self.font, width))
        return tallest / 72 + 2 * design.CELL_INSET_Y

    def table_pages(self) -> list[ComparisonTable]:
        """Return the comparison cut into tables that each fit one slide, the header row on every one."""
        comparison = self.material.comparison
        header = comparison.header
        size = design.COMPARISON.table.size
        header_height = self.row_height(header, size, header=True)
        room = design.COMPARISON.table.height
        pages, rows, heights = [], [], []
        for number, (principle, row) in enumerate(zip(comparison.rows, comparison.cells)):
            height = self.row_height(row, size, header=False)
            if header_height + height > room:
                line = self.material.line_of(f"comparison.rows[{number}]")
                raise BuildError(f"{self.material.source}:{line}: comparison.rows[{number}]: the principle "
                                 f"'{principle.name}' is too long for one slide even at {size} pt; shorten it")
            if rows and header_height + sum(heights) + height > room:
                pages.append(ComparisonTable(header, tuple(rows), size, (header_height, *heights)))
                rows, heights = [], []
            rows.append(row)
            heights.append(height)
        pages.append(ComparisonTable(header, tuple(rows), size, (header_height, *heights)))
        return pages

    # The deck

    def plan(self) -> SlidePlan:
        """Return the slide plan of the whole session."""
        material = self.material
        document, credits, facilitation = material.document, material.credits, material.facilitation
        minutes = facilitation.minutes
        labels = material.labels
        authors = "; ".join(f"{a.name}, {a.role}" for a in credits.authors)
        organisations = " and ".join(dict.fromkeys(a.organisation for a in credits.authors))

        title_lines = [Paragraph(document.subtitle, 28), Paragraph(credits.heading, 20, bold=True)]
        title_lines += [Paragraph(f"{a.name}, {a.role}", 24) for a in credits.authors]
        title_lines += [Paragraph(organisations, 24), Paragraph(material.version_line, 20)]
        self.add_fitted(design.TITLE, document.title, "document.title", [title_lines],
                        notes=[facilitation.opening_cue, f"{credits.heading}: {authors}, {organisations}."],
                        minutes=minutes.opening)

        parts = [material.is_not.heading, material.benefits.heading, material.comparison.heading]
        agenda = [Paragraph(f"{number}. {part}", 36) for number, part in enumerate(parts, start=1)]
        agenda.append(Paragraph(f"{len(parts) + 1}. {facilitation.closing_title}", 36))
        self.add_flowing(design.CONTENT, facilitation.agenda_title, "facilitation.agenda_title", agenda,
                         notes=_notes(facilitation.agenda_cue, *(p.text for p in agenda)), minutes=minutes.agenda)

        for number, (group, field) in enumerate([(material.is_not, "is_not"), (material.benefits, "benefits")]):
            self.add_fitted(design.SECTION, group.heading, f"{field}.heading",
                            [[Paragraph(labels.part_of.format(number=number + 1, total=len(parts)), 28)]],
                            notes=[facilitation.section_cue], minutes=minutes.section)
            for index, statement in enumerate(group.statements):
                self.add_flowing(design.CONTENT, statement.headline, f"{field}.statements[{index}].headline",
                                 [Paragraph(statement.body, 40)],
                                 notes=_notes(labels.say.format(text=f"{_sentence(statement.headline)} {statement.body}"),
                                              facilitation.statement_cue),
                                 minutes=minutes.statement)

        comparison = material.comparison
        self.add_fitted(design.SECTION, comparison.heading, "comparison.heading",
                        [[Paragraph(labels.part_of.format(number=len(parts), total=len(parts)), 28)]
                         + [Paragraph(sentence, 28) for sentence in comparison.intro]],
                        notes=[labels.say.format(text=" ".join(comparison.intro)), facilitation.section_cue],
                        minutes=minutes.section)
        pages = self.table_pages()
        columns = comparison.columns
        for number, table in enumerate(pages, start=1):
            # Numbered even when there is one: the section slide before it already has the plain heading.
            title = labels.numbered_title.format(title=comparison.heading, number=number, total=len(pages))
            said = [f"{name} — {columns.abstinence}: {abstinence} — {columns.harm_reduction}: {harm}"
                    for name, abstinence, harm in table.rows]
            self.add(design.COMPARISON, title, "comparison.heading", table=table,
                     notes=_notes(*said, facilitation.comparison_cue), minutes=minutes.comparison)

        people = [[Paragraph(a.name, 28, bold=True), Paragraph(a.role, 24), Paragraph(a.organisation, 20),
                   Paragraph(a.email, 20)] for a in credits.authors]
        columns_of_people = [sum(people[0::2], []), sum(people[1::2], [])]
        self.add_fitted(design.CLOSING, facilitation.closing_title, "facilitation.closing_title",
                        columns_of_people + [[Paragraph(material.version_line, 20)]],
                        notes=[facilitation.closing_cue,
                               *(f"{a.name}, {a.role}, {a.organisation}: {a.email}" for a in credits.authors)],
                        minutes=minutes.closing)
        return SlidePlan(tuple(self.timed()), self.font, document.language)

    def add_fitted(self, layout, title, field, bodies, notes, minutes):
        """Add a slide whose every body must fit its box; fail naming the title's line if one cannot."""
        fitted = []
        for paragraphs, box in zip(bodies, layout.bodies):
            sized = self.fit(list(paragraphs), box)
            if sized is None:
                line = self.material.line_of(field)
                raise BuildError(f"{self.material.source}:{line}: {field}: the slide '{title}' holds more text than "
                                 f"fits even at {box.min_size} pt; shorten it")
            fitted.append(sized)
        self.add(layout, title, field, fitted, _notes(*notes), minutes)

    def timed(self) -> list[Slide]:
        """Return the slides with each one's timing at the top of its notes."""
        total = sum(slide.minutes for slide in self.slides)
        elapsed, timed = 0, []
        for slide in self.slides:
            elapsed += slide.minutes
            timing = self.material.labels.timing.format(minutes=self.material.labels.duration(slide.minutes),
                                                        elapsed=elapsed, total=total)
            timed.append(replace(slide, notes=_notes(timing, slide.notes)))
        return timed


def _sentence(headline: str) -> str:
    """Return a headline as it is read aloud before its body: 'It Saves Lives' becomes 'It Saves Lives:'."""
    return headline if headline[-1] in ".:!?" else f"{headline}:"


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
