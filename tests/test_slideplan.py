"""The slide plan: the session's structure, timing and notes, computed once for the deck and its companions."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from generator import deck_design as design
from generator.content import load_content
from generator.errors import BuildError
from generator.slideplan import SLIDE_RULES, capitalised_word, plan_slides
from generator.model import KINDS

from .conftest import BRAND, CONTENT, with_native_tables

# Small materials written for these tests, in the content file's format. No statements anywhere: steps, points,
# a five-column table, contacts, a callout and discussion questions, and no credits.
MEETING_ROOM = """\
document:
  title: Setting Up the Meeting Room
  subtitle: What to do before, during and after a meeting
  subject: A short guide for staff who book and set up the shared meeting rooms.
  language: en-US
  version: 2
  date: 2026-03-02

sections:
  - heading: Before the meeting
    blocks:
      - steps:
          - step: Book the room.
            detail: Use the shared calendar at least a day ahead, and add the number of guests.
          - step: Check the screen and the cables.
            detail: Plug in a laptop and show one slide, so nothing surprises you later.
          - step: Set out the chairs.
          - step: Open the windows for ten minutes.
            detail: Fresh air keeps people awake.
      - points:
          - Water jug and glasses
          - Spare pens and paper
          - A sign on the door with the meeting's name

  - heading: Which room to choose
    blocks:
      - table:
          columns: [Room, Seats, Screen, Booked through, Good for]
          rows:
            - [Garden Room, "12", Large wall screen, Shared calendar, Team meetings and short trainings]
            - [Library, "6", None, Front desk, Quiet one-to-one talks]
            - [Hall, "40", Projector and sound system, Facilities office, Open days and whole-staff meetings]
            - [Studio, "8", Two monitors, Shared calendar, Video calls with partners]

  - heading: Who to call
    blocks:
      - contacts:
          - name: Front desk
            role: Keys, signs and visitor badges
            phone: (203) 555-0100
          - name: IT help desk
            role: Screens, cables and video calls
            email: help@example.org
            web: example.org/it
          - name: Facilities office
            role: Chairs, tables, heating and the Hall
            phone: (203) 555-0142
            email: facilities@example.org
      - callout: Leave the room as you found it for the next group.

facilitation:
  cues:
    steps: Ask who has booked a room before and what went wrong.
  questions:
    - What do you check first when you arrive?
    - Who do you call when the screen stays dark?
"""

# One section holding one text block, with credits.
HOUSE_RULES = """\
document:
  title: Meeting Room House Rules
  subtitle: One page of common sense
  subject: The house rules of the shared meeting rooms.
  language: en-US
  version: 1
  date: 2026-04-20
  status: approved
  approved_by: Sam Rivera, Office Manager

sections:
  - heading: The rules
    blocks:
      - text:
{paragraphs}
credits:
  heading: Written by
  authors:
    - name: Sam Rivera
      role: Office Manager
      organisation: Example Offices – Springfield
      email: sam.rivera@example.org
"""

SHORT_RULES = ["Book before you use a room.", "Leave it tidy for the next group."]
LONG_RULES = [
    "Book every room through the shared calendar before you use it, even for a quick talk, so that nobody "
    "walks in on a meeting that is already under way and everybody can see which rooms are free.",
    "Leave the room as you found it: chairs back in their rows, the screen switched off, the windows closed "
    "and the whiteboard wiped clean for the next group, who may arrive only a few minutes after you leave.",
    "Tell the front desk about anything that is broken or missing, so that it can be mended before the "
    "next meeting, and put a note on the door if the room cannot be used until then.",
]


def written(tmp_path: Path, text: str, name: str = "material.yaml"):
    """Return the material written as `text` into a content file of its own, loaded and checked."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_content(path, BRAND)


