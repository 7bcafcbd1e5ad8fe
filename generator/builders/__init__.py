"""The outputs, one builder each, found by name."""

from __future__ import annotations

from .base import Builder
from .flyer import FlyerBuilder
from .handout import HandoutBuilder

BUILDERS: dict[str, Builder] = {builder.name: builder for builder in (FlyerBuilder(), HandoutBuilder())}

__all__ = ["BUILDERS", "Builder"]
