"""The clear communication checks: what each finds, with the file, line and field, and what it decides of the CDC
Clear Communication Index and the PEMAT-P."""

from __future__ import annotations

import pytest

from generator.checks.clear_communication import (CDC, MET, NEEDS_PERSON, NOT_APPLICABLE, NOT_MET, PEMAT,
                                                  check_material)
from generator.content import load_content

from ..conftest import BRAND, CASES, CONTENT, ROOT

MINIMAL = (CASES / "minimal.yaml").read_text()


def results_of(material) -> dict:
    """Return what every check found in `material`, by the check's id."""
    return {result.id: result for result in check_material(material)}


def line_of(text: str, written: str) -> int:
    """Return the number of the first line of `text` that holds `written`."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if written in line)


def with_section(tmp_path, section: str):
    """Return the minimal material with `section` (YAML, indented as a list item of sections) added last, and its
    text."""
    text = MINIMAL.replace("credits:\n", section + "credits:\n")
    path = tmp_path / "material.yaml"
    path.write_text(text)
    return load_content(path, BRAND), text


def test_the_shipped_material_has_each_automated_check_met_or_not_with_its_evidence(material):
    results = results_of(material)
    assert {check: result.status for check, result in results.items()} == {
        "top": MET, "call-to-action": MET, "lists": MET, "headings": MET, "active-voice": NOT_MET, "numerals": MET,
        "reading-grade": MET, "abbreviations": NOT_MET, "visuals": NOT_MET, "tables": MET}
    text = CONTENT.read_text()
    source = material.source
    # The checks not met say where, with the file, the line and the field (where its text starts).
    programs = line_of(text, "12-Step programs (e.g., AA/NA)") - 1
    assert [(found.file, found.line, found.field, found.text) for found in results["abbreviations"].evidence
            if "not spelt out" in found.note] == [
        (source, programs, "sections[2].blocks[1].table.rows[5][1]", "AA"),
        (source, programs, "sections[2].blocks[1].table.rows[5][1]", "NA")]
    spectrum = line_of(text, "Substance use is seen on a spectrum") - 1  # the `- >-` before it
    assert (source, spectrum, "sections[2].blocks[1].table.rows[2][2]", "is seen") in [
        (found.file, found.line, found.field, found.text) for found in results["active-voice"].evidence]
    # The checks met show what they read: each list with its size and line.
    assert [(found.line, found.field, found.text) for found in results["lists"].evidence] == [
        (line_of(text, "It is NOT enabling") - 1, "sections[0].blocks[0].statements", "4 statements"),
        (line_of(text, "It Saves Lives") - 1, "sections[1].blocks[0].statements", "4 statements")]
    assert results["call-to-action"].evidence[0].line == line_of(text, "call_to_action:")
    # MOUD is spelt out at its first use, and the credits' CEO and CT are in the list of abbreviations readers know.
    assert {found.text for found in results["abbreviations"].evidence} == {"AA", "NA", "MOUD", "CEO", "CT"}


def test_the_shipped_material_settles_four_items_of_the_index_and_leaves_sixteen_to_a_reviewer(material):
    from generator.communication_index import CDC_ITEMS, REVIEW, answer, score

    answers = answer(CDC_ITEMS, check_material(material))
    assert {given.item.number: given.status for given in answers if given.status != REVIEW} == {
        4: NOT_MET, 5: MET, 7: NOT_MET, 8: MET}
    assert next(given for given in answers if given.item.number == 7).decided_by == ("abbreviations",)
    result = score(answers, 90)
    assert (result.points, result.decided, result.to_review, result.lowest, result.highest, result.final) == (
        2, 4, 16, 10.0, 90.0, None)
    assert result.verdict() == (
        "Software decided 4 items: 2 met, 2 not met, 0 not applicable. 16 items are left for a reviewer; the final "
        "score is known once they are answered, and will be between 10 and 90 (90 or more passes); it reaches 90 only "
        "if every item left applies and is met.")


def test_a_list_of_nine_items_fails_the_list_item_with_its_line(tmp_path):
    points = "".join(f"          - Point {number}\n" for number in range(1, 10))
    material, text = with_section(tmp_path, f"  - heading: Nine points\n    blocks:\n      - points:\n{points}")
    lists = results_of(material)["lists"]
    line = line_of(text, "      - points:")
    assert lists.status == NOT_MET
    assert [(found.file, found.line, found.field, found.text) for found in lists.evidence] == [
        (material.source, line, "sections[3].blocks[0].points", "9 bulleted points")]
    assert "split it into shorter lists" in lists.evidence[0].note
    [verdict] = lists.decides
    assert (verdict.tool, verdict.item, verdict.status) == (CDC, 8, NOT_MET)
    assert verdict.why == f"the list at sections[3].blocks[0].points (line {line}) has 9 items"


def test_seven_items_are_a_list_the_index_accepts(tmp_path):
    points = "".join(f"          - Point {number}\n" for number in range(1, 8))
    material, _ = with_section(tmp_path, f"  - heading: Seven points\n    blocks:\n      - points:\n{points}")
    assert [(verdict.item, verdict.status) for verdict in results_of(material)["lists"].decides] == [(8, MET)]


def test_an_undefined_abbreviation_is_caught_and_a_defined_one_is_not(tmp_path):
    material, text = with_section(tmp_path, (
        "  - heading: Where to go\n"
        "    blocks:\n"
        "      - text:\n"
        "          - Ask about medication for opioid use disorder (MOUD) at any clinic.\n"
        "          - MOUD works. Your SSP can help. It is NOT hard.\n"
        "          - Get tested for TB, which is short for tuberculosis.\n"
        "          - Tuberculosis (TB) can be treated.\n"))
    found = results_of(material)["abbreviations"]
    assert found.status == NOT_MET
    missing = [(item.line, item.field, item.text, item.note) for item in found.evidence if "spelt out at its" not in
               item.note]
    assert missing == [
        (line_of(text, "Your SSP"), "sections[3].blocks[0].text[1]", "SSP",
         "SSP is not spelt out where it is first used (1 use); write the words it stands for, with SSP after them in "
         "brackets, or add it to content/abbreviations.txt if every reader knows it"),
        (line_of(text, "tested for TB"), "sections[3].blocks[0].text[2]", "TB",
         f"TB is used before it is spelt out (on line {line_of(text, 'Tuberculosis (TB)')}); spell it out at its "
         "first use")]
    # MOUD, spelt out at its first use, is not caught; nor is NOT, a word in capitals for emphasis.
    assert [(item.text, item.note) for item in found.evidence if "spelt out at its" in item.note] == [
        ("MOUD", "MOUD is spelt out at its first use")]
    assert [(verdict.item, verdict.status) for verdict in found.decides] == [(7, NOT_MET)]


def test_an_abbreviation_followed_by_its_words_in_brackets_is_defined(tmp_path):
    material, _ = with_section(tmp_path, (
        "  - heading: Where to go\n"
        "    blocks:\n"
        "      - callout: Your SSP (syringe services program) can help.\n"))
    found = results_of(material)["abbreviations"]
    assert [(item.text, item.note) for item in found.evidence] == [("SSP", "SSP is spelt out at its first use")]
    assert found.status == MET and found.decides == ()


def test_a_translation_leaves_the_english_only_checks_to_a_person_and_is_measured_by_its_own_formula():
    spanish = load_content(ROOT / "content" / "harm-reduction.es.yaml", BRAND)
    results = results_of(spanish)
    assert results["active-voice"].status == NEEDS_PERSON
    # The Spanish blocks are measured on the INFLESZ scale, against the band their readers need.
    assert results["reading-grade"].status == MET
    flyer = next(found for found in results["reading-grade"].evidence if found.field == "flyer")
    assert flyer.text.startswith("'bastante fácil' (Szigriszt-Pazos ") and "'bastante fácil' or easier" in flyer.note
    # "NO" is emphasis in Spanish too, and a number written as a word is found in the Spanish number words.
    assert [found.text for found in results["abbreviations"].evidence if "not spelt out" in found.note] == ["AA", "NA"]
    assert [(found.field, found.text) for found in results["numerals"].evidence] == [("sections[2].heading", "dos")]


@pytest.mark.parametrize("written, found", [
    ("The door is kept open.", ["is kept"]),
    ("Relapse is often seen as a failure.", ["is often seen"]),
    ("We keep the door open. They are ready.", []),
    ("It was interested in it.", []),  # an adjective after "be"
])
def test_the_passive_voice_is_flagged_where_be_meets_a_past_participle(tmp_path, written, found):
    material, _ = with_section(tmp_path, f"  - heading: Voice\n    blocks:\n      - callout: {written}\n")
    assert [item.text for item in results_of(material)["active-voice"].evidence] == found


def test_a_material_without_pictures_or_tables_says_which_pemat_items_do_not_apply(tmp_path):
    text = MINIMAL.split("      - table:")[0] + "credits:" + MINIMAL.split("credits:")[1]
    path = tmp_path / "material.yaml"
    path.write_text(text)
    results = results_of(load_content(path, BRAND))
    assert results["tables"].status == NOT_APPLICABLE
    assert [(verdict.tool, verdict.item, verdict.status) for verdict in results["tables"].decides] == [
        (PEMAT, 19, NOT_APPLICABLE), (PEMAT, 25, NOT_APPLICABLE)]
    assert [(verdict.tool, verdict.item, verdict.status) for verdict in results["visuals"].decides] == [
        (CDC, 4, NOT_MET), (PEMAT, 16, NOT_APPLICABLE), (PEMAT, 17, NOT_APPLICABLE), (PEMAT, 18, NOT_APPLICABLE)]
