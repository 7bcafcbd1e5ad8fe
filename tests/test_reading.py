"""Reading content files: every kind of mistake is reported with its file, line and fix."""

from __future__ import annotations

import dataclasses

import pytest

from generator.content import load_content
from generator.errors import ContentError

from .conftest import BRAND, CASES


def problems_in(case: str) -> list[str]:
    """Return the problems reported for the content case `case`, as printed."""
    with pytest.raises(ContentError) as caught:
        load_content(CASES / f"{case}.yaml", BRAND)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("bad_yaml", "3: this is not valid YAML: mapping values are not allowed here "
                     "(put text that contains ': ' in quotes, or check the indentation)"),
        ("unknown_key", "24: sections[2].blocks[1].tabel: unknown key 'tabel'; did you mean 'table'?"),
        ("duplicate_key", "11: sections[0].heading: duplicate key (first written on line 10); keep only one"),
        ("empty_text", "32: sections[2].blocks[1].table.rows[0][2]: must not be empty"),
        ("missing_field", "36: credits.authors[0].email: is missing; add `email: ...` to this entry"),
        ("wrong_types", "7: document.version: must be a whole number, not 'one'"),
        ("not_a_list", "17: sections[1].blocks[0].statements: must be a list (lines starting with '- '), not 'It Helps'"),
        ("bad_values", "39: credits.authors[0].email: 'ada at example' is not an e-mail address "
                       "(expected name@example.org)"),
        ("python_tag", "4: document.subtitle: the YAML tag '!!python/object/apply:os.system' is not allowed; "
                       "remove it"),
        ("tabs", "4: this is not valid YAML: found character '\\t' that cannot start any token "
                 "(indent with spaces, not tabs)"),
        ("not_utf8", "38: is not UTF-8 text; save it with UTF-8 encoding"),
        ("list_at_top", "1: the file must be a mapping of keys (`name: value` lines), not a list"),
    ],
)
def test_each_mistake_is_reported_with_file_and_line(case, expected):
    assert problems_in(case) == [f"{CASES / case}.yaml:{expected}"]


def test_an_empty_file_is_reported():
    assert problems_in("empty") == [
        f"{CASES / 'empty.yaml'}: the file is empty; it should hold the content as `key: value` lines"
    ]


def test_a_missing_file_is_reported():
    with pytest.raises(ContentError) as caught:
        load_content(CASES / "no-such-file.yaml", BRAND)
    assert str(caught.value) == (
        f"{CASES / 'no-such-file.yaml'}: file not found; check the path, or run from the project folder"
    )


def test_every_problem_is_collected_before_stopping(tmp_path):
    text = (CASES / "minimal.yaml").read_text()
    text = text.replace("  version: 1\n", "  version: one\n")
    text = text.replace("            body: It keeps the tests short.\n", "            body: ''\n")
    text = text.replace("  date: 2026-01-15\n", "  date: 2026-13-45\n  colour: blue\n")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_content(broken, BRAND)
    assert str(caught.value).splitlines() == [
        f"{broken}:7: document.version: must be a whole number, not 'one'",
        f"{broken}:8: document.date: must be a date written as YYYY-MM-DD, not '2026-13-45'",
        f"{broken}:9: document.colour: unknown key 'colour'; expected one of: "
        "title, subtitle, subject, language, version, date, status, approved_by",
        f"{broken}:20: sections[1].blocks[0].statements[0].body: must not be empty",
    ]


def test_problems_in_the_brand_are_reported_with_those_in_the_content(tmp_path):
    brand = tmp_path / "brand.yaml"
    text = BRAND.read_text().replace('ink: "#1B2631"', 'ink: "dark blue"')
    brand.write_text(text.replace("print: Atkinson Hyperlegible", "print: Comic Sans MS"))
    ink_line = text.splitlines().index('  ink: "dark blue"        # body text') + 1
    with pytest.raises(ContentError) as caught:
        load_content(CASES / "empty_text.yaml", brand)
    assert str(caught.value).splitlines() == [
        f"{CASES / 'empty_text.yaml'}:32: sections[2].blocks[1].table.rows[0][2]: must not be empty",
        f"{brand}:{ink_line}: palette.ink: 'dark blue' is not a colour "
        '(expected six hex digits, e.g. "#1D4E5C", in quotes)',
    ]


def test_an_unknown_font_names_the_fonts_to_choose_from(tmp_path):
    brand = tmp_path / "brand.yaml"
    text = BRAND.read_text().replace("print: Atkinson Hyperlegible", "print: Comic Sans MS")
    brand.write_text(text)
    font_line = text.splitlines().index("  print: Comic Sans MS") + 1
    with pytest.raises(ContentError) as caught:
        load_content(CASES / "minimal.yaml", brand)
    assert str(caught.value) == (
        f"{brand}:{font_line}: fonts.print: unknown font 'Comic Sans MS'; choose from: Atkinson Hyperlegible"
    )


