"""Reading ease per block, against what its readers need: Flesch-Kincaid in English, Szigriszt-Pazos in Spanish."""

from __future__ import annotations

import dataclasses

import pytest

from generator.checks.readability import (
    findings, grade, inflesz, perspicuity, spanish_sentences_in, spanish_syllables, syllables)
from generator.content import load_content

from ..conftest import BRAND, CASES, ROOT

SPANISH = ROOT / "content" / "harm-reduction.es.yaml"


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


# Spanish: Szigriszt-Pazos on the INFLESZ scale.


@pytest.mark.parametrize(("word", "count"), [
    # Open vowels side by side, and a stressed close vowel beside any vowel, are syllables of their own.
    ("leer", 2), ("caos", 2), ("aéreo", 4), ("día", 2), ("país", 2), ("oído", 3), ("baúl", 2), ("héroe", 3),
    # A close vowel beside an open or a close one is not.
    ("agua", 2), ("ciudad", 2), ("cuidado", 3), ("abstinencia", 4), ("espiritualidad", 6), ("Paraguay", 3),
    ("buey", 1), ("muy", 1), ("hoy", 1), ("y", 1), ("reyes", 2), ("mayor", 2),
    # Silent letters: h, which splits no diphthong (prohi-bir, as the Ortografía of the RAE syllabifies it), and the
    # u of que, qui, gue, gui (but not of güi).
    ("ahora", 3), ("ahí", 2), ("búho", 2), ("alcohol", 3), ("prohibir", 2), ("rehusar", 2),
    ("queso", 2), ("quien", 1), ("guion", 1), ("aguinaldo", 4), ("pingüino", 3),
    ("oportunidad", 5), ("reducción", 3), ("naloxona", 4), ("sobredosis", 4), ("recuperación", 5),
    ("comunidades", 5), ("terapéuticas", 5), ("averiguáis", 4),
])
def test_spanish_syllables(word, count):
    assert spanish_syllables(word) == count


@pytest.mark.parametrize(("text", "count"), [
    ("Ayuda. Salva vidas.", 2),
    ("¿Qué es? ¡Una guía! Léala.", 3),
    ("Programas de 12 pasos (p. ej., AA/NA).", 1),  # the full stops of an abbreviation end no sentence
    ("De 8 a. m. a 5 p. m. Cierra los sábados.", 2),
    ("Sin punto final", 1),
])
def test_spanish_sentences(text, count):
    assert spanish_sentences_in(text) == count


def test_perspicuity_of_known_text():
    # 2 sentences, 6 words (el 1, gato 2, come 2, el 1, perro 2, duerme 2), 10 syllables:
    # 206.835 - 62.3 * 10 / 6 - 6 / 2 = 100.0017
    assert perspicuity(["El gato come.", "El perro duerme."]) == pytest.approx(100.0017, abs=0.001)


@pytest.mark.parametrize(("score", "band"), [
    (90, "muy fácil"), (80, "muy fácil"), (79.9, "bastante fácil"), (65, "bastante fácil"), (64.9, "normal"),
    (55, "normal"), (54.9, "algo difícil"), (40, "algo difícil"), (39.9, "muy difícil"), (-10, "muy difícil"),
])
def test_inflesz_bands(score, band):
    assert inflesz(score) == band


def test_the_shipped_spanish_content_is_within_its_targets():
    assert findings(load_content(SPANISH, BRAND)) == []


HARD_SPANISH = ("La intervención multidisciplinaria individualizada proporciona oportunidades terapéuticas "
                "extraordinariamente complementarias a las comunidades socioeconómicamente desfavorecidas que "
                "históricamente carecieron de representación institucional.")


def test_hard_spanish_client_text_is_reported_on_the_flyer_with_its_line(tmp_path):
    text = (CASES / "minimal_es.yaml").read_text(encoding="utf-8")
    for headline in ("NO es un fallo de las pruebas.", "Ayuda"):
        text = text.replace(f"headline: {headline}\n", f"headline: {HARD_SPANISH}\n")
    path = tmp_path / "minimal.es.yaml"
    path.write_text(text, encoding="utf-8")
    material = load_content(path, BRAND)
    assert inflesz(perspicuity([HARD_SPANISH])) == "muy difícil"
    found = findings(material)
    assert [(f.rule, f.severity, f.file, f.field, f.line) for f in found][0] == (
        "reading-grade", "warning", str(path), "flyer", 3)
    assert found[0].message.startswith("reads as 'muy difícil' (Szigriszt-Pazos ")
    assert found[0].message.endswith(" on the INFLESZ scale), harder than 'bastante fácil' for client-facing text")
    # The first section holds one of the headlines too, and staff text must not read 'muy difícil' either (the
    # second section has too few words to be graded).
    assert [f.field for f in found] == ["flyer", "sections[0]"]
    assert found[1].message.endswith("harder than 'algo difícil' for staff-facing text")


def test_plain_spanish_client_text_is_not_reported(tmp_path):
    plain = "Damos ayuda. Usted decide. Le damos la mano. No juzgamos a nadie. Venga cuando quiera."
    text = (CASES / "minimal_es.yaml").read_text(encoding="utf-8")
    for headline in ("NO es un fallo de las pruebas.", "Ayuda"):
        text = text.replace(f"headline: {headline}\n", f"headline: {plain}\n")
    path = tmp_path / "minimal.es.yaml"
    path.write_text(text, encoding="utf-8")
    assert findings(load_content(path, BRAND)) == []
