"""docs/content-format.md: made from the model and the examples, with an example and pictures of every kind."""

from __future__ import annotations

import pytest
from PIL import Image

from generator.content import load_content
from generator.content_format import (BRAND, BROKEN, COMMAND, DOC_FILE, EXAMPLES, MISTAKES, PICTURE_WIDTH, PICTURES,
                                      broken_message, content_format_text)
from generator.errors import ContentError
from generator.model import KINDS

from .conftest import ROOT


@pytest.fixture(scope="module")
def doc() -> str:
    """The guide as it is written in docs/."""
    return (ROOT / DOC_FILE).read_text(encoding="utf-8")


def test_the_guide_is_what_the_model_and_examples_make_now(doc):
    assert doc == content_format_text(), f"{DOC_FILE} is out of date; run `{COMMAND}`"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_section_example_and_pictures(doc, kind):
    assert f"\n### `{kind}`\n" in doc
    assert (ROOT / EXAMPLES / f"{kind}.yaml").is_file()
    for place in ("handout", "slide"):
        picture = ROOT / PICTURES / f"{kind}-{place}.png"
        assert f"(pictures/{picture.name})" in doc
        assert picture.is_file(), f"{picture.name} is missing; run `{COMMAND} --pictures`"
        with Image.open(picture) as image:
            assert image.width == PICTURE_WIDTH


def test_the_kinds_come_in_the_models_order(doc):
    places = [doc.index(f"\n### `{kind}`\n") for kind in KINDS]
    assert places == sorted(places)


@pytest.mark.parametrize("path", sorted((ROOT / EXAMPLES).glob("*.yaml")), ids=lambda path: path.stem)
def test_every_example_loads_and_holds_one_block_of_its_kind(path):
    material = load_content(path, ROOT / BRAND)
    assert path.stem in KINDS
    assert len(material.sections) == 1
    assert [block.kind for block in material.sections[0].blocks] == [path.stem]


def test_every_broken_example_is_in_the_guide():
    assert sorted(path.stem for path in (ROOT / BROKEN).glob("*.yaml")) == sorted(MISTAKES)


@pytest.mark.parametrize("name", MISTAKES)
def test_each_message_quoted_is_what_loading_its_broken_example_says(doc, name):
    with pytest.raises(ContentError) as caught:
        load_content(ROOT / BROKEN / f"{name}.yaml", ROOT / BRAND)
    said = str(caught.value).replace(f"{ROOT}/", "")
    assert said == broken_message(name)
    assert f"```\n{said}\n```" in doc


def test_an_unknown_kind_is_answered_with_every_kind(doc):
    assert f"unknown key 'video'; expected one of: {', '.join(KINDS)}" in doc
