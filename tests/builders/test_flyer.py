"""The clinic flyer: one US-Letter page, large type, what each section marks for it, and the authors."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import build
from generator.builders.flyer import LARGEST_BODY_PT, FlyerBuilder, fits, flyer_rows
from generator.content import load_content
from generator.errors import BuildError
from generator.model import Block, Material
from generator.templating import credit_line

from ..conftest import BRAND, pdf_text, shows, words
from ..pdfs import fonts, text_sizes

# Small materials unlike the organisation's text, in neutral words. The handout's tests build them too.

MEETING_ROOM = """\
    document:
      title: Setting Up a Meeting Room
      subtitle: Steps, a checklist, the rooms and who to call
      subject: How to prepare a shared meeting room before a group arrives.
      language: en-US
      version: 2
      date: 2026-03-02
      status: approved
      approved_by: Pat Lee, Office Manager

    sections:
      - heading: Before the meeting
        blocks:
          - steps:
              - step: Book the room a day ahead.
                detail: Use the shared calendar and give the number of guests.
              - step: Check the screen and the cables.
                detail: Connect a laptop to be sure the picture shows.
              - step: Arrange the chairs.
              - step: Open the windows for fresh air.
                detail: Close them again when the meeting ends.
      - heading: What to bring
        blocks:
          - points:
              - Name cards
              - Markers that work
              - A printed agenda
      - heading: Rooms at a glance
        blocks:
          - table:
              columns: [Room, Seats, Screen, Whiteboard, Book ahead]
              rows:
                - [Garden Room, "12", Large wall screen, Two boards, One day]
                - [Corner Room, "6", Small screen on a cart, One board, Same day]
                - [Library, "20", Projector and pull-down screen, None, Three days]
                - [Studio, "8", None, Glass wall, One day]
      - heading: Who to call
        blocks:
          - contacts:
              - name: Front desk
                role: Keys and bookings
                phone: (203) 555-0110
                email: frontdesk@example.org
              - name: Facilities team
                role: Chairs, tables and heating
                email: facilities@example.org
                web: example.org/facilities
              - name: Help desk
                role: Screens and cables
                phone: (203) 555-0111
    """

TIDY_ROOM = """\
    document:
      title: Leaving the Room Tidy
      subtitle: A short note for everyone who uses the meeting rooms
      subject: A note on leaving a shared meeting room ready for the next group.
      language: en-US
      version: 1
      date: 2026-03-02
      status: approved
      approved_by: Pat Lee, Office Manager

    sections:
      - heading: Leaving the room
        blocks:
          - text:
              - >-
                When your meeting ends, put the chairs back around the table, wipe the
                whiteboard and take your papers with you.
              - The next group will thank you.
    """


def material_from(folder: Path, name: str, text: str) -> Material:
    """Return the material written as `text` (indented YAML) in `folder`/`name`.yaml, loaded in the project's brand."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_content(path, BRAND)


def built_from(folder: Path, name: str, text: str) -> tuple[Material, Path]:
    """Return the material written as `text`, and the folder its flyer and handout were built into."""
    material = material_from(folder / "content", name, text)
    build(material, folder / "output", names=["flyer", "handout"])
    return material, folder / "output"


def with_block(material: Material, section: int, block: int, replacement: Block) -> Material:
    """Return `material` with block `block` of section `section` replaced."""
    sections = list(material.sections)
    blocks = list(sections[section].blocks)
    blocks[block] = replacement
    sections[section] = dataclasses.replace(sections[section], blocks=tuple(blocks))
    return dataclasses.replace(material, sections=tuple(sections))


def the_table(material: Material) -> tuple[int, int, Block]:
    """Return the section and block number of the material's first table, and the block."""
    for number, section in enumerate(material.sections):
        for index, block in enumerate(section.blocks):
            if block.kind == "table":
                return number, index, block
    raise AssertionError("the material has no table")


def with_table_rows(material: Material, rows) -> Material:
    """Return `material` with its first table's rows replaced by `rows`."""
    section, index, block = the_table(material)
    return with_block(material, section, index, Block(table=dataclasses.replace(block.table, rows=tuple(rows))))


# The shipped material


