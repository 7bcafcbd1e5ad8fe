"""verify: the built outputs pass, and each broken output fails with a verdict that says what is wrong."""

from __future__ import annotations

import dataclasses
import math
import os
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfWriter
from pypdf.generic import NameObject, RectangleObject

from generator.builders import BUILDERS
from generator.builders.flyer import FlyerBuilder
from generator.cli import main
from generator.slideplan import plan_slides
from generator.verify import Verdict, size_problems, verdict_table, verify_folder

from .conftest import BRAND, CONTENT, ROOT

FILENAMES = [builder.filename for builder in BUILDERS.values() if not builder.optional]  # built by default


@pytest.fixture
def copied(outputs, tmp_path) -> Path:
    """A copy of the built outputs, free to break."""
    return Path(shutil.copytree(outputs, tmp_path / "output"))


def only_verdict(folder: Path, material, name: str) -> Verdict:
    """Return the verdict on the one output `name` in `folder`."""
    verdicts = verify_folder(folder, material, [name])
    assert [verdict.output for verdict in verdicts] == [name]
    return verdicts[0]


def edited_pdf(folder: Path, name: str, edit) -> None:
    """Rewrite the PDF `name` in `folder`, changed by `edit(writer)`."""
    writer = PdfWriter(clone_from=folder / name)
    edit(writer)
    writer.write(folder / name)


# The built outputs


def test_every_built_output_passes(material, outputs):
    verdicts = verify_folder(outputs, material)
    assert [verdict.output for verdict in verdicts] == FILENAMES
    assert [(v.output, v.missing, v.problems) for v in verdicts if not v.passed] == []
    slides = len(plan_slides(material).slides)
    counts = {verdict.output: (verdict.count, verdict.unit) for verdict in verdicts}
    assert counts["flyer.pdf"] == (1, "pages")
    assert counts["slides.pptx"] == (slides, "slides")
    assert counts["slides-handout.pdf"] == (math.ceil(slides / 3), "pages")
    assert all(verdict.size == (outputs / verdict.output).stat().st_size for verdict in verdicts)


def test_the_table_lists_every_output_as_ok(material, outputs):
    lines = verdict_table(verify_folder(outputs, material)).splitlines()
    assert lines[0].split() == ["output", "pages/slides", "size", "result"]
    assert [line.split()[0] for line in lines[1:-1]] == FILENAMES
    assert all(line.endswith("  ok") for line in lines[1:-1])
    assert lines[-1] == "All 6 outputs verified."


def test_only_the_named_outputs_are_verified_in_the_order_named(material, outputs):
    verdicts = verify_folder(outputs, material, ["slides.pptx", "flyer.pdf"])
    assert [(verdict.output, verdict.passed) for verdict in verdicts] == [("slides.pptx", True), ("flyer.pdf", True)]


# Broken outputs


def test_a_flyer_of_other_content_misses_exactly_the_renamed_statement(material, copied):
    section = material.sections[1]
    statements = tuple(dataclasses.replace(statement, headline="It Keeps Doors Open")
                       if statement.headline == "It Keeps the Door Open" else statement
                       for statement in section.blocks[0].statements)
    other = dataclasses.replace(material, sections=(
        material.sections[0], dataclasses.replace(section, blocks=(dataclasses.replace(section.blocks[0],
                                                                                       statements=statements),)),
        material.sections[2]))
    FlyerBuilder().build(other, copied / "flyer.pdf")

    verdict = only_verdict(copied, material, "flyer.pdf")

    missing = f"statement headline 3 of '{section.heading}'"
    assert verdict.missing == (missing,)
    assert verdict.problems == ()
    assert not verdict.passed
    lines = verdict_table([verdict]).splitlines()
    assert lines[1].startswith("flyer.pdf") and lines[1].endswith("FAILED")
    assert lines[2:] == [f"    missing {missing}", "1 of 1 output failed."]


