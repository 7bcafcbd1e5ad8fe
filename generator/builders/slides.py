"""The training deck: an editable 16:9 PowerPoint file with our own master, layouts and speaker notes."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from .. import deck_design as design
from ..deck_fit import overflowing_texts
from ..errors import BuildError
from ..model import Brand, Material
from ..slideplan import Paragraph, Slide, SlidePlan, TableSlice, plan_slides
from ..typesetting import around, keep_last_words_together, unbreakable
from .base import Builder

EMU_PER_INCH = 914400
_NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
# Placeholder types where a layout needs other than a title and content boxes (which take any content).
_TITLE_TYPES = {design.TITLE.name: "ctrTitle"}
_BODY_TYPES = {design.TITLE.name: "subTitle", design.SECTION.name: "body", design.CLOSING.name: "body"}


def emu(inches: float) -> int:
    """Return `inches` in English Metric Units, the unit of Office files."""
    return round(inches * EMU_PER_INCH)


def hundredths(points: float) -> int:
    """Return a type size in points as Office writes it, in hundredths of a point."""
    return round(points * 100)


def colour(hex_colour: str) -> str:
    """Return a '#RRGGBB' colour as Office writes it."""
    return hex_colour.lstrip("#").upper()


class SlidesBuilder(Builder):
    """Write slides.pptx from the slide plan: every slide measured to fit, with speaker notes."""

    name = "slides"
    filename = "slides.pptx"
    description = "the training deck for PowerPoint, with speaker notes on every slide"

    def build(self, material: Material, target: Path) -> None:
        plan = plan_slides(material)
        deck = DeckWriter(material, plan).write()
        problems = overflowing_texts(io.BytesIO(deck), plan.font)
        if problems:
            raise BuildError(f"{self.filename}: text would overflow its box: " + "; ".join(problems))
        target.write_bytes(deck)


class DeckWriter:
    """Write one deck: the master and layouts of our design, then each planned slide."""

    def __init__(self, material: Material, plan: SlidePlan):
        from pptx import Presentation

        self.material = material
        self.brand: Brand = material.brand
        self.plan = plan
        self.presentation = Presentation()
        self.layouts = {}

    def write(self) -> bytes:
        """Return the finished deck's bytes."""
        presentation = self.presentation
        presentation.slide_width = emu(design.SLIDE_WIDTH)
        presentation.slide_height = emu(design.SLIDE_HEIGHT)
        self.restyle_theme()
        self.restyle_master()
        self.make_layouts()
        for slide in self.plan.slides:
            self.add_slide(slide)
        self.describe()
        buffer = io.BytesIO()
        presentation.save(buffer)
        return reproducible_zip(buffer.getvalue())

    # The theme, master and layouts

    def restyle_theme(self) -> None:
        """Give the theme the brand's colours and the deck's font, so new content an editor adds matches."""
        from pptx.opc.constants import RELATIONSHIP_TYPE

        palette = self.brand.palette
        theme = self.presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
        scheme = {
            "dk1": palette.ink, "lt1": palette.paper, "dk2": palette.primary, "lt2": palette.tint,
            "accent1": palette.primary, "accent2": palette.accent, "accent3": palette.muted,
            "accent4": palette.line, "accent5": palette.primary, "accent6": palette.accent,
            "hlink": palette.primary, "folHlink": palette.accent,
        }
        colours = "".join(f'<a:{name}><a:srgbClr val="{colour(value)}"/></a:{name}>' for name, value in scheme.items())
        font = escape(self.brand.fonts.slides, {'"': "&quot;"})
        faces = f'<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/>'
        xml = theme.blob.decode("utf-8")
        xml = _replace_element(xml, "a:clrScheme", f'<a:clrScheme name="{escape(self.brand.organisation)}">{colours}</a:clrScheme>')
        xml = _replace_element(xml, "a:majorFont", f"<a:majorFont>{faces}</a:majorFont>")
        xml = _replace_element(xml, "a:minorFont", f"<a:minorFont>{faces}</a:minorFont>")
        theme._blob = xml.encode("utf-8")

    def restyle_master(self) -> None:
        """Set the master's background and the text styles every layout and slide inherits."""
        from pptx.oxml import parse_xml

        master = self.presentation.slide_master._element
        palette = self.brand.palette
        _set_background(master, palette.paper)
        language = self.plan.language
        title_style = _level_styles(1, design.CONTENT.title.size, palette.primary, True, language)
        body_style = _level_styles(9, design.CONTENT.bodies[0].size, palette.ink, False, language)
        other_style = _level_styles(9, 18, palette.ink, False, language)
        styles = parse_xml(
            f"<p:txStyles {_NAMESPACES}><p:titleStyle>{title_style}</p:titleStyle>"
            f"<p:bodyStyle>{body_style}</p:bodyStyle><p:otherStyle>{other_style}</p:otherStyle></p:txStyles>"
        )
        old = master.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")
        master.replace(old, styles)
        # The master's own boxes follow the title-and-content layout, for any layout an editor adds later.
        tree = master.cSld.spTree
        for shape in list(tree.iterchildren("{http://schemas.openxmlformats.org/presentationml/2006/main}sp")):
            tree.remove(shape)
        self.add_boxes(tree, design.CONTENT, master=True)

    def make_layouts(self) -> None:
        """Turn the template's layouts into ours, one per design layout, and remove the rest."""
        presentation = self.presentation
        template_layouts = list(presentation.slide_layouts)
        while len(template_layouts) < len(design.LAYOUTS):
            template_layouts.append(_added_layout(presentation.slide_master))
        for layout, design_layout in zip(template_layouts, design.LAYOUTS):
            element = layout._element
            element.cSld.set("name", design_layout.name)
            element.set("preserve", "1")
            tree = element.cSld.spTree
            for shape in list(tree)[2:]:
                tree.remove(shape)
            if design_layout.dark:
                _set_background(element, self.brand.palette.primary)
            elif design_layout is design.SECTION:
                _set_background(element, self.brand.palette.tint)
            self.add_boxes(tree, design_layout)
            self.layouts[design_layout.name] = layout
        for layout in template_layouts[len(design.LAYOUTS):]:
            presentation.slide_layouts.remove(layout)

    def add_boxes(self, tree, layout: design.Layout, master: bool = False) -> None:
        """Add `layout`'s placeholders and decoration to a layout's (or the master's) shape tree."""
        from pptx.oxml import parse_xml

        palette = self.brand.palette
        text = palette.paper if layout.dark else palette.primary
        language = self.plan.language
        title_type = "title" if master else _TITLE_TYPES.get(layout.name, "title")
        body_type = "body" if master else _BODY_TYPES.get(layout.name)
        shapes = [_placeholder(2, "Title", title_type, None, layout.title, text, language)]
        for number, box in enumerate(layout.bodies, start=1):
            fill = getattr(palette, box.fill) if box.fill else None
            shapes.append(_placeholder(2 + number, f"Text {number}", body_type, number, box, self.ink(layout, box),
                                       language, fill))
        if not master:  # the master carries only placeholders; each layout draws its own decoration
            shapes += self.decoration(layout)
        for shape in shapes:
            tree.append(parse_xml(shape))

    def decoration(self, layout: design.Layout) -> list[str]:
        """Return the XML of a layout's accent rule and footer."""
        palette = self.brand.palette
        shapes = []
        if layout.rule_top is not None:
            # On the dark title slide the warm accent would be too faint; the light panel colour stands out.
            rule_colour = palette.tint if layout.dark else palette.accent
            shapes.append(_rule(10, design.MARGIN + design.INSET_X, layout.rule_top, 1.6, rule_colour))
        if not (layout.dark or layout is design.SECTION):
            shapes.append(_footer(11, f"{self.brand.organisation} · {self.brand.website} · {self.material.document.title}",
                                  palette.muted, self.plan.language))
        return shapes

    # Slides

    def add_slide(self, planned: Slide) -> None:
        """Add one planned slide: its title, text boxes or table, and notes."""
        from pptx.util import Inches

        slide = self.presentation.slides.add_slide(self.layouts[planned.layout.name])
        palette = self.brand.palette
        light = planned.layout.dark
        slide.shapes.title.text_frame.text = ""
        title = keep_last_words_together(planned.title)  # as it was measured (see SlidePlanner.title_size)
        self.fill(slide.shapes.title.text_frame, [Paragraph(title, planned.title_size, bold=True)],
                  palette.paper if light else palette.primary, planned.emphasis)
        bodies = [shape for shape in slide.placeholders if shape.placeholder_format.idx != 0]
        for number, shape in enumerate(bodies):
            paragraphs = planned.bodies[number] if number < len(planned.bodies) else ()
            if paragraphs:
                self.fill(shape.text_frame, paragraphs, self.ink(planned.layout, planned.layout.bodies[number]))
                # Said on the slide too, so that a check of the slide alone measures the room the text has.
                inset = Inches(planned.layout.bodies[number].inset_x)
                shape.text_frame.margin_left = shape.text_frame.margin_right = inset
            else:
                shape._element.getparent().remove(shape._element)  # an empty box would show "Click to add text"
        if planned.table:
            self.add_table(slide, planned.table)
        if planned.layout in (design.TITLE, design.CLOSING) and self.brand.logo:
            self.add_logo(slide)
        if self.material.document.draft:
            self.add_draft_mark(slide, palette.paper if light else palette.accent)
        notes = slide.notes_slide.notes_text_frame
        notes.text = planned.notes
        for paragraph in notes.paragraphs:
            for run in paragraph.runs:
                run._r.get_or_add_rPr().set("lang", self.plan.language)

    def add_logo(self, slide) -> None:
        """Add the brand's logo, with its alt text, on a plate of the paper colour marked as decoration."""
        from pptx.dml.color import RGBColor
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Inches

        from ..logo import logo_of, slide_picture

        picture = logo_of(self.brand)
        left, top, width, height = design.logo_place(picture.aspect)
        pad = design.LOGO_PADDING
        plate = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left - pad), Inches(top - pad),
                                       Inches(width + 2 * pad), Inches(height + 2 * pad))
        plate.name = "Logo plate"
        plate.adjustments[0] = 0.12
        plate.fill.solid()
        plate.fill.fore_color.rgb = RGBColor.from_string(colour(self.brand.palette.paper))
        plate.line.fill.background()
        plate.shadow.inherit = False
        _mark_decorative(plate._element.nvSpPr.cNvPr)
        shown = slide.shapes.add_picture(io.BytesIO(slide_picture(picture)), Inches(left), Inches(top),
                                         Inches(width), Inches(height))
        shown.name = "Logo"
        shown._element.nvPicPr.cNvPr.set("descr", self.brand.logo.alt)

    def ink(self, layout: design.Layout, box: design.Box) -> str:
        """Return the colour of the text in `box`: its own, or the paper colour on a dark layout."""
        palette = self.brand.palette
        return palette.paper if layout.dark else getattr(palette, box.ink)

    def add_draft_mark(self, slide, text_colour: str) -> None:
        """Mark a slide of a draft, last in reading order, so nobody presents it as approved."""
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Inches

        box = design.DRAFT_MARK
        shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
        shape.name = "Draft mark"
        self.fill(shape.text_frame, [Paragraph(self.material.labels.draft_mark, box.size, bold=True)], text_colour)
        shape.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT

    def fill(self, frame, paragraphs, text_colour: str, emphasis: str = "") -> None:
        """Write `paragraphs` into a text frame with explicit sizes, spacing, colour and language; the word
        `emphasis` (see Slide.emphasis), where it is, in the accent colour."""
        from pptx.dml.color import RGBColor
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Pt

        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.word_wrap = True
        for number, planned in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.line_spacing = 1.0
            paragraph.space_before = Pt(0)
            paragraph.space_after = Pt(design.space_after(planned.size, number == len(paragraphs) - 1))
            before, found, after = around(unbreakable(planned.text), emphasis)  # as measured (see measure.wrap)
            for piece, stands_out in ((before, False), (found, True), (after, False)):
                if not piece:
                    continue
                run = paragraph.add_run()
                run.text = piece
                run.font.size = Pt(planned.size)
                run.font.bold = planned.bold
                run.font.color.rgb = RGBColor.from_string(colour(self.brand.palette.accent if stands_out
                                                                 else text_colour))
                run._r.get_or_add_rPr().set("lang", self.plan.language)

    def add_table(self, slide, table: TableSlice) -> None:
        """Add part of a table as a native table with a header row, its columns and rows sized as measured."""
        from pptx.util import Inches

        box = design.TABLE.table
        rows = (table.header, *table.rows)
        shape = slide.shapes.add_table(len(rows), len(table.header), Inches(box.left), Inches(box.top),
                                       Inches(box.width), Inches(sum(table.heights)))
        shape.name = "Table"
        shape._element.graphic.graphicData.tbl.tblPr.set("bandRow", "0")
        grid = shape.table
        for column, share in zip(grid.columns, table.shares):
            column.width = emu(box.width * share)
        palette = self.brand.palette
        for number, (row, cells, height) in enumerate(zip(grid.rows, rows, table.heights)):
            row.height = emu(height)
            header = number == 0
            background = palette.primary if header else (palette.tint if number % 2 == 0 else palette.paper)
            for column, (cell, text) in enumerate(zip(row.cells, cells)):
                self.style_cell(cell, background)
                bold = header or column == 0
                ink = palette.paper if header else (palette.primary if column == 0 else palette.ink)
                self.fill(cell.text_frame, [Paragraph(text, table.size, bold=bold)], ink)

    def style_cell(self, cell, background: str) -> None:
        from pptx.dml.color import RGBColor
        from pptx.util import Inches

        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(colour(background))
        cell.margin_left = cell.margin_right = Inches(design.CELL_INSET_X)
        cell.margin_top = cell.margin_bottom = Inches(design.CELL_INSET_Y)

    # The file

    def describe(self) -> None:
        """Set the file's properties from the content, with fixed dates so the same content gives the same bytes."""
        properties = self.presentation.core_properties
        document = self.material.document
        moment = datetime.datetime.combine(document.date, datetime.time(12, 0))
        properties.title = document.title
        properties.subject = document.subject
        properties.author = self.brand.organisation
        properties.last_modified_by = self.brand.organisation
        properties.language = document.language
        # Semicolons, not commas, between keywords: a section's heading may have a comma of its own.
        properties.keywords = "; ".join((document.title, *(section.heading for section in self.material.sections)))
        properties.comments = f"Version {document.version}"
        properties.revision = document.version
        properties.created = moment
        properties.modified = moment
        properties.last_printed = moment