def test_aliases_are_refused(tmp_path):
    text = (CASES / "minimal.yaml").read_text()
    text = text.replace("  - heading: What it is not\n", "  - heading: &same What it is not\n")
    text = text.replace("  - heading: Why it matters\n", "  - heading: *same\n")
    aliased = tmp_path / "aliased.yaml"
    aliased.write_text(text)
    with pytest.raises(ContentError) as caught:
        load_content(aliased, BRAND)
    assert str(caught.value) == (
        f"{aliased}:10: sections[1].heading: anchors and aliases (*name) are not supported; write the text out in full"
    )


def test_a_byte_order_mark_is_accepted():
    assert load_content(CASES / "with_bom.yaml", BRAND).document.title == "Minimal Material"


def test_the_model_is_immutable_and_knows_its_lines():
    material = load_content(CASES / "minimal.yaml", BRAND)
    with pytest.raises(dataclasses.FrozenInstanceError):
        material.document.title = "Changed"
    assert isinstance(material.sections[2].blocks[1].table.rows, tuple)
    assert material.line_of("sections[2].blocks[1].table.rows[0][2]") == 32
    assert material.line_of("credits.authors[0].email") == 39
    assert material.source == str(CASES / "minimal.yaml")


@pytest.mark.parametrize(
    ("block", "offset", "expected"),
    [
        ("      - video: clip.mp4\n", 0, "sections[2].blocks[2].video: unknown key 'video'; expected one of: statements, "
                                      "steps, points, table, text, callout, contacts"),
        ("      - points: [A point]\n        callout: A sentence.\n", 0,
         "sections[2].blocks[2]: holds points and callout; a block has one kind, so give each its own `- ` entry "
         "under blocks"),
        ("      - table:\n          columns: [Only]\n          rows: [[One]]\n", 1,
         "sections[2].blocks[2].table.columns: a table has 2 to 5 columns, not 1"),
        ("      - table:\n          columns: [A, B]\n          rows:\n            - [One, Two]\n            - [Three]\n", 4,
         "sections[2].blocks[2].table.rows[1]: has 1 cells but the table has 2 columns; give every row one cell per "
         "column"),
        ("      - contacts:\n          - name: Front desk\n", 1,
         "sections[2].blocks[2].contacts[0]: says no way to reach them; add a phone, email or web"),
        ("      - steps:\n          - step: Open the door.\n            detial: Slowly.\n", 2,
         "sections[2].blocks[2].steps[0].detial: unknown key 'detial'; did you mean 'detail'?"),
    ],
)
def test_a_block_that_is_not_one_known_kind_is_reported_with_its_line(tmp_path, block, offset, expected):
    text = (CASES / "minimal.yaml").read_text()
    anchor = "              - Improved health\n"
    broken = tmp_path / "blocks.yaml"
    broken.write_text(text.replace(anchor, anchor + block))
    line = text.splitlines().index(anchor.rstrip("\n")) + 2 + offset
    assert [problem.split(":", 2)[1:] for problem in problems_of(broken)][0] == [str(line), " " + expected]


def test_a_section_may_say_what_the_flyer_shows_but_only_in_known_words(tmp_path):
    text = (CASES / "minimal.yaml").read_text()
    broken = tmp_path / "flyer.yaml"
    broken.write_text(text.replace("  - heading: Compared\n", "  - heading: Compared\n    flyer: everything\n"))
    assert problems_of(broken) == [f"{broken}:21: sections[2].flyer: must be one of full, headlines, heading, no, "
                                   "not 'everything'"]


def problems_of(path) -> list[str]:
    """Return the problems reported for the content file at `path`, as printed."""
    with pytest.raises(ContentError) as caught:
        load_content(path, BRAND)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("            body: It keeps the tests short.", "           body: It keeps the tests short.",
         "19: line 19 is indented differently from the lines around it; line up `body:` with `headline:` on line 18"),
        ("  subtitle: One of everything", " subtitle: One of everything",
         "4: line 4 is indented differently from the lines around it; line up `subtitle:` with `title:` on line 3"),
        ("    blocks:\n      - statements:\n          - headline: It Helps",
         "   blocks:\n      - statements:\n          - headline: It Helps",
         "16: line 16 is indented differently from the lines around it; line up `blocks:` with `heading:` on line 15"),
    ],
)
def test_an_indentation_slip_says_what_to_line_up(tmp_path, old, new, expected):
    text = (CASES / "minimal.yaml").read_text()
    assert old in text
    broken = tmp_path / "indented.yaml"
    broken.write_text(text.replace(old, new, 1))
    assert problems_of(broken) == [f"{broken}:{expected} (indent with spaces, the same number for each entry)"]


def test_a_missing_font_file_is_named_with_how_to_reinstall_it(monkeypatch, tmp_path):
    from generator import fonts
    from generator.errors import BuildError

    gone = tmp_path / "AtkinsonHyperlegible-Bold.ttf"
    family = "Atkinson Hyperlegible"
    faces = tuple(fonts.FontFace(gone, face.weight, face.style) if face.weight == 700 and face.style == "normal"
                  else face for face in fonts.FAMILIES[family])
    monkeypatch.setitem(fonts.FAMILIES, family, faces)
    with pytest.raises(BuildError) as caught:
        load_content(CASES / "minimal.yaml", BRAND)
    assert str(caught.value) == (f"the font file {gone} is missing, though the project installs it; reinstall the "
                                 "project's packages with `make clean && make`")
