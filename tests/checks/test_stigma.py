"""Stigmatising language: the terms of each language's glossary found as whole words, in any form and case."""

from __future__ import annotations

import pytest

from generator.checks.stigma import findings, forms, glossary_file, load_glossary, spanish_forms, term_pattern
from generator.content import load_content

from ..conftest import BRAND, CASES, ROOT


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


# Spanish: the glossary of content/stigma-glossary.es.yaml reads Spanish text.

def spanish_with(tmp_path, old: str, new: str, acknowledgements: str = ""):
    text = (CASES / "minimal_es.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "contenido.es.yaml"
    path.write_text(text.replace(old, new) + acknowledgements, encoding="utf-8")
    return load_content(path, BRAND), path


def test_a_spanish_term_is_reported_with_file_line_term_suggestion_and_source(tmp_path):
    material, path = spanish_with(tmp_path, "body: Es un archivo pequeño que se carga.",
                                  "body: Los drogadictos también merecen respeto.")
    assert [str(f) for f in findings(material)] == [
        f"{path}:14: stigma: sections[0].blocks[0].statements[0].body: 'drogadictos' can stigmatise people who use "
        "drugs -> say 'persona con problemas de adicción' or 'persona con un trastorno por consumo de sustancias' "
        "(Proyecto Hombre, Cómo mejorar la información sobre drogas)"
    ]
    assert findings(material)[0].severity == "error"


@pytest.mark.parametrize(("text", "found"), [
    ("Las ADICTAS llegaron.", "ADICTAS"),
    ("Dos yonquis y un yonki.", "yonquis"),
    ("Un Toxicómano.", "Toxicómano"),
    ("Los abusos de drogas.", "abusos de drogas"),
    ("El ABUSO DEL ALCOHOL mata.", "ABUSO DEL ALCOHOL"),
    ("Salió limpia de la prueba.", "limpia"),
])
def test_spanish_terms_are_found_in_both_genders_and_numbers(tmp_path, text, found):
    material, _ = spanish_with(tmp_path, "body: Mantiene cortas las pruebas.", f"body: {text}")
    assert [f.term for f in findings(material)][0] == found


@pytest.mark.parametrize("text", ["NO es ignorar la adicción.", "Una sustancia adictiva.", "Las drogas no.",
                                  "El consumo de drogas.", "Un abuso de confianza."])
def test_other_spanish_words_that_contain_a_term_are_not_reported(tmp_path, text):
    material, _ = spanish_with(tmp_path, "body: Mantiene cortas las pruebas.", f"body: {text}")
    assert findings(material) == []


def test_each_language_is_read_with_its_own_glossary(tmp_path):
    """An English term in Spanish text is not a finding, nor a Spanish term in English text."""
    spanish, _ = spanish_with(tmp_path, "body: Mantiene cortas las pruebas.", "body: Un addict y un drogadicto.")
    assert [f.term for f in findings(spanish)] == ["drogadicto"]
    english, _ = content_with(tmp_path, "body: It keeps the tests short.", "body: An addict, not a drogadicto.")
    assert [f.term for f in findings(english)] == ["addict"]


def test_a_spanish_finding_is_acknowledged_the_same_way(tmp_path):
    from generator.checks import check_content

    acknowledgement = ("acknowledgements:\n  - rule: stigma\n    field: sections[1].blocks[0].statements[0].body\n"
                       "    term: vicioso\n    reason: Es un círculo vicioso, no una persona.\n")
    material, path = spanish_with(tmp_path, "body: Mantiene cortas las pruebas.",
                                  "body: Rompe un círculo vicioso.", acknowledgement)
    report = check_content(material)
    assert [(f.rule, f.term, reason) for f, reason in report.acknowledged] == [
        ("stigma", "vicioso", "Es un círculo vicioso, no una persona.")]
    assert not [f for f in report.errors + report.warnings if f.rule in ("stigma", "acknowledgement")]
    # Once the word is gone, the acknowledgement matches nothing and is itself an error.
    material, _ = spanish_with(tmp_path, "body: Mantiene cortas las pruebas.", "body: Rompe el círculo.",
                               acknowledgement)
    assert [(f.rule, f.field) for f in check_content(material).errors] == [("acknowledgement", "acknowledgements[0]")]


def test_every_spanish_glossary_entry_is_valid_cited_and_matches_itself():
    glossary = load_glossary(glossary_file("es"))
    assert glossary_file("es").name == "stigma-glossary.es.yaml"
    assert len(glossary.terms) >= 10
    for term in glossary.terms:
        assert term_pattern(term.term, "es").fullmatch(term.term.upper()), term.term
        assert term.instead and term.source


def test_spanish_forms_of_a_word():
    assert set(spanish_forms("adicto")) == {"adicto", "adicta", "adictos", "adictas"}
    assert set(spanish_forms("yonqui")) == {"yonqui", "yonquis"}
    assert set(spanish_forms("abusador")) == {"abusador", "abusadora", "abusadores", "abusadoras"}


def test_the_shipped_spanish_content_uses_no_term():
    assert findings(load_content(ROOT / "content" / "harm-reduction.es.yaml", BRAND)) == []


def test_the_spanish_hours_and_services_of_a_sites_file_are_read_with_the_spanish_glossary(tmp_path):
    from generator.sites import load_sites

    text = (ROOT / "content" / "sites.example.yaml").read_text(encoding="utf-8")
    text = text.replace("- Servicios de jeringas", "- Servicios para drogadictos", 1)
    text = text.replace("- Syringe services", "- Services for addicts", 1)
    path = tmp_path / "sites.yaml"
    path.write_text(text, encoding="utf-8")
    assert [(f.field, f.term) for f in findings(load_sites(path))] == [
        ("sites[0].services[1]", "addicts"), ("sites[0].translations[es].services[1]", "drogadictos")]
