"""Document control: every output names its version, and a draft is marked DRAFT everywhere."""

from __future__ import annotations

import dataclasses

import pytest
from pptx import Presentation

from generator.build import build
from generator.deck_fit import overflowing_texts

from .conftest import made_once, page_texts, shows

PDFS = ("flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf")


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


@pytest.fixture(scope="module")
def draft_outputs(material, tmp_path_factory):
    """The PDFs and the deck of the shipped content marked as a draft (the print-shop flyer among them, its colours
    converted for the press); the poster is the flyer's layout again."""
    draft = dataclasses.replace(material, document=dataclasses.replace(material.document, status="draft"))
    names = ["flyer", "handout", "slides", "slides-handout", "facilitator-guide", "flyer-print-shop"]
    return made_once(tmp_path_factory, "draft", lambda folder: build(draft, folder, names))


def test_every_pdf_page_names_the_version(material, outputs):
    line = material.version_line
    assert line == "Version 1, November 2026"
    for name in PDFS:
        pages = page_texts(outputs / name)
        # The flyer is one page; the others carry the version in every page's footer.
        assert all(shows(page, line) for page in pages), name


def test_the_title_and_closing_slides_name_the_version(material, outputs):
    slides = Presentation(outputs / "slides.pptx").slides
    assert material.version_line in slide_text(slides[0])
    assert material.version_line in slide_text(slides[-1])


def test_approved_outputs_carry_no_draft_mark(outputs):
    for name in PDFS:
        assert not any("DRAFT" in page for page in page_texts(outputs / name)), name
    assert not any("DRAFT" in slide_text(s) for s in Presentation(outputs / "slides.pptx").slides)


def test_a_draft_is_marked_on_every_page(material, draft_outputs):
    assert material.labels.draft_mark == "DRAFT – not approved for use"
    for name in (*PDFS, "flyer-print-shop.pdf"):
        pages = page_texts(draft_outputs / name)
        assert pages and all(shows(page, material.labels.draft_mark) for page in pages), name


def test_a_draft_is_marked_on_every_slide_and_still_fits(material, draft_outputs):
    deck = draft_outputs / "slides.pptx"
    slides = Presentation(deck).slides
    assert all(material.labels.draft_mark in slide_text(slide) for slide in slides)
    assert all(slide.shapes[-1].name == "Draft mark" for slide in slides)  # last in reading order
    assert overflowing_texts(deck, material.brand.fonts.slides) == []
