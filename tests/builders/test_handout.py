"""The handout: the complete material on two accessible US-Letter pages."""

from __future__ import annotations

import dataclasses

from pypdf import PdfReader

from generator.builders.handout import HandoutBuilder

from ..conftest import page_texts, pdf_text, shows
from ..pdfs import fonts, link_targets, smallest_size_of, structure_roles


def test_every_statement_is_there_in_full(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    for group in (material.is_not, material.benefits):
        assert shows(text, group.heading)
        for statement in group.statements:
            assert shows(text, statement.headline)
            assert shows(text, statement.body)


def test_the_comparison_is_there_in_full(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    comparison = material.comparison
    assert shows(text, comparison.heading)
    for sentence in comparison.intro:
        assert shows(text, sentence)
    header = f"{comparison.columns.principle} {comparison.columns.abstinence} {comparison.columns.harm_reduction}"
    assert shows(text, header)
    for row in comparison.rows:
        # A row reads across: the principle, then each approach's view of it.
        assert shows(text, f"{row.name} {row.abstinence} {row.harm_reduction}")


def test_the_comparison_table_is_on_one_page(material, outputs):
    pages = page_texts(outputs / "handout.pdf")
    holding = [number for number, text in enumerate(pages)
               if any(shows(text, row.harm_reduction) for row in material.comparison.rows)]
    assert len(holding) == 1
    page = pages[holding[0]]
    assert shows(page, material.comparison.columns.abstinence)
    assert all(shows(page, row.name) and shows(page, row.harm_reduction) for row in material.comparison.rows)


def test_the_credits_are_there_with_clickable_addresses(material, outputs):
    text = pdf_text(outputs / "handout.pdf")
    assert shows(text, material.credits.heading)
    for author in material.credits.authors:
        for detail in (author.name, author.role, author.organisation, author.email):
            assert shows(text, detail)
    assert link_targets(outputs / "handout.pdf") == [f"mailto:{a.email}" for a in material.credits.authors]


def test_two_us_letter_pages(outputs):
    pages = PdfReader(outputs / "handout.pdf").pages
    assert len(pages) == 2
    assert all((page.mediabox.width, page.mediabox.height) == (612, 792) for page in pages)


def test_document_metadata_names_the_material(material, outputs):
    reader = PdfReader(outputs / "handout.pdf")
    assert reader.metadata.title == material.document.title
    assert reader.metadata.author == material.brand.organisation
    assert reader.metadata.subject == material.document.subject
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == material.document.language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


def test_tagged_for_screen_readers(outputs):
    reader = PdfReader(outputs / "handout.pdf")
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert b'pdfuaid:part="1"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    roles = structure_roles(outputs / "handout.pdf")
    for role in ("H1", "H2", "H3", "P", "L", "LI", "Table", "THead", "TH", "TR", "TD", "Link"):
        assert role in roles, f"no {role} in the structure tree"
    # The one table keeps its header row and ten principle rows (plus one header cell per row).
    assert roles.count("Table") == 1
    assert roles.count("TH") == 3 + 10


def test_the_text_is_set_in_embedded_atkinson_hyperlegible(outputs):
    used = fonts(outputs / "handout.pdf")
    assert used and all(embedded for embedded in used.values())
    assert all("Atkinson-Hyperlegible" in name for name in used)


def test_body_text_is_at_least_10_point(material, outputs):
    handout = outputs / "handout.pdf"
    for statement in material.is_not.statements + material.benefits.statements:
        assert smallest_size_of(handout, statement.body) >= 10
    for row in material.comparison.rows:
        assert smallest_size_of(handout, row.abstinence) >= 10
        assert smallest_size_of(handout, row.harm_reduction) >= 10


def test_every_page_says_which_version_it_is(material, outputs):
    footer = f"Version {material.document.version}, {material.document.date:%B %Y}"
    assert all(shows(page, footer) for page in page_texts(outputs / "handout.pdf"))


def test_markup_in_the_content_is_printed_literally(material, tmp_path):
    statement = dataclasses.replace(material.is_not.statements[0], headline="It is <b>NOT</b> Q&A <script>x()</script>")
    marked = dataclasses.replace(
        material, is_not=dataclasses.replace(material.is_not, statements=(statement,) + material.is_not.statements[1:])
    )
    HandoutBuilder().build(marked, tmp_path / "handout.pdf")
    assert shows(pdf_text(tmp_path / "handout.pdf"), "It is <b>NOT</b> Q&A <script>x()</script>")
