"""The clinic flyer: one page of the brand's paper, readable from across a waiting room."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..model import Block, Material
from ..qr import qr_image
from .base import PdfBuilder

# The body type size is searched between these, in half points; 14 pt is the smallest a flyer may use.
LARGEST_BODY_PT = 32.0

# Blocks the flyer shows as a column of short lines, in either mode: two sections made only of
# these can stand side by side.
_LINES_IN_HEADLINES = ("statements", "steps", "contacts")
_LINES_ALWAYS = ("points",)
# Blocks with no short form: under `headlines` the flyer leaves them out.
_WITHOUT_HEADLINES = ("text", "callout")
# The least share of the width the narrower of two side-by-side sections gets; more would leave the
# other's long lines too little room, less would squeeze its own.
_LEAST_SHARE = 0.425


@dataclass(frozen=True)
class ShownBlock:
    """A block as the flyer shows it: whole ('full') or only its short lines ('headlines')."""

    block: Block
    mode: str

    @property
    def kind(self) -> str:
        """Return the kind of the block shown."""
        return self.block.kind

    @property
    def content(self):
        """Return what the block holds."""
        return self.block.content

    @property
    def is_lines(self) -> bool:
        """Return whether the flyer shows this block as a column of short lines."""
        return self.kind in _LINES_ALWAYS or (self.kind in _LINES_IN_HEADLINES and self.mode == "headlines")

    @property
    def lines(self) -> tuple[str, ...]:
        """Return the block's short lines (headlines, steps, row names, contacts, points), which size its column."""
        kind, content = self.kind, self.content
        if kind == "statements":
            return tuple(statement.headline for statement in content)
        if kind == "steps":
            return tuple(step.step for step in content)
        if kind == "table":
            return content.names
        if kind == "contacts":
            return tuple(f"{contact.name} {contact.phone}" for contact in content)
        if kind == "points":
            return content
        return ()


@dataclass(frozen=True)
class FlyerSection:
    """A section as the flyer shows it: its heading and the blocks shown (none: the heading alone)."""

    heading: str
    blocks: tuple[ShownBlock, ...]

    @property
    def narrow(self) -> bool:
        """Return whether the section is only columns of short lines, so that it can stand beside another."""
        return bool(self.blocks) and all(shown.is_lines for shown in self.blocks)

    @property
    def panel(self) -> bool:
        """Return whether the section is set off in the tinted panel: one that shows a table, whole or its row names.

        A table's row names are the flyer's invitation to compare; the panel sets them apart from the
        headlines. Other wide sections stand on the page, which leaves the type more room.
        """
        return any(shown.kind == "table" for shown in self.blocks)

    @property
    def length(self) -> int:
        """Return how many characters the section's lines hold, to share the width between two sections."""
        return sum(len(line) for shown in self.blocks for line in shown.lines)


@dataclass(frozen=True)
class FlyerRow:
    """A band across the flyer: one section, or two narrow ones side by side with their shares of the width."""

    sections: tuple[FlyerSection, ...]
    shares: tuple[float, ...] = (1.0,)

    @property
    def side_by_side(self) -> bool:
        """Return whether the row holds two sections next to each other."""
        return len(self.sections) == 2

    @property
    def spread(self) -> bool:
        """Return whether the row is a narrow section alone, whose short lines then stand in two columns."""
        return len(self.sections) == 1 and self.sections[0].narrow


def flyer_sections(material: Material, site_panel: bool = False) -> list[FlyerSection]:
    """Return the sections the flyer shows, each with the blocks it shows and how.

    A section marked `no` is left out, one marked `heading` shows its heading alone, and each
    other block shows what its section (or, unmarked, its kind) says. A site's flyer gives the
    room of the text blocks to the site's panel.
    """
    shown = []
    for section in material.sections:
        modes = [section.flyer_mode(block) for block in section.blocks]
        if all(mode == "no" for mode in modes):
            continue
        blocks = tuple(ShownBlock(block, mode) for block, mode in zip(section.blocks, modes)
                       if is_shown(block, mode) and not (site_panel and block.kind == "text"))
        shown.append(FlyerSection(section.heading, blocks))
    return shown


def is_shown(block: Block, mode: str) -> bool:
    """Return whether the flyer shows anything of `block` in `mode`: text and callouts have no headlines."""
    return mode == "full" or (mode == "headlines" and block.kind not in _WITHOUT_HEADLINES)


