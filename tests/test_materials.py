"""Materials unlike the organisation's text build through every output, verify, pass the checks and read right."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from generator.checks import check_editions
from generator.cli import main
from generator.content import load_content

from .conftest import BRAND, ROOT, made_once, page_texts, pdf_text, shows
from .shown import deck_text, title_of

MATERIALS = ROOT / "tests" / "materials"
OUTPUTS = ("flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf", "index.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """An output folder with every output of both fixture materials, built by one command."""

    def build_both(folder: Path) -> None:
        content = folder / "content"
        shutil.copytree(MATERIALS, content)
        status = main(["build", str(content / "room-setup.yaml"), str(content / "one-paragraph.yaml"),
                       "--out", str(folder / "output"), "--brand", str(BRAND)])
        assert status == 0

    return made_once(tmp_path_factory, "materials", build_both) / "output"


@pytest.fixture(scope="module")
def room():
    return load_content(MATERIALS / "room-setup.yaml", BRAND)


def test_each_material_gets_its_own_folder_and_the_manifest_lists_both(built):
    for name in ("room-setup", "one-paragraph"):
        assert sorted(path.name for path in (built / name).iterdir()) == sorted(OUTPUTS)
    listed = [output["name"] for output in json.loads((built / "manifest.json").read_text())["outputs"]]
    assert listed == sorted(f"{name}/{output}" for name in ("one-paragraph", "room-setup") for output in OUTPUTS)


def test_both_materials_verify_and_their_content_passes_the_strict_checks(built, capsys):
    """Their outputs were audited and verified as the fixture built them, as `check` builds them; what a strict
    check adds is that the checks of the content find not even a warning."""
    for name in ("room-setup", "one-paragraph"):
        assert main(["verify", str(built), "--material", str(MATERIALS / f"{name}.yaml")]) == 0
        report = check_editions([load_content(MATERIALS / f"{name}.yaml", BRAND)])
        assert not report.fails(strict=True), report.as_text()
        assert report.summary() == "0 errors, 0 warnings, 0 acknowledged."
    assert capsys.readouterr().out.count("All 6 outputs verified.") == 2


def test_the_flyer_shows_what_each_section_marks_for_it(built, room):
    text = pdf_text(built / "room-setup" / "flyer.pdf")
    steps, points = room.sections[0].blocks
    for step in steps.steps:
        assert shows(text, step.step)
    assert not shows(text, steps.steps[0].detail)  # details are for the handout
    for point in points.points:
        assert shows(text, point)
    # A table is left to the handout, and "Who can help" says `flyer: "no"`: the flyer's call to action
    # (the website and its QR code) says where to ask.
    table = room.sections[1].blocks[0].table
    assert not any(shows(text, name) for name in table.names)
    assert not shows(text, room.sections[1].heading)
    assert not shows(text, "Call the front desk first") and not shows(text, "(203) 555-0111")
    assert shows(text, "Learn more liberationprograms.org")
    assert len(PdfReader(built / "room-setup" / "flyer.pdf").pages) == 1


def test_the_handout_prints_the_five_column_table_whole_on_one_page(built, room):
    path = built / "room-setup" / "handout.pdf"
    table = room.sections[1].blocks[0].table
    pages = page_texts(path)
    holding = [number for number, page in enumerate(pages) if shows(page, "Room bookings this week")]
    assert len(holding) == 1
    page = pages[holding[0]]
    for cell in table.columns + tuple(cell for row in table.rows for cell in row):
        assert shows(page, cell), cell


def test_the_handouts_contacts_are_links(built):
    reader = PdfReader(built / "room-setup" / "handout.pdf")
    links = {str(annotation.get_object()["/A"]["/URI"]) for page in reader.pages
             for annotation in page.get("/Annots") or [] if "/A" in annotation.get_object()}
    assert {"mailto:frontdesk@example.org", "mailto:tech@example.org", "https://example.org/facilities",
            "mailto:sam.rivera@example.org"} <= links


def test_the_deck_has_a_native_five_column_table_numbered_steps_and_the_questions(built, room):
    deck = Presentation(built / "room-setup" / "slides.pptx")
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert [len(table.columns) for table in tables] == [5]
    assert [cell.text for cell in tables[0].rows[0].cells] == list(room.sections[1].blocks[0].table.columns)
    assert tables[0].first_row
    text = deck_text(built / "room-setup" / "slides.pptx")
    assert "1. Unlock the room and turn on the lights." in text
    assert "5. Write the session title on the board." in text
    assert "Which step do you find easiest to forget?" in text
    titles = [title_of(slide) for slide in deck.slides]
    assert len(titles) == len(set(titles)), "every slide has a title of its own"
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)
    assert "Walk through each step and point to where things are kept." in notes


def test_a_single_paragraph_material_without_credits_builds_every_output(built):
    paragraph = "From eight to ten each morning the building keeps quiet hours."
    for name in ("flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf"):
        text = pdf_text(built / "one-paragraph" / name)
        assert shows(text, "Quiet hours"), name
    for name in ("flyer.pdf", "handout.pdf"):
        assert shows(pdf_text(built / "one-paragraph" / name), paragraph), name
    assert paragraph in deck_text(built / "one-paragraph" / "slides.pptx")


def test_without_authors_the_closing_slide_names_the_organisation_to_contact(built):
    deck = Presentation(built / "one-paragraph" / "slides.pptx")
    closing = deck.slides[-1]
    shown = " ".join(shape.text_frame.text for shape in closing.shapes if shape.has_text_frame)
    for detail in ("Liberation Programs, Inc.", "Bridgeport, CT", "liberationprograms.org"):
        assert detail in shown
    notes = closing.notes_slide.notes_text_frame.text
    assert "Key message: " in notes and "liberationprograms.org" not in notes  # shown, not read out again
