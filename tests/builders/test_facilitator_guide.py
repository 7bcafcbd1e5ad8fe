"""The facilitator guide: every slide with its content, its full speaker notes and its time."""

from __future__ import annotations

import re

from pypdf import PdfReader

from generator.slideplan import plan_slides

from ..conftest import page_texts, pdf_text, shows
from ..pdfs import fonts, sizes_where_printed, structure_roles, text_sizes

GUIDE = "facilitator-guide.pdf"


def squeezed(text: str) -> str:
    """Return `text` without white space, as `shows` compares it."""
    return re.sub(r"\s+", "", text)


def notes_paragraphs(slide) -> list[str]:
    """Return the paragraphs of a slide's speaker notes."""
    return [paragraph for paragraph in slide.notes.split("\n\n") if paragraph.strip()]


def test_the_cover_gives_the_session_time_and_the_number_of_slides(material, outputs):
    plan = plan_slides(material)
    cover = page_texts(outputs / GUIDE)[0]
    assert shows(cover, material.document.title)
    # Read before the first slide, so the timings in the notes cannot stand in for it.
    before_the_slides = cover[:re.search(r"\bslide 1\b", cover, re.IGNORECASE).start()]
    assert re.search(rf"\bsession {plan.minutes} minutes\b", before_the_slides, re.IGNORECASE)
    assert re.search(rf"\bslides {len(plan.slides)}\b", before_the_slides, re.IGNORECASE)


def test_every_slide_is_there_in_order_with_its_minutes_and_title(material, outputs):
    text = pdf_text(outputs / GUIDE)
    position = 0
    for number, slide in enumerate(plan_slides(material).slides, start=1):
        unit = "minute" if slide.minutes == 1 else "minutes"
        heading = re.compile(rf"\bslide {number} {slide.minutes} {unit}\b", re.IGNORECASE)
        found = heading.search(text, position)
        assert found, f"slide {number} with {slide.minutes} {unit} is missing or out of order"
        position = found.end()
        assert squeezed(text[position:]).startswith(squeezed(slide.title)), f"slide {number}'s title does not follow"


def test_every_slide_shows_its_content_and_its_full_notes(material, outputs):
    text = pdf_text(outputs / GUIDE)
    for slide in plan_slides(material).slides:
        for shown in slide.texts:
            assert shows(text, shown)
        for paragraph in notes_paragraphs(slide):
            assert shows(text, paragraph)


def test_every_row_of_the_table_reads_across(material, outputs):
    text = pdf_text(outputs / GUIDE)
    table = next(block.table for _, block, _ in material.blocks() if block.kind == "table")
    for row in table.rows:
        # A row reads across: its name, then each of its cells.
        assert shows(text, " ".join(row))


def test_each_slide_stays_on_one_page(material, outputs):
    pages = page_texts(outputs / GUIDE)
    for number, slide in enumerate(plan_slides(material).slides, start=1):
        holding = [page for page in pages if re.search(rf"\bslide {number}\b", page, re.IGNORECASE)]
        assert len(holding) == 1
        notes = notes_paragraphs(slide)
        # The timing paragraph names this slide's place in the session, so no other slide has it.
        assert shows(holding[0], slide.title) and shows(holding[0], notes[0]) and shows(holding[0], notes[-1])


def test_body_text_is_at_least_10_point(material, outputs):
    runs = text_sizes(outputs / GUIDE)
    for slide in plan_slides(material).slides:
        shown = [paragraph.text for body in slide.bodies for paragraph in body]
        shown += [cell for row in slide.table.rows for cell in row] if slide.table else []
        for text in shown + notes_paragraphs(slide):
            sizes = sizes_where_printed(runs, text)
            assert sizes and min(sizes) >= 10, f"{text!r} is printed at {sizes}"


def test_us_letter_pages_numbered(outputs):
    reader = PdfReader(outputs / GUIDE)
    assert all((page.mediabox.width, page.mediabox.height) == (612, 792) for page in reader.pages)
    pages = page_texts(outputs / GUIDE)
    assert all(shows(page, f"Page {number} of {len(pages)}") for number, page in enumerate(pages, start=1))


def test_document_metadata_and_tags(material, outputs):
    reader = PdfReader(outputs / GUIDE)
    assert reader.metadata.title == material.document.title
    assert reader.trailer["/Root"]["/Lang"] == material.document.language
    roles = structure_roles(outputs / GUIDE)
    assert roles.count("H1") == 1
    assert roles.count("H2") == len(plan_slides(material).slides)


def test_the_text_is_set_in_embedded_atkinson_hyperlegible(outputs):
    used = fonts(outputs / GUIDE)
    assert used and all(embedded for embedded in used.values())
    assert all("Atkinson-Hyperlegible" in name for name in used)


def test_a_guide_of_another_material_shows_every_slide_and_its_notes_on_one_page(meeting_room_deck):
    material, folder = meeting_room_deck
    guide = folder / GUIDE
    pages = page_texts(guide)
    for number, slide in enumerate(plan_slides(material).slides, start=1):
        # The slide's line: its number, then its minutes ("On the slide 1. Book the room" is not one).
        line = rf"\bslide {number} {slide.minutes} minutes?\b"
        holding = [page for page in pages if re.search(line, page, re.IGNORECASE)]
        assert len(holding) == 1, f"slide {number} is on {len(holding)} pages"
        for shown in slide.texts + notes_paragraphs(slide):
            assert shows(holding[0], shown), f"slide {number}: {shown!r} is missing"


def test_a_five_column_table_reads_across_in_the_guide(meeting_room_deck):
    material, folder = meeting_room_deck
    guide = folder / GUIDE
    text = pdf_text(guide)
    for row in next(block.table for _, block, _ in material.blocks() if block.kind == "table").rows:
        assert shows(text, " ".join(row))
    assert structure_roles(guide).count("Table") == 1
