"""The facilitator guide: a front page to prepare the session, then every slide's picture beside its notes."""

from __future__ import annotations

import re
from collections import Counter

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


def test_the_front_page_gives_the_session_objectives_checklist_and_a_timed_agenda(material, outputs):
    plan = plan_slides(material)
    front = page_texts(outputs / GUIDE)[0]
    assert shows(front, material.document.title)
    assert not re.search(r"\bslide 1\b", front, re.IGNORECASE), "the slides start on the front page"
    assert re.search(rf"\bsession {plan.minutes} minutes\b", front, re.IGNORECASE)
    assert re.search(rf"\bslides {len(plan.slides)}\b", front, re.IGNORECASE)
    facilitation = material.facilitation
    assert facilitation.objectives and facilitation.checklist
    for line in (*facilitation.objectives, *facilitation.checklist):
        assert shows(front, line), line
    # The agenda: each part with when it starts and ends and how long it takes, from the slide plan.
    parts = ["Welcome and agenda", *(section.heading for section in material.sections), "Discussion and closing"]
    spans = re.findall(r"(\d+)–(\d+) min (\d+) minutes? (\d+)", front)
    assert len(spans) == len(parts)
    assert [int(start) for start, _, _, _ in spans] == [0] + [int(end) for _, end, _, _ in spans[:-1]]
    assert all(int(end) - int(start) == int(minutes) for start, end, minutes, _ in spans)
    assert int(spans[-1][1]) == plan.minutes and sum(int(count) for *_, count in spans) == len(plan.slides)
    for part, start in zip(parts, [start for start, *_ in spans]):
        assert shows(front, f"{part} {start}–"), part


def test_a_guide_without_objectives_or_checklist_draws_them_from_the_material_and_the_labels(meeting_room_deck):
    material, folder = meeting_room_deck
    assert not material.facilitation.objectives and not material.facilitation.checklist
    front = page_texts(folder / GUIDE)[0]
    for section in material.sections:
        assert shows(front, f"Talk through “{section.heading}” in their own words.")
    for item in material.labels.checklist_items:
        assert shows(front, item)


def test_no_text_of_a_slide_is_printed_twice(material, outputs):
    """The picture shows the slide; the notes beside it coach, without reading the slide out again."""
    text = squeezed(pdf_text(outputs / GUIDE))
    shown = Counter()  # each longer line of the slides, by how many slides show it
    for slide in plan_slides(material).slides:
        lines = [paragraph.text for body in slide.bodies for paragraph in body]
        lines += [cell for row in slide.table.rows for cell in row[1:]] if slide.table else []
        shown.update(squeezed(line) for line in lines if len(line) > 40)
    assert shown
    for line, slides in shown.items():
        assert text.count(line) == slides, f"{line!r} is printed {text.count(line)} times, on {slides} slides"


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


def test_the_notes_and_the_front_page_are_at_least_10_point(material, outputs):
    runs = text_sizes(outputs / GUIDE)
    facilitation = material.facilitation
    for text in [*facilitation.objectives, *facilitation.checklist] + [
            paragraph for slide in plan_slides(material).slides for paragraph in notes_paragraphs(slide)]:
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
    # The front page's objectives, checklist and agenda, then each slide's title in its picture.
    assert roles.count("H2") == 3 + len(plan_slides(material).slides)


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
    # The front page's agenda, and the table in each picture of a table slide.
    tables = sum(1 for slide in plan_slides(material).slides if slide.table)
    assert structure_roles(guide).count("Table") == 1 + tables
