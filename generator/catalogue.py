"""The catalogue: output/index.html, one page that shows staff every material in the folder.

For each material it gives its title, subject, version and status (a draft plainly
marked), when it was built, a miniature of its flyer and of its first slide, and a
link to every output in every language, with the file's kind, length and size. It is
drawn from the manifest, which records all of that, and is written with it (see
build.commit), so the two never disagree.
"""

from __future__ import annotations

import base64
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .downloads import Download, facts_of
from .labels import load_labels
from .model import Brand, Labels
from .paper import PAPERS

CATALOGUE = "index.html"
TEMPLATE = "catalogue.html"
STYLESHEET = "catalogue.css"
THUMBNAIL_WIDTH = 360  # pixels: shown 180 CSS pixels wide, sharp on a screen of two pixels to one
SLIDE_ANCHOR = "slide-1"  # the first slide's miniature in the slides handout (see miniature.html)


@dataclass(frozen=True)
class Thumbnail:
    """A miniature of a page: what it shows, for readers who cannot see it, and the picture as a data: URL."""

    alt: str
    caption: str
    uri: str


@dataclass(frozen=True)
class Edition:
    """One language of a material, as the manifest records it."""

    folder: str  # inside the output folder, e.g. 'harm-reduction/es'
    language: str  # e.g. 'es-US'
    language_name: str  # in the language itself, e.g. 'Español'
    title: str
    subject: str
    version: int | None
    draft: bool
    built: str  # e.g. '2 December 2026, 02:50 UTC'
    files: list[Download]
    site_flyers: list[Download]


@dataclass(frozen=True)
class Listed:
    """One material: its editions, English first, and the miniatures of its first edition's flyer and first slide."""

    name: str
    editions: list[Edition]
    thumbnails: list[Thumbnail]


def catalogue_html(manifest: dict, brand: Brand, where: Callable[[str], Path]) -> str | None:
    """Return the catalogue of the outputs `manifest` lists, in `brand`'s look; `where(name)` gives the file of the
    output called `name` (the one about to be put in place, or the one there). None when an output lies at the top
    of the folder, which then holds one material's outputs and its web page there."""
    from .builders.web_page import embedded_fonts
    from .logo import logo_of
    from .templating import render_template

    from .manifest import is_entry

    entries = [entry for entry in manifest.get("outputs", []) if is_entry(entry)]
    if not entries or any("/" not in entry["name"] for entry in entries):
        return None
    labels = load_labels("en")
    materials = [_listed(name, [entry for entry in entries if _material_of(entry) == name], labels, where)
                 for name in sorted({_material_of(entry) for entry in entries})]
    shown = dict(brand=brand, labels=labels, materials=materials, logo=logo_of(brand))
    fonts = embedded_fonts(brand, render_template(TEMPLATE, style="", **shown))
    style = render_template(STYLESHEET, brand=brand, fonts=fonts, paper=PAPERS[brand.paper_size])
    return render_template(TEMPLATE, style=style, **shown)


def _listed(name: str, entries: list[dict], labels: Labels, where: Callable[[str], Path]) -> Listed:
    """Return the material `name` as the catalogue lists it, from its manifest `entries`."""
    # The English edition first: its folder is the material's own.
    folders = sorted({_edition_of(entry) for entry in entries}, key=lambda folder: (folder != name, folder))
    editions = [_edition(folder, [entry for entry in entries if _edition_of(entry) == folder], labels)
                for folder in folders]
    first = folders[0]
    thumbnails = [thumbnail for thumbnail in (
        _page_thumbnail(where(f"{first}/flyer.pdf"), labels.flyer_thumbnail, labels.output_names["flyer"]),
        _slide_thumbnail(where(f"{first}/slides-handout.pdf"), labels.slide_thumbnail, labels.first_slide))
        if thumbnail is not None]
    return Listed(name, editions, thumbnails)


def _material_of(entry: dict) -> str:
    """Return the name of the material an output was built from: as the manifest says, or, for an entry written
    before it said so, the first folder of the output's path."""
    material = entry["content"].get("material")
    return material if isinstance(material, str) else entry["name"].split("/")[0]


def _edition_of(entry: dict) -> str:
    """Return the folder of the edition an output belongs to: as the manifest says, or, for an entry written
    before it said so, the output's own folder."""
    edition = entry.get("edition")
    return edition if isinstance(edition, str) else Path(entry["name"]).parent.as_posix()


