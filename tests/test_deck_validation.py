"""Every deck passes Microsoft's Open XML SDK validator, run independently of python-pptx (see package.json)."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

from generator.build import build
from generator.content import load_content

from .conftest import BRAND, ROOT

VALIDATOR = ROOT / "node_modules" / ".bin" / "ooxml-validate"


def problems_of(deck: Path) -> list[dict]:
    """Return what the Open XML SDK validator finds wrong with `deck` (PowerPoint for Microsoft 365's schema)."""
    assert VALIDATOR.exists(), "the deck validator is missing: run `make test`, which installs it with npm"
    finished = subprocess.run([str(VALIDATOR), str(deck), "--of", "json"], capture_output=True, text=True,
                              timeout=300, check=False)
    assert finished.returncode == 0 or finished.stdout.strip(), finished.stderr
    return json.loads(finished.stdout)


def test_the_shipped_deck_is_valid_open_xml(outputs):
    assert problems_of(outputs / "slides.pptx") == []


def test_a_deck_of_every_other_kind_of_block_is_valid_open_xml(tmp_path):
    material = load_content(ROOT / "tests" / "materials" / "room-setup.yaml", BRAND)
    build(material, tmp_path, names=["slides"])
    assert problems_of(tmp_path / "slides.pptx") == []


def test_the_validator_finds_a_deck_that_breaks_the_schema(outputs, tmp_path):
    broken = tmp_path / "slides.pptx"
    with zipfile.ZipFile(outputs / "slides.pptx") as source, zipfile.ZipFile(broken, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld>", b'<p:cSld made-up="1">', 1)
            target.writestr(member, data)
    assert problems_of(broken), "the validator passed a deck with an attribute the schema does not have"
