"""The accessibility audit of the built outputs, read back with pypdf and python-pptx as assistive software would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Material
from .findings import ERROR, WARNING, Finding

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_GRAPHIC_KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt graphic",
}
_TABLE_GRAPHIC = "http://schemas.openxmlformats.org/drawingml/2006/table"
# What PowerPoint or a script leaves behind when nobody described the picture: its file or its default name.
_FILE_NAME = re.compile(
    r".*\.(png|jpe?g|gif|svg|emf|wmf|bmp|tiff?|webp)"
    r"|(image|picture|img|photo|graphic|chart|diagram|group|object)[ _-]?\d+",
    re.IGNORECASE,
)


def audit_file(path: Path, material: Material, reader=None) -> list[Finding]:
    """Return the accessibility problems of the one output at `path`, a PDF (opened as `reader`, if given), a deck
    or a web page."""
    if path.suffix == ".html":
        return []  # verify reads its language, links and what it would fetch; the tests open it in a browser
    return audit_deck(path, material) if path.suffix == ".pptx" else audit_pdf(path, material, reader)


def finding(rule: str, path: Path, where: str, message: str, suggestion: str, severity: str = ERROR) -> Finding:
    """Return a finding about the output at `path`."""
    return Finding(rule=rule, severity=severity, file=path.name, line=None, field=where, message=message,
                   suggestion=suggestion)


# PDFs


def audit_pdf(path: Path, material: Material, reader=None) -> list[Finding]:
    """Return the accessibility problems of one PDF (already opened as `reader`, if given)."""
    from pypdf import PdfReader

    reader = reader or PdfReader(path)
    catalog = reader.trailer["/Root"].get_object()
    document = material.document
    findings = list(untagged(path, catalog))
    findings += language_problems(path, catalog, document.language)
    findings += title_problems(path, reader, catalog, document.title)
    findings += unembedded_fonts(path, reader)
    if "/StructTreeRoot" in catalog:
        findings += structure_problems(path, reader, catalog["/StructTreeRoot"].get_object())
    return findings


def is_true(value) -> bool:
    """Return whether a PDF value is the boolean true."""
    from pypdf.generic import BooleanObject

    value = value.get_object() if value is not None else None
    return isinstance(value, BooleanObject) and value.value


def untagged(path: Path, catalog) -> Iterator[Finding]:
    """Report a PDF that is not marked as tagged or has no structure tree."""
    mark_info = catalog.get("/MarkInfo")
    marked = mark_info is not None and is_true(mark_info.get_object().get("/Marked"))
    has_tree = "/StructTreeRoot" in catalog
    if marked and has_tree:
        return
    if has_tree:
        message = "The PDF has a structure tree but is not marked as tagged, so screen readers may ignore its tags."
    elif marked:
        message = "The PDF says it is tagged but has no structure tree, so screen readers find no headings or tables."
    else:
        message = "The PDF is not tagged, so screen readers cannot tell its headings, lists and tables from plain text."
    yield finding("pdf-tagged", path, "", message,
                  "render it as a tagged PDF (WeasyPrint's pdf_variant 'pdf/ua-1', as the PDF builders do)")


def language_problems(path: Path, catalog, language: str) -> Iterator[Finding]:
    """Report a PDF that does not name its language, or names another than the content's."""
    suggestion = f"set lang=\"{language}\" on the template's <html> element, as document.language says"
    stated = catalog.get("/Lang")
    if stated is None or not str(stated.get_object()).strip():
        yield finding("pdf-language", path, "",
                      "The PDF does not say which language it is in, so screen readers may pronounce it wrongly.",
                      suggestion)
    elif str(stated.get_object()).lower() != language.lower():  # language tags ignore case
        yield finding("pdf-language", path, "",
                      f"The PDF says it is in '{stated.get_object()}' but the content is in '{language}'.", suggestion)


def title_problems(path: Path, reader, catalog, title: str) -> Iterator[Finding]:
    """Report a PDF whose metadata title is missing or wrong, or whose viewer would show the file name instead."""
    suggestion = f"give the template the <title> '{title}' (document.title) and render it as PDF/UA-1"
    stated = reader.metadata.title if reader.metadata else None
    if not (stated or "").strip():
        yield finding("pdf-title", path, "", "The PDF has no title in its metadata.", suggestion)
    elif stated != title:
        yield finding("pdf-title", path, "", f"The PDF's title is '{stated}' but the document is called '{title}'.",
                      suggestion)
    preferences = catalog.get("/ViewerPreferences")
    preferences = preferences.get_object() if preferences is not None else {}
    if not is_true(preferences.get("/DisplayDocTitle")):
        yield finding("pdf-title", path, "",
                      "The PDF does not ask viewers to show its title, so the window shows the file name instead.",
                      "set /DisplayDocTitle true in the catalog's /ViewerPreferences, as PDF/UA-1 rendering does")


