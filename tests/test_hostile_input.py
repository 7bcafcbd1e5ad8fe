"""Broken or hostile content files, through the real command line: a plain message, or a correct rendering."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.builders import BUILDERS
from generator.cli import main
from generator.deck_fit import overflowing_texts
from generator.reading import MAX_FILE_BYTES, MAX_NESTING

from .conftest import BRAND, CONTENT, ROOT, as_built_before, pdf_text, shows
from .pdfs import fonts
from .shown import PDFS, deck_text, glyph_runs, outside_text_area, starting_outside_text_area

# A word no line of any output can hold: 120 letters.
LONG_WORD = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 3)[:120]


@pytest.fixture
def previous(outputs, tmp_path) -> Path:
    """An output folder holding the outputs of an earlier, good build."""
    folder = tmp_path / "output"
    as_built_before(outputs, folder)
    return folder


def shipped() -> str:
    """Return the text of the shipped content file."""
    return CONTENT.read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> str:
    """Return `text` with the first `old` replaced by `new`, which must be there."""
    assert old in text, f"{old!r} is not in the content"
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    """Return the number of the first line of `text` that holds `fragment`."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def written(folder: Path, text: str | bytes) -> Path:
    """Write `text` as a content file in `folder` and return its path."""
    path = folder / "content.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file in `folder` with its bytes."""
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def refused(capsys, content: Path, folder: Path) -> list[str]:
    """Run `build` and `check` on `content`; assert both refuse it plainly and `folder` is untouched.

    Return the lines `build` printed.
    """
    before = snapshot(folder)
    assert main(["build", str(content), "--out", str(folder), "--brand", str(BRAND)]) == 1
    built = capsys.readouterr()
    assert main(["check", str(content), "--brand", str(BRAND)]) == 1
    checked = capsys.readouterr()
    assert snapshot(folder) == before
    assert "Traceback" not in built.err + built.out + checked.err + checked.out
    # Both commands name the same problems; only the closing sentence differs.
    assert checked.err.splitlines()[:-1] == built.err.splitlines()[:-1]
    return built.err.splitlines()


def built(capsys, content: Path, folder: Path, *only: str) -> None:
    """Run `build` on `content` into `folder`, only the outputs named `only` if any; assert it wrote them."""
    # The outputs of content.yaml go to the material's own folder, `folder`, inside the output folder.
    arguments = ["build", str(content), "--out", str(folder.parent), "--brand", str(BRAND)]
    status = main(arguments + (["--only", *only] if only else []))
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert "Traceback" not in printed.err
    for name in only or [name for name, builder in BUILDERS.items() if not builder.optional]:
        assert (folder / BUILDERS[name].filename).exists(), f"{name} was not written"


def squeezed(text: str) -> str:
    """Return `text` without white space, so a line broken anywhere still matches."""
    return re.sub(r"\s+", "", text)


# The cases the reader already handled


def test_an_empty_file_is_refused(capsys, tmp_path, previous):
    content = written(tmp_path, "")
    lines = refused(capsys, content, previous)
    assert lines == [f"{content}: the file is empty; it should hold the content as `key: value` lines",
                     "1 problem found; nothing was built."]


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte(capsys, tmp_path, previous):
    text = shipped()
    # Saved from an editor set to Windows-1252: the dash before "Bridgeport" is one byte that UTF-8 lacks.
    content = written(tmp_path, text.encode().replace("– Bridgeport".encode(), "– Bridgeport".encode("cp1252")))
    lines = refused(capsys, content, previous)
    assert lines[0] == f"{content}:{line_of(text, '– Bridgeport')}: is not UTF-8 text; save it with UTF-8 encoding"


def test_a_byte_order_mark_is_read_past_and_the_content_builds(capsys, tmp_path):
    content = written(tmp_path, "\ufeff" + shipped())
    built(capsys, content, tmp_path / "output" / "content", "flyer")
    assert shows(pdf_text(tmp_path / "output" / "content" / "flyer.pdf"), "Understanding Harm Reduction")