def house_rules(tmp_path: Path, paragraphs: list[str]):
    """Return the one-section material whose text block holds `paragraphs`."""
    listed = "\n".join(f"          - {json.dumps(paragraph)}" for paragraph in paragraphs)  # JSON quotes are YAML's
    return written(tmp_path, HOUSE_RULES.format(paragraphs=listed), "house-rules.yaml")


def steps_material(count: int) -> str:
    """Return a material whose one section is `count` steps, each with a detail."""
    steps = "\n".join(f"          - step: Put chair {number} in its place.\n"
                      f"            detail: Chair {number} goes where the floor plan on the door shows it, "
                      f"facing the screen." for number in range(1, count + 1))
    return MEETING_ROOM.split("sections:")[0] + textwrap.dedent("""\
        sections:
          - heading: Setting out the chairs
            blocks:
              - steps:
        """) + steps + "\n"


def titles_of(material) -> list[str]:
    return [slide.title for slide in plan_slides(material).slides]


def versus(slide) -> bool:
    """Return whether `slide` shows rows of a table as versus panels."""
    return slide.layout in design.COMPARISONS.values()


def compared(slide) -> list[tuple[str, ...]]:
    """Return the rows a versus slide compares, as (name, first cell, second cell), as planned."""
    texts = [body[0].text for body in slide.bodies[2:]]
    return [tuple(texts[start:start + 3]) for start in range(0, len(texts), 3)]


# The shipped material

def test_the_session_runs_title_agenda_parts_closing(material):
    plan = plan_slides(material)
    layouts = [slide.layout.name for slide in plan.slides]
    assert layouts[0] == "Title"
    assert plan.slides[1].title == material.facilitation.agenda_title
    assert layouts[-1] == "Closing"
    assert plan.slides[-1].title == material.facilitation.closing_title
    sections = [slide.title for slide in plan.slides if slide.layout is design.SECTION]
    assert sections == [section.heading for section in material.sections]
    assert [paragraph.text for paragraph in plan.slides[1].bodies[0]] == (
        [f"{number}. {section.heading}" for number, section in enumerate(material.sections, start=1)]
        + [f"{len(material.sections) + 1}. {material.facilitation.closing_title}"])


def test_one_statement_per_slide_with_its_headline_as_title_and_its_body_below(material):
    slides = {slide.title: slide for slide in plan_slides(material).slides}
    for section, block, _ in material.blocks():
        if section.deck == "cards":
            continue  # see the tests of cards
        for statement in block.statements or ():
            body = slides[statement.headline].bodies[0]
            assert [paragraph.text for paragraph in body] == [statement.body]
            assert body[0].size == design.STATEMENT.bodies[0].size


def test_the_comparisons_opening_text_is_on_its_section_slide_and_its_notes_give_the_trainers_key_message(material):
    section = material.sections[2]
    divider = next(slide for slide in plan_slides(material).slides if slide.title == section.heading)
    shown = [paragraph.text for paragraph in divider.bodies[0]]
    assert shown == ["Part 3 of 3", *section.blocks[0].text]
    coaching = next(entry for entry in material.facilitation.slides if entry.slide == section.heading)
    assert f"Key message: {coaching.message}" in divider.notes
    assert section.blocks[0].text[0] not in divider.notes


def test_the_table_slides_are_numbered_across_the_section_with_the_header_on_each(material):
    material = with_native_tables(material)
    section, table = material.sections[2], material.sections[2].blocks[1].table
    slides = [slide for slide in plan_slides(material).slides if slide.table]
    assert [slide.title for slide in slides] == [f"{section.heading} ({number} of {len(slides)})"
                                                 for number in range(1, len(slides) + 1)]
    assert all(slide.table.header == table.columns for slide in slides)
    assert all(slide.table.shares == (0.24, 0.38, 0.38) for slide in slides)
    assert [row for slide in slides for row in slide.table.rows] == list(table.rows)
    # The notes coach through the table, and do not read its rows out again.
    assert all(material.facilitation.cues.table in slide.notes for slide in slides)
    # The material asks its own question on these slides (facilitation.slides), not the labels' for a table.
    coaching = next(entry for entry in material.facilitation.slides if entry.slide == section.heading)
    assert all(f"Ask: {coaching.question}" in slide.notes for slide in slides)
    assert not any(row[1] in slide.notes for slide in slides for row in table.rows)


