"""Reading grade: Flesch-Kincaid, per block, against the grade its readers need."""

from __future__ import annotations

import dataclasses

import pytest

from generator.checks.readability import findings, grade, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("the", 1), ("use", 1), ("people", 2), ("stopped", 1), ("engaged", 2), ("abstinence", 3),
    ("naloxone", 3), ("treatment", 2), ("communities", 4), ("able", 2),
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_grade_of_known_text():
    # 2 sentences, 12 words, 14 syllables: 0.39 * 6 + 11.8 * 14 / 12 - 15.59 = 0.52
    assert grade(["The cat sat on the mat.", "It was a very happy cat."]) == pytest.approx(0.52, abs=0.01)


def test_the_shipped_content_is_within_its_targets(material):
    assert findings(material) == []


def with_blocks(material, number: int, blocks):
    """Return `material` with the blocks of section `number` replaced by `blocks`."""
    sections = list(material.sections)
    sections[number] = dataclasses.replace(sections[number], blocks=blocks)
    return dataclasses.replace(material, sections=tuple(sections))


def test_hard_client_text_is_reported_as_a_warning_on_its_first_line(material):
    heavy = "Comprehensive individualized interdisciplinary multidimensional rehabilitative interventions"
    section = material.sections[0]
    statements = tuple(dataclasses.replace(statement, headline=heavy) for statement in section.blocks[0].statements)
    hard = with_blocks(material, 0, (dataclasses.replace(section.blocks[0], statements=statements),))
    found = findings(hard)
    # The headlines are on the flyer and in the staff text of their section: both read too hard now.
    assert [(f.rule, f.severity, f.field, f.line) for f in found] == [
        ("reading-grade", "warning", "flyer", material.line_of("document.title")),
        ("reading-grade", "warning", "sections[0]", material.line_of("sections[0]"))]
    assert found[0].message.startswith("reads at grade ")
    assert found[0].message.endswith("(Flesch-Kincaid), above grade 8 for client-facing text")
