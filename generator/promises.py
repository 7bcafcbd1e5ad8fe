"""What each output promises to show, derived once from the material's sections and blocks.

`verify`, every build and the tests ask the builders for these promises (Builder.promises);
nothing else keeps its own list of what an output must show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Block, Material, Section


@dataclass(frozen=True)
class Expected:
    """A text an output must show, with the short name it goes by when it is missing."""

    label: str
    text: str
    in_notes: bool = False  # the deck may say it in the speaker notes instead of showing it


def heading(section: Section) -> Expected:
    """Return a section's heading."""
    return Expected(f"section heading '{section.heading}'", section.heading)


def block_texts(section: Section, block: Block, mode: str = "full", in_deck: bool = False) -> list[Expected]:
    """Return what a block shows in `mode`: 'full' (every word) or 'headlines' (its short lines only).

    `in_deck`: as the deck and its printed slides show it, where a statement's body may be in the speaker notes,
    and versus panels show a table's rows by their names, under the headings of the two columns compared only.
    """
    where = f"of '{section.heading}'"
    kind, content = block.kind, block.content
    if kind == "statements":
        expected = [Expected(f"statement headline {number} {where}", statement.headline)
                    for number, statement in enumerate(content, start=1)]
        if mode == "full":
            expected += [Expected(f"statement body {number} {where}", statement.body, in_deck)
                         for number, statement in enumerate(content, start=1) if statement.body]
        return expected
    if kind == "steps":
        expected = [Expected(f"step {number} {where}", step.step) for number, step in enumerate(content, start=1)]
        if mode == "full":
            expected += [Expected(f"detail of step {number} {where}", step.detail)
                         for number, step in enumerate(content, start=1) if step.detail]
        return expected
    if kind == "table":
        expected = [Expected(f"row '{name}' {where}", name) for name in content.names]
        if mode == "full":
            columns = content.columns[1:] if in_deck and section.deck == "versus" else content.columns
            expected += [Expected(f"column heading '{column}' {where}", column) for column in columns]
            expected += table_cells(content)
        return expected
    if kind == "contacts":
        if mode != "full":
            return [Expected(f"contact '{contact.name}'", contact.name) for contact in content]
        return [Expected(f"contact detail '{detail}'", detail) for contact in content
                for detail in (contact.name, contact.role, contact.phone, contact.email, contact.web) if detail]
    if mode != "full":
        return []  # points, text and callouts have no short form
    if kind == "points":
        return [Expected(f"point {number} {where}", point) for number, point in enumerate(content, start=1)]
    if kind == "text":
        return [Expected(f"paragraph {number} {where}", paragraph) for number, paragraph in enumerate(content, start=1)]
    return [Expected(f"callout {where}", content)]


def table_cells(table) -> list[Expected]:
    """Return every cell of a table after the first of each row, named by its column and row."""
    return [Expected(f"{column} cell of '{row[0]}'", cell)
            for row in table.rows for column, cell in zip(table.columns[1:], row[1:])]


def credits(material: Material, with_contacts: bool = True) -> list[Expected]:
    """Return the credits' heading and every author's name and role, and (`with_contacts`) organisation and
    e-mail: the flyer's one footer line leaves those to the other outputs."""
    if material.credits is None:
        return []
    expected = [Expected(f"credits heading '{material.credits.heading}'", material.credits.heading)]
    return expected + [Expected(f"credit '{detail}'", detail) for author in material.authors
                       for detail in (author.name, author.role,
                                      *((author.organisation, author.email) if with_contacts else ()))]


def call_to_action(material: Material) -> list[Expected]:
    """Return the material's call to action with the brand's phone and website in it, if it has one."""
    line = material.call_to_action_line
    return [Expected(f"call to action '{line}'", line)] if line else []


def every_word(material: Material, in_deck: bool = False) -> list[Expected]:
    """Return every text of the material: each section's heading and blocks, and the credits (`in_deck`: as the
    deck shows them, see block_texts)."""
    expected = []
    for section in material.sections:
        expected.append(heading(section))
        for block in section.blocks:
            expected += block_texts(section, block, "full", in_deck)
    return expected + credits(material)


def flyer_shows(material: Material, with_site: bool = False) -> list[Expected]:
    """Return what the flyer shows: what each section marks for it, and the credits' line.

    A site's flyer gives the room of the text blocks to the site's panel, so it does not promise them.
    """
    expected = []
    for section in material.sections:
        modes = [section.flyer_mode(block) for block in section.blocks]
        if all(mode == "no" for mode in modes):
            continue
        expected.append(heading(section))
        for block, mode in zip(section.blocks, modes):
            if mode in ("full", "headlines") and not (with_site and block.kind == "text"):
                expected += block_texts(section, block, mode)
    # A site's flyer has the site's own call to action: its panel, with its phone (see site-flyer.html).
    return expected + credits(material, with_contacts=False) + ([] if with_site else call_to_action(material))


def handout_shows(material: Material) -> list[Expected]:
    """Return what the handout shows: every word, and the call to action."""
    return every_word(material) + call_to_action(material)


def deck_shows(material: Material) -> list[Expected]:
    """Return what the deck shows: every word, a statement's body on its slide or in its notes, and the call
    to action on the closing slide."""
    return every_word(material, in_deck=True) + call_to_action(material)


def slide_companion_shows(material: Material) -> list[Expected]:
    """Return what the printed slides show: every slide title, every table cell, and the credits."""
    from .slideplan import plan_slides

    titles = [Expected(f"slide title '{slide.title}'", slide.title) for slide in plan_slides(material).slides]
    cells = [item for section, block, _ in material.blocks() if block.kind == "table"
             for item in block_texts(section, block, "full", in_deck=True)]
    return titles + cells + credits(material)


PROMISES: dict[str, Callable[[Material], list[Expected]]] = {
    "flyer": flyer_shows,
    "poster": flyer_shows,
    "flyer-print-shop": flyer_shows,
    "poster-print-shop": flyer_shows,
    "handout": handout_shows,
    "slides": deck_shows,
    "slides-handout": slide_companion_shows,
    "web-page": handout_shows,
    "facilitator-guide": slide_companion_shows,
}