def test_the_plan_is_computed_once(material):
    assert plan_slides(material) is plan_slides(material)


def test_minutes_add_up(material):
    plan = plan_slides(material)
    minutes = material.facilitation.minutes
    statements = sum(len(block.statements) for _, block, _ in material.blocks() if block.statements)
    tables = sum(1 for slide in plan.slides if slide.table or versus(slide))
    assert tables
    discussion = sum(1 for slide in plan.slides if slide.title == material.labels.questions_title)
    assert discussion == 1  # the material's three questions on one slide
    expected = (minutes.opening + minutes.agenda + len(material.sections) * minutes.section
                + statements * minutes.statements + tables * minutes.table + discussion * minutes.questions
                + minutes.closing)
    assert plan.minutes == expected
    assert plan.slides[-1].notes.startswith(f"Timing: about {minutes.closing} minutes ({expected} of {expected}")


def test_cues_are_in_the_notes(material):
    plan = plan_slides(material)
    facilitation = material.facilitation
    assert facilitation.opening_cue in plan.slides[0].notes
    assert facilitation.agenda_cue in plan.slides[1].notes
    assert facilitation.closing_cue in plan.slides[-1].notes
    tables = [slide for slide in plan_slides(with_native_tables(material)).slides if slide.table]
    tables += [slide for slide in plan.slides if versus(slide)]
    assert tables and all(facilitation.cues.table in slide.notes for slide in tables)
    assert all(facilitation.section_cue in slide.notes for slide in plan.slides if slide.layout is design.SECTION)


def test_every_kind_of_block_has_a_slide_rule():
    assert set(SLIDE_RULES) == set(KINDS)


def test_table_columns_share_the_width_for_two_to_five_columns():
    assert design.table_shares(3) == (0.24, 0.38, 0.38)
    for columns in range(2, 6):
        shares = design.table_shares(columns)
        assert len(shares) == columns and sum(shares) == pytest.approx(1, abs=0.001)
        assert shares[0] < shares[1] and len(set(shares[1:])) == 1


# Materials of other shapes

def test_a_material_of_steps_points_a_table_contacts_and_a_callout(tmp_path):
    material = written(tmp_path, MEETING_ROOM)
    plan = plan_slides(material)
    slides = {slide.title: slide for slide in plan.slides}
    assert [slide.title for slide in plan.slides] == [
        "Setting Up the Meeting Room", "What this session covers",
        "Before the meeting", "Before the meeting (1 of 2)", "Before the meeting (2 of 2)",
        "Which room to choose", "Which room to choose: at a glance",
        "Who to call", "Who to call (1 of 2)", "Who to call (2 of 2)",
        "Let's discuss", "Questions and contacts"]
    steps = [(p.text, p.bold) for p in slides["Before the meeting (1 of 2)"].bodies[0]]
    assert steps[:3] == [("1. Book the room.", True),
                         ("Use the shared calendar at least a day ahead, and add the number of guests.", False),
                         ("2. Check the screen and the cables.", True)]
    assert ("3. Set out the chairs.", True) in steps
    assert "Ask who has booked a room before" in slides["Before the meeting (1 of 2)"].notes
    points = [p.text for p in slides["Before the meeting (2 of 2)"].bodies[0]]
    assert points == ["• Water jug and glasses", "• Spare pens and paper",
                      "• A sign on the door with the meeting's name"]
    table = slides["Which room to choose: at a glance"].table
    assert table.header == ("Room", "Seats", "Screen", "Booked through", "Good for") and len(table.rows) == 4
    assert table.shares == design.table_shares(5)
    contacts = slides["Who to call (1 of 2)"]
    assert contacts.layout is design.TWO_COLUMNS
    shown = [p.text for body in contacts.bodies for p in body]
    assert ["Front desk", "Keys, signs and visitor badges", "(203) 555-0100"] == shown[:3]
    assert {"help@example.org", "example.org/it", "facilities@example.org"} <= set(shown)
    assert [p.text for p in slides["Who to call (2 of 2)"].bodies[0]] == [
        "Leave the room as you found it for the next group."]
    assert slides["Who to call (2 of 2)"].bodies[0][0].size == 40
    assert [p.text for p in slides["Let's discuss"].bodies[0]] == [
        "• What do you check first when you arrive?", "• Who do you call when the screen stays dark?"]


