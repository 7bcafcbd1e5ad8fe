"""The handout: the complete material on a few accessible US-Letter pages."""

from __future__ import annotations

import dataclasses

import pytest
from pypdf import PdfReader

from generator.build import build
from generator.builders.handout import HandoutBuilder
from generator.errors import BuildError
from generator.model import Block, Material

from ..conftest import page_texts, pdf_text, shows
from ..pdfs import fonts, link_targets, smallest_size_of, structure_roles
from .test_flyer import MEETING_ROOM, material_from, the_table, with_block


def blocks_of(material: Material, kind: str) -> list[Block]:
    """Return every block of `kind` in the material, in reading order."""
    return [block for _, block, _ in material.blocks() if block.kind == kind]


def reads_across(row: tuple[str, ...]) -> str:
    """Return a table row as a reader reads it: its name, then each cell, left to right."""
    return " ".join(row)


# The shipped material


def test_every_statement_is_there_in_full(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    assert all(shows(text, section.heading) for section in material.sections)
    for block in blocks_of(material, "statements"):
        for statement in block.statements:
            assert shows(text, statement.headline)
            assert shows(text, statement.body)


def test_the_table_and_its_text_are_there_in_full(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    for block in blocks_of(material, "text"):
        assert all(shows(text, paragraph) for paragraph in block.text)
    (block,) = blocks_of(material, "table")
    assert shows(text, reads_across(block.table.columns))
    assert all(shows(text, reads_across(row)) for row in block.table.rows)


def test_the_section_with_the_table_stands_whole_on_the_second_page(material, outputs):
    pages = page_texts(outputs / "handout.pdf")
    number, _, block = the_table(material)
    section = material.sections[number]
    assert not shows(pages[0], section.heading)
    assert shows(pages[1], section.heading)
    assert all(shows(pages[1], reads_across(row)) for row in block.table.rows)


def test_the_credits_are_there_with_clickable_addresses(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    assert shows(text, material.credits.heading)
    for author in material.authors:
        for detail in (author.name, author.role, author.organisation, author.email):
            assert shows(text, detail)
    # The call to action at the top opens the website; the credits at the end write to the authors.
    assert link_targets(outputs / "handout.pdf") == [f"https://{material.brand.website}",
                                                     *(f"mailto:{a.email}" for a in material.authors)]


def test_the_call_to_action_is_on_the_first_page_with_the_website_filled_in(material, outputs):
    first = page_texts(outputs / "handout.pdf")[0]
    assert "{website}" in material.call_to_action
    assert shows(first, material.call_to_action.replace("{website}", material.brand.website))


def test_two_us_letter_pages(outputs):
    pages = PdfReader(outputs / "handout.pdf").pages
    assert len(pages) == 2
    assert all((page.mediabox.width, page.mediabox.height) == (612, 792) for page in pages)


def test_document_metadata_names_the_material(material, outputs):
    reader = PdfReader(outputs / "handout.pdf")
    assert reader.metadata.title == material.document.title
    assert reader.metadata.author == material.brand.organisation
    assert reader.metadata.subject == material.document.subject
    assert reader.metadata["/Keywords"].startswith(material.document.title)
    assert all(section.heading in reader.metadata["/Keywords"] for section in material.sections)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == material.document.language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


def test_tagged_for_screen_readers(material, outputs):
    reader = PdfReader(outputs / "handout.pdf")
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert b'pdfuaid:part="1"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    roles = structure_roles(outputs / "handout.pdf")
    for role in ("H1", "H2", "H3", "P", "L", "LI", "Table", "THead", "TH", "TR", "TD", "Link"):
        assert role in roles, f"no {role} in the structure tree"
    # The one table keeps its header row and every row (plus one header cell per row), in one piece.
    (block,) = blocks_of(material, "table")
    assert roles.count("Table") == 1
    assert roles.count("TH") == len(block.table.columns) + len(block.table.rows)


def test_the_text_is_set_in_embedded_atkinson_hyperlegible(outputs):
    used = fonts(outputs / "handout.pdf")
    assert used and all(embedded for embedded in used.values())
    assert all("Atkinson-Hyperlegible" in name for name in used)


def test_body_text_is_at_least_10_point(material, outputs):
    handout = outputs / "handout.pdf"
    for block in blocks_of(material, "statements"):
        assert all(smallest_size_of(handout, statement.body) >= 10 for statement in block.statements)
    for block in blocks_of(material, "table"):
        assert all(smallest_size_of(handout, cell) >= 10 for row in block.table.rows for cell in row[1:])


def test_every_page_says_which_version_it_is(material, outputs):
    footer = f"Version {material.document.version}, {material.document.date:%B %Y}"
    assert all(shows(page, footer) for page in page_texts(outputs / "handout.pdf"))


def test_markup_in_the_content_is_printed_literally(material, tmp_path):
    statements = material.sections[0].blocks[0].statements
    marked_statement = dataclasses.replace(statements[0], headline="It is <b>NOT</b> Q&A <script>x()</script>")
    marked = with_block(material, 0, 0, Block(statements=(marked_statement,) + statements[1:]))
    HandoutBuilder().build(marked, tmp_path / "handout.pdf")
    assert shows(pdf_text(tmp_path / "handout.pdf"), "It is <b>NOT</b> Q&A <script>x()</script>")


# Materials unlike the organisation's text


def test_every_step_point_cell_and_contact_is_there(meeting_room):
    material, folder = meeting_room
    text = pdf_text(folder / "handout.pdf")
    steps, points, table, contacts = (section.blocks[0].content for section in material.sections)
    assert all(shows(text, section.heading) for section in material.sections)
    for step in steps:
        assert shows(text, f"{step.step} {step.detail}")
    assert all(f"{number}." in text for number in range(1, len(steps) + 1))
    assert all(shows(text, point) for point in points)
    assert shows(text, reads_across(table.columns))
    assert all(shows(text, reads_across(row)) for row in table.rows)
    for contact in contacts:
        details = [contact.name, contact.role, contact.phone, contact.email, contact.web]
        assert shows(text, " ".join(detail for detail in details if detail))


def test_contacts_open_their_email_and_web_page(meeting_room):
    material, folder = meeting_room
    contacts = material.sections[3].blocks[0].contacts
    assert link_targets(folder / "handout.pdf") == [
        "mailto:frontdesk@example.org", "mailto:facilities@example.org", "https://example.org/facilities"]
    assert [contact.web_link for contact in contacts if contact.web] == ["https://example.org/facilities"]


def test_the_five_column_table_is_one_table_on_one_page(meeting_room):
    material, folder = meeting_room
    table = material.sections[2].blocks[0].table
    holding = [page for page in page_texts(folder / "handout.pdf") if shows(page, table.rows[0][2])]
    assert len(holding) == 1 and all(shows(holding[0], reads_across(row)) for row in table.rows)
    roles = structure_roles(folder / "handout.pdf")
    assert roles.count("Table") == 1
    assert roles.count("TH") == 5 + len(table.rows)
    assert roles.count("TD") == 4 * len(table.rows)


def test_no_heading_ends_a_page_and_the_contacts_stay_together(meeting_room):
    material, folder = meeting_room
    pages = page_texts(folder / "handout.pdf")
    assert len(pages) == 2
    # Each heading is read on the same page as the first line under it.
    first_lines = ["Book the room a day ahead.", "Name cards", "Room Seats Screen", "Front desk"]
    for section, first_line in zip(material.sections, first_lines):
        assert any(shows(page, f"{section.heading} {first_line}") for page in pages), section.heading
    contacts = material.sections[3].blocks[0].contacts
    assert any(all(shows(page, contact.name) for contact in contacts) for page in pages)


def test_without_credits_no_credits_are_printed(meeting_room):
    material, folder = meeting_room
    assert material.credits is None
    assert "Created by" not in pdf_text(folder / "handout.pdf")


def test_one_text_block_makes_a_one_page_handout(tidy_room):
    material, folder = tidy_room
    pages = page_texts(folder / "handout.pdf")
    (section,) = material.sections
    assert len(pages) == 1
    assert shows(pages[0], f"{section.heading} {' '.join(section.blocks[0].text)}")
    assert "Table" not in structure_roles(folder / "handout.pdf")


def test_a_material_longer_than_its_page_budget_fails_and_says_what_to_shorten(tmp_path):
    tight = material_from(tmp_path / "content", "meeting-room", MEETING_ROOM.replace(
        "\n    sections:\n", "\n    outputs:\n      handout_pages: 1\n\n    sections:\n"))
    assert tight.outputs.handout_pages == 1
    with pytest.raises(BuildError) as caught:
        build(tight, tmp_path / "output", names=["flyer", "handout"])
    assert str(caught.value) == (
        "handout.pdf: the content needs 2 pages but the handout must fit on one page; shorten the sections' "
        f"text or raise `outputs: handout_pages:` in {tight.source}")
    assert not (tmp_path / "output" / "handout.pdf").exists()


def test_a_table_longer_than_a_page_fails_and_names_it(tmp_path):
    material = material_from(tmp_path, "meeting-room", MEETING_ROOM.replace(
        "\n    sections:\n", "\n    outputs:\n      handout_pages: 5\n\n    sections:\n"))
    table = material.sections[2].blocks[0].table
    rows = tuple((f"Room {number}",) + row[1:] for number, row in enumerate(table.rows * 15, start=1))
    long = with_block(material, 2, 0, Block(table=dataclasses.replace(table, rows=rows)))
    with pytest.raises(BuildError) as caught:
        HandoutBuilder().build(long, tmp_path / "handout.pdf")
    assert str(caught.value) == (
        f"{material.source}:{material.line_of('sections[2].blocks[0]')}: sections[2].blocks[0]: the table of "
        "'Rooms at a glance' is longer than a page, and a screen reader would read each page's part as a table of "
        "its own; split it into shorter tables")
    assert not (tmp_path / "handout.pdf").exists()
