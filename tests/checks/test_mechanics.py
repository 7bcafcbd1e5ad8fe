"""Mechanical slips: each rule reports a broken text with its file, line and fix, and leaves good text alone."""

from __future__ import annotations

import pytest

from generator.checks import mechanics
from generator.checks.findings import ERROR, WARNING
from generator.content import load_content

from ..conftest import BRAND, CASES, ROOT

MINIMAL = (CASES / "minimal.yaml").read_text()
LOADS = "            body: It is a small file that loads.\n"  # sections[0].blocks[0].statements[0].body, line 14
SHORT = "            body: It keeps the tests short.\n"  # sections[1].blocks[0].statements[0].body, line 18


def variant(tmp_path, *replacements: tuple[str, str]):
    """Return the path of minimal.yaml with each (old, new) text replaced, written to `tmp_path`."""
    text = MINIMAL
    for old, new in replacements:
        assert old in text, f"{old!r} is not in minimal.yaml"
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def reported(path) -> list[str]:
    """Return the mechanical findings of the content at `path`, as printed."""
    return [str(finding) for finding in mechanics.findings(load_content(path, BRAND))]


def test_the_shipped_content_has_no_slips(material):
    assert [str(finding) for finding in mechanics.findings(material)] == []


def test_the_minimal_case_has_no_slips():
    assert reported(CASES / "minimal.yaml") == []


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        pytest.param(
            [(LOADS, "            body: It is a small file that loads..\n")],
            ["14: doubled-punctuation: sections[0].blocks[0].statements[0].body: 'loads..' has a doubled full stop "
             "-> write one full stop: 'loads.'"],
            id="doubled-punctuation"),
        pytest.param(
            # Across a line break of a folded block, as a reader sees it.
            [(SHORT, "            body: >-\n              It keeps The\n              the tests short.\n")],
            ["19: doubled-word: sections[1].blocks[0].statements[0].body: 'The the' has the word 'the' twice in a row "
             "-> delete the second 'the'"],
            id="doubled-word"),
        pytest.param(
            [(SHORT, "            body: It keeps the tests short (and simple.\n")],
            ["19: unbalanced: sections[1].blocks[0].statements[0].body: '(and' opens a bracket that is never closed "
             "-> add ')' where the aside ends, or delete the '('"],
            id="unbalanced-bracket"),
        pytest.param(
            [(SHORT, '            body: It keeps "the tests" short".\n')],
            ["19: unbalanced: sections[1].blocks[0].statements[0].body: 'short\".' has a straight double quote (\") without a "
             "partner; the text has 3 of them -> add the missing \" where the quotation starts or ends, "
             "or delete the extra one"],
            id="unbalanced-straight-quotes"),
        pytest.param(
            [("  title: Minimal Material\n", '  title: "Minimal Material "\n'),
             (SHORT, "            body: It keeps the tests short , and  simple.\n")],
            ["3: stray-space: document.title: 'Material ' ends with a space -> delete the space at the end: "
             "'Material'",
             "19: stray-space: sections[1].blocks[0].statements[0].body: 'short ,' has a space before the comma "
             "-> delete the space: 'short,'",
             "19: stray-space: sections[1].blocks[0].statements[0].body: 'and  simple.' has 2 spaces in a row "
             "-> leave one space: 'and simple.'"],
            id="stray-space"),
        pytest.param(
            [(SHORT, "            body: It keeps the tests short - and simple.\n")],
            ["19: dash-style: sections[1].blocks[0].statements[0].body: 'short - and' has a hyphen used as a dash "
             "-> write an en dash with spaces, 'short – and', or an em dash without, 'short—and'"],
            id="dash-style-hyphen"),
        pytest.param(
            [(SHORT, "            body: It keeps the tests short--and simple.\n")],
            ["19: dash-style: sections[1].blocks[0].statements[0].body: 'short--and' has a double hyphen where a dash belongs "
             "-> write an en dash with spaces, 'short – and', or an em dash without, 'short—and'"],
            id="dash-style-double-hyphen"),
        pytest.param(
            # Two spaced en dashes (lines 4 and 18) and one unspaced (line 36): the unspaced one is reported.
            [("  subtitle: One of everything\n", "  subtitle: One of everything – and more\n"),
             (SHORT, "            body: It keeps the tests short – and simple.\n"),
             ("Example Programs – Springfield", "Example Programs–Springfield")],
            ["38: dash-style: credits.authors[0].organisation: 'Programs–Springfield' has no spaces around the "
             "en dash, but the text writes 2 of its 3 en dashes with spaces "
             "-> write it like the others: 'Programs – Springfield'"],
            id="dash-style-mixed"),
        pytest.param(
            [(SHORT, "            body: It keeps the recovry tests short for Qxzvbw.\n")],
            ["19: spelling: sections[1].blocks[0].statements[0].body: 'recovry' is not in the dictionary "
             "-> did you mean 'recovery'? If 'recovry' is right, add it to content/words.txt",
             "19: spelling: sections[1].blocks[0].statements[0].body: 'Qxzvbw' is not in the dictionary "
             "-> check the spelling; if 'Qxzvbw' is right, add it to content/words.txt"],
            id="spelling"),
    ],
)
def test_each_slip_is_reported_with_file_line_and_fix(tmp_path, replacements, expected):
    path = variant(tmp_path, *replacements)
    assert reported(path) == [f"{path}:{line}" for line in expected]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("It loads... or does it… we will see.", id="ellipsis"),
        pytest.param("It loads (e.g., [twice] and “quoted”) in full.", id="balanced-brackets-and-quotes"),
        pytest.param('It says "hello" and "goodbye".', id="paired-straight-quotes"),
        pytest.param("It serves AA/NA and abstinence-based 12-Step programs.", id="slashed-and-hyphenated"),
        pytest.param("Write to ada@example.org or visit www.example.org/help.", id="addresses"),
        pytest.param("Its principles—saving lives—are ethical, pages 10–12 – and more.", id="house-dash-style"),
        pytest.param("The authors' MOUD, naloxone and CEO’s notes and so on ...", id="project-words"),
        pytest.param("It costs .5 of a dollar.", id="decimal"),
    ],
)
def test_good_text_is_not_reported(tmp_path, body):
    path = variant(tmp_path, (LOADS, f"            body: >-\n              {body}\n"))
    assert reported(path) == []