def test_without_credits_the_title_slide_shows_no_authors_and_the_closing_slide_the_organisation(tmp_path):
    plan = plan_slides(written(tmp_path, MEETING_ROOM))
    title, closing = plan.slides[0], plan.slides[-1]
    assert [p.text for p in title.bodies[0]] == ["What to do before, during and after a meeting",
                                                 "Version 2, March 2026 · liberationprograms.org"]
    assert [[p.text for p in body] for body in closing.bodies] == [
        ["Liberation Programs, Inc.", "Bridgeport, CT", "liberationprograms.org"], [],
        ["The full text is in the handout and at liberationprograms.org. Version 2, March 2026"]]


def test_minutes_follow_each_kind_of_slide(tmp_path):
    plan = plan_slides(written(tmp_path, MEETING_ROOM))
    minutes = [slide.minutes for slide in plan.slides]
    # opening, agenda, part, steps, points, part, table, part, contacts, callout, questions, closing
    assert minutes == [2, 1, 1, 3, 2, 1, 4, 1, 2, 1, 5, 5]
    assert plan.slides[-1].notes.startswith(f"Timing: about 5 minutes ({sum(minutes)} of {sum(minutes)} minutes")


def test_a_short_opening_text_joins_its_section_slide(tmp_path):
    plan = plan_slides(house_rules(tmp_path, SHORT_RULES))
    assert [slide.title for slide in plan.slides] == ["Meeting Room House Rules", "What this session covers",
                                                      "The rules", "Questions and contacts"]
    assert [p.text for p in plan.slides[2].bodies[0]] == ["Part 1 of 1", *SHORT_RULES]
    # The notes coach, and do not read the slide out again.
    assert "Key message: The rules" in plan.slides[2].notes
    assert SHORT_RULES[0] not in plan.slides[2].notes


def test_a_long_opening_text_gets_slides_of_its_own(tmp_path):
    plan = plan_slides(house_rules(tmp_path, LONG_RULES))
    titles = [slide.title for slide in plan.slides]
    assert titles[2] == "The rules"
    assert [p.text for p in plan.slides[2].bodies[0]] == ["Part 1 of 1"]
    own = [slide for slide in plan.slides if slide.title.startswith("The rules") and slide.title != "The rules"]
    assert own and [slide.title for slide in own] == numbered("The rules", len(own))
    shown = " ".join(p.text for slide in own for p in slide.bodies[0])
    assert shown == " ".join(LONG_RULES)
    assert all(slide.notes.split("\n\n")[1] == "Key message: The rules" for slide in own[:1])
    assert all("Continued from the previous slide" in slide.notes for slide in own[1:])


def test_a_long_list_of_steps_flows_onto_numbered_slides(tmp_path):
    plan = plan_slides(written(tmp_path, steps_material(14)))
    own = [slide for slide in plan.slides if slide.title.startswith("Setting out the chairs (")]
    assert len(own) >= 2
    assert [slide.title for slide in own] == [f"Setting out the chairs ({n} of {len(own)})"
                                              for n in range(1, len(own) + 1)]
    lines = [p for slide in own for p in slide.bodies[0]]
    assert [p.text for p in lines if p.bold] == [f"{n}. Put chair {n} in its place." for n in range(1, 15)]
    for slide in own:  # a step keeps its detail on its slide
        assert not slide.bodies[0][-1].bold
        assert re.match(r"\d+\. ", slide.bodies[0][0].text)
        assert slide.minutes == 3
    # Every slide of the list sets it alike: steps larger than their details, none below the minimum.
    assert {(p.bold, p.size) for p in lines} == {(True, lines[0].size), (False, lines[1].size)}
    assert lines[0].size > lines[1].size >= design.MIN_BODY_PT


