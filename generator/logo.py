"""The organisation's logo: read once, checked, and given to each output in the form it takes.

The PDFs take the file itself (SVG stays vector); the deck takes a PNG, since
PowerPoint shows a picture from a PNG everywhere, so an SVG logo is drawn to one.
"""

from __future__ import annotations

import base64
import functools
import io
import struct
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from .reading import while_unchanged

# A logo is a small picture; anything larger is not one, and would swell every output it is on.
MAX_LOGO_BYTES = 1_000_000
MAX_LOGO_PIXELS = 5000
# How tall the deck's PNG of an SVG logo is: sharp on a projector at the size the slides show it.
SLIDE_PICTURE_HEIGHT_PX = 600

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class LogoProblem(ValueError):
    """The logo's file cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Picture:
    """A logo read from its file: its kind, its bytes and its shape."""

    media_type: str  # image/svg+xml or image/png
    data: bytes
    width: float  # in the picture's own units: only the ratio of width to height matters
    height: float

    @property
    def aspect(self) -> float:
        """Return the logo's width divided by its height."""
        return self.width / self.height

    @property
    def uri(self) -> str:
        """Return the logo as a data: URL, for a PDF's template."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(path: Path, folder: Path) -> Picture:
    """Return the logo at `path`, which must lie in `folder` (the brand file's) or below it.

    Raise LogoProblem saying what is wrong with the file and how to put it right.
    """
    try:
        inside = Path(path).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        inside = False
    if not inside:
        raise LogoProblem(f"the logo must be in {folder} or a folder inside it; copy it there and name it "
                          "from there, e.g. logo.svg")
    return _read(Path(path).resolve())


def logo_of(brand) -> Picture | None:
    """Return the brand's logo, or None when it has none (read_brand checked it already)."""
    return read_logo(brand.logo_path, Path(brand.source).parent) if brand.logo else None


@while_unchanged  # `watch` and `serve` keep one process running while the logo may be replaced
def _read(path: Path) -> Picture:
    if path.suffix.lower() not in (".svg", ".png"):
        raise LogoProblem(f"'{path.name}' is not an SVG or PNG file; save the logo as logo.svg or logo.png")
    if not path.is_file():
        raise LogoProblem(f"there is no file {path}; check the name, or copy the logo there")
    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        raise LogoProblem(f"{path.name} is {size:,} bytes; a logo must be under {MAX_LOGO_BYTES:,} bytes "
                          "(save it smaller, or as SVG)")
    data = path.read_bytes()
    return _png(path.name, data) if path.suffix.lower() == ".png" else _svg(path.name, data)


def _png(name: str, data: bytes) -> Picture:
    """Return a PNG logo, checked to be a whole PNG picture of a sensible size."""
    from PIL import Image, ImageFile

    if not data.startswith(_PNG_SIGNATURE) or len(data) < 24:
        raise LogoProblem(f"{name} is not a PNG picture; export the logo again as PNG or SVG")
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
        raise LogoProblem(f"{name} is {width} × {height} pixels; a logo may be at most {MAX_LOGO_PIXELS} pixels "
                          "either way")
    # The PDF renderer tells Pillow to read damaged files as best it can (ImageFile.LOAD_TRUNCATED_IMAGES), filling
    # what is missing with black; a logo is read strictly, so that a damaged one is refused here.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()  # reads every pixel: a damaged file fails here, not in the middle of a build
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise LogoProblem(f"{name} is damaged and cannot be read ({error}); export the logo again") from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return Picture("image/png", data, width, height)


def _svg(name: str, data: bytes) -> Picture:
    """Return an SVG logo, checked to be an SVG drawing with a size or a viewBox to take its shape from."""
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
        raise LogoProblem(f"{name} declares a DOCTYPE or entities, which a logo does not need and which can "
                          "make a file expand without end; export the logo again as plain SVG")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise LogoProblem(f"{name} is not a well-formed SVG file ({error}); export the logo again") from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise LogoProblem(f"{name} is not an SVG drawing (its first element is <{root.tag}>); export the logo "
                          "as SVG")
    width, height = _svg_shape(root)
    if not (width > 0 and height > 0):
        raise LogoProblem(f"{name} gives no size: add a viewBox (e.g. viewBox=\"0 0 400 120\") or a width and a "
                          "height to its <svg> element")
    return Picture("image/svg+xml", data, width, height)


def _svg_shape(root) -> tuple[float, float]:
    """Return an SVG's width and height: its viewBox's, or else its width and height attributes'."""
    try:
        box = [float(number) for number in root.get("viewBox", "").replace(",", " ").split()]
        if len(box) == 4:
            return box[2], box[3]
        return (float(root.get("width", "0").rstrip("pxt")),
                float(root.get("height", "0").rstrip("pxt")))
    except ValueError:
        return 0, 0


@functools.lru_cache(maxsize=8)
def slide_picture(picture: Picture) -> bytes:
    """Return the logo as PNG bytes for the deck: a PNG as it is, an SVG drawn on white at a projector's size."""
    if picture.media_type == "image/png":
        return picture.data
    import pypdfium2
    import weasyprint

    height = SLIDE_PICTURE_HEIGHT_PX
    width = round(height * picture.aspect)
    page = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}"
            f"img {{ display: block; width: {width}px; height: {height}px }}</style><img src=\"{picture.uri}\" alt=\"\">")
    from .builders.base import project_files_only, weasyprint_problems_as_errors

    with weasyprint_problems_as_errors("the logo"):
        pdf = weasyprint.HTML(string=page, url_fetcher=project_files_only()).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        # A CSS pixel is 0.75 point; PDFium draws a point as one pixel at scale 1.
        image = document[0].render(scale=1 / 0.75, fill_color=(255, 255, 255, 255)).to_pil()
    finally:
        document.close()
    output = io.BytesIO()
    image.convert("RGB").save(output, format="PNG", optimize=True)
    return output.getvalue()