def _replace_element(xml: str, tag: str, replacement: str) -> str:
    """Return `xml` with the first element `tag` (and everything in it) replaced."""
    start = xml.index(f"<{tag}")
    end = xml.index(f"</{tag}>", start) + len(f"</{tag}>")
    return xml[:start] + replacement + xml[end:]


def _set_background(element, hex_colour: str) -> None:
    """Give a master or layout a solid background colour."""
    from pptx.oxml import parse_xml

    csld = element.cSld
    old = csld.find("{http://schemas.openxmlformats.org/presentationml/2006/main}bg")
    if old is not None:
        csld.remove(old)
    background = parse_xml(f'<p:bg {_NAMESPACES}><p:bgPr><a:solidFill><a:srgbClr val="{colour(hex_colour)}"/>'
                           f'</a:solidFill><a:effectLst/></p:bgPr></p:bg>')
    csld.insert(0, background)


def _added_layout(master):
    """Return a new slide layout of `master`, a copy of its first: the template has fewer layouts than our design."""
    import copy

    from pptx.opc.constants import RELATIONSHIP_TYPE
    from pptx.parts.slide import SlideLayoutPart

    first = master.slide_layouts[0]
    element = copy.deepcopy(first._element)
    element.attrib.pop("type", None)  # a custom layout: the first one's type (title) is the first one's alone
    package = master.part.package
    part = SlideLayoutPart(package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"), first.part.content_type,
                           package, element)
    part.relate_to(master.part, RELATIONSHIP_TYPE.SLIDE_MASTER)
    entries = master._element.get_or_add_sldLayoutIdLst()
    # Layout ids follow the master's and must be unique among them.
    number = max(int(entry.get("id")) for entry in entries.sldLayoutId_lst) + 1
    entry = entries._add_sldLayoutId(rId=master.part.relate_to(part, RELATIONSHIP_TYPE.SLIDE_LAYOUT))
    entry.set("id", str(number))
    return part.slide_layout