def test_two_statements_with_the_same_headline_name_the_second(tmp_path):
    text = MEETING_ROOM.replace("""  - heading: Who to call
    blocks:
""", """  - heading: Who to call
    blocks:
      - statements:
          - headline: Ask first.
            body: The front desk knows which rooms are free.
          - headline: Ask first.
            body: The IT help desk can lend you a cable.
""")
    material = written(tmp_path, text)
    with pytest.raises(BuildError) as caught:
        plan_slides(material)
    field = "sections[2].blocks[0].statements[1].headline"
    assert str(caught.value) == (f"{material.source}:{material.line_of(field)}: {field}: two slides would be "
                                 "titled 'Ask first.'; change one of them")
    second = [number for number, line in enumerate(text.splitlines(), start=1) if "headline: Ask first." in line][1]
    assert material.line_of(field) == second


def test_a_row_too_long_for_any_slide_names_its_line(tmp_path):
    text = MEETING_ROOM.replace("Quiet one-to-one talks", "Quiet talks " + "and more quiet talks " * 40)
    material = written(tmp_path, text)
    with pytest.raises(BuildError) as caught:
        plan_slides(material)
    field = "sections[1].blocks[0].table.rows[1]"
    assert str(caught.value) == (f"{material.source}:{material.line_of(field)}: {field}: the row 'Library' is too "
                                 "long for one slide even at 20 pt; shorten it")


def test_many_authors_share_a_line_on_the_title_slide_and_continue_the_closing_slide(tmp_path):
    authors = "".join(f"    - name: Person {number} Example\n      role: Room Coordinator\n"
                      f"      organisation: Example Offices – Springfield\n      email: person{number}@example.org\n"
                      for number in range(1, 6))
    plan = plan_slides(written(tmp_path, MEETING_ROOM + f"credits:\n  heading: Written by\n  authors:\n{authors}"))
    title = [p.text for p in plan.slides[0].bodies[0]]
    assert title[1:3] == ["Written by", "; ".join(f"Person {n} Example, Room Coordinator" for n in range(1, 6))]
    closing = plan.slides[-2:]
    assert [slide.title for slide in closing] == ["Questions and contacts", "Questions and contacts (continued)"]
    names = [p.text for slide in closing for body in slide.bodies[:2] for p in body if p.bold]
    assert names == [f"Person {n} Example" for n in range(1, 6)]
    assert all([p.text for p in slide.bodies[2]] == ["The full text is in the handout and at liberationprograms.org. Version 2, March 2026"] for slide in closing)


@pytest.mark.parametrize("language", ["", ".es"])
def test_a_table_is_shared_out_evenly_so_no_slide_holds_a_single_row(language):
    from .conftest import BRAND, ROOT

    material = with_native_tables(load_content(ROOT / "content" / f"harm-reduction{language}.yaml", BRAND))
    counts = [len(slide.table.rows) for slide in plan_slides(material).slides if slide.table]
    assert sum(counts) == 10
    # Greedy filling gave the Spanish deck 3, 3, 3 and 1 rows; the fewest slides still, each about as full.
    assert max(counts) - min(counts) <= 1, counts


