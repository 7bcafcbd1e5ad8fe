"""The browser harness (tests/browser.py) finds what it is for on small pages, and passes a page that is sound."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from . import browser
from .browser import BrowserError, axe_violations, broken_links, print_to_pdf, requests_made, screenshot
from .conftest import words

DOT = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/%3E"

# Every part of a page WCAG 2.1 AA asks for, readable in the light and the dark colour scheme.
SOUND_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Understanding Harm Reduction</title>
<style>
  body {{ margin: 0 auto; max-width: 40em; padding: 1em; font: 18px/1.5 sans-serif; color: #1a1a1a; background: #fff; }}
  a {{ color: #0b4f8a; }}
  .skip {{ position: absolute; left: -999px; }}
  .skip:focus {{ left: 1em; }}
  th, td {{ border: 1px solid #555; padding: 0.25em; text-align: left; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #eee; background: #121212; }}
    a {{ color: #9ecbff; }}
    th, td {{ border-color: #aaa; }}
  }}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><p>Liberation Programs, Bridgeport, CT</p></header>
<nav aria-label="Sections">
  <ul><li><a href="#principles">Principles</a></li><li><a href="#terms">Terms</a></li></ul>
</nav>
<main id="main">
<h1>Understanding Harm Reduction</h1>
<img src="{DOT}" alt="A dot">
<h2 id="principles">Principles</h2>
<p>Harm reduction meets people where they are. <a href="#terms">The terms we use</a> come next.</p>
<h2 id="terms">Terms</h2>
<table>
  <caption>Words and what they mean</caption>
  <thead><tr><th scope="col">Word</th><th scope="col">Meaning</th></tr></thead>
  <tbody><tr><th scope="row">Naloxone</th><td>A medicine that reverses an opioid overdose.</td></tr></tbody>
</table>
</main>
<footer><p>Version 1, November 2026</p></footer>
</body>
</html>
"""

# No language, a picture without alt text, text too faint to read, text readable only in the light colour scheme, and
# text readable only on a wide screen.
FAULTY_PAGE = f"""<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Faulty</title>
<style>
  body {{ color: #222; background: #fff; }}
  #faint {{ color: #bbb; }}
  #dark-only {{ color: #333; }}
  @media (max-width: 600px) {{ #wide-only {{ color: #ccc; }} }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #eee; background: #111; }}
    #faint {{ color: #444; }}
    #dark-only {{ color: #222; }}
  }}
</style>
</head>
<body>
<main>
<h1>Faulty</h1>
<img src="{DOT}">
<p id="faint">Too faint to read</p>
<p id="dark-only">Readable until the reader's screen turns dark</p>
<p id="wide-only">Readable until the reader picks up a phone</p>
</main>
</body>
</html>
"""


