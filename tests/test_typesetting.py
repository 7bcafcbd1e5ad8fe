"""The no-break rules: a time, a time range, a number and its unit, and a phone number each stay on one line."""

from __future__ import annotations

import pytest

from generator.fonts import FAMILIES
from generator.measure import metrics, wrap
from generator.typesetting import NO_BREAK, compounds, unbreakable


@pytest.mark.parametrize("text, joined", [
    ("Monday to Friday, 8:30 am to 5 pm", ["8:30 am to 5 pm"]),
    ("Tuesday and Thursday, 10 am to 6 pm", ["10 am to 6 pm"]),
    ("Lunes a viernes, de 8:30 a. m. a 5 p. m.", ["8:30 a. m. a 5 p. m."]),
    ("Sábados, de 9 a. m. a 1 p. m.", ["9 a. m. a 1 p. m."]),
    ("Give 4 mg, then wait 2 to 3 minutes.", ["4 mg", "2 to 3 minutes"]),
    ("Call (203) 555-0142 today.", ["(203) 555-0142"]),
    ("Programas de 12 pasos (p. ej., AA/NA)", ["p. ej.,"]),
    ("Servicios varios, p. ej. naloxona", ["p. ej."]),
])
def test_what_must_stay_together_is_joined_by_no_break_spaces(text, joined):
    typeset = unbreakable(text)
    assert typeset.replace(NO_BREAK, " ") == text  # nothing but the spaces changes
    for words in joined:
        assert words.replace(" ", NO_BREAK) in typeset


@pytest.mark.parametrize("text", ["Monday to Friday", "12-Step programs (e.g., AA/NA)", "2 of them", "3 more",
                                  "It is NOT ignoring addiction.", "Meets people where they are"])
def test_other_spaces_are_left_as_they_are(text):
    assert unbreakable(text) == text


def test_a_measured_line_never_breaks_inside_a_time_range():
    font = metrics(next(face.path for faces in FAMILIES.values() for face in faces))
    text = "Monday to Friday, 8:30 am to 5 pm"
    width = font.width("Monday to Friday, 8:30 am", 20) + 1  # room for the first half of the range, not the rest
    lines = wrap(text, font, 20, width)
    assert [line.replace(NO_BREAK, " ") for line in lines] == ["Monday to Friday,", "8:30 am to 5 pm"]



def test_a_text_is_cut_around_the_first_whole_word_only():
    from generator.typesetting import around

    assert around("It is NOT unethical, NOT at all.", "NOT") == ("It is ", "NOT", " unethical, NOT at all.")
    assert around("NOTHING here", "NOT") == ("NOTHING here", "", "")
    assert around("It Saves Lives", "") == ("It Saves Lives", "", "")


@pytest.mark.parametrize("text, kept", [
    ("Medication for opioid use disorder (MOUD), overdose prevention, housing-first models", ["housing-first"]),
    ("A peer-based recovery community; cost-effective methods", ["peer-based", "cost-effective"]),
    ("Reducción de daños, sin juicio y costo-efectiva", ["costo-efectiva"]),
    # Too long to keep whole in a narrow column; an address, a number and a dash between words are no compounds.
    ("non-prescribed-substance-use, liberation-programs.org, 12-Step programs, use – ready", []),
])
def test_short_hyphenated_compounds_are_kept_whole_and_the_text_unchanged(text, kept):
    pieces = compounds(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, whole in pieces if whole] == kept


def test_the_handout_never_breaks_a_short_compound_at_its_hyphen(outputs):
    """Its table's narrow columns broke 'housing-first' and 'peer-based' at the hyphen before compounds were kept
    whole."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text(extraction_mode="layout") for page in PdfReader(outputs / "handout.pdf").pages)
    columns = [cell.strip() for line in text.splitlines() for cell in line.split("  ") if cell.strip()]
    assert "housing-first models" in text.replace("\n", " ")
    assert not [cell for cell in columns if cell.endswith(("housing-", "peer-", "non-", "well-", "life-", "cost-"))]