@pytest.mark.parametrize("content", ["harm-reduction.yaml", "harm-reduction.es.yaml"])
def test_no_slide_title_ends_with_one_word_alone_on_its_last_line(content):
    from generator.fonts import face_file
    from generator.measure import metrics, wrap
    from generator.typesetting import keep_last_words_together

    material = load_content(Path(__file__).resolve().parent.parent / "content" / content, BRAND)
    plan = plan_slides(material)
    font = metrics(face_file(material.brand.fonts.slides, True))

    def alone(typeset) -> list[list[str]]:
        wrapped = [wrap(typeset(slide.title), font, slide.title_size, slide.layout.title.text_width_pt)
                   for slide in plan.slides]
        return [lines for lines in wrapped if len(lines) > 1 and len(lines[-1].replace("\u00a0", " ").split()) == 1]

    assert alone(keep_last_words_together) == []
    if content == "harm-reduction.es.yaml":  # without the rule: "... a consumir / drogas."
        assert alone(lambda title: title) == [["NO es enseñar a las personas a consumir", "drogas."]]


# Speaker notes that coach


def test_every_slide_but_a_continuation_has_a_key_message_a_question_and_the_way_on(material):
    slides = plan_slides(material).slides
    for number, slide in enumerate(slides):
        paragraphs = slide.notes.split("\n\n")
        assert paragraphs[0].startswith("Timing: about "), slide.title
        assert paragraphs[1].startswith("Key message: "), slide.title
        asked = [paragraph for paragraph in paragraphs if paragraph.startswith("Ask: ")]
        # The slide of discussion questions is all questions: the notes add none of their own.
        assert len(asked) == (0 if slide.title == material.labels.questions_title else 1), slide.title
        if number + 1 < len(slides):
            assert paragraphs[-1] == f"Next: {slides[number + 1].title}"


def test_the_facilitations_coaching_of_a_slide_replaces_the_defaults_on_every_slide_of_that_title(tmp_path):
    coached = MEETING_ROOM.replace("facilitation:\n", """facilitation:
  slides:
    - slide: Which room to choose
      message: Pick the room by the number of guests first.
      question: Which room did you last book, and why?
    - slide: Who to call (1 of 2)
      question: Whom would you call first?
""")
    slides = {slide.title: slide for slide in plan_slides(written(tmp_path, coached)).slides}
    # The section slide and the table's slide share the title the coaching names.
    for title in ("Which room to choose", "Which room to choose: at a glance"):
        assert "Key message: Pick the room by the number of guests first." in slides[title].notes
        assert "Ask: Which room did you last book, and why?" in slides[title].notes
    # Coaching one numbered slide leaves the others of its title to the defaults.
    assert "Ask: Whom would you call first?" in slides["Who to call (1 of 2)"].notes
    assert "Key message: Who to call" in slides["Who to call (1 of 2)"].notes  # the default: its part's heading
    assert "Ask: Why might this matter to the people we serve?" in slides["Who to call (2 of 2)"].notes
    assert "Ask: Which step is hardest in practice, and why?" in slides["Before the meeting (1 of 2)"].notes


def test_coaching_of_a_slide_the_deck_does_not_have_names_its_line_and_the_titles(tmp_path):
    coached = MEETING_ROOM.replace("facilitation:\n", """facilitation:
  slides:
    - slide: Which rooms to choose
      question: Which room did you last book?
""")
    material = written(tmp_path, coached)
    with pytest.raises(BuildError) as caught:
        plan_slides(material)
    line = coached.splitlines().index("    - slide: Which rooms to choose") + 1
    assert str(caught.value).startswith(
        f"{material.source}:{line}: facilitation.slides[0].slide: no slide is titled 'Which rooms to choose'; "
        "name one of these: 'Setting Up the Meeting Room'; 'What this session covers'; 'Before the meeting'")


# Statements as cards