def flyer_rows(material: Material, site_panel: bool = False) -> list[FlyerRow]:
    """Return the flyer's sections in rows: two narrow sections in a row stand side by side, the rest span the page."""
    rows: list[FlyerRow] = []
    waiting: FlyerSection | None = None  # a narrow section that may get a neighbour
    for section in flyer_sections(material, site_panel):
        if section.narrow and waiting is None:
            waiting = section
            continue
        if section.narrow:
            rows.append(FlyerRow((waiting, section), shares(waiting, section)))
            waiting = None
            continue
        if waiting is not None:
            rows.append(FlyerRow((waiting,)))
            waiting = None
        rows.append(FlyerRow((section,)))
    if waiting is not None:
        rows.append(FlyerRow((waiting,)))
    return rows


def shares(left: FlyerSection, right: FlyerSection) -> tuple[float, float]:
    """Return the shares of the width two side-by-side sections get: more for the longer lines, within limits."""
    total = left.length + right.length
    share = left.length / total if total else 0.5
    share = round(min(max(share, _LEAST_SHARE), 1 - _LEAST_SHARE), 3)
    return share, round(1 - share, 3)


class FlyerBuilder(PdfBuilder):
    """Write flyer.pdf: what each section marks for the flyer and the credits, in the largest type that fits."""

    name = "flyer"
    filename = "flyer.pdf"
    description = "one page in large type for clinic walls and waiting rooms"
    template = "flyer.html"
    stylesheets = ("table.css", "flyer.css")
    max_pages = 1
    site_panel = False  # whether the flyer has a site's panel, which takes the room of the text blocks
    # Read from across a waiting room, 2 m away: the statements are never smaller. What does not fit at this
    # size is left off the flyer by the content (`flyer: heading` or `flyer: no`), not shrunk.
    smallest_body = 24.0
    largest_body = LARGEST_BODY_PT

    def build(self, material: Material, target: Path) -> None:
        document, _ = self.fit_to_one_page(material)
        self.write(document, target)

    def render(self, material: Material, **layout):
        """Return the flyer laid out with `layout`, its sections chosen and arranged by flyer_rows."""
        website = material.brand.website
        return super().render(material, rows=flyer_rows(material, self.site_panel),
                              website_qr=qr_image(f"https://{website}") if website else "", **layout)

    def fit_to_one_page(self, material: Material, largest: float | None = None,
                        too_long: str = "", tried: dict | None = None, **layout):
        """Return the flyer laid out in the largest body size up to `largest` that fits on one page, and that size.

        `too_long` says what to shorten when even the smallest size does not fit. `tried`
        holds layouts already made, by body size, for the search to start from.
        """
        # A search over half points: `low` fits and `high` does not. Each layout shows how much of the page
        # the text fills, and from the last two how fast it grows with the size; the next size tried is the
        # one that would just fill the page. A good guess settles it in three or four layouts.
        largest = self.largest_body if largest is None else largest
        tried = dict(tried or {})
        if not tried:
            tried[self.smallest_body] = self.render(material, body_size=self.smallest_body, **layout)
        fills = {size: share_filled(document) for size, document in tried.items()}
        fitting = {size: fits(document) for size, document in tried.items()}
        low = max((size for size, fit in fitting.items() if fit), default=None)
        high = min((size for size, fit in fitting.items() if not fit), default=largest + 0.5)
        last = list(tried)[-1]
        while low is None or high - low > 0.5:
            floor = self.smallest_body if low is None else low + 0.5
            size = min(max(_half_points(filling_size(fills, last)), floor), high - 0.5)
            if size < self.smallest_body:
                break
            document = self.render(material, body_size=size, **layout)
            tried[size], fills[size], fitting[size], last = document, share_filled(document), fits(document), size
            if fitting[size]:
                low = size
            else:
                high = size
        if low is None:
            # A word wider than any column the flyer could give it (a long web address, say) is broken
            # between letters at every size: then the largest size on one page will do.
            low = max((size for size, document in tried.items() if len(document.pages) == 1), default=None)
        if low is None:
            called = self.filename.removesuffix(".pdf")
            advice = too_long or (f"shorten the headlines, step lines, table row names or paragraphs the flyer "
                                  f"shows in {material.source}, or show less of a section there with "
                                  "`flyer: heading` or `flyer: no`")
            raise BuildError(f"{self.filename}: the {called} does not fit on one page even with "
                             f"{self.smallest_body:g} pt text; {advice}")
        return tried[low], low


