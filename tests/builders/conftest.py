"""Fixtures of the builders' tests: materials unlike the organisation's text, built once for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.content import load_content
from generator.model import Material

from ..conftest import BRAND, made_once
from ..test_slideplan import MEETING_ROOM as MEETING_ROOM_DECK
from ..test_slideplan import written
from .test_flyer import MEETING_ROOM, TIDY_ROOM, built_from


def shared(tmp_path_factory, name: str, text: str) -> tuple[Material, Path]:
    """Return the material written as `text` and the folder its flyer and handout were built into, once a run."""
    folder = made_once(tmp_path_factory, name, lambda folder: built_from(folder, name, text))
    return load_content(folder / "content" / f"{name}.yaml", BRAND), folder / "output"


@pytest.fixture(scope="session")
def meeting_room(tmp_path_factory) -> tuple[Material, Path]:
    """A material of steps, points, a five-column table and contacts, with no statements and no credits."""
    return shared(tmp_path_factory, "meeting-room", MEETING_ROOM)


@pytest.fixture(scope="session")
def tidy_room(tmp_path_factory) -> tuple[Material, Path]:
    """A material of one section holding one text block."""
    return shared(tmp_path_factory, "tidy-room", TIDY_ROOM)


@pytest.fixture(scope="session")
def meeting_room_deck(tmp_path_factory) -> tuple[Material, Path]:
    """A material without statements (steps, points, a five-column table, contacts), its deck and companions built."""
    def make(folder: Path) -> None:
        build(written(folder, MEETING_ROOM_DECK, "meeting-room.yaml"), folder / "output",
              ["slides", "slides-handout", "facilitator-guide"])

    folder = made_once(tmp_path_factory, "meeting-room-deck", make)
    return load_content(folder / "meeting-room.yaml", BRAND), folder / "output"