def test_severities_follow_the_rule(tmp_path):
    path = variant(tmp_path, (LOADS, "            body: It is is a small file  that loads..\n"))
    severities = {finding.rule: finding.severity for finding in mechanics.findings(load_content(path, BRAND))}
    assert severities == {"doubled-word": ERROR, "doubled-punctuation": ERROR, "stray-space": WARNING}


def test_findings_carry_the_term_for_acknowledgements(tmp_path):
    path = variant(tmp_path, (SHORT, "            body: It keeps the recovry tests short.\n"))
    [finding] = mechanics.findings(load_content(path, BRAND))
    assert (finding.term, finding.field, finding.line) == ("recovry", "sections[1].blocks[0].statements[0].body", 19)


def test_line_breaks_are_read_as_spaces():
    assert mechanics.as_read("It keeps\nthe tests\n\nshort.\n") == "It keeps the tests short."


def test_words_to_check_leave_out_addresses_and_numbers_and_split_compounds():
    text = "12-Step (e.g., AA/NA) ada@example.org www.example.org example.org abstinence-based authors' CEO’s"
    assert mechanics.words_to_check(text) == ["Step", "AA", "NA", "abstinence", "based", "authors", "CEO's"]


def test_a_possessive_is_known_when_its_word_is():
    assert mechanics.is_known("Naloxone's", frozenset({"naloxone"}))
    assert not mechanics.is_known("Naloxone's", frozenset())


def test_a_correction_keeps_the_capitals_of_the_word():
    [slip] = mechanics.misspellings("Recovry and more", frozenset())
    assert slip.suggestion.startswith("did you mean 'Recovery'?")


def test_a_misspelt_word_is_reported_once_per_text():
    assert [slip.term for slip in mechanics.misspellings("recovry and Recovry", frozenset())] == ["recovry"]


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        pytest.param("(a [b) c", ["[b)"], id="inner-mark-left-open"),
        pytest.param("first) second", ["first)"], id="closed-but-never-opened"),
        pytest.param("“open” and shut”", ["shut”"], id="curly-quote-never-opened"),
        pytest.param("“open and “shut”", ["“open"], id="curly-quote-never-closed"),
        pytest.param("([a] (b))", [], id="nested"),
    ],
)
def test_unbalanced_marks_are_paired_innermost_first(text, terms):
    assert [slip.term for slip in mechanics.unbalanced(text)] == terms


def uses(*styles: str) -> list[mechanics.DashUse]:
    return [mechanics.DashUse("field", "—", style, "a", ("", ""), "b") for style in styles]


@pytest.mark.parametrize(
    ("styles", "minority"),
    [
        (("spaced", "unspaced", "unspaced"), "spaced"),
        (("unspaced", "spaced", "spaced"), "unspaced"),
        (("spaced", "unspaced"), "unspaced"),  # a tie: the first dash sets the style
        (("unspaced", "spaced"), "spaced"),
        (("spaced", "spaced", "lopsided"), None),
        ((), None),
    ],
)
def test_the_less_common_dash_spacing_is_the_one_reported(styles, minority):
    assert mechanics.minority_style(uses(*styles)) == minority


