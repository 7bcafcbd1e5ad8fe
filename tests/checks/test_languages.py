"""The quality gate in each language: English and Spanish are read by every check, another language is noted."""

from __future__ import annotations

import dataclasses

from generator.checks import check_content, check_editions
from generator.content import load_content

from ..conftest import BRAND, CASES, ROOT

SPANISH = ROOT / "content" / "harm-reduction.es.yaml"


def test_the_spanish_edition_is_checked_without_a_note():
    report = check_content(load_content(SPANISH, BRAND))
    assert report.notes == []
    assert report.errors == [] and report.warnings == []


def test_findings_in_both_languages_name_their_file_line_and_field(tmp_path):
    english = (ROOT / "content" / "harm-reduction.yaml").read_text(encoding="utf-8")
    spanish = SPANISH.read_text(encoding="utf-8")
    (tmp_path / "harm-reduction.yaml").write_text(
        english.replace("It is NOT ignoring addiction.", "It is NOT ignoring addicts."), encoding="utf-8")
    (tmp_path / "harm-reduction.es.yaml").write_text(
        spanish.replace("NO es ignorar la adicción.", "NO es ignorar a los adictos."), encoding="utf-8")
    editions = [load_content(tmp_path / name, BRAND) for name in ("harm-reduction.yaml", "harm-reduction.es.yaml")]
    stigma = [f for f in check_editions(editions).errors if f.rule == "stigma"]
    field = "sections[0].blocks[0].statements[1].headline"
    assert [(f.file, f.line, f.field, f.term) for f in stigma] == [
        (str(tmp_path / "harm-reduction.yaml"), editions[0].line_of(field), field, "addicts"),
        (str(tmp_path / "harm-reduction.es.yaml"), editions[1].line_of(field), field, "adictos"),
    ]


def test_a_language_the_checks_do_not_know_is_noted_not_pretended(tmp_path):
    material = load_content(CASES / "minimal.yaml", BRAND)
    french = dataclasses.replace(material, document=dataclasses.replace(material.document, language="fr-FR"))
    assert check_content(french).notes == [
        f"{material.source}: the stigma, reading-grade and spelling checks were not run on this fr-FR text, which "
        "they do not know; have a fluent reader review its wording"
    ]
