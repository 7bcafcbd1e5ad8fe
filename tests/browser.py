"""Open web pages in a real headless Chromium for the tests: axe-core's WCAG 2.1 AA audit, links, requests, pictures.

One browser serves every test of a test process (each pytest-xdist worker starts its own the first time it needs
one); it is Debian's `chromium`, driven through the `chromedriver` of the same Debian release (`chromium-driver`), so
the two always match and nothing is downloaded. axe-core comes from npm (package.json).
"""

from __future__ import annotations

import atexit
import base64
import functools
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit
from urllib.request import url2pathname

from .conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe-core's tags for the rules of WCAG 2.1 A and AA
PAGE_LOAD_TIMEOUT = 30  # seconds for a page, or for axe to audit it
WINDOW_HEIGHT = 800


class BrowserError(Exception):
    """A page could not be opened or checked: the message says which and why."""


@functools.cache
def chromium():
    """Return the headless Chromium of this test process, started the first time it is asked for and quit at exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not chromedriver:
        raise BrowserError("the web pages are checked in Chromium: install Debian's 'chromium' and 'chromium-driver' "
                           "(sudo apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless", "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
                     "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                     f"--window-size=1280,{WINDOW_HEIGHT}",
                     # Chromium readies its address bar's pop-ups, web pages of their own, even with no window to
                     # show them in: about a second of CPU for each browser, for pop-ups no test opens. (A feature
                     # name that an older or newer Chromium does not know is ignored.)
                     "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxAimPopup"):
        options.add_argument(argument)
    # The browser's own record of every request, read by requests_made(): its Performance API has none of file://.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    # Giving the driver's path keeps Selenium Manager, which would look for a driver online, out of it.
    driver = webdriver.Chrome(options=options, service=Service(chromedriver, log_output=subprocess.DEVNULL))
    atexit.register(driver.quit)
    return driver


def url_of(path_or_url: str | Path) -> str:
    """Return the address of a page: a web or file address as it is, a file's path as its file:// address."""
    if isinstance(path_or_url, str) and "://" in path_or_url:
        return path_or_url
    path = Path(path_or_url).resolve()
    if not path.is_file():
        raise BrowserError(f"{path}: there is no such page")
    return path.as_uri()


def open_page(path_or_url: str | Path, width: int = 1280, dark: bool = False):
    """Open a page in the browser, `width` CSS pixels wide, in the light or the dark colour scheme; return the browser.

    The page has loaded, with everything it loads, when this returns; one that has not after PAGE_LOAD_TIMEOUT
    seconds is a BrowserError. The browser's log of requests then holds this page's alone.
    """
    from selenium.common.exceptions import TimeoutException

    url = url_of(path_or_url)
    driver = chromium()
    driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
    driver.set_script_timeout(PAGE_LOAD_TIMEOUT)
    driver.get_log("performance")  # empties it of what earlier pages asked for
    # The width and the colour scheme last until they are set again, so every page sets both.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": WINDOW_HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "", "features": [{"name": "prefers-color-scheme",
                                                       "value": "dark" if dark else "light"}]})
    try:
        driver.get(url)
    except TimeoutException:
        driver.execute_script("window.stop()")
        raise BrowserError(f"{url} did not finish loading within {PAGE_LOAD_TIMEOUT} s") from None
    return driver


def axe_violations(path_or_url: str | Path, dark: bool = False, width: int = 1280) -> list[dict]:
    """Return what axe-core finds against WCAG 2.1 A and AA on the page, `width` pixels wide, in light or dark.

    Each violation is {"id", "impact", "help", "targets"}, the targets being the CSS selectors of the elements at
    fault, e.g. {"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
    "targets": ["img"]}; an accessible page gives []. Only axe's definite violations count, not the elements it
    could not decide about (its "incomplete" results, such as text over a background image).
    """
    if not AXE.is_file():
        raise BrowserError(f"{AXE.relative_to(ROOT)} is missing: run `make test`, which installs axe-core with npm")
    driver = open_page(path_or_url, width=width, dark=dark)
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script("""
        const [tags, done] = arguments;
        axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}).then(
            results => done(results.violations.map(violation => ({
                id: violation.id, impact: violation.impact, help: violation.help,
                targets: violation.nodes.map(node => node.target.join(" "))}))),
            error => done({error: String(error)}));
    """, WCAG_21_AA)
    if isinstance(found, dict):
        raise BrowserError(f"axe-core could not audit {driver.current_url}: {found['error']}")
    return found


