"""The template environment: escaped, strict, and its filters."""

from __future__ import annotations


import jinja2
import pytest

from generator.templating import (
    keep_last_words_together,
    numbered_groups,
    paragraphs,
    percent,
    points,
    shared_organisation,
    template_environment,
)


def test_a_misspelt_name_in_a_template_fails_instead_of_printing_nothing():
    environment = template_environment()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{{ material.titel }}").render(material={})


def test_the_last_two_words_stay_on_one_line():
    assert keep_last_words_together("It is NOT unethical.") == "It is NOT\u00a0unethical."
    assert keep_last_words_together("Engagement") == "Engagement"


def test_shared_organisation(material):
    authors = material.credits.authors
    assert shared_organisation(authors) == "Liberation Programs, Inc. – Bridgeport, CT"
    assert shared_organisation([authors[0], authors[1].__class__("A", "B", "Elsewhere", "a@b.org")]) is None


def test_inches_become_points_and_shares_percentages():
    assert points(0.7) == 50.4
    assert percent(0.38) == "38%"


def test_paragraphs_are_separated_by_blank_lines():
    assert paragraphs("Timing: 2 minutes.\n\nSay: hello\nthere.\n\n") == ["Timing: 2 minutes.", "Say: hello\nthere."]


def test_numbered_groups_keep_counting_across_groups():
    assert numbered_groups("abcde", 3) == [[(1, "a"), (2, "b"), (3, "c")], [(4, "d"), (5, "e")]]
