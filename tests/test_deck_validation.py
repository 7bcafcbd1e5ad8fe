"""Every deck passes Microsoft's Open XML SDK validator, run independently of python-pptx (see package.json)."""

from __future__ import annotations

import json
import subprocess
import zipfile

from generator.build import build
from generator.content import load_content

from .conftest import BRAND, ROOT

VALIDATOR = ROOT / "node_modules" / "@ooxml-tools" / "validate"
SCRIPT = ROOT / "tests" / "validate-decks.mjs"  # validates every deck in one Node process: it is slow to start


def test_every_kind_of_deck_is_valid_open_xml_and_the_validator_finds_a_broken_one(outputs, tmp_path):
    """The shipped deck, a deck of every other kind of block with the brand's logo, and a deck with an attribute the
    schema does not have, validated in one run of the validator."""
    from .test_brand import branded

    assert VALIDATOR.is_dir(), "the deck validator is missing: run `make test`, which installs it with npm"
    room_setup = load_content(ROOT / "tests" / "materials" / "room-setup.yaml", branded(tmp_path / "brand"))
    build(room_setup, tmp_path / "room-setup", ["slides"])
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(outputs / "slides.pptx") as source, zipfile.ZipFile(broken, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<p:cSld>", b'<p:cSld made-up="1">', 1)
            target.writestr(member, data)
    decks = {"shipped": outputs / "slides.pptx", "room-setup": tmp_path / "room-setup" / "slides.pptx",
             "broken": broken}
    # --liftoff-only: V8 compiles the validator's WebAssembly once, with its baseline compiler; by default it compiles
    # the busiest functions again, optimised, on other threads, which for three decks costs more than it saves.
    finished = subprocess.run(["node", "--liftoff-only", str(SCRIPT), *map(str, decks.values())], capture_output=True,
                              text=True, timeout=300, check=False, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr
    found = json.loads(finished.stdout)
    problems = {name: found[str(path)] for name, path in decks.items()}

    assert problems["shipped"] == []
    assert problems["room-setup"] == []
    assert problems["broken"], "the validator passed a deck with an attribute the schema does not have"
    assert all(problem["path"]["partUri"] == "/ppt/slides/slide1.xml" for problem in problems["broken"])
