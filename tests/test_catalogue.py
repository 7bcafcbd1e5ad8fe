"""The catalogue, output/index.html: every material in the folder, what it is, and every file of it, as staff
look for them."""

from __future__ import annotations

import base64
import datetime
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from generator.catalogue import catalogue_html
from generator.content import load_content, read_brand
from generator.web import read_page

from .conftest import BRAND, CONTENT

SPANISH = CONTENT.with_suffix(".es.yaml")


@pytest.fixture(scope="module")
def output(built_project) -> Path:
    """An output folder as `build --sites` leaves it: English and Spanish, with the sites' flyers (see
    conftest.built_project)."""
    return built_project[0] / "output"


class Parts(HTMLParser):
    """The links (href, text, hreflang), pictures (src, alt) and texts of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.pictures, self.open = [], [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            self.open = [attributes.get("href"), "", attributes.get("hreflang")]
        if tag == "img":
            self.pictures.append((attributes.get("src"), attributes.get("alt")))

    def handle_data(self, data):
        if self.open is not None:
            self.open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self.open is not None:
            self.links.append(tuple(self.open))
            self.open = None


def parts(path: Path) -> Parts:
    reader = Parts()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def manifest(output: Path) -> list[dict]:
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["outputs"]


def facts(path: Path) -> str:
    """Return what a reader should be told of the file at `path`, worked out here from the file itself."""
    from pptx import Presentation
    from pypdf import PdfReader

    size = f"{round(path.stat().st_size / 1000)} KB"
    if path.suffix == ".html":
        return f"HTML, {size}"
    if path.suffix == ".pptx":
        return f"PowerPoint, {len(Presentation(path).slides)} slides, {size}"
    pages = len(PdfReader(path).pages)
    return f"PDF, {pages} page{'s' if pages != 1 else ''}, {size}"


def test_the_catalogue_says_what_each_edition_is_its_version_status_and_when_it_was_built(output):
    text = read_page((output / "index.html").read_text(encoding="utf-8")).text
    english, spanish = load_content(CONTENT, BRAND), load_content(SPANISH, BRAND)
    assert english.document.status == "approved" and spanish.document.draft
    assert f"{english.document.title} {english.document.subject}" in text
    assert f"English Approved for use · Version 1 · Built {built(output, 'en')}" in text
    # A draft is marked in words, not only in colour.
    assert (f"Español: {spanish.document.title} DRAFT – not approved for use · Version 1 · "
            f"Built {built(output, 'es')}") in text


def built(output: Path, language: str) -> str:
    """Return when the last output of an edition was built, as the manifest records it, in words."""
    moment = max(entry["built"] for entry in manifest(output) if ("/es/" in entry["name"]) == (language == "es"))
    when = datetime.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return f"{when.day} {when:%B %Y, %H:%M} UTC"


def test_every_output_in_the_manifest_has_a_link_that_gives_its_kind_length_and_size(output):
    page = parts(output / "index.html")
    text = " ".join(read_page((output / "index.html").read_text(encoding="utf-8")).text.split())
    files = [(href, name, language) for href, name, language in page.links if not href.startswith(("https:", "#"))]
    assert sorted(href for href, _, _ in files) == sorted(entry["name"] for entry in manifest(output))
    for href, name, language in files:
        assert f"{name} ({facts(output / href)})" in text, href
        assert language == ("es-US" if "/es/" in href else "en-US")
    site_flyers = [name for href, name, _ in files if "/sites/" in href and "/es/" not in href]
    assert site_flyers == ["Harbor Street Wellness Center", "Maple Avenue Outreach Office", "Riverside Mobile Unit"]


def test_the_miniatures_are_of_the_flyer_and_of_the_first_slide(output):
    (flyer, flyer_alt), (slide, slide_alt) = parts(output / "index.html").pictures
    assert (flyer_alt, slide_alt) == ("The flyer, in miniature", "The first slide of the training deck, in miniature")
    pictures = [Image.open(io.BytesIO(base64.b64decode(source.split(",", 1)[1]))).convert("RGB")
                for source in (flyer, slide)]
    (width, height), (slide_width, slide_height) = (picture.size for picture in pictures)
    assert abs(width / height - 8.5 / 11) < 0.01 and abs(slide_width / slide_height - 16 / 9) < 0.02
    primary = read_brand(BRAND).palette.primary
    ground = tuple(int(primary[index:index + 2], 16) for index in (1, 3, 5))
    # The title slide is the brand's dark colour to its edges: the miniature is cut at the slide's own edges.
    for corner in ((1, 1), (slide_width - 2, 1), (1, slide_height - 2), (slide_width - 2, slide_height - 2)):
        assert all(abs(a - b) < 12 for a, b in zip(pictures[1].getpixel(corner), ground)), corner
    assert pictures[0].getpixel((1, 1)) == (255, 255, 255)  # the flyer's paper


def test_a_damaged_or_missing_flyer_leaves_the_catalogue_without_its_miniature(output, tmp_path):
    (tmp_path / "flyer.pdf").write_bytes(b"%PDF-1.7\n")
    found = {"harm-reduction/flyer.pdf": tmp_path / "flyer.pdf"}
    html = catalogue_html(json.loads((output / "manifest.json").read_text()), read_brand(BRAND),
                          lambda name: found.get(name) or output / name)
    assert re.findall(r'alt="([^"]*)"', html) == ["The first slide of the training deck, in miniature"]


def test_a_folder_of_one_materials_outputs_has_no_catalogue_over_its_page(output):
    listed = {"outputs": [dict(entry, name=Path(entry["name"]).name) for entry in manifest(output)
                          if entry["name"].startswith("harm-reduction/") and entry["name"].count("/") == 1]}
    assert catalogue_html(listed, read_brand(BRAND), lambda name: output / "harm-reduction" / name) is None


# In a real browser (see tests/browser.py)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_nothing_on_the_catalogue(output, dark):
    from .browser import axe_violations

    assert axe_violations(output / "index.html", dark=dark) == []


def test_in_the_browser_every_link_of_the_catalogue_leads_somewhere_and_a_phone_need_not_scroll_sideways(output):
    from .browser import broken_links, open_page, requests_made

    assert broken_links(output / "index.html") == []
    assert requests_made(output / "index.html") == []
    browser = open_page(output / "index.html", width=375)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375


def test_printed_from_the_browser_the_catalogue_still_lists_every_file_with_its_facts(output, tmp_path):
    from .browser import print_to_pdf
    from .conftest import pdf_text, words

    text = words(pdf_text(print_to_pdf(output / "index.html", tmp_path / "catalogue.pdf")))
    page = parts(output / "index.html")
    files = [(href, name) for href, name, _ in page.links if not href.startswith(("https:", "#"))]
    assert len(files) == len(manifest(output))
    for href, name in files:
        assert words(f"{name} ({facts(output / href)})") in text, href