def test_every_headline_and_author_is_there_and_the_comparison_is_left_to_the_handout(material, outputs):
    text = pdf_text(outputs / "flyer.pdf")
    assert shows(text, material.document.title)
    shown, left_off = material.sections[:2], material.sections[2]
    assert left_off.flyer == "no"
    for section in shown:
        assert shows(text, section.heading)
        for block in section.blocks:
            assert all(shows(text, statement.headline) for statement in block.statements)
    assert not shows(text, left_off.heading)
    assert not any(shows(text, name) for name in left_off.blocks[1].table.names)
    # The credits are one line at the foot: names and roles, without the e-mail addresses.
    for author in material.authors:
        assert shows(text, f"{author.name}, {author.role}")
        assert not shows(text, author.email)
    assert shows(text, material.version_line)


def test_statement_bodies_and_table_cells_are_left_for_the_handout(material, outputs):
    text = pdf_text(outputs / "flyer.pdf")
    for _, block, _ in material.blocks():
        if block.kind == "statements":
            assert not any(shows(text, statement.body) for statement in block.statements)
        elif block.kind == "table":
            assert not any(shows(text, cell) for row in block.table.rows for cell in row[1:])


def test_two_lists_of_headlines_stand_side_by_side(material):
    (first,) = flyer_rows(material)
    assert [section.heading for section in first.sections] == [s.heading for s in material.sections[:2]]
    assert first.side_by_side and first.shares[0] > first.shares[1]  # the longer headlines get more room


def test_a_table_shown_on_a_flyer_stands_in_a_panel(material):
    compared = dataclasses.replace(material.sections[2], flyer="headlines")
    shown = dataclasses.replace(material, sections=(*material.sections[:2], compared))
    (panel,) = flyer_rows(shown)[1].sections
    # `headlines` leaves the paragraph out and shows the row names.
    assert panel.panel and [(block.kind, block.mode) for block in panel.blocks] == [("table", "headlines")]


def test_exactly_one_us_letter_page(outputs):
    pages = PdfReader(outputs / "flyer.pdf").pages
    assert len(pages) == 1
    assert (pages[0].mediabox.width, pages[0].mediabox.height) == (612, 792)


def test_it_reads_from_across_a_room_statements_of_24_point_and_a_title_of_48(material, outputs):
    sizes = text_sizes(outputs / "flyer.pdf")
    by_text = dict(sizes)
    headlines = [statement.headline for section in material.sections[:2] for statement in section.blocks[0].statements]
    # A headline may wrap; each of its printed lines is at least 24 pt.
    printed = [(text, size) for text, size in sizes if any(text in headline for headline in headlines)]
    assert printed and min(size for _, size in printed) >= 24
    title_lines = [size for text, size in sizes if text and text in material.document.title]
    assert title_lines and min(title_lines) >= 48
    assert by_text["liberationprograms.org"] >= 24  # the website, to note down from a distance
    # Only the footer's one line of credits and version, read from close by, is smaller than the masthead's 14 pt.
    footer = f"{material.credits.heading} {credit_line(material)} · {material.version_line}"
    assert words(" ".join(text for text, size in sizes if size < 14)) == footer


def test_metadata_and_fonts(material, outputs):
    reader = PdfReader(outputs / "flyer.pdf")
    assert reader.metadata.title == material.document.title
    assert reader.trailer["/Root"]["/Lang"] == material.document.language
    assert all(embedded for embedded in fonts(outputs / "flyer.pdf").values())


def test_content_too_long_for_one_page_fails_and_says_what_to_shorten(material, tmp_path):
    statements = material.sections[0].blocks[0].statements
    longer = tuple(dataclasses.replace(statement, headline=statement.headline + " And a second sentence after it.")
                   for statement in statements * 3)
    crowded = with_block(material, 0, 0, Block(statements=longer))
    with pytest.raises(BuildError) as caught:
        FlyerBuilder().build(crowded, tmp_path / "flyer.pdf")
    assert str(caught.value) == (
        "flyer.pdf: the flyer does not fit on one page even with 24 pt text; shorten the headlines, step lines, "
        f"table row names or paragraphs the flyer shows in {material.source}, or show less of a section there "
        "with `flyer: heading` or `flyer: no`"
    )
    assert not (tmp_path / "flyer.pdf").exists()