def page(folder: Path, html: str, name: str = "index.html") -> Path:
    """Write `html` to the file `name` in `folder` and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def body(content: str, title: str = "A page") -> str:
    """Return a small page in English with `content` as its body."""
    return f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>' \
           f"<body>{content}</body></html>"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_sound_page_has_no_violations(tmp_path, dark):
    assert axe_violations(page(tmp_path, SOUND_PAGE), dark=dark) == []


def test_axe_finds_each_fault_of_a_faulty_page_in_the_colour_scheme_and_at_the_width_it_shows(tmp_path):
    faulty = page(tmp_path, FAULTY_PAGE)

    light = {violation["id"]: violation for violation in axe_violations(faulty)}
    dark = {violation["id"]: violation for violation in axe_violations(faulty, dark=True)}
    narrow = {violation["id"]: violation for violation in axe_violations(faulty, width=320)}

    assert sorted(light) == sorted(dark) == sorted(narrow) == ["color-contrast", "html-has-lang", "image-alt"]
    assert light["image-alt"] == {"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
                                  "targets": ["img"]}
    assert light["html-has-lang"]["targets"] == ["html"]
    assert light["color-contrast"]["targets"] == ["#faint"]
    assert dark["color-contrast"]["targets"] == ["#faint", "#dark-only"]
    assert narrow["color-contrast"]["targets"] == ["#faint", "#wide-only"]


def test_broken_links_names_each_link_to_a_missing_file_or_fragment(tmp_path):
    page(tmp_path, body('<h1 id="there">There</h1>'), "other.html")
    page(tmp_path, body("<h1>A folder's page</h1>"), "folder/index.html")
    (tmp_path / "empty").mkdir()
    links = page(tmp_path, body("""
        <h1 id="here">Links</h1><a name="old-style"></a>
        <a href="#here">here</a> <a href="#old-style">an old-style anchor</a> <a href="#">top</a> <a href="#top">top</a>
        <a href="other.html">other</a> <a href="other.html#there">there</a> <a href="folder/">a folder</a>
        <a href="https://example.org/">a web site</a> <a href="mailto:someone@example.org">e-mail</a>
        <a href="missing.html">missing</a> <a href="#nowhere">nowhere</a> <a href="other.html#gone">gone</a>
        <a href="empty/">a folder without a page</a> <a href="#nowhere">nowhere again</a>"""))

    assert broken_links(links) == ["missing.html", "#nowhere", "other.html#gone", "empty/"]


def test_requests_made_lists_the_files_a_page_loads_and_none_for_a_self_contained_page(tmp_path):
    page(tmp_path, "p { color: #222; }", "style.css")
    page(tmp_path, "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>", "dot.svg")
    loads = page(tmp_path, body('<link rel="stylesheet" href="style.css"><img src="dot.svg" alt="A dot">'
                                '<img src="missing.png" alt="Missing">'), "loads.html")
    self_contained = page(tmp_path, body(f'<style>p {{ color: #222; }}</style><img src="{DOT}" alt="A dot">'),
                          "self-contained.html")

    assert requests_made(loads) == [(tmp_path / name).as_uri() for name in ("style.css", "dot.svg", "missing.png")]
    assert requests_made(self_contained) == []


def test_screenshot_shows_the_whole_page_at_the_width_asked_for_in_either_scheme(tmp_path):
    tall = page(tmp_path, body("<style>body { margin: 0; background: #fff; } div { height: 2000px; }"
                               "@media (prefers-color-scheme: dark) { body { background: #121212; } }</style>"
                               "<div></div>"))

    with Image.open(screenshot(tall, tmp_path / "full.png", width=600)) as full:
        assert full.size == (600, 2000)
        assert full.convert("RGB").getpixel((300, 1900)) == (255, 255, 255)
    with Image.open(screenshot(tall, tmp_path / "window.png", width=600, full_page=False)) as window:
        assert window.size == (600, browser.WINDOW_HEIGHT)
    with Image.open(screenshot(tall, tmp_path / "dark.png", width=600, dark=True)) as dark:
        assert dark.convert("RGB").getpixel((300, 1900)) == (18, 18, 18)


def test_print_to_pdf_prints_with_the_print_stylesheet(tmp_path):
    printable = page(tmp_path, body("<style>@media print { .screen { display: none; } }"
                                    "@media screen { .print { display: none; } }</style><h1>Naloxone</h1>"
                                    '<p class="screen">Only on screen</p><p class="print">Printed</p>'))

    pdf = PdfReader(print_to_pdf(printable, tmp_path / "printed.pdf"))

    assert len(pdf.pages) >= 1
    assert [float(side) for side in pdf.pages[0].mediabox[2:]] == [612, 792]  # US Letter
    assert words(pdf.pages[0].extract_text()) == "Naloxone Printed"


def test_a_page_that_does_not_finish_loading_fails_with_its_address(tmp_path, monkeypatch):
    """A picture from a server that accepts the connection and never answers keeps the page loading."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        picture = f"http://127.0.0.1:{silent.getsockname()[1]}/picture.png"
        stuck = page(tmp_path, body(f'<img src="{picture}" alt="Never arrives">'))
        monkeypatch.setattr(browser, "PAGE_LOAD_TIMEOUT", 0.5)

        with pytest.raises(BrowserError, match=f"^{re.escape(stuck.as_uri())} did not finish loading within 0.5 s$"):
            requests_made(stuck)


def test_a_missing_page_is_named_rather_than_audited_as_the_browser_error_page(tmp_path):
    missing = tmp_path.resolve() / "missing.html"
    with pytest.raises(BrowserError, match=f"^{re.escape(str(missing))}: there is no such page$"):
        axe_violations(missing)