def _level_styles(levels: int, size: float, hex_colour: str, bold: bool, language: str) -> str:
    """Return paragraph styles for outline levels 1..`levels`: no bullets, single spacing, explicit type."""
    styles = []
    for level in range(1, levels + 1):
        styles.append(
            f'<a:lvl{level}pPr marL="0" indent="0" algn="l"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
            f'<a:defRPr sz="{hundredths(size)}" b="{int(bold)}" lang="{language}">'
            f'<a:solidFill><a:srgbClr val="{colour(hex_colour)}"/></a:solidFill>'
            f'<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl{level}pPr>'
        )
    return "".join(styles)


def _placeholder(shape_id, name, kind, index, box: design.Box, hex_colour, language, fill=None) -> str:
    """Return the XML of a text placeholder on a master or layout; a card's or a band's has the `fill` colour behind
    it."""
    attributes = (f' type="{kind}"' if kind else "") + (f' idx="{index}"' if index is not None else "")
    background = (f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{colour(fill)}"/>'
                  f'</a:solidFill>' if fill else "")
    return (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(name)}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{attributes}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{emu(box.left)}" y="{emu(box.top)}"/>'
        f'<a:ext cx="{emu(box.width)}" cy="{emu(box.height)}"/></a:xfrm>{background}</p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" lIns="{emu(box.inset_x)}" tIns="{emu(design.INSET_Y)}" '
        f'rIns="{emu(box.inset_x)}" bIns="{emu(design.INSET_Y)}" anchor="{_ANCHORS[box.anchor]}">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle>{_level_styles(1, box.size, hex_colour, box.bold, language)}'
        f'</a:lstStyle><a:p><a:endParaRPr lang="{language}"/></a:p></p:txBody></p:sp>'
    )


