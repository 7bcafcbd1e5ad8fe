"""The brand on every output: the logo with its alt text, the website and phone, and the call to action."""

from __future__ import annotations

import dataclasses
import io
import random
import shutil
from pathlib import Path

import page as page_validation
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from generator.content import load_content
from generator.errors import ContentError
from generator.logo import SLIDE_PICTURE_HEIGHT_PX, read_logo, slide_picture
from generator.pipeline import Request, run

from .conftest import BRAND, CONTENT, ROOT, made_once, page_texts, pdf_text, shows

LOGO = ROOT / "tests" / "data" / "logo.svg"
ALT = "Liberation Programs logo"
PDFS = ("flyer.pdf", "handout.pdf", "slides-handout.pdf", "facilitator-guide.pdf")


def branded(folder: Path, logo: Path = LOGO, phone: str = "") -> Path:
    """Return a copy of the shipped brand in `folder` that names `logo` (copied beside it) and `phone`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(logo, folder / logo.name)
    text = BRAND.read_text(encoding="utf-8") + f"\nlogo:\n  file: {logo.name}\n  alt: {ALT}\n"
    if phone:
        text += f"phone: {phone}\n"
    (folder / "brand.yaml").write_text(text, encoding="utf-8")
    return folder / "brand.yaml"


@pytest.fixture(scope="module")
def with_logo(tmp_path_factory) -> Path:
    """The shipped English content's outputs, built in a brand with a logo."""
    def make(folder: Path) -> None:
        run(Request([CONTENT], branded(folder / "brand"), folder / "output", languages=["en"], workers=2))

    return made_once(tmp_path_factory, "with-logo", make) / "output" / CONTENT.stem


def figures(path: Path) -> list[tuple[int, str]]:
    """Return the (page number, alt text) of each Figure in the PDF's structure tree, in reading order."""
    reader = PdfReader(path)
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)}
    found = []

    def walk(element, page=None):
        element = element.get_object()
        if isinstance(element, list):
            for kid in element:
                walk(kid, page)
            return
        if not hasattr(element, "get"):
            return
        page = pages.get(getattr(element.get("/Pg"), "idnum", None), page)
        if element.get("/S") == "/Figure":
            found.append((page, str(element.get("/Alt", ""))))
        if element.get("/K") is not None:
            walk(element["/K"], page)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("name", PDFS)
def test_every_pdf_shows_the_logo_on_its_first_page_with_its_alt_text(with_logo, name):
    assert (1, ALT) in figures(with_logo / name)