def test_a_deck_with_a_slide_deleted_has_too_few_slides_and_misses_its_statement(material, copied):
    planned = plan_slides(material).slides
    is_not = material.sections[0]
    number = next(n for n, slide in enumerate(planned) if slide.title == is_not.blocks[0].statements[1].headline)
    deck = Presentation(copied / "slides.pptx")
    listed = deck.slides._sldIdLst  # python-pptx has no public way to delete a slide
    deck.part.drop_rel(listed[number].rId)
    listed.remove(listed[number])
    deck.save(copied / "slides.pptx")

    verdict = only_verdict(copied, material, "slides.pptx")

    assert verdict.count == len(planned) - 1
    assert verdict.problems == (
        f"has {len(planned) - 1} slides; the deck must have one for each of the {len(planned)} planned slides",)
    heading = is_not.heading
    assert verdict.missing == (f"statement headline 2 of '{heading}'", f"statement body 2 of '{heading}'")


def test_a_deck_that_is_not_16_by_9_fails(material, copied):
    deck = Presentation(copied / "slides.pptx")
    deck.slide_width, deck.slide_height = 9144000, 6858000  # 10 x 7.5 in, the old 4:3
    deck.save(copied / "slides.pptx")
    verdict = only_verdict(copied, material, "slides.pptx")
    assert verdict.problems == ("has 10 x 7.5 in slides; the deck must be 16:9",)


def test_a_handout_too_large_to_email_fails_the_size_budget(material, copied):
    edited_pdf(copied, "handout.pdf", lambda writer: writer.add_attachment("padding.bin", os.urandom(1_100_000)))
    verdict = only_verdict(copied, material, "handout.pdf")
    assert verdict.size > 1_000_000
    assert verdict.count == 2 and verdict.missing == ()
    assert verdict.problems == (f"is {verdict.size / 1_000_000:.1f} MB; it must stay under 1 MB to e-mail",)


def test_the_budget_is_under_one_million_bytes():
    assert size_problems("flyer.pdf", 999_999) == []
    assert size_problems("flyer.pdf", 1_000_000) == ["is 1,000,000 bytes; it must stay under 1 MB to e-mail"]
    assert size_problems("facilitator-guide.pdf", 5_000_000) == []  # printed, not e-mailed


def test_a_page_that_is_not_us_letter_fails(material, copied):
    def a4(writer):
        writer.pages[0].mediabox = RectangleObject([0, 0, 595, 842])

    edited_pdf(copied, "handout.pdf", a4)
    verdict = only_verdict(copied, material, "handout.pdf")
    assert verdict.problems == ("page 1 is 595 x 842 pt; every page must be US Letter, 612 x 792 pt",)


def test_an_untagged_pdf_fails(material, copied):
    edited_pdf(copied, "flyer.pdf", lambda writer: writer.root_object.pop(NameObject("/MarkInfo")))
    verdict = only_verdict(copied, material, "flyer.pdf")
    assert len(verdict.problems) == 1 and verdict.problems[0].startswith("is not tagged")


