"""Stigmatising language: glossary terms found as whole words, in any form and case."""

from __future__ import annotations

import pytest

from generator.checks.stigma import findings, forms, load_glossary, term_pattern
from generator.content import load_content

from ..conftest import BRAND, CASES


def content_with(tmp_path, old: str, new: str):
    text = (CASES / "minimal.yaml").read_text()
    assert old in text
    path = tmp_path / "content.yaml"
    path.write_text(text.replace(old, new))
    return load_content(path, BRAND), path


def test_a_term_is_reported_with_file_line_term_and_suggestion(tmp_path):
    material, path = content_with(tmp_path, "body: It is a small file that loads.",
                                  "body: It is a small file that Addicts load.")
    assert [str(f) for f in findings(material)] == [
        f"{path}:14: stigma: sections[0].blocks[0].statements[0].body: 'Addicts' can stigmatise people who use drugs "
        "-> say 'person who uses drugs' or 'person with a substance use disorder' (NIDA, Words Matter)"
    ]


@pytest.mark.parametrize(("text", "found"), [
    ("Abusers were turned away.", "Abusers"),
    ("an addict's story", "addict's"),
    ("no more DRUG ABUSE here", "DRUG ABUSE"),
    ("a relapsing condition", "relapsing"),
    ("opioid replacement therapy works", "replacement therapy"),
])
def test_terms_are_found_in_their_forms(tmp_path, text, found):
    material, _ = content_with(tmp_path, "body: It keeps the tests short.", f"body: {text}")
    assert [f.term for f in findings(material)] == [found]


@pytest.mark.parametrize("text", ["It is NOT ignoring addiction.", "Abusive words hurt.", "The cleanest room."])
def test_other_words_that_contain_a_term_are_not_reported(tmp_path, text):
    material, _ = content_with(tmp_path, "body: It keeps the tests short.", f"body: {text}")
    assert findings(material) == []


def test_a_longer_term_wins_over_a_term_inside_it(tmp_path):
    material, _ = content_with(tmp_path, "body: It keeps the tests short.", "body: It treats substance abuse.")
    assert [(f.term, f.suggestion) for f in findings(material)] == [
        ("substance abuse", "say 'substance use' or 'substance use disorder' "
                            "(ONDCP, Changing the Language of Addiction)")
    ]


def test_severity_comes_from_the_glossary(tmp_path):
    material, _ = content_with(tmp_path, "body: It keeps the tests short.", "body: A habit and an addict.")
    assert [(f.term, f.severity) for f in findings(material)] == [("habit", "warning"), ("addict", "error")]


def test_every_glossary_entry_is_valid_and_matches_itself():
    glossary = load_glossary()
    assert len(glossary.terms) >= 10
    for term in glossary.terms:
        assert term_pattern(term.term).fullmatch(term.term.upper())
        assert term.instead and term.source


def test_forms_of_a_word():
    assert {"abuses", "abused", "abusing", "abuser", "abusers"} <= set(forms("abuse"))
    assert {"addicts", "addicted", "addict's"} <= set(forms("addict"))


def test_the_shipped_content_uses_only_the_acknowledged_term(material):
    assert [(f.field, f.term) for f in findings(material)] == [("sections[2].blocks[1].table.rows[6][0]", "Relapse")]


def test_a_glossary_edited_while_the_generator_runs_is_read_again(tmp_path):
    """`watch` keeps running while an editor adds a term; the next check must know it."""
    glossary = tmp_path / "stigma-glossary.yaml"
    entry = "  - term: {}\n    instead: [person who uses drugs]\n    severity: error\n    source: a test\n"
    glossary.write_text("terms:\n" + entry.format("junkie"), encoding="utf-8")
    assert [term.term for term in load_glossary(glossary).terms] == ["junkie"]
    glossary.write_text("terms:\n" + entry.format("junkie") + entry.format("user"), encoding="utf-8")
    assert [term.term for term in load_glossary(glossary).terms] == ["junkie", "user"]
