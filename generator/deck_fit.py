"""Check a finished deck, as PowerPoint will lay it out, for text that overflows its box or the slide."""

from __future__ import annotations

from . import deck_design as design
from .measure import Run, text_height

EMU_PER_POINT = 12700
_DEFAULT_INSETS = {"lIns": design.INSET_X, "rIns": design.INSET_X, "tIns": design.INSET_Y, "bIns": design.INSET_Y}


def overflowing_texts(deck_file, family: str) -> list[str]:
    """Return a sentence for each text box or table in the deck whose text would not fit, measured in `family`."""
    from pptx import Presentation

    problems = []
    for number, slide in enumerate(Presentation(deck_file).slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number}, '{shape.name}'"
            if shape.has_text_frame and shape.text_frame.text.strip():
                needed, room = _frame_heights(shape.text_frame, shape.width, shape.height, family)
                if needed > room:
                    problems.append(f"{where} needs {needed:.0f} pt of height but has {room:.0f} pt")
            elif getattr(shape, "has_table", False) and shape.has_table:
                bottom = shape.top / EMU_PER_POINT + sum(_row_height(row, shape, family) for row in shape.table.rows)
                limit = design.CONTENT_BOTTOM * 72
                if bottom > limit + 0.5:
                    problems.append(f"{where} reaches {bottom / 72:.2f} in down the slide; "
                                    f"it must end by {design.CONTENT_BOTTOM} in")
    return problems


def _runs(frame) -> list[Run]:
    runs = []
    for paragraph in frame.paragraphs:
        first = paragraph.runs[0] if paragraph.runs else None
        size = first.font.size.pt if first is not None and first.font.size is not None else 18.0
        bold = bool(first is not None and first.font.bold)
        after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
        runs.append(Run(paragraph.text, size, bold, after))
    return runs


def _insets(frame) -> dict[str, float]:
    body = frame._txBody.bodyPr
    return {name: int(body.get(name)) / 914400 if body.get(name) is not None else default
            for name, default in _DEFAULT_INSETS.items()}


def _frame_heights(frame, width_emu: int, height_emu: int, family: str) -> tuple[float, float]:
    """Return the height a text frame's text needs and the height it has, in points."""
    insets = _insets(frame)
    width = width_emu / EMU_PER_POINT - (insets["lIns"] + insets["rIns"]) * 72
    room = height_emu / EMU_PER_POINT - (insets["tIns"] + insets["bIns"]) * 72
    return text_height(_runs(frame), family, width), room


def _row_height(row, shape, family: str) -> float:
    """Return the height a table row takes, in points: as set, or taller if its text needs it."""
    needed = row.height / EMU_PER_POINT
    columns = shape.table.columns
    for cell, column in zip(row.cells, columns):
        margins_x = (cell.margin_left + cell.margin_right) / EMU_PER_POINT
        margins_y = (cell.margin_top + cell.margin_bottom) / EMU_PER_POINT
        text = text_height(_runs(cell.text_frame), family, column.width / EMU_PER_POINT - margins_x)
        needed = max(needed, text + margins_y)
    return needed
