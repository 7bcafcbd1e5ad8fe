"""The clinic flyer: one US-Letter page, large type, every headline, principle and author."""

from __future__ import annotations

import dataclasses

import pytest
from pypdf import PdfReader

from generator.builders.flyer import FlyerBuilder
from generator.errors import BuildError

from ..conftest import pdf_text, shows
from ..pdfs import fonts, text_sizes


def test_every_headline_principle_and_author_is_there(material, outputs):
    text = pdf_text(outputs / "flyer.pdf")
    assert shows(text, material.document.title)
    for group in (material.is_not, material.benefits):
        assert shows(text, group.heading)
        for statement in group.statements:
            assert shows(text, statement.headline)
    for row in material.comparison.rows:
        assert shows(text, row.name)
    for author in material.credits.authors:
        for detail in (author.name, author.role, author.organisation, author.email):
            assert shows(text, detail)


def test_exactly_one_us_letter_page(outputs):
    pages = PdfReader(outputs / "flyer.pdf").pages
    assert len(pages) == 1
    assert (pages[0].mediabox.width, pages[0].mediabox.height) == (612, 792)


def test_no_text_is_smaller_than_14_point(outputs):
    sizes = text_sizes(outputs / "flyer.pdf")
    too_small = [(text, size) for text, size in sizes if size < 14]
    assert sizes and not too_small


def test_headlines_are_larger_than_the_minimum_when_there_is_room(material, outputs):
    sizes = dict(text_sizes(outputs / "flyer.pdf"))
    assert sizes[material.is_not.statements[1].headline] > 14


def test_metadata_and_fonts(material, outputs):
    reader = PdfReader(outputs / "flyer.pdf")
    assert reader.metadata.title == material.document.title
    assert reader.trailer["/Root"]["/Lang"] == material.document.language
    assert all(embedded for embedded in fonts(outputs / "flyer.pdf").values())


def test_content_too_long_for_one_page_fails_and_says_what_to_shorten(material, tmp_path):
    long_rows = tuple(
        dataclasses.replace(row, name=f"{row.name} " + "and a much longer explanation of it " * 3)
        for row in material.comparison.rows
    )
    crowded = dataclasses.replace(material, comparison=dataclasses.replace(material.comparison, rows=long_rows * 2))
    with pytest.raises(BuildError) as caught:
        FlyerBuilder().build(crowded, tmp_path / "flyer.pdf")
    assert str(caught.value) == (
        "flyer.pdf: the flyer does not fit on one page even with 14 pt text; "
        f"shorten the headlines, principle names or comparison intro in {material.source}"
    )
    assert not (tmp_path / "flyer.pdf").exists()


@pytest.mark.parametrize("rows", [1, 10, 14], ids=["one principle", "as written", "fourteen principles"])
def test_the_type_is_the_largest_that_fits_on_one_page(material, rows):
    """The search starts from a guess; whatever the guess, half a point more must not fit."""
    principles = (material.comparison.rows * 2)[:rows]
    variant = dataclasses.replace(material, comparison=dataclasses.replace(material.comparison, rows=principles))
    builder = FlyerBuilder()
    document, size = builder.fit_to_one_page(variant)
    assert len(document.pages) == 1
    assert size == 24 or len(builder.render(variant, body_size=size + 0.5).pages) == 2
    assert len(builder.render(variant, body_size=size).pages) == 1