@pytest.mark.parametrize("name", ["flyer.pdf", "handout.pdf"])
def test_a_pdf_with_the_logo_still_passes_pdf_ua_1(with_logo, name):
    report = page_validation.validate_pdf(with_logo / name, profile=page_validation.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, [str(failure) for failure in report.failures]


def test_the_deck_shows_the_logo_on_the_title_and_closing_slides_only_with_its_alt_text(with_logo):
    slides = list(Presentation(with_logo / "slides.pptx").slides)
    pictures = [(number, shape) for number, slide in enumerate(slides, start=1) for shape in slide.shapes
                if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert [number for number, _ in pictures] == [1, len(slides)]
    for _, picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr") == ALT
        shown = Image.open(io.BytesIO(picture.image.blob))
        # As wide for its height as the drawing (360 × 120), and as wide on the slide as in the picture.
        assert shown.size == (3 * SLIDE_PICTURE_HEIGHT_PX, SLIDE_PICTURE_HEIGHT_PX)
        assert picture.width / picture.height == pytest.approx(3, rel=0.01)
    plates = [shape for slide in slides for shape in slide.shapes if shape.name == "Logo plate"]
    assert len(plates) == 2
    assert all(b'<adec:decorative' in plate._element.xml.encode() for plate in plates)


def test_every_page_of_the_multi_page_pdfs_names_the_website_in_its_footer(with_logo):
    for name in PDFS[1:]:
        assert all("liberationprograms.org" in page for page in page_texts(with_logo / name)), name


def test_a_png_logo_goes_into_the_deck_as_it_is(tmp_path):
    Image.new("RGB", (400, 100), "#1D4E5C").save(tmp_path / "logo.png")
    picture = read_logo(tmp_path / "logo.png", tmp_path)
    assert picture.aspect == 4 and slide_picture(picture) == (tmp_path / "logo.png").read_bytes()


def cut_off_png(path: Path) -> None:
    """Write a PNG cut off half-way, once the PDF renderer has told Pillow to read such files anyway, as it does
    in a build (weasyprint.images sets ImageFile.LOAD_TRUNCATED_IMAGES)."""
    import weasyprint.images  # noqa: F401

    Image.frombytes("L", (64, 64), random.Random(0).randbytes(64 * 64)).save(path)  # noise: it does not compress
    path.write_bytes(path.read_bytes()[:200])


def scrambled_png(path: Path) -> None:
    """Write a PNG whole in length whose pixel data is scrambled."""
    Image.frombytes("L", (64, 64), random.Random(0).randbytes(64 * 64)).save(path)  # noise: it does not compress
    data = bytearray(path.read_bytes())
    start = data.index(b"IDAT") + 8
    data[start:start + 40] = bytes(40)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("name", "write", "said"), [
    ("logo.gif", lambda path: path.write_bytes(b"GIF89a"), "'logo.gif' is not an SVG or PNG file"),
    ("logo.svg", lambda path: path.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>"),
     "logo.svg gives no size: add a viewBox"),
    ("logo.svg", lambda path: path.write_text('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg viewBox="0 0 1 1">&a;</svg>'),
     "logo.svg declares a DOCTYPE or entities"),
    ("logo.svg", lambda path: path.write_text("<svg viewBox='0 0 4 1'><rect></svg>"), "logo.svg is not a well-formed"),
    ("logo.svg", lambda path: path.write_text("<html viewBox='0 0 4 1'/>"), "logo.svg is not an SVG drawing"),
    ("logo.png", lambda path: path.write_bytes(b"not a picture at all, just words"), "logo.png is not a PNG picture"),
    ("logo.png", cut_off_png, "logo.png is damaged and cannot be read ("),
    ("logo.png", scrambled_png, "logo.png is damaged and cannot be read ("),
])
def test_a_logo_that_cannot_be_shown_is_refused_with_the_line_of_the_brand_file(tmp_path, name, write, said):
    (tmp_path / "source").mkdir()
    write(tmp_path / "source" / name)
    brand = branded(tmp_path / "brand", tmp_path / "source" / name)
    with pytest.raises(ContentError) as caught:
        load_content(CONTENT, brand)
    line = brand.read_text().splitlines().index(f"  file: {name}") + 1
    assert [(problem.file, problem.line, problem.field) for problem in caught.value.problems] == [
        (str(brand), line, "logo.file")]
    assert said in caught.value.problems[0].message


def test_a_logo_outside_the_brand_folder_or_missing_is_refused(tmp_path):
    brand = branded(tmp_path / "brand")
    text = brand.read_text()
    for file, said in (("../../etc/passwd", "the logo must be in"), ("gone.svg", "there is no file")):
        brand.write_text(text.replace("file: logo.svg", f"file: {file}"))
        with pytest.raises(ContentError) as caught:
            load_content(CONTENT, brand)
        assert said in caught.value.problems[0].message


def test_a_changed_logo_rebuilds_the_outputs_that_show_it(tmp_path):
    brand = branded(tmp_path / "brand")
    request = Request([CONTENT], brand, tmp_path / "output", only=["flyer"], languages=["en"])
    assert run(request).written
    assert not run(request).written
    logo = brand.parent / "logo.svg"
    logo.write_text(logo.read_text().replace("#8C3B1C", "#1B2631"))
    assert [Path(path).name for path in run(request).written] == ["flyer.pdf"]


def test_the_flyer_shows_the_call_to_action_with_the_website_as_a_link(material, outputs):
    line = material.call_to_action_line
    assert line.endswith("liberationprograms.org.") and "{" not in line
    assert shows(pdf_text(outputs / "flyer.pdf"), line)


def test_the_phone_is_filled_in_where_the_call_to_action_names_it(tmp_path):
    brand = branded(tmp_path / "brand", phone="(203) 555-0100")
    content = tmp_path / "harm-reduction.yaml"
    content.write_text(CONTENT.read_text().replace("Visit {website}.", "Call {phone} or visit {website}."))
    material = load_content(content, brand)
    assert material.call_to_action_line == ("Questions about harm reduction? Call (203) 555-0100 or visit "
                                            "liberationprograms.org.")
    assert [text for text, filled in material.call_to_action_parts if filled] == ["(203) 555-0100",
                                                                                  "liberationprograms.org"]


@pytest.mark.parametrize(("sentence", "said"), [
    ("Call {phone}.", "names {phone}, but"),
    ("Visit {site}.", "names {site}, which is not filled in; use {phone} or {website}"),
    ("Visit {website.", "has a { or } that opens or closes nothing"),
])
def test_a_call_to_action_the_brand_cannot_fill_in_names_its_line(tmp_path, sentence, said):
    content = tmp_path / "harm-reduction.yaml"
    content.write_text(CONTENT.read_text().replace("Questions about harm reduction? Visit {website}.", sentence))
    with pytest.raises(ContentError) as caught:
        load_content(content, BRAND)
    line = content.read_text().splitlines().index(f"call_to_action: {sentence}") + 1
    assert [(problem.line, problem.field) for problem in caught.value.problems] == [(line, "call_to_action")]
    assert said in caught.value.problems[0].message


def test_a_call_to_action_too_long_for_the_closing_slide_names_its_line(material):
    from generator.errors import BuildError
    from generator.slideplan import plan_slides

    wordy = dataclasses.replace(material, call_to_action="Questions? " + "Please do visit {website} soon. " * 6)
    with pytest.raises(BuildError) as caught:
        plan_slides(wordy)
    assert "call_to_action: the call to action and the closing slide's line" in str(caught.value)


def test_a_logo_replaced_while_the_generator_runs_is_read_again(tmp_path):
    """`watch` and `serve` keep one process running: a logo read before it was replaced must not be shown after."""
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO.read_text())
    first = read_logo(logo, tmp_path)
    logo.write_text(LOGO.read_text().replace('viewBox="0 0 360 120"', 'viewBox="0 0 240 120"'))
    assert read_logo(logo, tmp_path).aspect == 2 and first.aspect == 3
