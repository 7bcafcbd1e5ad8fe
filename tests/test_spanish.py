"""The Spanish edition: built from its own content file, checked against the English it translates."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.cli import main
from generator.content import load_content
from generator.translation import fingerprint, translation_findings
from generator.verify import verify_folder

from .conftest import BRAND, ROOT, page_texts, pdf_text, shows
from .shown import title_of

SPANISH = ROOT / "content" / "harm-reduction.es.yaml"
PDFS = ("flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf")


@pytest.fixture(scope="module")
def spanish():
    return load_content(SPANISH, BRAND)


@pytest.fixture(scope="module")
def spanish_outputs(built_project):
    """The Spanish outputs of the shipped content, as the first build of a copy of the project wrote them."""
    return built_project[0] / "output" / "harm-reduction" / "es"


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
        # The flyer, read from across a room, leaves the comparison and the e-mail addresses to the others.
        on_flyer = name == "flyer.pdf"
        for row in spanish.sections[2].blocks[1].table.rows:
            assert shows(text, row[0]) != on_flyer, (name, row[0])
        for author in spanish.authors:
            assert shows(text, author.name) and shows(text, author.email) != on_flyer, name
    verdicts = verify_folder(spanish_outputs, spanish)
    assert verdicts and all(verdict.passed for verdict in verdicts)


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


def test_the_speaker_notes_and_the_guides_front_page_coach_in_spanish(spanish, spanish_outputs):
    deck = Presentation(spanish_outputs / "slides.pptx")
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert all(text.startswith("Tiempo: unos ") for text in notes)
    assert all("Mensaje clave: " in text for text in notes)
    assert "Pregunte: ¿Cómo se vería esto en nuestro propio trabajo?" in notes[3]  # a statement's slide
    # The material's own coaching of a part, named by its Spanish title.
    coaching = next(entry for entry in spanish.facilitation.slides if entry.question)
    slide = next(slide for slide in deck.slides if title_of(slide) == coaching.slide)
    assert f"Pregunte: {coaching.question}" in slide.notes_slide.notes_text_frame.text
    assert not any(re.search(r"\b(Key message|Ask|Timing):", text) for text in notes)
    front = page_texts(spanish_outputs / "facilitator-guide.pdf")[0]
    for line in ("Al terminar la sesión, el grupo puede", "Antes de la sesión", "Agenda", "Bienvenida y agenda",
                 *spanish.facilitation.objectives):
        assert shows(front, line), line


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
    assert stale.suggestion == ("update the translation, then mark it current with `python -m generator translated "
                                f"{broken} {headline}`")
    missing = next(f for f in findings if f.rule == "translation-missing")
    assert missing.file == str(broken) and missing.line is not None


HEADLINE = "sections[1].blocks[0].statements[0].headline"


def stale_findings(folder: Path) -> list:
    """Return the translation findings of the Spanish copy in `folder` against the English copy there."""
    english = load_content(folder / "harm-reduction.yaml", BRAND)
    return translation_findings(english, load_content(folder / "harm-reduction.es.yaml", BRAND))


def test_an_entry_marked_current_shows_its_old_and_new_english_when_the_english_changes(tmp_path, capsys):
    for name in ("harm-reduction.yaml", "harm-reduction.es.yaml"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    english = tmp_path / "harm-reduction.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("It Saves Lives\n", "It Saves Many Lives\n"),
                       encoding="utf-8")
    [stale] = stale_findings(tmp_path)
    # The shipped translation keeps the English each entry was made from, so both are shown.
    assert (stale.field, stale.message) == (
        HEADLINE, "was translated from an older English text: it read 'It Saves Lives' and it now reads "
                  "'It Saves Many Lives'")
    spanish = tmp_path / "harm-reduction.es.yaml"
    assert stale.suggestion == ("update the translation, then mark it current with `python -m generator "
                                f"translated {spanish} {HEADLINE}`")

    assert main(["translated", str(spanish), HEADLINE, "--brand", str(BRAND)]) == 0
    assert capsys.readouterr().out == f"Marked 1 entry of {spanish} current with {english}.\n"
    assert stale_findings(tmp_path) == []
    assert "Salva vidas" in spanish.read_text(encoding="utf-8")  # the translation itself is untouched

    english.write_text(english.read_text(encoding="utf-8").replace("It Saves Many Lives\n", "It Saves Lives\n"),
                       encoding="utf-8")
    [stale] = stale_findings(tmp_path)
    assert stale.message == ("was translated from an older English text: it read 'It Saves Many Lives' and it now "
                             "reads 'It Saves Lives'")


def test_marking_an_unknown_entry_or_nothing_is_refused(tmp_path, capsys):
    for name in ("harm-reduction.yaml", "harm-reduction.es.yaml"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    spanish = tmp_path / "harm-reduction.es.yaml"
    before = spanish.read_bytes()
    assert main(["translated", str(spanish), "sections[9].heading", "--brand", str(BRAND)]) == 1
    assert capsys.readouterr().err == (f"error: {spanish}: 'sections[9].heading' is not a text translated from "
                                       f"{tmp_path / 'harm-reduction.yaml'}; give a field as `check` names it, "
                                       "e.g. sections[0].heading\n")
    with pytest.raises(SystemExit) as stopped:
        main(["translated", str(spanish)])
    assert stopped.value.code == 2
    assert spanish.read_bytes() == before


def test_marking_every_entry_keeps_the_translation_current_and_loadable(tmp_path, material):
    for name in ("harm-reduction.yaml", "harm-reduction.es.yaml"):
        shutil.copy(ROOT / "content" / name, tmp_path / name)
    spanish = tmp_path / "harm-reduction.es.yaml"
    assert main(["translated", str(spanish), "--all", "--brand", str(BRAND)]) == 0
    marked = load_content(spanish, BRAND)
    assert stale_findings(tmp_path) == []
    assert marked.translation.english[HEADLINE] == "It Saves Lives"
    assert len(marked.translation.fingerprints) == len(marked.translation.english)
    # The same fingerprints the shipped file has: marking current what was current changes none.
    assert dict(marked.translation.fingerprints) == dict(load_content(SPANISH, BRAND).translation.fingerprints)


def test_while_the_english_has_changed_the_spanish_outputs_say_the_translation_is_being_updated(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    for name in ("harm-reduction.yaml", "harm-reduction.es.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    english = content / "harm-reduction.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("It Saves Lives\n", "It Saves Many Lives\n"),
                       encoding="utf-8")
    out = tmp_path / "output"
    assert main(["build", str(english), "--out", str(out), "--brand", str(BRAND), "--only", "handout"]) == 0
    capsys.readouterr()
    assert shows(pdf_text(out / "harm-reduction" / "es" / "handout.pdf"),
                 "Versión 1, noviembre de 2026 · traducción en revisión Página 1 de 2")
    assert not shows(pdf_text(out / "harm-reduction" / "handout.pdf"), "being updated")

    assert main(["translated", str(content / "harm-reduction.es.yaml"), HEADLINE, "--brand", str(BRAND)]) == 0
    assert main(["build", str(english), "--out", str(out), "--brand", str(BRAND), "--only", "handout"]) == 0
    assert not shows(pdf_text(out / "harm-reduction" / "es" / "handout.pdf"), "traducción en revisión")
