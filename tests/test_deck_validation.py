"""Every deck passes Microsoft's Open XML SDK validator, run independently of python-pptx (see package.json)."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from generator.build import build
from generator.content import load_content

from .conftest import BRAND, ROOT

VALIDATOR = ROOT / "node_modules" / "@ooxml-tools" / "validate"
SCRIPT = ROOT / "tests" / "validate-decks.mjs"  # validates every deck in one Node process: it is slow to start


@pytest.fixture(scope="module")
def problems(outputs, tmp_path_factory) -> dict[str, list[dict]]:
    """Return what the validator finds in the shipped deck, a deck of every other kind of block, and a broken deck."""
    assert VALIDATOR.is_dir(), "the deck validator is missing: run `make test`, which installs it with npm"
    folder = tmp_path_factory.mktemp("decks")
    build(load_content(ROOT / "tests" / "materials" / "room-setup.yaml", BRAND), folder / "room-setup", ["slides"])
    broken = folder / "broken.pptx"
    with zipfile.ZipFile(outputs / "slides.pptx") as source, zipfile.ZipFile(broken, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld>", b'<p:cSld made-up="1">', 1)
            target.writestr(member, data)
    decks = {"shipped": outputs / "slides.pptx", "room-setup": folder / "room-setup" / "slides.pptx",
             "broken": broken}
    finished = subprocess.run(["node", str(SCRIPT), *map(str, decks.values())], capture_output=True, text=True,
                              timeout=300, check=False, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr
    found = json.loads(finished.stdout)
    return {name: found[str(path)] for name, path in decks.items()}


def test_the_shipped_deck_is_valid_open_xml(problems):
    assert problems["shipped"] == []


def test_a_deck_of_every_other_kind_of_block_is_valid_open_xml(problems):
    assert problems["room-setup"] == []


def test_the_validator_finds_a_deck_that_breaks_the_schema(problems):
    assert problems["broken"], "the validator passed a deck with an attribute the schema does not have"
    assert all(problem["path"]["partUri"] == "/ppt/slides/slide1.xml" for problem in problems["broken"])