def test_tabs_in_the_indentation_are_refused(capsys, tmp_path, previous):
    text = edited(shipped(), "  subtitle: ", "\tsubtitle: ")
    content = written(tmp_path, text)
    assert refused(capsys, content, previous)[0] == (
        f"{content}:{line_of(text, chr(9) + 'subtitle')}: this is not valid YAML: found character '\\t' that cannot "
        "start any token (indent with spaces, not tabs)")


def test_a_list_at_the_top_is_refused(capsys, tmp_path, previous):
    content = written(tmp_path, "- document\n- is_not\n")
    assert refused(capsys, content, previous) == [
        f"{content}:1: the file must be a mapping of keys (`name: value` lines), not a list",
        "1 problem found; nothing was built."]


def test_a_scalar_at_the_top_is_refused(capsys, tmp_path, previous):
    content = written(tmp_path, "Understanding Harm Reduction\n")
    assert refused(capsys, content, previous) == [
        f"{content}:1: the file must be a mapping of keys (`name: value` lines), not 'Understanding Harm Reduction'",
        "1 problem found; nothing was built."]


def test_a_list_where_a_mapping_belongs_is_refused(capsys, tmp_path, previous):
    text = shipped()
    start = text.index("document:\n")
    end = text.index("\n# The flyer is also built")
    text = text[:start] + "document:\n  - Understanding Harm Reduction\n" + text[end:]
    content = written(tmp_path, text)
    assert refused(capsys, content, previous) == [
        f"{content}:{line_of(text, '- Understanding Harm Reduction')}: document: must be a mapping of keys "
        "(`name: value` lines), not a list",
        "1 problem found; nothing was built."]


def test_a_duplicate_key_is_refused_with_both_lines(capsys, tmp_path, previous):
    text = edited(shipped(), "  title: Understanding Harm Reduction\n",
                  "  title: Understanding Harm Reduction\n  title: Understanding Harm\n")
    content = written(tmp_path, text)
    first = line_of(text, "  title: Understanding Harm Reduction")
    assert refused(capsys, content, previous) == [
        f"{content}:{first + 1}: document.title: duplicate key (first written on line {first}); keep only one",
        "1 problem found; nothing was built."]


def test_a_python_tag_is_refused_and_nothing_runs(capsys, tmp_path, previous):
    marker = tmp_path / "hacked"
    text = edited(shipped(), "  subtitle: What it is not, why it matters, and how it compares with abstinence-based "
                             "recovery\n", f'  subtitle: !!python/object/apply:os.system ["touch {marker}"]\n')
    content = written(tmp_path, text)
    assert refused(capsys, content, previous) == [
        f"{content}:{line_of(text, 'subtitle:')}: document.subtitle: the YAML tag "
        "'!!python/object/apply:os.system' is not allowed; remove it",
        "1 problem found; nothing was built."]
    assert not marker.exists()