def fits(document) -> bool:
    """Return whether a layout of the flyer is on one page with all its lines well broken (see line_faults)."""
    return len(document.pages) == 1 and not line_faults(document)


def line_faults(document) -> list[str]:
    """Return what is wrong with how the lines of the flyer's growing text are broken, one sentence each.

    At a large size in a narrow column, lines can break badly though the page holds the text:
    - a word is broken between letters: a word too wide for its column is (brand.css), and two words the
      typesetting keeps together ("seguridad pública") can be wider than a narrow column;
    - a short word stands alone on the first line ("It / Saves Lives", "Why / it matters"), the rest kept
      together below it; a long one ("Understanding / Harm Reduction") reads well.
    A line break is inside a word when the element's text has neither a space nor a hyphen or dash where
    one line ends and the next begins. The parts of a fixed size (`data-fixed-size`) are not the search's
    to fix.
    """
    from weasyprint.formatting_structure import boxes

    faults = []

    def text_of(box) -> str:
        if isinstance(box, boxes.TextBox):
            return box.text
        return "".join(text_of(child) for child in getattr(box, "children", ()))

    def walk(box) -> None:
        element = getattr(box, "element", None)
        if element is not None and element.get("data-fixed-size") is not None:
            return
        lines = [child for child in getattr(box, "children", ()) if isinstance(child, boxes.LineBox)]
        if len(lines) > 1 and element is not None:
            faults.extend(_faults_between(" ".join("".join(element.itertext()).split()),
                                          [" ".join(text_of(line).split()) for line in lines]))
        for child in getattr(box, "children", ()):
            if not isinstance(child, boxes.LineBox):
                walk(child)

    for page in document.pages:
        walk(page._page_box)
    return faults


_BREAKS_AFTER = " -\u2010\u2013\u2014/"
_SHORT_WORD = 4  # letters: a word this short alone on a line looks left behind


def _faults_between(text: str, lines: list[str]) -> list[str]:
    """Return what is wrong with setting `text` in `lines`: words broken between letters, a lone first word."""
    faults, position = [], 0
    if len(lines[0].split()) == 1 and len(lines[0]) <= _SHORT_WORD and len(text.split()) > 2:
        faults.append(f"'{lines[0]}' stands alone on the first line of '{text}'")
    for line, following in zip(lines, lines[1:]):
        found = text.find(line, position)
        if found < 0 or not line or not following:
            return faults  # not this element's own lines (a nested block's): nothing more to say
        position = found + len(line)
        if position < len(text) and text[position] not in _BREAKS_AFTER and line[-1] not in _BREAKS_AFTER:
            start = line.rsplit(" ", 1)[-1].split("\u00a0")[-1]
            faults.append(f"'{start}{following.split(' ', 1)[0]}' is broken between two lines")
    return faults


# How the height of text grows with its size when only one layout has been measured: a larger size makes both
# more lines and taller ones, so nearly with the square.
GROWTH = 1.9


def _half_points(size: float) -> float:
    """Return `size` rounded down to a half point."""
    return math.floor(size * 2) / 2


def filling_size(fills: dict[float, float], last: float) -> float:
    """Return the body size whose text would just fill the page, from the shares of the page filled at the sizes
    tried so far (`fills`), the size tried `last` and the one tried nearest to it."""
    growth = GROWTH
    others = [size for size in fills if size != last]
    if others:
        near = min(others, key=lambda size: abs(size - last))
        if fills[near] > 0 and fills[last] > 0 and fills[near] != fills[last]:
            growth = min(max(math.log(fills[last] / fills[near]) / math.log(last / near), 1.0), 3.0)
    return last * max(1 / max(fills[last], 0.01), 0.01) ** (1 / growth)


def share_filled(document) -> float:
    """Return how much of the room on the page the text that grows with the body size takes: 1 fills it, and a
    text running onto a second page takes more than 1.

    The parts of the body marked `data-fixed-size` in the template (the credits, a site's
    panel) keep their size whatever the body's, so they are not counted.
    """
    used = fixed = 0.0
    room = None
    for page in document.pages:
        box = page._page_box
        root = box.children[0]
        used += root.position_y + root.margin_height() - box.content_box_y()
        body = root.children[0] if root.children else None
        fixed += sum(part.margin_height() for part in (body.children if body is not None else [])
                     if getattr(part, "element", None) is not None and part.element.get("data-fixed-size") is not None)
        room = room if room is not None else box.height
    return max(used - fixed, 1.0) / max(room - fixed, 1.0)
