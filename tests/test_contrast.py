"""Contrast: the brand's text stays readable on screen and in black and white."""

from __future__ import annotations

import dataclasses

import pytest

from generator.checks import check_content, contrast_findings
from generator.content import load_content
from generator.contrast import TEXT_PAIRS, contrast_ratio, printed_gray, relative_luminance, weak_pairs

from .conftest import BRAND, CASES


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#767676", "#FFFFFF", 4.54)],
)
def test_contrast_ratio_follows_the_wcag_formula(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)


def test_relative_luminance_of_pure_colours():
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert relative_luminance("#00FF00") == pytest.approx(0.7152)


def test_the_shipped_brand_meets_its_contrast_targets(material):
    assert weak_pairs(material.brand.palette) == []
    assert contrast_findings(material) == []


def test_a_pale_text_colour_is_caught(material):
    pale = dataclasses.replace(material.brand.palette, muted="#A0A8B0")
    assert [message for _, message in weak_pairs(pale)] == [
        "muted on paper (page footers) has contrast 2.41:1, below the 4.5:1 it needs"
    ]


def test_a_pair_readable_in_colour_but_not_in_black_and_white_is_caught(material):
    # A purple heading on a green panel: 4.76:1 on screen, but nearly one gray on an office printer.
    clashing = dataclasses.replace(material.brand.palette, primary="#5D40A0", tint="#2EEA02")
    assert contrast_ratio("#5D40A0", "#2EEA02") >= 4.5
    assert [message for _, message in weak_pairs(clashing)] == [
        "primary on tint (headings on panels, row names on striped rows) has contrast 2.59:1 when printed in black "
        "and white, below the 4.5:1 it needs"]


def test_the_shipped_brand_prints_every_text_pair_at_aa_or_better_in_black_and_white(material):
    palette = material.brand.palette
    for pair in TEXT_PAIRS:
        gray = contrast_ratio(printed_gray(getattr(palette, pair.text)), printed_gray(getattr(palette, pair.background)))
        assert gray >= 4.5, pair


def test_a_brand_below_aa_fails_the_check_with_its_line(tmp_path):
    brand = tmp_path / "brand.yaml"
    text = BRAND.read_text().replace('muted: "#4A5560"', 'muted: "#A0A8B0"')
    brand.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  muted:"))
    report = check_content(load_content(CASES / "minimal.yaml", brand))
    assert [str(finding) for finding in report.errors] == [
        f"{brand}:{line}: contrast: palette.muted: muted on paper (page footers) has contrast 2.41:1, below the "
        "4.5:1 it needs -> make muted and paper further apart in lightness"
    ]


def test_the_report_lists_every_pair_with_its_ratio(material):
    table = check_content(material).contrast
    assert {"text": "ink", "background": "paper", "used_for": "body text", "ratio": 15.35, "minimum": 7.0} in table
    assert all(row["ratio"] >= row["minimum"] for row in table)
