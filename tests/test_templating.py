"""The template environment: escaped, strict, and its filters."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from generator.builders.flyer import ShownBlock
from generator.builders.handout import handout_sections
from generator.model import Block, Contact, Table
from generator.paper import LETTER
from generator.templating import (
    keep_last_words_together,
    numbered_groups,
    paragraphs,
    percent,
    points,
    render_template,
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


def render_block(macro: str, **context) -> str:
    """Return the markup of a macro of templates/blocks.html called as `macro`, e.g. 'whole(block)'."""
    source = '{% import "blocks.html" as blocks %}{{ blocks.' + macro + " }}"
    return template_environment().from_string(source).render(**context)


def test_a_contact_links_its_email_and_web_page_unless_printed_on_a_flyer():
    block = Block(contacts=(Contact("Front desk", phone="(203) 555-0110", email="desk@example.org",
                                    web="example.org/rooms"),))
    markup = render_block("whole(block)", block=block)
    assert 'href="mailto:desk@example.org"' in markup and 'href="https://example.org/rooms"' in markup
    assert "href" not in render_block("whole(block, links=false)", block=block)


def test_the_flyer_shows_a_tables_row_names_or_the_whole_table():
    block = Block(table=Table(("Room", "Seats"), (("Garden Room", "12"), ("Corner Room", "6"))))
    names = render_block("on_flyer(shown)", shown=ShownBlock(block, "headlines"))
    assert "Garden Room" in names and "Seats" not in names and "<table" not in names
    whole = render_block("on_flyer(shown)", shown=ShownBlock(block, "full"))
    assert '<th scope="row">Garden Room</th>' in whole and '<th scope="col">Seats</th>' in whole


def test_text_in_a_block_is_escaped():
    markup = render_block("whole(block)", block=Block(callout="Keep <b>this</b> & that"))
    assert "Keep &lt;b&gt;this&lt;/b&gt; &amp;\u00a0that" in markup


def test_the_keywords_are_the_title_and_the_section_headings(material):
    html = render_template("handout.html", material=material, brand=material.brand, labels=material.labels,
                           sections=handout_sections(material), stylesheets=(), logo=None, paper=LETTER, press=None)
    headings = ", ".join(section.heading for section in material.sections)
    assert f'<meta name="keywords" content="{material.document.title}, {headings}">' in html


def test_a_missing_template_is_named_with_how_to_restore_it():
    from generator.errors import BuildError
    from generator.templating import TEMPLATES, render_template

    with pytest.raises(BuildError) as caught:
        render_template("no-such-part.html")
    assert str(caught.value) == (f"the template {TEMPLATES / 'no-such-part.html'} is missing; restore it (it comes "
                                 "with the project, e.g. `git checkout -- templates/no-such-part.html`)")


def test_the_call_to_action_keeps_the_word_before_the_website_and_the_stop_after_it_on_its_line(material):
    """The poster broke 'Questions / about harm reduction? Visit' around a website that could not end the line."""
    from generator.templating import call_to_action

    assert str(call_to_action(material)) == (
        'Questions about harm reduction? <span class="together">Visit <a class="filled" '
        'href="https://liberationprograms.org">liberationprograms.org</a>.</span>')
    phoned = dataclasses.replace(material, call_to_action="{phone} <any time>, or see {website}",
                                 brand=dataclasses.replace(material.brand, phone="(203) 555-0100"))
    assert str(call_to_action(phoned)) == (
        '<span class="together"><strong class="filled">(203)\u00a0555-0100</strong></span> &lt;any time&gt;, or '
        '<span class="together">see <a class="filled" href="https://liberationprograms.org">'
        'liberationprograms.org</a></span>')