def test_a_section_of_cards_shows_its_headlines_as_cards_and_its_bodies_in_the_notes(material):
    section = next(section for section in material.sections if section.deck == "cards")
    statements = section.blocks[0].statements
    slides = [slide for slide in plan_slides(material).slides if slide.layout.name.endswith("Cards")]
    assert [slide.layout for slide in slides] == [design.CARDS[len(statements)]]
    cards = slides[0]
    assert [[p.text.replace("\u00a0", " ") for p in body] for body in cards.bodies] == [
        [statement.headline] for statement in statements]
    assert len({p.size for body in cards.bodies for p in body}) == 1  # the cards of a slide match
    for statement in statements:
        assert f"{statement.headline} — {statement.body}" in cards.notes
    assert cards.minutes == len(statements) * material.facilitation.minutes.statements


@pytest.mark.parametrize(("count", "shared"), [(2, [2]), (4, [4]), (5, [3, 2]), (7, [4, 3]), (9, [3, 3, 3])])
def test_cards_are_shared_out_two_to_four_to_a_slide_as_evenly_as_the_fewest_slides_allow(tmp_path, count, shared):
    statements = "".join(f"          - headline: Reason {number}\n            body: Why reason {number} counts.\n"
                         for number in range(1, count + 1))
    text = MEETING_ROOM.replace("  - heading: Who to call\n", f"""  - heading: Why it counts
    deck: cards
    blocks:
      - statements:
{statements}
  - heading: Who to call
""")
    slides = [slide for slide in plan_slides(written(tmp_path, text)).slides if slide.layout.name.endswith("Cards")]
    assert [len(slide.bodies) for slide in slides] == shared
    assert [slide.title for slide in slides] == numbered("Why it counts", len(shared))


# A statement's slide


def test_a_statement_slide_sets_the_rebuttal_apart_from_the_fact_beneath_it(material):
    slides = {slide.title: slide for slide in plan_slides(material).slides}
    statements = [statement for section, block, _ in material.blocks() if section.deck == "slides"
                  for statement in block.statements or ()]
    assert statements
    for statement in statements:
        slide = slides[statement.headline]
        assert slide.layout is design.STATEMENT and design.STATEMENT.bodies[0].fill == "tint"
        assert slide.emphasis == "NOT"  # every statement of the first material is a rebuttal: "It is NOT ..."


@pytest.mark.parametrize(("headline", "word"), [
    ("It is NOT unethical.", "NOT"),
    ("Give NALOXONE first, then call", "NALOXONE"),
    ("It Saves Lives", ""),
    ("CALL 911 NOW", ""),  # in capitals throughout: no word is set apart
    ("A 911 call", ""),
])
def test_the_word_set_apart_is_one_its_author_wrote_in_capitals(headline, word):
    assert capitalised_word(headline) == word


# A table as versus panels (`deck: versus`)

# Too long for two rows of such cells to share a slide at 28 pt, short enough for a row alone.
LONG_CELL = ("Book it through the shared calendar a day ahead, add the number of guests and the equipment you need, "
             "and tell the front desk if anyone comes from outside")


def comparison(rows: str) -> str:
    """Return MEETING_ROOM with a section comparing two ways of booking a room as versus panels: a row for each
    letter of `rows`, S with short cells and L with long ones."""
    cells = {"S": "Quick and simple", "L": LONG_CELL}
    listed = "".join(f"            - [Row {number}, {json.dumps(cells[kind])}, {json.dumps(cells[kind])}]\n"
                     for number, kind in enumerate(rows, start=1))
    return MEETING_ROOM.replace("  - heading: Who to call\n", f"""\
  - heading: Booking, compared
    deck: versus
    blocks:
      - table:
          columns: [Way, By calendar, At the front desk]
          rows:
{listed}
  - heading: Who to call
""")


@pytest.mark.parametrize(("content", "shared"), [("harm-reduction.yaml", [2, 2, 2, 2, 2]),
                                                 ("harm-reduction.es.yaml", [1, 2, 2, 1, 2, 2])])
