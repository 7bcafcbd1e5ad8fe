"""The Spanish edition: built from its own content file, checked against the English it translates."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.build import build_editions
from generator.content import load_content
from generator.translation import fingerprint, translation_findings
from generator.verify import verify_folder

from .conftest import BRAND, ROOT, pdf_text, shows

SPANISH = ROOT / "content" / "harm-reduction.es.yaml"
PDFS = ("flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf")


@pytest.fixture(scope="module")
def spanish():
    return load_content(SPANISH, BRAND)


@pytest.fixture(scope="module")
def spanish_outputs(spanish, tmp_path_factory):
    folder = tmp_path_factory.mktemp("output")
    build_editions([(spanish, "es")], folder)
    return folder / "es"


def deck_text(path) -> str:
    deck = Presentation(path)
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    texts += [cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
              for row in shape.table.rows for cell in row.cells]
    return " ".join(texts)


def test_the_translation_is_complete(material, spanish):
    assert spanish.document.language == "es-US"
    # Whether each entry is current with the English is the content gate's business (`make check`): an editor's
    # change to the English must not fail the software's tests.
    assert [f for f in translation_findings(material, spanish) if f.rule != "translation-stale"] == []


def test_every_output_shows_every_principle_and_the_credits(spanish, spanish_outputs):
    texts = {name: pdf_text(spanish_outputs / name) for name in PDFS}
    texts["slides.pptx"] = deck_text(spanish_outputs / "slides.pptx")
    for name, text in texts.items():
        for row in spanish.sections[2].blocks[1].table.rows:
            assert shows(text, row[0]), (name, row[0])
        for author in spanish.authors:
            assert shows(text, author.name) and shows(text, author.email), name
    assert verify_folder(spanish_outputs, spanish) and all(v.passed for v in verify_folder(spanish_outputs, spanish))


def test_the_outputs_are_marked_spanish_for_screen_readers(spanish_outputs):
    for name in PDFS:
        assert PdfReader(spanish_outputs / name).trailer["/Root"]["/Lang"] == "es-US"
    deck = Presentation(spanish_outputs / "slides.pptx")
    runs = [run for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert runs and all(run._r.rPr.get("lang") == "es-US" for run in runs)


def test_the_fixed_words_are_spanish_and_the_draft_is_marked(spanish, spanish_outputs):
    handout = pdf_text(spanish_outputs / "handout.pdf")
    assert shows(handout, "Página 1 de 2") and shows(handout, "Versión 1, noviembre de 2026")
    assert shows(handout, "BORRADOR – no aprobado para su uso")
    assert "Page 1" not in handout and "Version 1" not in handout
    assert "BORRADOR – no aprobado para su uso" in deck_text(spanish_outputs / "slides.pptx")


def test_the_accented_letters_are_real_text(spanish_outputs):
    text = pdf_text(spanish_outputs / "flyer.pdf")
    for character in "áéíóúñ":
        assert character in text


def test_a_stale_and_a_missing_translation_are_reported_with_their_lines(material, tmp_path):
    text = SPANISH.read_text(encoding="utf-8")
    lines = text.splitlines()
    headline = "sections[1].blocks[0].statements[0].headline"
    old = fingerprint(material.written[headline])
    assert f'{headline}: "{old}"' in text
    # Drop the last principle of the comparison: its lines run to the blank line before the credits.
    start = next(n for n, line in enumerate(lines) if line.strip() == "- - Estigma e inclusión")
    end = next(n for n in range(start, len(lines)) if not lines[n].strip())
    text = "\n".join(lines[:start] + lines[end:]) + "\n"
    text = text.replace(f'{headline}: "{old}"', f'{headline}: "000000000000"')
    broken = tmp_path / "harm-reduction.es.yaml"
    broken.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "content" / "harm-reduction.yaml", tmp_path / "harm-reduction.yaml")
    findings = translation_findings(material, load_content(broken, BRAND))
    rules = [(f.rule, f.field) for f in findings]
    last_row = "sections[2].blocks[1].table.rows[9]"
    assert [rule for rule in rules if rule[0] == "translation-missing"] == [
        ("translation-missing", f"{last_row}[{column}]") for column in range(3)]
    assert not any(rule == "translation-extra" for rule, _ in rules)
    stale = next(f for f in findings if f.rule == "translation-stale")
    assert stale.field == headline
    assert stale.line == load_content(broken, BRAND).line_of(headline)
    assert stale.suggestion == f'update the translation, then set its fingerprint to "{old}"'
    missing = next(f for f in findings if f.rule == "translation-missing")
    assert missing.file == str(broken) and missing.line is not None