def screenshot(path_or_url: str | Path, out_png: str | Path, width: int = 1280, dark: bool = False,
               full_page: bool = True) -> Path:
    """Save a PNG of the page as a reader sees it `width` pixels wide, the whole page or only the window; return it.

    The picture is exactly `width` pixels wide: what sticks out to the side is cut off.
    """
    driver = open_page(path_or_url, width=width, dark=dark)
    capture = {"format": "png"}
    if full_page:
        height = driver.execute_script(
            "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        capture |= {"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height,
                                                            "scale": 1}}
    out_png = Path(out_png)
    out_png.write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.captureScreenshot", capture)["data"]))
    return out_png


def print_to_pdf(path_or_url: str | Path, out_pdf: str | Path) -> Path:
    """Print the page to a PDF with its print stylesheet, as a reader's browser prints it; return the PDF's path.

    Backgrounds are printed; the page size is the page's own (CSS `@page size`), else US Letter.
    """
    driver = open_page(path_or_url)
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
    out_pdf = Path(out_pdf)
    out_pdf.write_bytes(base64.b64decode(printed["data"]))
    return out_pdf


class _Anchors(HTMLParser):
    """The names a link's #fragment can go to in an HTML file: every id, and the name of every <a>."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.names.update(value for name, value in attributes.items()
                          if value and (name == "id" or (tag == "a" and name == "name")))


def _anchors_in(path: Path) -> set[str]:
    """Return the ids and <a name>s of the HTML file at `path`."""
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser.names


def broken_links(path_or_url: str | Path) -> list[str]:
    """Return the href, as written, of every <a href> of the page that goes nowhere, each once, in page order.

    A link goes nowhere when it is to a file that does not exist (a folder counts as its index.html, as a web server
    serves it), or to a #fragment that its page has no id (or <a name>) for; "#" and "#top" go to the top of any
    page. Nothing is fetched: links to other web sites, e-mail addresses and phone numbers are not checked and not
    listed, and on a page opened from a web address only its links within itself are.
    """
    driver = open_page(path_or_url)
    page = urldefrag(driver.current_url).url
    links, here = driver.execute_script("""
        const names = [...document.querySelectorAll("[id]")].map(element => element.id)
            .concat([...document.querySelectorAll("a[name]")].map(anchor => anchor.name));
        return [[...document.querySelectorAll("a[href]")].map(a => [a.getAttribute("href"), a.href]), names];
    """)
    anchors = {page: set(here)}
    broken = []
    for written, address in links:
        target, fragment = urldefrag(address)
        if target != page and urlsplit(target).scheme != "file":
            continue  # not fetched
        if target not in anchors:
            path = Path(url2pathname(urlsplit(target).path))
            if path.is_dir():
                path = path / "index.html"
            anchors[target] = _anchors_in(path) if path.is_file() else None
        goes_somewhere = anchors[target] is not None and (
            not fragment or unquote(fragment) in anchors[target] or fragment.lower() == "top")
        if not goes_somewhere and written not in broken:
            broken.append(written)
    return broken


def requests_made(path_or_url: str | Path) -> list[str]:
    """Return the address of everything the page asked for besides itself (style sheets, pictures, fonts, frames...).

    Each address once, in the order asked for, whether it was found or not; a self-contained page gives []: what it
    has inside itself as data: addresses is not a request. Read from the requests the browser logged while the page
    loaded (its Performance API records nothing of file:// pages).
    """
    driver = open_page(path_or_url)
    page = urldefrag(driver.current_url).url
    asked = []
    for entry in driver.get_log("performance"):
        event = json.loads(entry["message"])["message"]
        if event["method"] == "Network.requestWillBeSent":
            address = event["params"]["request"]["url"]
            if address != page and not address.startswith(("data:", "blob:")) and address not in asked:
                asked.append(address)
    return asked