def unembedded_fonts(path: Path, reader) -> Iterator[Finding]:
    """Report each font the PDF uses without embedding it, at the first page that uses it."""
    seen: set[int] = set()
    for number, page in enumerate(reader.pages, start=1):
        for font in fonts_in(page.get("/Resources"), set()):
            key = id(font) if font.indirect_reference is None else font.indirect_reference.idnum
            if key in seen or is_embedded(font):
                continue
            seen.add(key)
            name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
            yield finding("pdf-fonts", path, f"page {number}",
                          f"The font '{name}' is not embedded, so the text may show in another font or not at all.",
                          "use only the project's installed fonts through @font-face, so the renderer embeds them")


def fonts_in(resources, visited: set[int]) -> Iterator:
    """Yield every font dictionary of `resources`, including those of the forms it draws."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for form in (resources.get("/XObject") or {}).values():
        reference = getattr(form, "idnum", None)
        form = form.get_object()
        # A form may be drawn from many places, or (in a broken file) from itself.
        if form.get("/Subtype") == "/Form" and reference not in visited:
            if reference is not None:
                visited.add(reference)
            yield from fonts_in(form.get("/Resources"), visited)


def is_embedded(font) -> bool:
    """Return whether a font's glyphs are in the file."""
    if font.get("/Subtype") == "/Type3":
        return True  # a Type 3 font draws its glyphs with the file's own content streams
    if "/DescendantFonts" in font:
        return all(is_embedded(descendant.get_object()) for descendant in font["/DescendantFonts"].get_object())
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def structure_problems(path: Path, reader, root) -> Iterator[Finding]:
    """Report figures without alternative text and tables without header cells, in reading order."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)
             if page.indirect_reference is not None}
    roles = root.get("/RoleMap")
    roles = roles.get_object() if roles is not None else {}
    for element, page in structure_elements(root, None, set()):
        role = standard_role(str(element["/S"]), roles)
        where = f"page {pages[page]}" if page in pages else ""
        if role == "/Figure" and not str(element.get("/Alt", "")).strip():
            yield finding("pdf-alt-text", path, where,
                          "A figure has no alternative text, so screen readers skip it or read out its file name.",
                          "give the image an alt attribute that says what it shows")
        elif role == "/Table" and not has_header_cell(element, roles):
            yield finding("pdf-table-headers", path, where,
                          "A table has no header cells, so screen readers cannot say which column a cell is in.",
                          "mark the table's column headings (and row headings) as <th> in the template")


def structure_elements(node, page, visited: set[int]) -> Iterator[tuple]:
    """Yield every structure element under `node` with the page object number it is on, in reading order."""
    for kid in structure_kids(node):
        reference = getattr(kid, "idnum", None)
        if reference is not None and reference in visited:
            continue  # a broken tree may list an element twice or loop
        if reference is not None:
            visited.add(reference)
        kid = kid.get_object()
        if "/S" not in kid:
            continue  # marked content and object references belong to their parent element
        on = page_of(kid) or page
        yield kid, on
        yield from structure_elements(kid, on, visited)


def structure_kids(node) -> list:
    """Return the kids of a structure node as a list, whether the file wrote one kid or an array."""
    from pypdf.generic import ArrayObject, DictionaryObject

    kids = node.get("/K")
    if kids is None:
        return []
    resolved = kids.get_object()
    kids = list(resolved) if isinstance(resolved, ArrayObject) else [kids]
    return [kid for kid in kids if isinstance(kid.get_object(), DictionaryObject)]


def page_of(element) -> int | None:
    """Return the object number of the page an element (or the first of its marked contents) is on."""
    for candidate in [element] + [kid.get_object() for kid in structure_kids(element)]:
        page = candidate.get("/Pg")
        if page is not None and getattr(page, "idnum", None) is not None:
            return page.idnum
    return None


def standard_role(role: str, roles) -> str:
    """Return the standard structure type a role stands for, following the document's role map."""
    seen = {role}
    while role in roles and str(roles[role]) not in seen:
        role = str(roles[role])
        seen.add(role)
    return role


def has_header_cell(table, roles, depth: int = 0) -> bool:
    """Return whether a table holds a TH of its own (not one of a table nested in it)."""
    if depth > 50:
        return False  # deeper than any real table: a broken tree that loops
    for kid in structure_kids(table):
        kid = kid.get_object()
        role = standard_role(str(kid.get("/S", "")), roles)
        if role == "/TH" or (role not in ("", "/Table") and has_header_cell(kid, roles, depth + 1)):
            return True
    return False


# The deck


def audit_deck(path: Path, material: Material) -> list[Finding]:
    """Return the accessibility problems of the deck, by PowerPoint's Accessibility Checker rules."""
    from pptx import Presentation

    deck = Presentation(path)
    findings: list[Finding] = []
    titled: dict[str, str] = {}  # each title, and the slide that has it first
    for number, slide in enumerate(deck.slides, start=1):
        where = f"slide {number}"
        title = title_of(slide)
        findings += slide_title_problems(path, where, title, titled)
        findings += reading_order_problems(path, where, slide, title)
        for shape in shapes_of(slide.shapes):
            findings += alt_text_problems(path, where, shape)
            findings += table_header_problems(path, where, shape)
        findings += unlabelled_runs(path, where, slide._element.cSld.spTree, material.document.language)
        if slide.has_notes_slide:
            findings += unlabelled_runs(path, f"{where} notes", slide.notes_slide._element.cSld.spTree,
                                        material.document.language)
    return findings