def test_the_comparison_is_shown_as_versus_panels_one_or_two_principles_to_a_slide(content, shared):
    material = load_content(CONTENT.parent / content, BRAND)
    section, table = material.sections[2], material.sections[2].blocks[1].table
    assert section.deck == "versus"
    slides = [slide for slide in plan_slides(material).slides if versus(slide)]
    assert [len(compared(slide)) for slide in slides] == shared
    assert [slide.layout for slide in slides] == [design.COMPARISONS[count] for count in shared]
    assert [row for slide in slides for row in compared(slide)] == list(table.rows)
    assert [slide.title for slide in slides] == [material.labels.numbered_title.format(
        title=section.heading, number=number, total=len(shared)) for number in range(1, len(shared) + 1)]
    for slide in slides:
        headings = [[paragraph.text for paragraph in body] for body in slide.bodies[:2]]
        assert headings == [[column] for column in table.columns[1:]]
        cells = [body[0] for index, body in enumerate(slide.bodies[2:]) if index % 3]
        assert min(paragraph.size for paragraph in cells) >= design.MIN_VERSUS_PT
        assert min(paragraph.size for body in slide.bodies for paragraph in body) >= 24
    assert not any(slide.table for slide in plan_slides(material).slides)


def test_the_notes_of_a_versus_slide_coach_and_name_its_principles_without_reading_out_the_cells(material):
    slides = [slide for slide in plan_slides(material).slides if versus(slide)]
    coaching = next(entry for entry in material.facilitation.slides if entry.slide == material.sections[2].heading)
    table = material.sections[2].blocks[1].table
    for slide in slides:
        names = "; ".join(name for name, _, _ in compared(slide))
        paragraphs = slide.notes.split("\n\n")
        assert paragraphs[0].startswith(f"Timing: about {material.facilitation.minutes.table} minutes (")
        assert paragraphs[1:5] == [f"Key message: {coaching.message}", f"On this slide: {names}.",
                                   material.facilitation.cues.table, f"Ask: {coaching.question}"]
        assert paragraphs[5].startswith("Next: ")
        assert slide.minutes == material.facilitation.minutes.table
        assert not any(cell in slide.notes for row in table.rows for cell in row[1:])


@pytest.mark.parametrize(("rows", "shared"), [("SSSS", [2, 2]), ("SSSSS", [2, 2, 1]), ("SLSS", [1, 1, 2]),
                                              ("LSSL", [1, 2, 1]), ("SSLSS", [2, 1, 2]), ("L", [1])])
def test_versus_rows_go_two_to_a_slide_where_both_fit_in_order_on_the_fewest_slides(tmp_path, rows, shared):
    slides = [slide for slide in plan_slides(written(tmp_path, comparison(rows))).slides if versus(slide)]
    assert [len(compared(slide)) for slide in slides] == shared
    assert [name for slide in slides for name, _, _ in compared(slide)] == [
        f"Row {number}" for number in range(1, len(rows) + 1)]
    assert [slide.title for slide in slides] == numbered("Booking, compared", len(shared))


def test_a_row_too_long_for_a_versus_slide_of_its_own_names_its_line(tmp_path):
    text = comparison("SSS").replace('Row 2, "Quick and simple"', f'Row 2, {json.dumps(LONG_CELL * 4)}')
    material = written(tmp_path, text)
    with pytest.raises(BuildError) as caught:
        plan_slides(material)
    field = "sections[2].blocks[0].table.rows[1]"
    assert material.line_of(field) == text.splitlines().index(next(
        line for line in text.splitlines() if line.startswith("            - [Row 2,"))) + 1
    assert str(caught.value) == (f"{material.source}:{material.line_of(field)}: {field}: the row 'Row 2' is too long "
                                 "for one slide even at 28 pt; shorten it")


def numbered(heading: str, total: int) -> list[str]:
    """Return the titles of a part's `total` slides after its opening slide: numbered, or one 'at a glance'."""
    if total == 1:
        return [f"{heading}: at a glance"]
    return [f"{heading} ({number} of {total})" for number in range(1, total + 1)]
