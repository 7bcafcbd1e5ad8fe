"""Printed in black and white, every text of the flyer and the handout still stands out from what lies under it.

The pages are rendered in gray, as a black-and-white printer turns colours into gray, and each character is
compared with the ground around it: its darkest (or, on a dark band, lightest) pixel against the ground's, by
the WCAG contrast ratio of the two grays.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from generator.contrast import AA_BODY

DPI = 300  # the strokes of 7 pt type are two or three pixels wide: the darkest is the ink itself
RING = 3  # pixels around a character's box where its ground is read


def luminance(gray: int) -> float:
    """Return the relative luminance of an sRGB gray level, 0 to 255 (WCAG 2.1)."""
    value = gray / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def ratio(first: int, second: int) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def median(histogram: list[int]) -> int:
    """Return the median gray level of the pixels counted in a histogram of 256 levels."""
    half, seen = sum(histogram) / 2, 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return level
    return 255


def contrasts(path: Path) -> list[tuple[float, str, int]]:
    """Return (contrast, character, page) for every visible character of the PDF at `path` rendered in gray, in
    reading order."""
    document = pypdfium2.PdfDocument(path)
    found = []
    try:
        for number in range(len(document)):
            page = document[number]
            picture = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            width, height = picture.size
            text = page.get_textpage()
            page_height = page.get_height()
            for index in range(text.count_chars()):
                character = text.get_text_range(index, 1)
                if not character.strip():
                    continue
                left, bottom, right, top = text.get_charbox(index)
                box = [round(left * DPI / 72), round((page_height - top) * DPI / 72),
                       round(right * DPI / 72), round((page_height - bottom) * DPI / 72)]
                if box[2] - box[0] < 2 or box[3] - box[1] < 2:
                    continue
                darkest, lightest = picture.crop(box).getextrema()
                above = picture.crop((max(box[0] - RING, 0), max(box[1] - RING, 0), min(box[2] + RING, width), box[1]))
                below = picture.crop((max(box[0] - RING, 0), box[3], min(box[2] + RING, width),
                                      min(box[3] + RING, height)))
                ground = median([a + b for a, b in zip(above.histogram(), below.histogram())])
                ink = darkest if ground > 127 else lightest
                found.append((ratio(ink, round(ground)), character, number + 1))
    finally:
        document.close()
    return found


@pytest.mark.parametrize("name", ["flyer.pdf", "handout.pdf"])
def test_every_character_meets_aa_contrast_when_printed_in_gray(outputs, name):
    measured = contrasts(outputs / name)
    assert len(measured) > 300  # the pages' text was found and measured
    assert sorted(found for found in measured if found[0] < AA_BODY) == []


def test_the_measure_finds_text_that_is_too_pale_in_gray_alone(tmp_path, material):
    """Red on teal stands out by its hue more than by its lightness: in gray the two are too close."""
    from generator.builders.base import render_pdf_document

    readable, pale = "Readable black text on white paper.", "Red on teal, too close in gray."
    html = (f"<html lang='en'><body><p style='color:#000000; font-size:12pt'>{readable}</p>"
            f"<p style='background:#1D4E5C; color:#D9534F; font-size:12pt; padding:6pt'>{pale}</p></body></html>")
    render_pdf_document(html, material).write_pdf(tmp_path / "pale.pdf")
    measured = contrasts(tmp_path / "pale.pdf")
    first = len(readable.replace(" ", ""))
    assert "".join(character for _, character, _ in measured) == (readable + pale).replace(" ", "")
    assert all(contrast >= AA_BODY for contrast, _, _ in measured[:first])
    assert all(contrast < AA_BODY for contrast, _, _ in measured[first:])
