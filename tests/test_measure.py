"""Measuring text with the deck font's real metrics."""

from __future__ import annotations

import pytest

from generator.fonts import face_file
from generator.measure import Run, metrics, text_height, wrap


@pytest.fixture(scope="module")
def carlito():
    return metrics(face_file("Calibri"))


def test_calibri_is_measured_with_carlito():
    assert face_file("Calibri").name == "Carlito-Regular.ttf"
    assert face_file("Calibri", bold=True).name == "Carlito-Bold.ttf"


def test_widths_scale_with_size_and_bold_is_wider(carlito):
    bold = metrics(face_file("Calibri", bold=True))
    assert carlito.width("Harm reduction", 40) == pytest.approx(2 * carlito.width("Harm reduction", 20))
    assert bold.width("Harm reduction", 20) > carlito.width("Harm reduction", 20)
    # Calibri's lower-case 'i' is much narrower than its 'W': proportional metrics, not a fixed guess.
    assert carlito.width("W", 20) > 3 * carlito.width("i", 20)


def test_wrap_breaks_at_spaces_within_the_width(carlito):
    text = "Substance use is seen on a spectrum; focus is on reducing harm rather than eliminating use"
    lines = wrap(text, carlito, 20, 250)
    assert " ".join(lines) == text
    assert len(lines) > 1
    assert all(carlito.width(line, 20) <= 250 for line in lines)
    # Each line is as full as it can be: the next word would not have fitted.
    for line, following in zip(lines, lines[1:]):
        assert carlito.width(f"{line} {following.split()[0]}", 20) > 250


def test_a_word_longer_than_a_line_is_broken_between_characters(carlito):
    lines = wrap("Joanne.Montgomery@liberationprograms.org", carlito, 40, 200)
    assert "".join(lines) == "Joanne.Montgomery@liberationprograms.org"
    assert all(carlito.width(line, 40) <= 200 for line in lines)


def test_text_height_counts_lines_and_spacing(carlito):
    one_line = text_height([Run("Primary Goal", 20)], "Calibri", 500)
    assert one_line == pytest.approx(carlito.line_spacing(20))
    spaced = text_height([Run("Primary Goal", 20, space_after=10), Run("Engagement", 20)], "Calibri", 500)
    assert spaced == pytest.approx(2 * one_line + 10)


def test_the_print_font_sets_wider_so_the_plan_measures_text_in_both():
    from generator.slideplan import printed_height

    line = "Lo que no es, por qué es importante y cómo se compara con la recuperación basada en la abstinencia"
    width = 845  # the title slide's text box, in points
    on_slide = text_height([Run(line, 20)], "Calibri", width)
    printed = printed_height([Run(line, 20)], "Atkinson Hyperlegible", width)
    assert on_slide == pytest.approx(metrics(face_file("Calibri")).line_spacing(20))  # one line
    assert printed == pytest.approx(2 * 1.2 * 20)  # two lines, set 1.2 apart as the slides handout prints them
