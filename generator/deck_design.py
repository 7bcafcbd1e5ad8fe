"""The deck's design: slide size, the layouts' boxes and their type sizes, shared by planning and building.

Positions and sizes are in inches, type sizes in points. The slide plan measures
text against these boxes; the deck builder draws its slide master and layouts
from them; so what is measured is what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

SLIDE_WIDTH = 13 + 1 / 3  # 16:9 with the height below
SLIDE_HEIGHT = 7.5
MARGIN = 0.7
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN

MIN_BODY_PT = 20
MIN_TITLE_PT = 28
SIZE_STEP_PT = 2

# The space between a text box's edge and its text, as PowerPoint's defaults.
INSET_X = 0.1
INSET_Y = 0.05


@dataclass(frozen=True)
class Box:
    """A text area on a slide: where it is, the type size it prefers and the smallest it may shrink to."""

    left: float
    top: float
    width: float
    height: float
    size: float
    min_size: float
    bold: bool = False
    anchor: str = "top"  # where the text sits in the box: top, middle or bottom
    fill: str = ""  # the palette colour drawn behind it, if any: 'tint' for a card or a panel
    inset_x: float = INSET_X  # the space between the box's sides and its text
    ink: str = "ink"  # the palette colour of its text (on a dark layout, the paper colour)

    @property
    def text_width_pt(self) -> float:
        """Return the width available to text, in points."""
        return (self.width - 2 * self.inset_x) * 72

    @property
    def text_height_pt(self) -> float:
        """Return the height available to text, in points."""
        return (self.height - 2 * INSET_Y) * 72


@dataclass(frozen=True)
class Layout:
    """A slide layout: its name in PowerPoint, its background, its title box and its text boxes."""

    name: str
    title: Box
    bodies: tuple[Box, ...]
    dark: bool = False  # light text on the primary colour instead of dark text on paper
    rule_top: float | None = None  # where the short rule under the title is drawn, if the layout has one
    table: Box | None = None  # where a table goes on layouts made for one


_TOP_TITLE = Box(MARGIN, 0.35, CONTENT_WIDTH, 1.35, size=36, min_size=MIN_TITLE_PT, bold=True, anchor="bottom")
_BODY_TOP = 2.0
_BODY_HEIGHT = 4.7
_COLUMN_WIDTH = (CONTENT_WIDTH - 0.5) / 2
_RULE_UNDER_TOP_TITLE = 1.8

TITLE = Layout(
    "Title",
    title=Box(MARGIN, 1.55, CONTENT_WIDTH, 2.1, size=54, min_size=36, bold=True, anchor="bottom"),
    bodies=(Box(MARGIN, 3.95, CONTENT_WIDTH, 2.9, size=28, min_size=MIN_BODY_PT),),
    dark=True,
    rule_top=3.72,
)
SECTION = Layout(
    "Section",
    title=Box(MARGIN, 1.9, CONTENT_WIDTH, 1.6, size=48, min_size=36, bold=True, anchor="bottom"),
    bodies=(Box(MARGIN, 3.85, CONTENT_WIDTH, 2.9, size=28, min_size=MIN_BODY_PT),),
    rule_top=3.62,
)
CONTENT = Layout(
    "Title and Content",
    title=_TOP_TITLE,
    bodies=(Box(MARGIN, _BODY_TOP, CONTENT_WIDTH, _BODY_HEIGHT, size=40, min_size=MIN_BODY_PT),),
    rule_top=_RULE_UNDER_TOP_TITLE,
)
# A statement: its headline large, and the fact beneath it in a panel of its own, so that a rebuttal
# ("It is NOT ...") reads apart from the fact that answers it.
STATEMENT = Layout(
    "Statement",
    title=Box(MARGIN, 0.45, CONTENT_WIDTH, 2.05, size=44, min_size=MIN_TITLE_PT, bold=True, anchor="bottom"),
    bodies=(Box(MARGIN, 2.95, CONTENT_WIDTH, 3.85, size=36, min_size=MIN_BODY_PT, anchor="middle", fill="tint",
                inset_x=0.4),),
    rule_top=2.62,
)
TWO_COLUMNS = Layout(
    "Two Columns",
    title=_TOP_TITLE,
    bodies=(
        Box(MARGIN, _BODY_TOP, _COLUMN_WIDTH, _BODY_HEIGHT, size=28, min_size=MIN_BODY_PT),
        Box(MARGIN + _COLUMN_WIDTH + 0.5, _BODY_TOP, _COLUMN_WIDTH, _BODY_HEIGHT, size=28, min_size=MIN_BODY_PT),
    ),
    rule_top=_RULE_UNDER_TOP_TITLE,
)
TABLE = Layout(
    "Table",
    title=_TOP_TITLE,
    bodies=(),
    table=Box(MARGIN, _BODY_TOP, CONTENT_WIDTH, 5.0, size=20, min_size=MIN_BODY_PT),
    rule_top=_RULE_UNDER_TOP_TITLE,
)
# The title starts low enough to leave the top left corner to the logo (see logo_place).
CLOSING = Layout(
    "Closing",
    title=Box(MARGIN, 1.2, CONTENT_WIDTH, 0.9, size=44, min_size=MIN_TITLE_PT, bold=True, anchor="bottom"),
    bodies=(
        Box(MARGIN, 2.15, _COLUMN_WIDTH, 3.9, size=24, min_size=MIN_BODY_PT),
        Box(MARGIN + _COLUMN_WIDTH + 0.5, 2.15, _COLUMN_WIDTH, 3.9, size=24, min_size=MIN_BODY_PT),
        # What to do next, where the full text is, and the version: two lines.
        Box(MARGIN, 6.05, CONTENT_WIDTH, 0.95, size=20, min_size=MIN_BODY_PT),
    ),
    dark=True,
)

# Statements as cards, two to four to a slide: side by side, or two rows of two.
_CARD_GAP = 0.35
_CARD_SIZE, _CARD_MIN = 32, 24


def _card(left: float, top: float, width: float, height: float) -> Box:
    return Box(left, top, width, height, size=_CARD_SIZE, min_size=_CARD_MIN, bold=True, anchor="middle", fill="tint",
               inset_x=0.3)


def _cards_in_a_row(count: int) -> tuple[Box, ...]:
    width = (CONTENT_WIDTH - (count - 1) * _CARD_GAP) / count
    return tuple(_card(MARGIN + number * (width + _CARD_GAP), _BODY_TOP + 0.3, width, _BODY_HEIGHT - 0.6)
                 for number in range(count))


_HALF_HEIGHT = (_BODY_HEIGHT - _CARD_GAP) / 2
CARDS = {
    2: Layout("Two Cards", title=_TOP_TITLE, bodies=_cards_in_a_row(2), rule_top=_RULE_UNDER_TOP_TITLE),
    3: Layout("Three Cards", title=_TOP_TITLE, bodies=_cards_in_a_row(3), rule_top=_RULE_UNDER_TOP_TITLE),
    4: Layout("Four Cards", title=_TOP_TITLE, rule_top=_RULE_UNDER_TOP_TITLE, bodies=tuple(
        _card(MARGIN + column * (_COLUMN_WIDTH + 0.5), _BODY_TOP + row * (_HALF_HEIGHT + _CARD_GAP),
              _COLUMN_WIDTH, _HALF_HEIGHT)
        for row in range(2) for column in range(2))),
}

# The logo on the title and closing slides: top left, above the title, on a plate of the paper colour, since a logo is
# drawn for light backgrounds and these slides are dark.
LOGO_HEIGHT = 0.7
LOGO_MAX_WIDTH = 2.8
LOGO_PADDING = 0.12
LOGO_TOP = 0.25


def logo_place(aspect: float) -> tuple[float, float, float, float]:
    """Return where the logo of `aspect` (width / height) goes: its left, top, width and height, in inches.

    The plate around it reaches LOGO_PADDING further on every side.
    """
    width = min(LOGO_HEIGHT * aspect, LOGO_MAX_WIDTH)
    height = width / aspect
    return MARGIN + LOGO_PADDING, LOGO_TOP + LOGO_PADDING + (LOGO_HEIGHT - height) / 2, width, height


# A table of three columns as "versus" panels, one or two of its rows to a slide: the two things compared named
# once, at the top, then each row's name on a band across the slide over two panels side by side, one for each
# thing. The title takes one line, and the rest of the slide goes to the rows, so that two of them fit with their
# cells at 28 pt, read from the back of a room. The headings have room for two lines: printed in the slides
# handout, a long one takes two.
MIN_VERSUS_PT = 28
_PANEL_GAP = 0.35
_PANEL_WIDTH = (CONTENT_WIDTH - _PANEL_GAP) / 2
_PANEL_INSET = 0.2
# Low enough that the mark of a draft stays clear of it.
_VERSUS_TITLE = Box(MARGIN, 0.28, CONTENT_WIDTH, 0.72, size=36, min_size=MIN_TITLE_PT, bold=True, anchor="bottom")
_VERSUS_HEADINGS = tuple(
    Box(MARGIN + column * (_PANEL_WIDTH + _PANEL_GAP), 1.0, _PANEL_WIDTH, 0.9, size=28, min_size=24, bold=True,
        anchor="bottom", inset_x=_PANEL_INSET, ink="accent")
    for column in range(2))


def _comparison(top: float, band_height: float, panel_height: float, name_size: float, name_min: float,
                cell_size: float) -> tuple[Box, ...]:
    """Return the boxes of one compared row: its name on a band across the slide, then its two panels under it."""
    band = Box(MARGIN, top, CONTENT_WIDTH, band_height, size=name_size, min_size=name_min, bold=True,
               anchor="middle", fill="primary", inset_x=_PANEL_INSET, ink="paper")
    panels = tuple(Box(MARGIN + column * (_PANEL_WIDTH + _PANEL_GAP), top + band_height, _PANEL_WIDTH, panel_height,
                       size=cell_size, min_size=MIN_VERSUS_PT, anchor="middle", fill="tint", inset_x=_PANEL_INSET)
                   for column in range(2))
    return (band, *panels)


COMPARISONS = {
    # One row: its name on one line, its panels down to the footer.
    1: Layout("One Comparison", title=_VERSUS_TITLE,
              bodies=(*_VERSUS_HEADINGS, *_comparison(1.9, 0.7, 4.4, 32, MIN_VERSUS_PT, 32))),
    # Two rows: each name on one line at 24 pt, each panel four lines at 28 pt.
    2: Layout("Two Comparisons", title=_VERSUS_TITLE,
              bodies=(*_VERSUS_HEADINGS, *_comparison(1.9, 0.52, 2.0, 24, 24, 32),
                      *_comparison(4.48, 0.52, 2.0, 24, 24, 32))),
}

# On every slide of a draft, top right, clear of the titles.
DRAFT_MARK = Box(SLIDE_WIDTH - MARGIN - 7.0, 0.05, 7.0, 0.45, size=20, min_size=MIN_BODY_PT, bold=True)

LAYOUTS = (TITLE, SECTION, CONTENT, TWO_COLUMNS, TABLE, CLOSING, STATEMENT, *CARDS.values(),
           *COMPARISONS.values())

# How far apart the slides handout prints the lines of a slide's text, as a multiple of the type size
# (slides-handout.css); it prints them in the print font, so the plan measures text in both fonts.
PRINTED_LINE_SPACING = 1.2

# A table's cells' inner margins.
CELL_INSET_X = 0.1
CELL_INSET_Y = 0.06

# Nothing may be drawn below this line but the footer.
CONTENT_BOTTOM = 7.0


def table_shares(columns: int) -> tuple[float, ...]:
    """Return the width of each of a table's `columns`, as shares of the table's width.

    The first column only names its row, so it is narrower than the others, which share the rest equally:
    a 3-column table gets (0.24, 0.38, 0.38).
    """
    # Rounded to hundredths of a percent: the printed tables write them as CSS percentages.
    first = round(min(0.3, 0.72 / columns), 4)
    rest = round((1 - first) / (columns - 1), 4)
    return (first, *[rest] * (columns - 1))


def space_after(size: float, last: bool) -> float:
    """Return the space after a paragraph of `size` points, in points: half a line, none after the last."""
    return 0.0 if last else size / 2
