"""The outputs, one builder each, found by name."""

from __future__ import annotations

from .base import Builder
from .facilitator_guide import FacilitatorGuideBuilder
from .flyer import FlyerBuilder
from .handout import HandoutBuilder
from .poster import PosterBuilder
from .print_shop import PrintShopFlyerBuilder, PrintShopPosterBuilder
from .slides import SlidesBuilder
from .slides_handout import SlidesHandoutBuilder
from .web_page import WebPageBuilder

BUILDERS: dict[str, Builder] = {
    builder.name: builder
    for builder in (FlyerBuilder(), HandoutBuilder(), SlidesBuilder(), SlidesHandoutBuilder(), FacilitatorGuideBuilder(),
                    WebPageBuilder(), PosterBuilder(), PrintShopFlyerBuilder(), PrintShopPosterBuilder())
}

__all__ = ["BUILDERS", "Builder"]
