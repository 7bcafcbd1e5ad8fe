"""Reading a web page as a browser shows it: its language, its text, its links, and what it would fetch or run."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content a reader does not see as text.
_UNSHOWN = {"head", "style", "script", "template", "noscript"}
# Elements that end a run of text: their text is not run together with the next.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "tr", "div", "section", "header", "footer", "main", "ul",
           "ol", "table", "caption", "br"}


@dataclass
class Page:
    """What a web page holds."""

    language: str = ""
    text: str = ""
    links: tuple[str, ...] = ()
    scripts: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # addresses it would load: images, styles, fonts, frames
    ids: set[str] = field(default_factory=set)  # what an in-page link (#id) can lead to


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page, self.hidden, self.pieces, self.links = Page(), 0, [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page.language = attributes.get("lang") or ""
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag in _UNSHOWN:
            self.hidden += 1
        if tag == "script":
            self.page.scripts.append(attributes.get("src") or "inline")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in ("src", "srcset", "data", "poster"):
            value = attributes.get(name)
            if value and not value.startswith("data:"):
                self.page.fetched.append(value)
        if tag == "link" and attributes.get("href") and not attributes["href"].startswith("data:"):
            self.page.fetched.append(attributes["href"])
        for attribute, value in attrs:
            if attribute.startswith("on"):
                self.page.scripts.append(f"{attribute} on <{tag}>")
        if tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _UNSHOWN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in _UNSHOWN:
            self.hidden = max(self.hidden - 1, 0)
        if tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.pieces.append(data)
        elif "url(" in data:  # a stylesheet: it may fetch what it names
            for address in data.split("url(")[1:]:
                address = address.split(")")[0].strip("\"' ")
                if not address.startswith("data:"):
                    self.page.fetched.append(address)


def read_page(html: str) -> Page:
    """Return what the web page `html` holds: the text a reader sees, white space tidied, and its links."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    page.text = " ".join("".join(reader.pieces).split())
    page.links = tuple(reader.links)
    return page
