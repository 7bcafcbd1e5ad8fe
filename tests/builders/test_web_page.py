"""The web page: every word of the handout on one accessible page that needs nothing from elsewhere."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.builders.web_page import WebPageBuilder
from generator.content import load_content
from generator.contrast import AA_BODY, TEXT_PAIRS, contrast_ratio
from generator.promises import handout_shows
from generator.verify import verify_folder
from generator.web import read_page

from ..conftest import BRAND, CONTENT, pdf_text, words

SPANISH = CONTENT.with_suffix(".es.yaml")


class Outline(HTMLParser):
    """The headings, table headers, landmarks and ids of a page, in order."""

    def __init__(self):
        super().__init__()
        self.headings, self.header_cells, self.landmarks, self.ids, self.hrefs = [], [], [], set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th":
            self.header_cells.append(attributes.get("scope"))
        if tag in ("header", "main", "footer", "nav"):
            self.landmarks.append(tag)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a":
            self.hrefs.append(attributes.get("href"))


def outline(path: Path) -> Outline:
    reader = Outline()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def joined(text: str) -> str:
    """Return `text` with white space tidied, and none after a dash or slash, where a printed line may end."""
    return re.sub(r"([—–/-]) ", r"\1", words(text))


def in_order(text: str, expected: list[str]) -> list[str]:
    """Return the texts of `expected` that `text` does not show after the one before them."""
    text, position, missing = joined(text), 0, []
    for phrase in map(joined, expected):
        found = text.find(phrase, position)
        if found < 0:
            missing.append(phrase)
        else:
            position = found + len(phrase)
    return missing


def reading_order(material) -> list[str]:
    """Return every text of the material as a reader meets it: each heading, then its blocks, a statement's
    headline before its body and a table row by row, then the credits."""
    texts = []
    for section in material.sections:
        texts.append(section.heading)
        for block in section.blocks:
            if block.kind == "statements":
                texts += [text for statement in block.statements for text in (statement.headline, statement.body)]
            elif block.kind == "table":
                texts += [*block.table.columns, *(cell for row in block.table.rows for cell in row)]
            else:
                texts += list(block.text) if block.kind == "text" else [str(block.content)]
    return texts + [detail for author in material.authors for detail in (author.name, author.role, author.email)]


def test_the_page_has_every_word_of_the_handout_in_the_handouts_order(material, outputs):
    page = read_page((outputs / "index.html").read_text(encoding="utf-8")).text
    expected = reading_order(material)
    assert in_order(pdf_text(outputs / "handout.pdf"), expected) == []
    assert in_order(page, expected) == []
    assert all(words(item.text) in words(page) for item in handout_shows(material))


def test_the_page_is_verified_as_the_other_outputs_are(material, outputs):
    verdict = verify_folder(outputs, material, ["index.html"])[0]
    assert verdict.passed, verdict.problems


def test_the_page_needs_nothing_from_elsewhere_and_runs_no_script(outputs):
    html = (outputs / "index.html").read_text(encoding="utf-8")
    page = read_page(html)
    assert page.scripts == [] and page.fetched == []
    assert "@font-face" in html and "data:font/ttf;base64," in html  # the brand's font travels inside it


def test_the_page_has_a_language_landmarks_a_skip_link_and_headings_in_order(material, outputs):
    page = outline(outputs / "index.html")
    assert read_page((outputs / "index.html").read_text(encoding="utf-8")).language == material.document.language
    assert page.landmarks == ["header", "main", "footer"]
    assert page.hrefs[0] == "#text" and "text" in page.ids
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(after <= before + 1 for before, after in zip(page.headings, page.headings[1:]))
    assert page.header_cells and set(page.header_cells) == {"col", "row"}


def test_every_link_of_the_page_opens_a_file_beside_it_an_address_the_content_gives_or_a_place_on_it(material,
                                                                                                    outputs):
    page = outline(outputs / "index.html")
    files = [href for href in page.hrefs if not re.match(r"(https?:|mailto:|#)", href)]
    assert files == ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf"]
    assert all((outputs / name).is_file() for name in files)
    assert all(href[1:] in page.ids for href in page.hrefs if href.startswith("#"))


def test_a_page_that_fetches_or_runs_anything_fails_verify(material, outputs, tmp_path):
    html = (outputs / "index.html").read_text(encoding="utf-8")
    (tmp_path / "index.html").write_text(html.replace(
        "</main>", '<img src="https://example.org/pixel.gif" alt=""><script>alert(1)</script></main>'),
        encoding="utf-8")
    problems = verify_folder(tmp_path, material, ["index.html"])[0].problems
    assert "runs a script (inline); the page must be readable without one" in problems
    assert "fetches https://example.org/pixel.gif; the page must hold everything it shows" in problems


def test_the_spanish_page_is_in_spanish_and_marked_a_draft(tmp_path):
    material = load_content(SPANISH, BRAND)
    html = WebPageBuilder().render(material, [])
    assert read_page(html).language == "es-US"
    assert f'<p class="draft-mark">{material.labels.draft_mark}</p>' in html
    assert "Saltar al texto" in html


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_of_the_page_meets_aa_in_light_and_dark(material, scheme):
    """The dark scheme's colours are the page's own (web-page.css); each pair the page uses must read."""
    css = re.search(r"<style>(.*)</style>", WebPageBuilder().render(material, []), re.S).group(1)
    block = css.split("(prefers-color-scheme: dark)")[1] if scheme == "dark" else css.split("@media")[0]
    colours = dict(re.findall(r"--(\w+): (#[0-9A-Fa-f]{6});", block.split("}")[0] if scheme == "dark" else block))
    for pair in TEXT_PAIRS:
        ratio = contrast_ratio(colours[pair.text], colours[pair.background])
        assert ratio >= AA_BODY, f"{pair.text} on {pair.background} ({scheme}): {ratio:.2f}"


# In a real browser: headless Chromium, with axe-core's WCAG 2.1 AA rules (see tests/browser.py)


@pytest.fixture(scope="module")
def spanish_page(built_project) -> Path:
    """The Spanish page, as the first build of a copy of the project wrote it with every other output."""
    return built_project[0] / "output" / "harm-reduction" / "es" / "index.html"


@pytest.mark.parametrize(("language", "dark", "width"), [("en", False, 1280), ("en", True, 1280),
                                                        ("en", False, 375), ("es", False, 1280)],
                         ids=["light", "dark", "phone", "Spanish"])
def test_axe_finds_nothing_on_the_page(outputs, spanish_page, language, dark, width):
    """Both languages share the stylesheet, so the Spanish page is audited in one way only: a browser costs time."""
    from ..browser import axe_violations

    page = spanish_page if language == "es" else outputs / "index.html"
    assert axe_violations(page, dark=dark, width=width) == []


def test_in_the_browser_the_page_loads_nothing_and_every_link_leads_somewhere(outputs):
    from ..browser import broken_links, requests_made

    assert requests_made(outputs / "index.html") == []
    assert broken_links(outputs / "index.html") == []


def test_printed_from_the_browser_the_page_reads_as_the_handout_does(material, outputs, tmp_path):
    from pypdf import PdfReader

    from ..browser import print_to_pdf

    printed = print_to_pdf(outputs / "index.html", tmp_path / "printed.pdf")
    text = pdf_text(printed)
    assert in_order(text, reading_order(material)) == []
    assert "Skip to the text" not in text and material.labels.downloads not in text
    assert len(PdfReader(printed).pages) <= material.outputs.handout_pages + 1


def stated_facts(path: Path, language: str) -> str:
    """Return what the page should say of the file at `path`, worked out here from the file itself."""
    from pptx import Presentation
    from pypdf import PdfReader

    count = len(Presentation(path).slides) if path.suffix == ".pptx" else len(PdfReader(path).pages)
    unit = {("en", True): "slide", ("en", False): "page", ("es", True): "diapositiva", ("es", False): "página"}[
        (language, path.suffix == ".pptx")]
    kind = "PowerPoint" if path.suffix == ".pptx" else "PDF"
    return f"{kind}, {count} {unit}{'s' if count != 1 else ''}, {round(path.stat().st_size / 1000)} KB"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_gives_each_files_kind_length_and_size_as_the_file_beside_it_has_them(outputs, spanish_page,
                                                                                      language):
    folder = outputs if language == "en" else spanish_page.parent
    page = read_page((folder / "index.html").read_text(encoding="utf-8")).text
    names = load_content(CONTENT if language == "en" else SPANISH, BRAND).labels.output_names
    for builder in ("flyer", "handout", "slides", "slides-handout", "facilitator-guide"):
        file = folder / {"slides": "slides.pptx"}.get(builder, f"{builder}.pdf")
        assert f"{names[builder]} ({stated_facts(file, language)})" in page


def test_a_page_that_links_to_a_file_no_longer_beside_it_fails_verify(material, outputs, tmp_path):
    """What it says of the files beside it is held to the manifest (see tests/test_tampering.py)."""
    shutil.copy(outputs / "index.html", tmp_path / "index.html")
    shutil.copy(outputs / "handout.pdf", tmp_path / "handout.pdf")
    problems = verify_folder(tmp_path, material, ["index.html"])[0].problems
    assert problems == tuple(f"links to {name}, which is not beside it; build again to replace it"
                             for name in ("flyer.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf"))


def test_the_page_lists_every_output_beside_it_and_only_those(material, outputs, tmp_path):
    """A material that asks for a poster has one beside its page, in each language."""
    from generator.builders.web_page import downloads

    shutil.copy(outputs / "flyer.pdf", tmp_path / "poster.pdf")
    shutil.copy(outputs / "handout.pdf", tmp_path / "handout.pdf")
    assert [(download.filename, download.facts) for download in downloads(material, tmp_path)] == [
        ("handout.pdf", stated_facts(tmp_path / "handout.pdf", "en")),
        ("poster.pdf", stated_facts(tmp_path / "poster.pdf", "en"))]


def test_at_a_phones_width_only_the_table_scrolls_sideways_and_the_text_is_large_enough(outputs):
    """On a phone 375 pixels wide the page itself never scrolls sideways: a wide table scrolls in its own region."""
    from ..browser import open_page

    browser = open_page(outputs / "index.html", width=375)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375
    assert browser.execute_script(
        "var r = document.querySelector('.table-scroll'); return r.scrollWidth > r.clientWidth")
    smallest = browser.execute_script(
        "return Math.min.apply(null, Array.from(document.querySelectorAll('main p, main li, main td, main th'))"
        ".map(function (e) { return parseFloat(getComputedStyle(e).fontSize); }))")
    assert smallest >= 16  # CSS pixels: a phone's browser shows body text at 16 unless told otherwise