def test_a_billion_laughs_is_refused_at_once_without_expanding(capsys, tmp_path, previous):
    laughs = ['- &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"- &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]" for n in range(1, 10)]
    text = edited(shipped(), "          - Both approaches are valid and important parts of a complete healthcare system.\n"
                             "          - They simply have different primary goals and methods.\n",
                  "".join(f"          {laugh}\n" for laugh in laughs))
    content = written(tmp_path, text)
    started = time.monotonic()
    lines = refused(capsys, content, previous)
    assert time.monotonic() - started < 5, "the aliases were expanded"
    first = line_of(text, "&lol0")
    assert lines == [f"{content}:{first + n}: sections[2].blocks[0].text[{n}]: must be text, not a list"
                     for n in range(10)] + [
        "10 problems found; nothing was built."]


def test_a_file_over_the_size_limit_is_refused_unread(capsys, tmp_path, previous):
    text = shipped()
    padding = "# " + "x" * 76 + "\n"
    text += padding * ((MAX_FILE_BYTES - len(text.encode())) // len(padding) + 1)
    content = written(tmp_path, text)
    assert refused(capsys, content, previous) == [
        f"{content}: is {len(text.encode()):,} bytes; a content file must be under {MAX_FILE_BYTES:,} bytes",
        "1 problem found; nothing was built."]


# Words too long for any line


def word_runs(path: Path, word: str) -> list:
    """Return the runs of the PDF at `path` that print pieces of `word`, asserting they print all of it."""
    runs = [run for run in glyph_runs(path) if len(run.text) >= 4 and run.text in word]
    assert "".join(run.text for run in runs).count(word) >= 1, f"{path.name} does not print the whole word"
    return runs


def test_a_word_too_long_for_any_line_is_broken_inside_its_box(capsys, tmp_path):
    # In a cell: the deck's versus panels give a row's name one line, and refuse a longer one.
    content = written(tmp_path, edited(shipped(), "              - Lifelong Sobriety", f"              - {LONG_WORD}"))
    folder = tmp_path / "output" / "content"
    # The handout cannot hold the word in its narrow first column on two pages: see the next test.
    built(capsys, content, folder, "flyer", "slides", "slides-handout", "facilitator-guide")
    # The flyer leaves the comparison to the other outputs.
    assert LONG_WORD not in squeezed(pdf_text(folder / "flyer.pdf"))
    for name in ("slides-handout.pdf", "facilitator-guide.pdf"):
        path = folder / name
        assert LONG_WORD in squeezed(pdf_text(path)), name
        pieces = word_runs(path, LONG_WORD)
        assert len(pieces) > 1, f"{name} prints the word on one line"
        assert outside_text_area(path, pieces) == [], f"{name} prints the word outside its text area"
        assert starting_outside_text_area(path) == [], f"{name} starts text outside its text area"
    assert LONG_WORD in squeezed(deck_text(folder / "slides.pptx"))
    assert overflowing_texts(folder / "slides.pptx", "Calibri") == []


def test_a_principle_too_long_for_the_handout_is_refused_with_the_fix(capsys, tmp_path, previous):
    content = written(tmp_path, edited(shipped(), "            - - Primary Goal", f"            - - {LONG_WORD}"))
    before = snapshot(previous)
    assert main(["build", str(content), "--out", str(previous), "--brand", str(BRAND), "--only", "handout"]) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[-1] == (
        "error: handout.pdf: the content needs 3 pages but the handout must fit on 2 pages; "
        f"shorten the sections' text or raise `outputs: handout_pages:` in {content}")
    assert "Traceback" not in error
    assert snapshot(previous) == before


def test_a_word_too_long_for_a_table_cell_is_broken_inside_it(capsys, tmp_path):
    content = written(tmp_path, edited(shipped(), "              - Lifelong Sobriety",
                                       f"              - {LONG_WORD}"))
    folder = tmp_path / "output" / "content"
    built(capsys, content, folder, "handout")
    path = folder / "handout.pdf"
    pieces = word_runs(path, LONG_WORD)
    assert len(pieces) > 1
    assert outside_text_area(path, pieces) == []
    assert len(PdfReader(path).pages) == 2


# Text that is not what it seems


ACCENTED = "Éducation: ¿Sí? ¡Año über!"


def test_markup_and_accented_latin_are_shown_as_typed_in_the_brand_fonts_own_glyphs(capsys, tmp_path):
    """Markup is shown literally, and accented letters are printed with the brand font's own glyphs (one build)."""
    text = edited(shipped(), "            - - Primary Goal", '            - - "Q&A <b>bold</b>"')
    text = edited(text, "          - headline: It is NOT unethical.",
                  '          - headline: "<script>It is NOT</script> unethical."')
    text = edited(text, "            - - Engagement", f'            - - "{ACCENTED}"')
    # The "é" of "Sesión" is typed as "e" and a combining accent, as some editors save it.
    text = edited(text, "    - name: Joanne Montgomery", '    - name: "Joanne Montgomery de la Sesio\\u0301n"')
    content = written(tmp_path, text)
    folder = tmp_path / "output" / "content"
    built(capsys, content, folder)
    for name in PDFS:
        shown = pdf_text(folder / name)
        in_the_table = name != "flyer.pdf"  # the flyer leaves out the table
        assert shows(shown, "Q&A <b>bold</b>") == in_the_table, name
        assert shows(shown, "<script>It is NOT</script> unethical."), name
        assert shows(shown, ACCENTED) == in_the_table, name
        assert shows(shown, "Joanne Montgomery de la Sesión"), name
        assert fonts(folder / name) and all(fonts(folder / name).values()), f"{name} has a font it does not embed"
        assert all("Atkinson" in font for font in fonts(folder / name)), f"{name} borrowed another font"
    deck = deck_text(folder / "slides.pptx")
    for typed in ("Q&A <b>bold</b>", "<script>It is NOT</script> unethical.", ACCENTED,
                  "Joanne Montgomery de la Sesión"):
        assert typed in deck


def test_characters_the_fonts_cannot_show_are_refused_before_building(capsys, tmp_path, previous):
    text = edited(shipped(), "minimize its dangerous consequences.", "minimize its dangerous consequences 😀.")
    text = edited(text, "            - - Engagement", "            - - مشاركة")
    text = edited(text, "    - name: John Hamilton", "    - name: John Hamilton שלום 🙂")
    content = written(tmp_path, text)
    lines = refused(capsys, content, previous)
    assert lines == [
        # A text running over several lines is reported on the line of its key.
        f"{content}:{line_of(text, 'NOT enabling') + 1}: sections[0].blocks[0].statements[0].body: the character '😀' "
        "(U+1F600 GRINNING FACE) cannot be shown in Atkinson Hyperlegible or Calibri; remove it or replace it "
        "with words",
        f"{content}:{line_of(text, 'مشاركة')}: sections[2].blocks[1].table.rows[3][0]: the characters "
        "'م' (U+0645 ARABIC LETTER MEEM), 'ش' (U+0634 ARABIC LETTER SHEEN), 'ا' (U+0627 ARABIC LETTER ALEF) "
        "and 3 more cannot be shown in Atkinson Hyperlegible or Calibri; remove them or replace them with words",
        f"{content}:{line_of(text, '- name: John Hamilton')}: credits.authors[0].name: the characters "
        "'ש' (U+05E9 HEBREW LETTER SHIN), 'ל' (U+05DC HEBREW LETTER LAMED), 'ו' (U+05D5 HEBREW LETTER VAV) "
        "and 2 more cannot be shown in Atkinson Hyperlegible or Calibri; remove them or replace them with words",
        "3 problems found; nothing was built.",
    ]


def test_a_control_character_written_as_an_escape_is_refused(capsys, tmp_path, previous):
    text = edited(shipped(), "  title: Understanding Harm Reduction", '  title: "Understanding\\0 Harm Reduction"')
    content = written(tmp_path, text)
    assert refused(capsys, content, previous)[0] == (
        f"{content}:{line_of(text, 'title: ')}: document.title: the character U+0000 (a control character) cannot be "
        "shown in Atkinson Hyperlegible or Calibri; remove it or replace it with words")


# Mistakes that crashed the tool, now plain messages


def test_a_control_character_is_refused_with_its_line(capsys, tmp_path, previous):
    text = edited(shipped(), "  title: Understanding Harm Reduction", "  title: Understanding\x07 Harm Reduction")
    content = written(tmp_path, text)
    assert refused(capsys, content, previous)[0] == (
        f"{content}:{line_of(text, 'title: Understanding')}: contains the character U+0007 (a control character), "
        "which a YAML file may not hold; delete it (most editors do not show it)")


def test_lists_nested_too_deeply_are_refused_with_the_line(capsys, tmp_path, previous):
    text = edited(shipped(), "      - text:\n", "      - text: " + "[" * 5000 + "\n")
    content = written(tmp_path, text)
    assert refused(capsys, content, previous)[0] == (
        f"{content}:{line_of(text, '[[[')}: lists or mappings are nested more than {MAX_NESTING} levels deep; "
        "the content needs only a few levels (check for unclosed brackets)")


@pytest.mark.parametrize(("written_as", "shown"), [("!!timestamp not-a-date", "not-a-date"), ("!!timestamp", ""),
                                                   ("2026-2-3", "2026-2-3"), ("2026-02-30", "2026-02-30")])
def test_a_date_that_is_not_one_is_refused(capsys, tmp_path, previous, written_as, shown):
    text = edited(shipped(), "  date: 2026-11-27", f"  date: {written_as}")
    content = written(tmp_path, text)
    assert refused(capsys, content, previous)[0] == (
        f"{content}:{line_of(text, '  date: ')}: document.date: must be a date written as YYYY-MM-DD, not '{shown}'")


@pytest.mark.parametrize(("written_as", "message"), [
    ("!!int", "must be a whole number, not ''"),
    ("0x1F", "must be a whole number, not '0x1F'"),
    ("1:30", "must be a whole number, not '1:30'"),
    ("0x" + "F" * 4000, f"must be a whole number, not '0x{'F' * 58}...'"),
    ("1" * 10, "is too large; write a whole number of at most 9 digits"),
])
def test_a_whole_number_written_otherwise_is_refused(capsys, tmp_path, previous, written_as, message):
    text = edited(shipped(), "  version: 1\n", f"  version: {written_as}\n")
    content = written(tmp_path, text)
    line = line_of(text, "  version: ")
    assert refused(capsys, content, previous)[0] == f"{content}:{line}: document.version: {message}"


def test_an_unprintable_key_is_escaped_in_every_report(tmp_path):
    # Through a real process: its standard output cannot encode a lone surrogate, a terminal cannot show it.
    text = edited(shipped(), "  title: Understanding Harm Reduction\n",
                  '  title: Understanding Harm Reduction\n  "\\ud800\\u202e": x\n')
    content = written(tmp_path, text)
    field, message = "document.\\ud800\\u202e", "unknown key '\\ud800\\u202e'; expected one of: "
    line = line_of(text, "ud800")

    def run(*arguments):
        finished = subprocess.run([sys.executable, "-m", "generator", *arguments, str(content)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
        assert finished.returncode == 1, finished.stderr
        assert "Traceback" not in finished.stderr
        return finished

    error = json.loads(run("check", "--format", "json").stdout)["errors"][0]
    assert (error["line"], error["field"], error["message"].startswith(message)) == (line, field, True)
    for arguments in (["check"], ["build", "--out", str(tmp_path / "output")]):
        assert run(*arguments).stderr.startswith(f"{content}:{line}: {field}: {message}")
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("name", ["flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf"])
def test_every_line_of_the_shipped_outputs_stays_inside_the_text_area(outputs, name):
    # Found a flyer whose second author's e-mail ran into the right margin (a grid's gap added to its spacing).
    assert outside_text_area(outputs / name, glyph_runs(outputs / name)) == []


# The same for the newer kinds of block


NEW_SECTION = """\
  - heading: Getting help
    blocks:
      - steps:
          - step: Call the front desk 📞.
      - table:
          columns: [Place, Monday, Tuesday, Wednesday, Thursday]
          rows:
            - [Main hall, Open, Open, Open, "<b>Shut</b> 🔒"]
      - contacts:
          - name: Front desk
            web: "javascript:alert(1)"
"""


def test_new_kinds_of_block_are_refused_with_every_problem_and_its_line(capsys, tmp_path, previous):
    text = edited(shipped(), "\ncredits:\n", "\n" + NEW_SECTION + "\ncredits:\n")
    content = written(tmp_path, text)
    lines = refused(capsys, content, previous)
    assert lines == [
        f"{content}:{line_of(text, 'javascript:')}: sections[3].blocks[2].contacts[0].web: 'javascript:alert(1)' is "
        "not a web address (expected e.g. example.org or https://example.org/help)",
        "1 problem found; nothing was built."]
    text = edited(text, '"javascript:alert(1)"', "example.org")
    content = written(tmp_path, text)
    lines = refused(capsys, content, previous)
    assert lines == [
        f"{content}:{line_of(text, '📞')}: sections[3].blocks[0].steps[0].step: the character '📞' (U+1F4DE "
        "TELEPHONE RECEIVER) cannot be shown in Atkinson Hyperlegible or Calibri; remove it or replace it with words",
        f"{content}:{line_of(text, '🔒')}: sections[3].blocks[1].table.rows[0][4]: the character '🔒' (U+1F512 LOCK) "
        "cannot be shown in Atkinson Hyperlegible or Calibri; remove it or replace it with words",
        "2 problems found; nothing was built."]
