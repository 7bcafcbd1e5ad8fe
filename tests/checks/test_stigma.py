"""Stigmatising language: the terms of each language's glossary found as whole words, in any form and case."""

from __future__ import annotations

import pytest

from generator.checks.stigma import findings, forms, glossary_file, load_glossary, spanish_forms, term_pattern
from generator.content import load_content

from ..conftest import BRAND, CASES, ROOT


def content_with(tmp_path, old: str, new: str, case: str = "minimal.yaml", appended: str = ""):
    """Return the material of a test case with `old` replaced by `new` and `appended` at the end, and its path."""
    text = (CASES / case).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / case
    path.write_text(text.replace(old, new) + appended, encoding="utf-8")
    return load_content(path, BRAND), path


@pytest.mark.parametrize(("case", "old", "new", "reported"), [
    ("minimal.yaml", "It is a small file that loads.", "It is a small file that Addicts load.",
     "'Addicts' can stigmatise people who use drugs -> say 'person who uses drugs' or 'person with a substance use "
     "disorder' (NIDA, Words Matter)"),
    # Spanish text is read with the Spanish glossary, whose suggestions are Spanish, each with its source.
    ("minimal_es.yaml", "Es un archivo pequeño que se carga.", "Los drogadictos también merecen respeto.",
     "'drogadictos' can stigmatise people who use drugs -> say 'persona con problemas de adicción' or 'persona con "
     "un trastorno por consumo de sustancias' (Proyecto Hombre, Cómo mejorar la información sobre drogas)"),
])
def test_a_term_is_reported_with_file_line_term_suggestion_and_source(tmp_path, case, old, new, reported):
    material, path = content_with(tmp_path, f"body: {old}", f"body: {new}", case)
    assert [str(f) for f in findings(material)] == [
        f"{path}:14: stigma: sections[0].blocks[0].statements[0].body: {reported}"]


def with_body(tmp_path, language: str, text: str):
    """Return the English or the Spanish test case with the body of its second statement replaced by `text`."""
    if language == "es":
        return spanish_with(tmp_path, "body: Mantiene cortas las pruebas.", f"body: {text}")[0]
    return content_with(tmp_path, "body: It keeps the tests short.", f"body: {text}")[0]


@pytest.mark.parametrize(("language", "text", "found"), [
    ("en", "Abusers were turned away.", "Abusers"),
    ("en", "an addict's story", "addict's"),
    ("en", "no more DRUG ABUSE here", "DRUG ABUSE"),
    ("en", "a relapsing condition", "relapsing"),
    ("en", "opioid replacement therapy works", "replacement therapy"),
    # A Spanish term is found with its first word in either gender and number.
    ("es", "Las ADICTAS llegaron.", "ADICTAS"),
    ("es", "Dos yonquis.", "yonquis"),
    ("es", "Un Toxicómano.", "Toxicómano"),
    ("es", "Los abusos de drogas.", "abusos de drogas"),
    ("es", "El ABUSO DEL ALCOHOL mata.", "ABUSO DEL ALCOHOL"),
    ("es", "Salió limpia de la prueba.", "limpia"),
])
def test_terms_are_found_in_their_forms(tmp_path, language, text, found):
    assert [f.term for f in findings(with_body(tmp_path, language, text))] == [found]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "It is NOT ignoring addiction."), ("en", "Abusive words hurt."), ("en", "The cleanest room."),
    ("es", "NO es ignorar la adicción."), ("es", "Una sustancia adictiva."), ("es", "Las drogas no."),
    ("es", "El consumo de drogas."), ("es", "Un abuso de confianza."),
])
def test_other_words_that_contain_a_term_are_not_reported(tmp_path, language, text):
    assert findings(with_body(tmp_path, language, text)) == []


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

def spanish_with(tmp_path, old: str, new: str, appended: str = ""):
    """Return the material of the Spanish test case with `old` replaced by `new`, and its path."""
    return content_with(tmp_path, old, new, "minimal_es.yaml", appended)


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