def _edition(folder: str, entries: list[dict], labels: Labels) -> Edition:
    """Return the edition in `folder` from the manifest entries of its outputs."""
    from .builders import BUILDERS

    content = next((entry["content"] for entry in entries if entry.get("site") is None), entries[0]["content"])
    names = {builder.filename: labels.output_names.get(builder.name, builder.filename)
             for builder in BUILDERS.values()}
    order = list(names)
    main = sorted((entry for entry in entries if entry.get("site") is None and Path(entry["name"]).name in names),
                  key=lambda entry: order.index(Path(entry["name"]).name))
    sites = sorted((entry for entry in entries if entry.get("site") is not None), key=lambda entry: entry["site"])
    return Edition(
        folder=folder,
        language=str(content.get("language") or ""),
        language_name=_language_name(str(content.get("language") or "")),
        title=str(content.get("title") or folder),
        subject=str(content.get("subject") or ""),
        version=content.get("version") if isinstance(content.get("version"), int) else None,
        draft=content.get("status", "draft") != "approved",
        built=_when(max(str(entry.get("built") or "") for entry in entries), labels),
        files=[_download(entry, names[Path(entry["name"]).name], labels) for entry in main],
        site_flyers=[_download(entry, str(entry["site"]), labels) for entry in sites],
    )


def _language_name(language: str) -> str:
    """Return the name of the language tagged `language` in that language, or the tag if it has no labels."""
    from .errors import UserError

    try:
        return load_labels(language).language_name
    except (UserError, OSError):
        return language


def _download(entry: dict, name: str, labels: Labels) -> Download:
    """Return an output as the catalogue links to it, with its kind, length and size as the manifest records them."""
    unit = "slides" if "slides" in entry else "pages"
    count = entry.get(unit) if isinstance(entry.get(unit), int) else 1
    return Download(entry["name"], name, facts_of(entry["name"], unit, count, entry["bytes"], labels))


def _when(moment: str, labels: Labels) -> str:
    """Return a time the manifest records (e.g. '2026-12-02T02:50:00Z') as people read it: '2 December 2026,
    02:50 UTC', or '' if there is none."""
    try:
        built = datetime.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return f"{built.day} {labels.months[built.month - 1]} {built.year}, {built:%H:%M} UTC"


def _page_thumbnail(path: Path, alt: str, caption: str) -> Thumbnail | None:
    """Return a miniature of the first page of the PDF at `path`, or None if there is no such file to draw."""
    return _drawn(path, alt, caption, lambda page: None)


def _slide_thumbnail(path: Path, alt: str, caption: str) -> Thumbnail | None:
    """Return a miniature of the first slide as the slides handout draws it, or None if it cannot be found."""
    from .builders.slides_handout import MINIATURE_WIDTH_IN
    from .deck_design import SLIDE_HEIGHT, SLIDE_WIDTH

    def crop(page) -> tuple[float, float, float, float] | None:
        from pypdf import PdfReader

        target = PdfReader(path).named_destinations.get(SLIDE_ANCHOR)
        if target is None:
            return None
        width, height = page.get_size()
        left, top = float(target["/Left"]), float(target["/Top"])
        right = left + MINIATURE_WIDTH_IN * 72
        bottom = top - MINIATURE_WIDTH_IN * 72 * SLIDE_HEIGHT / SLIDE_WIDTH
        return left, bottom, width - right, height - top  # what to cut from each side, in points

    return _drawn(path, alt, caption, crop)


def _drawn(path: Path, alt: str, caption: str, crop) -> Thumbnail | None:
    """Return a miniature of the first page of the PDF at `path`, cut by `crop(page)` (left, bottom, right and top
    margins in points, or None for the whole page), as a JPEG; None when the file is missing or cannot be drawn."""
    import pypdfium2

    if not path.is_file():
        return None
    try:
        document = pypdfium2.PdfDocument(str(path))
        try:
            page = document[0]
            cut = crop(page)
            width = page.get_width() - (cut[0] + cut[2] if cut else 0)
            picture = page.render(scale=THUMBNAIL_WIDTH / width, crop=cut or (0, 0, 0, 0)).to_pil()
        finally:
            document.close()
    # A damaged file can fail anywhere in the renderer; the catalogue then shows no miniature of it.
    except Exception:  # noqa: BLE001
        return None
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    return Thumbnail(alt, caption, "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"))
