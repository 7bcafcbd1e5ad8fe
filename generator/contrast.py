"""WCAG contrast between the brand's text colours and the backgrounds they are printed on."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Palette

AA_BODY = 4.5
AAA_BODY = 7.0


@dataclass(frozen=True)
class TextPair:
    """A text colour on a background, as the templates use them, with the ratio it needs."""

    text: str
    background: str
    minimum: float
    used_for: str


# Every text/background pair the templates print. Body text aims for AAA.
TEXT_PAIRS = (
    TextPair("ink", "paper", AAA_BODY, "body text"),
    TextPair("ink", "tint", AAA_BODY, "body text on panels and striped table rows"),
    TextPair("primary", "paper", AA_BODY, "headings and links"),
    TextPair("primary", "tint", AA_BODY, "headings on panels, row names on striped rows"),
    TextPair("paper", "primary", AA_BODY, "table header row"),
    TextPair("accent", "paper", AA_BODY, "organisation label"),
    TextPair("muted", "paper", AA_BODY, "page footers"),
)


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a '#RRGGBB' colour."""
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two '#RRGGBB' colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def printed_gray(colour: str) -> str:
    """Return the gray a black-and-white printer prints for a '#RRGGBB' colour.

    Printer drivers and office copiers weigh the channels as television did (ITU-R BT.601 luma), not as the
    eye does (WCAG's luminance): two colours far apart in luminance, such as a purple and a green, can come
    out as nearly the same gray.
    """
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return "#" + f"{round(0.299 * red + 0.587 * green + 0.114 * blue):02X}" * 3


def weak_pairs(palette: Palette) -> list[tuple[TextPair, str]]:
    """Return each text pair of `palette` below the contrast it needs, or below AA once printed in black and
    white, with a sentence saying so."""
    weak = []
    for pair in TEXT_PAIRS:
        text, background = getattr(palette, pair.text), getattr(palette, pair.background)
        ratio, gray = contrast_ratio(text, background), contrast_ratio(printed_gray(text), printed_gray(background))
        if ratio < pair.minimum:
            weak.append((pair, f"{pair.text} on {pair.background} ({pair.used_for}) has contrast {ratio:.2f}:1, "
                               f"below the {pair.minimum}:1 it needs"))
        elif gray < AA_BODY:
            weak.append((pair, f"{pair.text} on {pair.background} ({pair.used_for}) has contrast {gray:.2f}:1 when "
                               f"printed in black and white, below the {AA_BODY}:1 it needs"))
    return weak
