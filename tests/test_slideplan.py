"""The slide plan: the session's structure, timing and notes, computed once for the deck and its companions."""

from __future__ import annotations

from generator import deck_design as design
from generator.slideplan import plan_slides


def test_the_session_runs_title_agenda_parts_closing(material):
    plan = plan_slides(material)
    layouts = [slide.layout.name for slide in plan.slides]
    assert layouts[0] == "Title"
    assert plan.slides[1].title == material.facilitation.agenda_title
    assert layouts[-1] == "Closing"
    assert plan.slides[-1].title == material.facilitation.closing_title
    sections = [slide.title for slide in plan.slides if slide.layout is design.SECTION]
    assert sections == [material.is_not.heading, material.benefits.heading, material.comparison.heading]


def test_one_statement_per_slide_with_its_headline_as_title(material):
    titles = [slide.title for slide in plan_slides(material).slides]
    for statement in material.is_not.statements + material.benefits.statements:
        assert statement.headline in titles


def test_the_plan_is_computed_once(material):
    assert plan_slides(material) is plan_slides(material)


def test_minutes_add_up(material):
    plan = plan_slides(material)
    minutes = material.facilitation.minutes
    statements = len(material.is_not.statements) + len(material.benefits.statements)
    tables = sum(1 for slide in plan.slides if slide.table)
    expected = (minutes.opening + minutes.agenda + 3 * minutes.section + statements * minutes.statement
                + tables * minutes.comparison + minutes.closing)
    assert plan.minutes == expected
    assert plan.slides[-1].notes.startswith(f"Timing: about {minutes.closing} minutes ({expected} of {expected}")


def test_cues_are_in_the_notes(material):
    plan = plan_slides(material)
    facilitation = material.facilitation
    assert facilitation.opening_cue in plan.slides[0].notes
    assert facilitation.closing_cue in plan.slides[-1].notes
    assert all(facilitation.comparison_cue in slide.notes for slide in plan.slides if slide.table)


def test_a_comparison_on_one_slide_still_has_a_title_of_its_own(tmp_path):
    from generator.build import build
    from generator.content import load_content

    from .conftest import BRAND, CASES

    minimal = load_content(CASES / "minimal.yaml", BRAND)
    titles = [slide.title for slide in plan_slides(minimal).slides]
    assert titles.count("Compared") == 1  # the section slide; the table slide is numbered
    assert "Compared (1 of 1)" in titles
    build(minimal, tmp_path, ["slides"])  # the audit refused duplicate titles before
