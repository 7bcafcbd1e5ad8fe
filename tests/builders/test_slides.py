"""The training deck: reopened with python-pptx, it shows everything, fits, and is accessible."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess

import pytest
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from generator.builders.slides import SlidesBuilder
from generator.contrast import contrast_ratio
from generator.deck_fit import overflowing_texts
from generator.errors import BuildError

from ..conftest import shows


@pytest.fixture(scope="module")
def deck(outputs):
    """The built deck, reopened."""
    return Presentation(outputs / "slides.pptx")


def slide_texts(slide) -> list[str]:
    """Return every text on a slide, tables included, in shape order."""
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        elif shape.has_table:
            texts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return texts


def deck_text(deck) -> str:
    return " ".join(text for slide in deck.slides for text in slide_texts(slide))


def notes_text(deck) -> str:
    return " ".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)


def test_the_slides_are_16_by_9(deck):
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_every_principle_and_both_its_cells_are_on_a_slide(material, deck):
    text = deck_text(deck)
    columns = material.comparison.columns
    for heading in (columns.principle, columns.abstinence, columns.harm_reduction):
        assert shows(text, heading)
    for row in material.comparison.rows:
        for cell in (row.name, row.abstinence, row.harm_reduction):
            assert shows(text, cell)


def test_every_statement_is_on_a_slide_and_every_body_is_said(material, deck):
    text, notes = deck_text(deck), notes_text(deck)
    for statement in material.is_not.statements + material.benefits.statements:
        assert shows(text, statement.headline)
        assert shows(text, statement.body) or shows(notes, statement.body)
        assert shows(notes, statement.body)
    for sentence in material.comparison.intro:
        assert shows(text, sentence)


def test_the_title_slide_and_the_closing_slide_credit_the_authors(material, deck):
    first, last = deck.slides[0], deck.slides[-1]
    assert first.shapes.title.text_frame.text == material.document.title
    assert material.credits.heading in slide_texts(first)[1].split("\n")
    for author in material.credits.authors:
        assert shows(" ".join(slide_texts(first)), f"{author.name}, {author.role}")
        for detail in (author.name, author.role, author.organisation, author.email):
            assert shows(" ".join(slide_texts(last)), detail)


def test_every_slide_has_a_unique_title_in_its_title_placeholder(deck):
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert all(title.strip() for title in titles)
    assert len(set(titles)) == len(titles)


def test_every_slide_has_speaker_notes_with_timing(deck):
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Timing: about ")
        assert len(notes.split("\n")) > 1


def test_the_notes_add_up_to_the_whole_session(material, deck):
    minutes = material.facilitation.minutes
    last = deck.slides[-1].notes_slide.notes_text_frame.text
    total = int(last.split("(")[1].split(" of ")[1].split()[0])
    assert f"({total} of {total} minutes" in last
    assert total >= minutes.opening + minutes.agenda + minutes.closing


def test_every_text_box_fits_by_measure(material, outputs):
    assert overflowing_texts(outputs / "slides.pptx", material.brand.fonts.slides) == []


def test_body_text_is_at_least_20_point(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size.pt >= 20, run.text


def test_tables_have_a_header_row_repeated_on_every_slide(material, deck):
    tables = [shape.table for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert len(tables) >= 2
    columns = material.comparison.columns
    for table in tables:
        assert table.first_row
        assert [cell.text for cell in table.rows[0].cells] == [columns.principle, columns.abstinence,
                                                               columns.harm_reduction]
    assert sum(len(table.rows) - 1 for table in tables) == len(material.comparison.rows)


def test_there_are_no_pictures_of_text(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.shape_type != 13, "a picture on a slide"  # MSO_SHAPE_TYPE.PICTURE


def test_every_run_names_its_language(material, deck):
    for slide in deck.slides:
        frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
        frames += [cell.text_frame for shape in slide.shapes if shape.has_table
                   for row in shape.table.rows for cell in row.cells]
        frames.append(slide.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    assert run._r.rPr.get("lang") == material.document.language


def background_of(slide) -> str:
    fill = slide.slide_layout._element.cSld.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    if fill is None:
        fill = slide.slide_layout.slide_master._element.cSld.find(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    colour = fill.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr").get("val")
    return f"#{colour}"


def test_every_text_colour_contrasts_with_its_background(deck):
    checked = 0
    for slide in deck.slides:
        background = background_of(slide)
        for shape in slide.shapes:
            pairs = []
            if shape.has_text_frame:
                pairs = [(run, background) for p in shape.text_frame.paragraphs for run in p.runs]
            elif shape.has_table:
                pairs = [(run, f"#{cell.fill.fore_color.rgb}") for row in shape.table.rows for cell in row.cells
                         for p in cell.text_frame.paragraphs for run in p.runs]
            for run, behind in pairs:
                ratio = contrast_ratio(f"#{run.font.color.rgb}", behind)
                assert ratio >= 4.5, f"{run.text!r}: {ratio:.2f}:1"
                checked += 1
    assert checked > 50


def test_the_master_has_our_layouts_and_no_others(deck):
    names = [layout.name for layout in deck.slide_layouts]
    assert names == ["Title", "Section", "Title and Content", "Two Columns", "Comparison Table", "Closing"]
    used = {slide.slide_layout.name for slide in deck.slides}
    assert {"Title", "Section", "Title and Content", "Comparison Table", "Closing"} <= used


def test_the_theme_uses_the_brand_and_the_deck_font(material, outputs):
    import zipfile

    theme = zipfile.ZipFile(outputs / "slides.pptx").read("ppt/theme/theme1.xml").decode()
    assert f'<a:latin typeface="{material.brand.fonts.slides}"/>' in theme
    assert material.brand.palette.primary.lstrip("#") in theme


def test_document_properties(material, deck):
    properties = deck.core_properties
    assert properties.title == material.document.title
    assert properties.author == material.brand.organisation
    assert properties.language == material.document.language
    assert properties.created.date() == material.document.date


def test_a_long_statement_continues_on_another_slide_and_still_fits(material, tmp_path):
    long_body = " ".join([material.benefits.statements[2].body] * 6)
    statement = dataclasses.replace(material.benefits.statements[2], body=long_body)
    statements = material.benefits.statements[:2] + (statement,) + material.benefits.statements[3:]
    long = dataclasses.replace(material, benefits=dataclasses.replace(material.benefits, statements=statements))
    SlidesBuilder().build(long, tmp_path / "slides.pptx")
    titles = [s.shapes.title.text_frame.text for s in Presentation(tmp_path / "slides.pptx").slides]
    assert "It Keeps the Door Open" in titles
    assert "It Keeps the Door Open (continued)" in titles
    assert overflowing_texts(tmp_path / "slides.pptx", material.brand.fonts.slides) == []
    continued = [" ".join(slide_texts(slide)[1:]) for slide in Presentation(tmp_path / "slides.pptx").slides
                 if slide.shapes.title.text_frame.text.startswith("It Keeps the Door Open")]
    assert shows(" ".join(continued), long_body)


def test_a_title_too_long_for_any_slide_names_its_line(material, tmp_path):
    statement = dataclasses.replace(material.is_not.statements[1], headline="It is NOT " + "very " * 60 + "long.")
    statements = (material.is_not.statements[0], statement) + material.is_not.statements[2:]
    long = dataclasses.replace(material, is_not=dataclasses.replace(material.is_not, statements=statements))
    with pytest.raises(BuildError) as caught:
        SlidesBuilder().build(long, tmp_path / "slides.pptx")
    line = material.line_of("is_not.statements[1].headline")
    assert str(caught.value).startswith(
        f"{material.source}:{line}: is_not.statements[1].headline: 'It is NOT very very")
    assert str(caught.value).endswith("is too long for a slide title even at 28 pt; shorten it")
    assert not (tmp_path / "slides.pptx").exists()


def test_the_overflow_check_catches_text_too_big_for_its_box(tmp_path):
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Emu(914400), Emu(914400), Emu(914400 * 3), Emu(914400))
    box.text_frame.text = "This sentence is much too long to fit in a one-inch-high box at forty points."
    box.text_frame.paragraphs[0].runs[0].font.size = Emu(40 * 12700)
    deck.save(tmp_path / "crowded.pptx")
    problems = overflowing_texts(tmp_path / "crowded.pptx", "Calibri")
    assert len(problems) == 1 and problems[0].startswith("slide 1, 'TextBox 1' needs ")


@pytest.mark.skipif(shutil.which("soffice") is None and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (CI installs it)")
def test_libreoffice_opens_the_deck_with_one_page_per_slide(deck, outputs, tmp_path):
    finished = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(outputs / "slides.pptx")],
        capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    pages = PdfReader(tmp_path / "slides.pdf").pages
    assert len(pages) == len(deck.slides)
    assert shows(pages[0].extract_text(), deck.slides[0].shapes.title.text_frame.text)
