"""The slides handout: the deck in miniature, three slides to a US-Letter page, for attendees' notes."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest
from pypdf import PdfReader

from generator import deck_design as design
from generator.builders.miniature import Miniature, overflowing_miniatures
from generator.builders.slides_handout import MINIATURE_WIDTH_IN, SlidesHandoutBuilder
from generator.content import load_content
from generator.errors import BuildError
from generator.measure import text_height
from generator.slideplan import Paragraph, plan_slides, runs_of

from ..conftest import BRAND, CONTENT, page_texts, pdf_text, shows
from ..pdfs import fonts, sizes_where_printed, structure_roles, text_sizes

HANDOUT = "slides-handout.pdf"


def squeezed(text: str) -> str:
    """Return `text` without white space, as `shows` compares it."""
    return re.sub(r"\s+", "", text)


def shown_in_order(text: str, phrases: list[str]) -> bool:
    """Return whether every phrase shows in `text`, each somewhere after the one before."""
    rest = squeezed(text)
    for phrase in map(squeezed, phrases):
        found = rest.find(phrase)
        if found < 0:
            return False
        rest = rest[found + len(phrase):]
    return True


def test_three_slides_to_a_page_in_the_order_of_the_deck(material, outputs):
    slides = plan_slides(material).slides
    pages = page_texts(outputs / HANDOUT)
    assert len(pages) == math.ceil(len(slides) / 3)
    for index, page in enumerate(pages):
        on_page = slides[3 * index:3 * index + 3]
        numbers = [int(number) for number in re.findall(r"\bslide (\d+)\b", page, re.IGNORECASE)]
        assert numbers == list(range(3 * index + 1, 3 * index + 1 + len(on_page)))
        assert shown_in_order(page, [slide.title for slide in on_page])


def test_every_text_of_every_slide_is_on_its_page(material, outputs):
    pages = page_texts(outputs / HANDOUT)
    for number, slide in enumerate(plan_slides(material).slides):
        for text in slide.texts:
            assert shows(pages[number // 3], text), f"slide {number + 1}: {text!r} is missing"


def test_every_row_of_the_table_is_there_with_all_its_cells(material, outputs):
    text = pdf_text(outputs / HANDOUT)
    table = next(block.table for _, block, _ in material.blocks() if block.kind == "table")
    for row in table.rows:
        for cell in row:
            assert shows(text, cell)


def test_no_text_is_smaller_than_7_point(outputs):
    sizes = [size for _, size in text_sizes(outputs / HANDOUT)]
    assert sizes and min(sizes) >= 7


def test_the_miniatures_keep_the_decks_proportions_of_type(material, outputs):
    scale, runs = Miniature(MINIATURE_WIDTH_IN).scale, text_sizes(outputs / HANDOUT)
    for number, slide in enumerate(plan_slides(material).slides, start=1):
        planned = [(slide.title, slide.title_size)]
        planned += [(paragraph.text, paragraph.size) for body in slide.bodies for paragraph in body]
        planned += [(cell, slide.table.size) for row in slide.table.rows for cell in row] if slide.table else []
        for text, size in planned:
            printed = sizes_where_printed(runs, text)
            assert printed, f"slide {number}: {text!r} is not printed on its own"
            assert pytest.approx(size * scale, abs=0.1) in printed, f"slide {number}: {text!r} is out of proportion"


def test_us_letter_pages_with_title_organisation_and_page_numbers(material, outputs):
    reader = PdfReader(outputs / HANDOUT)
    assert all((page.mediabox.width, page.mediabox.height) == (612, 792) for page in reader.pages)
    pages = page_texts(outputs / HANDOUT)
    for number, page in enumerate(pages, start=1):
        assert shows(page, f"Page {number} of {len(pages)}")
        assert shows(page, material.document.title)
        assert shows(page, material.brand.organisation)


def test_document_metadata_names_the_material(material, outputs):
    reader = PdfReader(outputs / HANDOUT)
    assert reader.metadata.title == material.document.title
    assert reader.metadata.author == material.brand.organisation
    assert reader.trailer["/Root"]["/Lang"] == material.document.language


def test_tagged_with_one_heading_per_slide(material, outputs):
    reader = PdfReader(outputs / HANDOUT)
    assert b'pdfuaid:part="1"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    roles = structure_roles(outputs / HANDOUT)
    assert roles.count("H1") == 1
    assert roles.count("H2") == len(plan_slides(material).slides)
    assert roles.count("Table") == sum(1 for slide in plan_slides(material).slides if slide.table)


def test_the_text_is_set_in_embedded_atkinson_hyperlegible(outputs):
    used = fonts(outputs / HANDOUT)
    assert used and all(embedded for embedded in used.values())
    assert all("Atkinson-Hyperlegible" in name for name in used)


def test_text_that_would_spill_out_of_a_miniature_fails_the_build(material):
    plan = plan_slides(material)
    slides = list(plan.slides)
    swollen = tuple(dataclasses.replace(paragraph, size=paragraph.size * 3) for paragraph in slides[3].bodies[0])
    slides[3] = dataclasses.replace(slides[3], bodies=(swollen,))
    with pytest.raises(BuildError, match=r"slide 4: the text does not fit its box$"):
        SlidesHandoutBuilder().lay_out(material, dataclasses.replace(plan, slides=tuple(slides)))


def versus_only(plan):
    """Return `plan` with only its slides of versus panels, whose miniatures are then laid out on their own."""
    slides = tuple(slide for slide in plan.slides if slide.layout in design.COMPARISONS.values())
    assert slides
    return dataclasses.replace(plan, slides=slides)


def printed_colours(document) -> list[tuple[str, str]]:
    """Return the colour of the text of each text area of the miniatures in `document`, and of what is behind it
    (the paper, where the area has no colour of its own), as '#RRGGBB'."""
    def hexed(colour) -> str:
        return "#" + "".join(f"{round(channel * 255):02X}" for channel in list(colour)[:3])

    colours = []
    for page in document.pages:
        # WeasyPrint's laid-out boxes (not their anonymous parts): nothing public says what colours they have.
        for box in page._page_box.descendants(placeholders=True):
            element = getattr(box, "element", None)
            if (element is not None and getattr(box, "element_tag", "").isalpha()
                    and {"area", "text"} <= set(element.get("class", "").split())):
                behind = box.style["background_color"]
                colours.append((hexed(box.style["color"]), hexed(behind) if behind.alpha else "#FFFFFF"))
    return colours


@pytest.mark.parametrize("content", ["harm-reduction.yaml", "harm-reduction.es.yaml"])
def test_the_versus_panels_print_tinted_with_their_text_inside_them(content):
    # Printed in the wider print font, the Spanish heading "Recuperación basada en la abstinencia" takes two lines.
    material = load_content(CONTENT.parent / content, BRAND)
    plan = versus_only(plan_slides(material))
    document = SlidesHandoutBuilder().lay_out(material, plan)
    assert overflowing_miniatures(document) == []
    palette = material.brand.palette
    colours = printed_colours(document)
    rows = sum(len(slide.bodies[2:]) // 3 for slide in plan.slides)
    # Each row's name on a band of the primary colour, its two cells on tinted panels, as on the slide.
    assert colours.count((palette.paper, palette.primary)) == rows
    assert colours.count((palette.ink, palette.tint)) == 2 * rows
    assert colours.count((palette.accent, palette.paper)) == 2 * len(plan.slides)  # the two things compared
    assert len(colours) == 3 * rows + 2 * len(plan.slides)


def test_text_that_would_spill_out_of_a_versus_panel_fails_the_build(material):
    plan = versus_only(plan_slides(material))
    slides = list(plan.slides)
    bodies = list(slides[1].bodies)
    bodies[3] = tuple(dataclasses.replace(paragraph, text=f"{paragraph.text} {paragraph.text}")
                      for paragraph in bodies[3])  # the first panel of the slide's first row
    slides[1] = dataclasses.replace(slides[1], bodies=tuple(bodies))
    with pytest.raises(BuildError, match=r"slide 2: the text does not fit its box$"):
        SlidesHandoutBuilder().lay_out(material, dataclasses.replace(plan, slides=tuple(slides)))


def test_type_that_would_print_below_7_point_fails_the_build(material):
    plan = plan_slides(material)
    slides = list(plan.slides)
    slides[1] = dataclasses.replace(slides[1], title_size=12)
    with pytest.raises(BuildError, match="12 pt type would print at 4.3 pt"):
        SlidesHandoutBuilder().lay_out(material, dataclasses.replace(plan, slides=tuple(slides)))


def test_a_handout_of_another_material_prints_every_slide_whole(meeting_room_deck):
    material, folder = meeting_room_deck
    handout = folder / HANDOUT
    slides = plan_slides(material).slides
    pages = page_texts(handout)
    assert len(pages) == math.ceil(len(slides) / 3)
    for number, slide in enumerate(slides):
        assert shown_in_order(pages[number // 3], slide.texts), f"slide {number + 1} is not printed whole"
    sizes = [size for _, size in text_sizes(handout)]
    assert min(sizes) >= 7


def test_a_five_column_table_prints_as_a_table_with_the_slides_columns(meeting_room_deck):
    material, folder = meeting_room_deck
    handout = folder / HANDOUT
    assert structure_roles(handout).count("Table") == 1
    text = pdf_text(handout)
    assert shows(text, "Room Seats Screen Booked through Good for")
    assert shows(text, "Hall 40 Projector and sound system Facilities office Open days and whole-staff meetings")


def test_text_a_line_too_long_for_its_miniature_fails_the_build_rather_than_overlapping(material):
    # The Spanish title slide as an earlier plan had it: it fits the slide in Calibri, but printed in the wider
    # print font its subtitle takes two lines, one line more than the miniature's box holds.
    plan = plan_slides(material)
    lines = [("Lo que no es, por qué es importante y cómo se compara con la recuperación basada en la abstinencia",
              False), ("Creado por", True), ("John Hamilton, Presidente y director ejecutivo", False),
             ("Joanne Montgomery, Directora clínica", False), ("Liberation Programs, Inc. – Bridgeport, CT", False),
             ("Versión 1, noviembre de 2026", False)]
    body = tuple(Paragraph(text, 20, bold) for text, bold in lines)
    box = plan.slides[0].layout.bodies[0]
    assert text_height(runs_of(body), material.brand.fonts.slides, box.text_width_pt) <= box.text_height_pt
    slides = (dataclasses.replace(plan.slides[0], bodies=(body,)), *plan.slides[1:])
    with pytest.raises(BuildError, match=r"slide 1: the text does not fit its box$"):
        SlidesHandoutBuilder().lay_out(material, dataclasses.replace(plan, slides=slides))