@pytest.mark.parametrize("rows", [1, 10, 14], ids=["one row", "as written", "fourteen rows"])
def test_the_type_is_the_largest_that_fits_on_one_page(material, rows):
    """The search starts from a guess; whatever the guess, half a point more must not fit."""
    _, _, block = the_table(material)
    variant = with_table_rows(material, (block.table.rows * 2)[:rows])
    builder = FlyerBuilder()
    document, size = builder.fit_to_one_page(variant)
    assert len(document.pages) == 1
    assert size == 24 or not fits(builder.render(variant, body_size=size + 0.5))
    assert fits(builder.render(variant, body_size=size))


# What each section marks for the flyer


def test_a_section_shows_its_heading_alone_or_nothing_as_it_says(tmp_path):
    marked = material_from(tmp_path, "marked", MEETING_ROOM.replace(
        "  - heading: What to bring\n", "  - heading: What to bring\n        flyer: heading\n").replace(
        "  - heading: Who to call\n", "  - heading: Who to call\n        flyer: \"no\"\n"))
    sections = [section for row in flyer_rows(marked) for section in row.sections]
    # A table shows nothing on a flyer unless its section says so.
    assert [(section.heading, len(section.blocks)) for section in sections] == [
        ("Before the meeting", 1), ("What to bring", 0)]


def test_a_sites_flyer_gives_the_room_of_the_text_to_the_site(material):
    shown = [shown.kind for row in flyer_rows(material, site_panel=True) for section in row.sections
             for shown in section.blocks]
    assert "text" not in shown and shown.count("statements") == 2


# Materials unlike the organisation's text


def test_steps_points_a_table_and_contacts_show_their_short_lines(meeting_room):
    material, folder = meeting_room
    text = pdf_text(folder / "flyer.pdf")
    assert len(PdfReader(folder / "flyer.pdf").pages) == 1
    steps, points, table, contacts = (section.blocks[0].content for section in material.sections)
    assert all(shows(text, section.heading) for section in material.sections if section.heading != "Rooms at a glance")
    assert all(shows(text, step.step) for step in steps)
    assert all(f"{number}." in text for number in range(1, len(steps) + 1))  # the renderer prints numbers last
    assert not any(shows(text, step.detail) for step in steps if step.detail)
    assert all(shows(text, point) for point in points)
    assert not shows(text, "Rooms at a glance")  # a table is left to the handout unless its section asks
    assert not any(shows(text, name) for name in table.names)
    assert not any(shows(text, column) for column in table.columns[1:])
    for contact in contacts:
        assert shows(text, f"{contact.name} {contact.phone}")
        assert not shows(text, contact.role)
        assert not (contact.email and shows(text, contact.email))


def test_without_credits_the_flyer_still_says_its_version(meeting_room):
    material, folder = meeting_room
    text = pdf_text(folder / "flyer.pdf")
    assert material.credits is None
    assert shows(text, f"liberationprograms.org {material.version_line}")  # after the call to action, at the foot
    assert not shows(text, "Created by")


def test_one_text_block_shows_in_full_in_the_largest_type(tidy_room):
    material, folder = tidy_room
    text = pdf_text(folder / "flyer.pdf")
    (section,) = material.sections
    assert shows(text, section.heading)
    assert all(shows(text, paragraph) for paragraph in section.blocks[0].text)
    # A short text is not left small in a corner of the page: it takes the largest body size a flyer has.
    assert dict(text_sizes(folder / "flyer.pdf"))[section.blocks[0].text[1]] == LARGEST_BODY_PT


def test_printed_in_black_and_white_the_flyers_qr_code_still_opens_the_website(material, outputs):
    """An office printer prints the flyer in gray: the code must still scan, and nothing else on the page reads
    as a second code."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(outputs / "flyer.pdf")
    try:
        gray = document[0].render(scale=150 / 72, grayscale=True).to_pil()
    finally:
        document.close()
    assert gray.mode == "L"
    codes = zxingcpp.read_barcodes(gray)
    assert [code.text for code in codes] == [f"https://{material.brand.website}"]