def title_of(slide):
    """Return the slide's title placeholder, or None if it has none."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
    return next((shape for shape in slide.placeholders if shape.placeholder_format.type in kinds), None)


def slide_title_problems(path: Path, where: str, title, titled: dict[str, str]) -> Iterator[Finding]:
    """Report a slide without a title, or with the title of an earlier slide; remember its title in `titled`."""
    text = " ".join(title.text_frame.text.split()) if title is not None and title.has_text_frame else ""
    if not text:
        message = "The slide has no title placeholder." if title is None else "The slide's title is empty."
        yield finding("slide-title", path, where,
                      f"{message} Screen readers and the slide list use the title to say which slide this is.",
                      "give the slide a title in its title placeholder (a layout with a title, if it has none)")
    elif text in titled:
        yield finding("unique-title", path, where,
                      f"The title '{text}' is also the title of {titled[text]}, "
                      "so people cannot tell the two slides apart by title.",
                      "change one of the titles, e.g. add '(continued)' or what sets this slide apart")
    else:
        titled[text] = where


def reading_order_problems(path: Path, where: str, slide, title) -> Iterator[Finding]:
    """Report a slide whose title is not the first shape a screen reader reads."""
    shapes = list(slide.shapes)
    if title is not None and shapes and shapes[0].shape_id != title.shape_id:
        yield finding("reading-order", path, where,
                      f"A screen reader reads '{shapes[0].name}' before the slide's title.",
                      "move the title to the top of the slide's Reading Order pane (Home > Arrange > Reading Order)")


def shapes_of(shapes) -> Iterator:
    """Yield every shape, and every shape inside a group, in reading order."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shapes_of(shape.shapes)


def needs_alt_text(shape) -> str:
    """Return what kind of object a screen reader needs alt text for ('picture', 'chart' ...), or ''."""
    tag = shape._element.tag
    if tag == f"{_P}pic":
        return "picture"
    if tag == f"{_P}grpSp":
        return "group"
    if tag == f"{_P}graphicFrame":
        data = shape._element.find(f"{_A}graphic/{_A}graphicData")
        uri = data.get("uri") if data is not None else ""
        return "" if uri == _TABLE_GRAPHIC else _GRAPHIC_KINDS.get(uri, "graphic")
    return ""  # text boxes and drawn shapes are read by their text


def alt_text_problems(path: Path, where: str, shape) -> Iterator[Finding]:
    """Report a picture, chart, SmartArt graphic or group with no alt text, or with a file name as alt text."""
    kind = needs_alt_text(shape)
    if not kind:
        return
    properties = shape._element.find(f"*/{_P}cNvPr")
    if properties is None or is_decorative(properties):
        return
    described = (properties.get("descr") or "").strip()
    if not described:
        yield finding("alt-text", path, where,
                      f"The {kind} '{shape.name}' has no alt text, so screen reader users miss what it shows.",
                      "describe it in its alt text (right-click > View Alt Text), or mark it as decorative")
    elif _FILE_NAME.fullmatch(described):
        yield finding("alt-text", path, where,
                      f"The {kind} '{shape.name}' has the alt text '{described}', a file or default name, "
                      "not a description.",
                      "replace the alt text with a sentence saying what it shows, or mark it as decorative")


def is_decorative(properties) -> bool:
    """Return whether a shape's properties mark it as decorative, which screen readers skip."""
    for extension in properties.iterfind(f"{_A}extLst/{_A}ext"):
        if extension.get("uri") == _DECORATIVE_EXTENSION:
            mark = extension.find(_DECORATIVE)
            if mark is not None and mark.get("val") in ("1", "true"):
                return True
    return False


def table_header_problems(path: Path, where: str, shape) -> Iterator[Finding]:
    """Report a table whose first row is not marked as its header row."""
    if shape.has_table and not shape.table.first_row:
        yield finding("table-header", path, where,
                      f"The table '{shape.name}' has no header row, so screen readers cannot name a cell's column.",
                      "put the column headings in the first row and tick Table Design > Header Row")


def unlabelled_runs(path: Path, where: str, tree, language: str) -> Iterator[Finding]:
    """Warn about the text runs under `tree` that do not say which language they are in."""
    runs = [run for run in tree.iter(f"{_A}r", f"{_A}fld")
            if run.find(f"{_A}rPr") is None or not run.find(f"{_A}rPr").get("lang")]
    if runs:
        first = "".join(text.text or "" for text in runs[0].iter(f"{_A}t")).strip()
        counted = "1 run" if len(runs) == 1 else f"{len(runs)} runs"
        yield finding("deck-language", path, where,
                      f"Some text does not say which language it is in ({counted}, the first '{first}'), "
                      "so screen readers may pronounce it wrongly.",
                      f"set the language of the text to {language} (Review > Language)", WARNING)
