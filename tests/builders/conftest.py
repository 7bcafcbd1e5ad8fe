"""Fixtures of the builders' tests: materials unlike the organisation's text, built once per test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.model import Material

from ..test_slideplan import MEETING_ROOM as MEETING_ROOM_DECK
from ..test_slideplan import written
from .test_flyer import MEETING_ROOM, TIDY_ROOM, built_from


@pytest.fixture(scope="module")
def meeting_room(tmp_path_factory) -> tuple[Material, Path]:
    """A material of steps, points, a five-column table and contacts, with no statements and no credits."""
    return built_from(tmp_path_factory.mktemp("meeting-room"), "meeting-room", MEETING_ROOM)


@pytest.fixture(scope="module")
def tidy_room(tmp_path_factory) -> tuple[Material, Path]:
    """A material of one section holding one text block."""
    return built_from(tmp_path_factory.mktemp("tidy-room"), "tidy-room", TIDY_ROOM)


@pytest.fixture(scope="module")
def meeting_room_deck(tmp_path_factory) -> tuple[Material, Path]:
    """A material without statements (steps, points, a five-column table, contacts), its deck and companions built."""
    folder = tmp_path_factory.mktemp("meeting-room-deck")
    material = written(folder, MEETING_ROOM_DECK, "meeting-room.yaml")
    build(material, folder / "output", ["slides", "slides-handout", "facilitator-guide"])
    return material, folder / "output"