@pytest.mark.parametrize("name, damage, kind", [
    ("flyer.pdf", lambda data: data[: len(data) // 2], "PDF"),
    ("handout.pdf", lambda data: b"", "PDF"),
    ("facilitator-guide.pdf", lambda data: b"This is not a PDF at all.\n", "PDF"),
    ("slides.pptx", lambda data: data[: len(data) // 2], "PowerPoint deck"),
])
def test_a_damaged_file_fails_with_a_sentence_not_an_exception(material, copied, name, damage, kind):
    path = copied / name
    path.write_bytes(damage(path.read_bytes()))
    verdict = only_verdict(copied, material, name)
    assert verdict.count is None and not verdict.passed
    assert len(verdict.problems) == 1 and verdict.problems[0].startswith(f"cannot be read as a {kind}: ")
    assert verdict.size == path.stat().st_size


def test_a_named_output_that_is_missing_fails(material, copied):
    (copied / "handout.pdf").unlink()
    flyer, handout = verify_folder(copied, material, ["flyer.pdf", "handout.pdf"])
    assert flyer.passed
    assert (handout.count, handout.size, handout.missing) == (None, 0, ())
    assert handout.problems == (f"is missing from {copied}",)
    # Unnamed, a missing output is simply not there to verify.
    assert [verdict.output for verdict in verify_folder(copied, material)] == [n for n in FILENAMES
                                                                               if n != "handout.pdf"]


def test_a_name_that_is_no_output_fails(material, copied):
    verdict = only_verdict(copied, material, "banner.pdf")
    assert not verdict.passed and verdict.problems[0].startswith("is not an output of this generator")


def test_the_table_lists_each_failure_under_its_output():
    verdicts = [
        Verdict("flyer.pdf", 2, "pages", 43_210, ("principle 'Engagement'",), ("has 2 pages; the flyer must have 1",)),
        Verdict("slides.pptx", 17, "slides", 64_000),
        Verdict("handout.pdf", None, "pages", 0, (), ("is missing from output",)),
    ]
    assert verdict_table(verdicts) == "\n".join([
        "output       pages/slides  size   result",
        "flyer.pdf    2 pages       43 KB  FAILED",
        "    missing principle 'Engagement'",
        "    has 2 pages; the flyer must have 1",
        "slides.pptx  17 slides     64 KB  ok",
        "handout.pdf  -             -      FAILED",
        "    is missing from output",
        "2 of 3 outputs failed.",
    ])


# The command line


@pytest.fixture
def english(tmp_path) -> Path:
    """A copy of the shipped English content without its translation, whose outputs the tests build."""
    (tmp_path / "content").mkdir()
    return Path(shutil.copy(CONTENT, tmp_path / "content" / CONTENT.name))


@pytest.fixture
def verify(english):
    """Run `verify` on a folder with the English content, wherever the tests run from."""
    return lambda folder: main(["verify", str(folder), "--material", str(english), "--brand", str(BRAND)])


@pytest.fixture
def output_folder(built_output, tmp_path) -> Path:
    """A copy of the output folder the shipped material was built into: output/harm-reduction/ and its manifest."""
    return Path(shutil.copytree(built_output, tmp_path / "output"))


def test_verify_prints_the_table_and_succeeds_on_the_built_outputs(material, output_folder, verify, capsys):
    assert verify(output_folder) == 0
    printed = capsys.readouterr()
    folder = output_folder / "harm-reduction"
    assert printed.out == f"{folder}/ (en-US):\n" + verdict_table(verify_folder(folder, material)) + "\n"
    assert printed.err == ""


def test_verify_fails_on_a_broken_output(output_folder, verify, capsys):
    (output_folder / "harm-reduction" / "flyer.pdf").write_bytes(b"%PDF-1.7\n")
    assert verify(output_folder) == 1
    out = capsys.readouterr().out
    assert any(line.startswith("flyer.pdf") and line.endswith("FAILED") for line in out.splitlines())
    assert out.splitlines()[-1] == "1 of 6 outputs failed."


def test_verify_fails_clearly_on_a_folder_that_is_missing_or_empty(tmp_path, verify, capsys):
    assert verify(tmp_path / "nowhere") == 1
    assert capsys.readouterr().err == (f"error: {tmp_path / 'nowhere'} does not exist; "
                                       "build the outputs first with `python -m generator build`\n")
    assert verify(tmp_path) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'harm-reduction'}/ holds none of the outputs "
                                              "(flyer.pdf, ")


def test_verify_fails_on_a_material_that_was_never_built(output_folder, english, tmp_path, capsys):
    other = tmp_path / "other.yaml"
    shutil.copy(ROOT / "tests" / "materials" / "one-paragraph.yaml", other)
    assert main(["verify", str(output_folder), "--material", str(english), "--material", str(other),
                 "--brand", str(BRAND)]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines()[-1] == "All 6 outputs verified."
    assert printed.err == (f"error: {output_folder / 'other'}/ holds none of the outputs of {other}; build them "
                           "with `python -m generator build other`\n")
