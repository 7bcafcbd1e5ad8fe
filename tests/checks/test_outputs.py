"""The audit of the built outputs: the shipped outputs pass, and each broken output is caught by its rule."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from generator.builders import BUILDERS
from generator.checks.findings import WARNING
from generator.checks.outputs import audit_file


def audit(folder, material):
    """Return the findings of the audit of every output in `folder`, output by output, as a build audits them."""
    return [finding for builder in BUILDERS.values() if (folder / builder.filename).is_file()
            for finding in audit_file(folder / builder.filename, material)]


def only_finding(folder, material):
    """Return the one finding of the audit of `folder`, failing if there is not exactly one."""
    findings = audit(folder, material)
    assert len(findings) == 1, [str(finding) for finding in findings]
    return findings[0]


def edited_pdf(outputs, tmp_path, edit, name="handout.pdf"):
    """Write a copy of the built PDF `name` into `tmp_path`, changed by `edit(writer)`."""
    writer = PdfWriter(clone_from=outputs / name)
    edit(writer)
    writer.write(tmp_path / name)


def weasyprint_pdf(tmp_path, material, body):
    """Render `body` as a tagged PDF/UA-1 handout.pdf in `tmp_path`, with the right language and title."""
    import weasyprint

    html = (f'<html lang="{material.document.language}"><head><title>{material.document.title}</title></head>'
            f"<body>{body}</body></html>")
    weasyprint.HTML(string=html, base_url=str(tmp_path) + "/").write_pdf(tmp_path / "handout.pdf",
                                                                       pdf_variant="pdf/ua-1")


@pytest.fixture
def deck(outputs):
    """The built deck, opened for editing; `save` writes the edited copy into tmp_path."""
    return Presentation(outputs / "slides.pptx")


def save(deck, tmp_path):
    """Write the edited deck as the only output in `tmp_path`."""
    deck.save(tmp_path / "slides.pptx")


def test_the_shipped_outputs_have_no_findings(outputs, material):
    assert sorted(path.name for path in outputs.iterdir()) == sorted(
        ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf", "index.html"])
    assert audit(outputs, material) == []


def test_only_the_outputs_present_are_audited(outputs, material, tmp_path):
    shutil.copy(outputs / "flyer.pdf", tmp_path / "flyer.pdf")
    (tmp_path / "notes.pdf").write_bytes(b"not an output, never opened")
    assert audit(tmp_path, material) == []


# PDFs


def test_an_untagged_pdf(outputs, material, tmp_path):
    def untag(writer):
        del writer.root_object["/MarkInfo"]
        del writer.root_object["/StructTreeRoot"]

    edited_pdf(outputs, tmp_path, untag)
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-tagged: The PDF is not tagged, so screen readers cannot tell its headings, lists and "
        "tables from plain text. -> render it as a tagged PDF (WeasyPrint's pdf_variant 'pdf/ua-1', as the PDF "
        "builders do)")


def test_a_pdf_without_its_language(outputs, material, tmp_path):
    edited_pdf(outputs, tmp_path, lambda writer: writer.root_object.pop("/Lang"))
    finding = only_finding(tmp_path, material)
    assert (finding.file, finding.line, finding.field) == ("handout.pdf", None, "")
    assert str(finding) == (
        "handout.pdf: pdf-language: The PDF does not say which language it is in, so screen readers may pronounce "
        "it wrongly. -> set lang=\"en-US\" on the template's <html> element, as document.language says")


def test_a_pdf_in_another_language(outputs, material, tmp_path):
    def german(writer):
        writer.root_object[NameObject("/Lang")] = TextStringObject("de")

    edited_pdf(outputs, tmp_path, german)
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-language: The PDF says it is in 'de' but the content is in 'en-US'. -> "
        "set lang=\"en-US\" on the template's <html> element, as document.language says")


def test_a_pdf_with_the_wrong_title(outputs, material, tmp_path):
    edited_pdf(outputs, tmp_path, lambda writer: writer.add_metadata({"/Title": "handout"}), name="flyer.pdf")
    assert str(only_finding(tmp_path, material)) == (
        "flyer.pdf: pdf-title: The PDF's title is 'handout' but the document is called 'Understanding Harm "
        "Reduction'. -> give the template the <title> 'Understanding Harm Reduction' (document.title) and render "
        "it as PDF/UA-1")


def test_a_pdf_that_shows_its_file_name_instead_of_its_title(outputs, material, tmp_path):
    def show_file_name(writer):
        writer.root_object["/ViewerPreferences"][NameObject("/DisplayDocTitle")] = BooleanObject(False)

    edited_pdf(outputs, tmp_path, show_file_name)
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-title: The PDF does not ask viewers to show its title, so the window shows the file name "
        "instead. -> set /DisplayDocTitle true in the catalog's /ViewerPreferences, as PDF/UA-1 rendering does")


def test_a_pdf_with_a_font_not_embedded(outputs, material, tmp_path):
    def add_helvetica(writer):
        helvetica = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                      NameObject("/Subtype"): NameObject("/Type1"),
                                      NameObject("/BaseFont"): NameObject("/Helvetica")})
        fonts = writer.pages[0]["/Resources"].get_object()["/Font"].get_object()
        fonts[NameObject("/FHelv")] = writer._add_object(helvetica)

    edited_pdf(outputs, tmp_path, add_helvetica)
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-fonts: page 1: The font 'Helvetica' is not embedded, so the text may show in another "
        "font or not at all. -> use only the project's installed fonts through @font-face, so the renderer "
        "embeds them")


def test_a_figure_without_alternative_text(material, tmp_path, caplog):
    Image.new("RGB", (2, 2), "white").save(tmp_path / "dot.png")
    weasyprint_pdf(tmp_path, material, '<p>A dot:</p><img src="dot.png">')
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-alt-text: page 1: A figure has no alternative text, so screen readers skip it or read "
        "out its file name. -> give the image an alt attribute that says what it shows")
    caplog.clear()  # WeasyPrint rightly complained about the missing alt


def test_a_figure_with_alternative_text_passes(material, tmp_path):
    Image.new("RGB", (2, 2), "white").save(tmp_path / "dot.png")
    weasyprint_pdf(tmp_path, material, '<p>A dot:</p><img src="dot.png" alt="A white dot.">')
    assert audit(tmp_path, material) == []


def test_a_table_without_header_cells(material, tmp_path):
    weasyprint_pdf(tmp_path, material, "<table><tr><td>Safety</td><td>Access</td></tr></table>")
    assert str(only_finding(tmp_path, material)) == (
        "handout.pdf: pdf-table-headers: page 1: A table has no header cells, so screen readers cannot say which "
        "column a cell is in. -> mark the table's column headings (and row headings) as <th> in the template")


# The deck


def test_a_slide_with_an_empty_title(deck, material, tmp_path):
    deck.slides[4].shapes.title.text_frame.clear()
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        "slides.pptx: slide-title: slide 5: The slide's title is empty. Screen readers and the slide list use the "
        "title to say which slide this is. -> give the slide a title in its title placeholder (a layout with a "
        "title, if it has none)")


def test_a_slide_without_a_title_placeholder(deck, material, tmp_path):
    title = deck.slides[4].shapes.title._element
    title.getparent().remove(title)
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)).startswith(
        "slides.pptx: slide-title: slide 5: The slide has no title placeholder. Screen readers")


def test_two_slides_with_the_same_title(deck, material, tmp_path):
    first = deck.slides[1].shapes.title.text_frame.text
    deck.slides[2].shapes.title.text_frame.paragraphs[0].runs[0].text = first
    first = " ".join(first.split())  # as a reader hears it: a no-break space is a space
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        f"slides.pptx: unique-title: slide 3: The title '{first}' is also the title of slide 2, so people cannot "
        "tell the two slides apart by title. -> change one of the titles, e.g. add '(continued)' or what sets "
        "this slide apart")


def test_a_picture_described_by_its_file_name(deck, material, tmp_path):
    Image.new("RGB", (2, 2), "white").save(tmp_path / "logo.png")
    deck.slides[1].shapes.add_picture(str(tmp_path / "logo.png"), 0, 0)
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        "slides.pptx: alt-text: slide 2: The picture 'Picture 3' has the alt text 'logo.png', a file or default "
        "name, not a description. -> replace the alt text with a sentence saying what it shows, or mark it as "
        "decorative")


def test_a_picture_described_by_its_default_name(deck, material, tmp_path):
    Image.new("RGB", (2, 2), "white").save(tmp_path / "logo.png")
    picture = deck.slides[1].shapes.add_picture(str(tmp_path / "logo.png"), 0, 0)
    picture._element.nvPicPr.cNvPr.set("descr", "image1")
    save(deck, tmp_path)
    assert "has the alt text 'image1', a file or default name" in str(only_finding(tmp_path, material))


def test_a_picture_without_alt_text_unless_decorative(deck, material, tmp_path):
    from pptx.oxml import parse_xml

    Image.new("RGB", (2, 2), "white").save(tmp_path / "logo.png")
    picture = deck.slides[1].shapes.add_picture(str(tmp_path / "logo.png"), 0, 0)
    properties = picture._element.nvPicPr.cNvPr
    properties.set("descr", "")
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        "slides.pptx: alt-text: slide 2: The picture 'Picture 3' has no alt text, so screen reader users miss what "
        "it shows. -> describe it in its alt text (right-click > View Alt Text), or mark it as decorative")
    properties.append(parse_xml(
        '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
        'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'))
    save(deck, tmp_path)
    assert audit(tmp_path, material) == []


def test_a_table_without_a_header_row(table_deck, material, tmp_path):
    deck = Presentation(table_deck)  # the shipped comparison as native tables
    number, table = next((number, shape.table) for number, slide in enumerate(deck.slides, start=1)
                         for shape in slide.shapes if shape.has_table)
    table.first_row = False
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        f"slides.pptx: table-header: slide {number}: The table 'Table' has no header row, so screen "
        "readers cannot name a cell's column. -> put the column headings in the first row and tick Table Design "
        "> Header Row")


def test_a_title_read_after_the_slide_body(deck, material, tmp_path):
    slide = deck.slides[3]
    title = slide.shapes.title._element
    title.getparent().append(title)  # the last shape in the tree is the last one read
    save(deck, tmp_path)
    assert str(only_finding(tmp_path, material)) == (
        "slides.pptx: reading-order: slide 4: A screen reader reads 'Content Placeholder 2' before the slide's "
        "title. -> move the title to the top of the slide's Reading Order pane (Home > Arrange > Reading Order)")


def test_text_without_a_language_is_a_warning(deck, material, tmp_path):
    run = deck.slides[3].shapes.title.text_frame.paragraphs[0].runs[0]
    del run._r.rPr.attrib["lang"]
    save(deck, tmp_path)
    finding = only_finding(tmp_path, material)
    assert finding.severity == WARNING
    assert str(finding) == (
        f"slides.pptx: deck-language: slide 4: Some text does not say which language it is in (1 run, the first "
        f"'{run.text.strip()}'), so screen readers may pronounce it wrongly. -> set the language of the text to en-US "
        "(Review > Language)")