_DECORATIVE = ('<a:ext xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
               'uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
               'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext>')


def _mark_decorative(properties) -> None:
    """Mark a shape, by its non-visual properties (p:cNvPr), as decoration a screen reader skips."""
    from pptx.oxml import parse_xml

    properties.set("descr", "")
    extensions = parse_xml('<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                           f'{_DECORATIVE}</a:extLst>')
    properties.append(extensions)


def _rule(shape_id, left, top, width, hex_colour) -> str:
    """Return the XML of the short accent rule drawn under titles (decoration, not content)."""
    return (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Accent rule" descr="">'
        f'<a:extLst><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">'
        f'<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
        f'</a:ext></a:extLst></p:cNvPr><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{emu(left)}" y="{emu(top)}"/><a:ext cx="{emu(width)}" cy="{emu(0.07)}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{colour(hex_colour)}"/>'
        f'</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def _footer(shape_id, text, hex_colour, language) -> str:
    """Return the XML of the footer line with the organisation and the slide number."""
    top = design.SLIDE_HEIGHT - 0.55
    return (
        f'<p:sp {_NAMESPACES}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Footer"/><p:cNvSpPr txBox="1"/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{emu(design.MARGIN)}" y="{emu(top)}"/>'
        f'<a:ext cx="{emu(design.CONTENT_WIDTH)}" cy="{emu(0.4)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="{emu(design.INSET_X)}" '
        f'tIns="{emu(design.INSET_Y)}" rIns="{emu(design.INSET_X)}" bIns="{emu(design.INSET_Y)}" anchor="b">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="l"><a:tabLst><a:tab pos="{emu(design.CONTENT_WIDTH - 0.2)}" algn="r"/></a:tabLst></a:pPr>'
        f'<a:r><a:rPr lang="{language}" sz="1400"><a:solidFill><a:srgbClr val="{colour(hex_colour)}"/></a:solidFill>'
        f'</a:rPr><a:t>{escape(text)}\t</a:t></a:r>'
        f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr lang="{language}" sz="1400">'
        f'<a:solidFill><a:srgbClr val="{colour(hex_colour)}"/></a:solidFill></a:rPr><a:t>‹#›</a:t></a:fld>'
        f'</a:p></p:txBody></p:sp>'
    )


def reproducible_zip(data: bytes) -> bytes:
    """Return the deck's zip rewritten with fixed timestamps, so the same deck gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = ["[Content_Types].xml"] + sorted(name for name in names if name != "[Content_Types].xml")
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return output.getvalue()