def test_a_dash_with_a_space_on_one_side_is_reported(tmp_path):
    path = variant(tmp_path, (SHORT, "            body: It keeps the tests short —and simple.\n"))
    assert reported(path) == [
        f"{path}:19: dash-style: sections[1].blocks[0].statements[0].body: 'short —and' has a space on one side of the em dash "
        "only -> put a space on both sides or on neither: 'short — and' or 'short—and'"
    ]


def test_the_word_list_ignores_comments_blank_lines_and_case(tmp_path):
    listing = tmp_path / "words.txt"
    listing.write_text("# heading\n\nNaloxone  # a medicine\n  MOUD\n", encoding="utf-8")
    assert mechanics.read_word_list(listing) == frozenset({"naloxone", "moud"})


def test_the_project_word_list_holds_only_words_the_dictionary_lacks():
    listed = mechanics.read_word_list(ROOT / "content" / "words.txt")
    assert listed
    assert sorted(word for word in listed if mechanics.dictionary().known([word])) == []


def test_the_dictionary_is_loaded_once():
    assert mechanics.dictionary() is mechanics.dictionary()


def test_a_word_list_edited_while_the_generator_runs_is_read_again(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("Narcan\n", encoding="utf-8")
    assert mechanics.project_words(words) == {"narcan"}
    words.write_text("Narcan\nKloxxado  # a brand of naloxone\n", encoding="utf-8")
    assert mechanics.project_words(words) == {"narcan", "kloxxado"}


# Spanish: its own dictionary and word list, content/words.es.txt.

SPANISH_LOADS = "            body: Es un archivo pequeño que se carga.\n"  # line 14 of minimal_es.yaml


def spanish_variant(tmp_path, body: str):
    """Return the path of minimal_es.yaml with the first statement's body replaced by `body`."""
    text = (CASES / "minimal_es.yaml").read_text(encoding="utf-8")
    assert SPANISH_LOADS in text
    path = tmp_path / "variante.es.yaml"
    path.write_text(text.replace(SPANISH_LOADS, f"            body: {body}\n"), encoding="utf-8")
    return path


def test_the_shipped_spanish_content_has_no_slips():
    assert reported(ROOT / "content" / "harm-reduction.es.yaml") == []


def test_the_minimal_spanish_case_has_no_slips():
    assert reported(CASES / "minimal_es.yaml") == []


def test_a_misspelt_spanish_word_is_reported_with_its_correction_and_the_spanish_word_list(tmp_path):
    path = spanish_variant(tmp_path, "Las persnas reciben tambien ayuda.")
    assert reported(path) == [
        f"{path}:14: spelling: sections[0].blocks[0].statements[0].body: 'persnas' is not in the dictionary "
        "-> did you mean 'personas'? If 'persnas' is right, add it to content/words.es.txt",
        f"{path}:14: spelling: sections[0].blocks[0].statements[0].body: 'tambien' is not in the dictionary "
        "-> did you mean 'también'? If 'tambien' is right, add it to content/words.es.txt",
    ]


def test_a_word_in_the_spanish_word_list_is_not_reported(tmp_path):
    material = load_content(spanish_variant(tmp_path, "La naloxona salva vidas."), BRAND)
    assert "naloxona" in mechanics.project_words(mechanics.word_list("es"))
    assert mechanics.findings(material) == []
    assert [f.term for f in mechanics.findings(material, words=frozenset())] == ["naloxona"]


def test_the_english_word_list_does_not_vouch_for_spanish_words(tmp_path):
    material = load_content(spanish_variant(tmp_path, "Naloxone no es una palabra española."), BRAND)
    assert [f.term for f in mechanics.findings(material)] == ["Naloxone"]


@pytest.mark.parametrize("body", [
    pytest.param("Las personas están aquí y sepan que las atendemos.", id="plurals-and-verb-forms"),
    pytest.param("Preséntese, dígales su nombre y pregúnteles cómo están.", id="commands-with-pronouns"),
    pytest.param("Puede comprometerse a volver, dándoles tiempo.", id="infinitive-and-gerund-with-pronouns"),
    pytest.param("¿Qué? ¡Sí! Él está allí, según usted.", id="stress-marks"),
])
def test_good_spanish_text_is_not_reported(tmp_path, body):
    assert reported(spanish_variant(tmp_path, body)) == []


@pytest.mark.parametrize(("word", "known"), [
    ("personas", True), ("preséntese", True), ("comprometerse", True), ("dígales", True),
    ("persnas", False), ("consummo", False), ("recuperacion", False), ("casale", False), ("préséntese", False),
])
def test_spanish_forms_the_dictionary_knows(word, known):
    assert mechanics.in_dictionary(word, "es") is known


def test_the_spanish_word_list_holds_only_words_the_dictionary_lacks():
    listed = mechanics.read_word_list(ROOT / "content" / "words.es.txt")
    assert listed
    assert sorted(word for word in listed if mechanics.in_dictionary(word, "es")) == []
