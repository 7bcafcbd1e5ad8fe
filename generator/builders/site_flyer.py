"""A site's clinic flyer: the flyer, with the site's address, phone, hours, services and a QR code."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..model import Material
from ..qr import qr_image
from ..sites import Site
from .flyer import FlyerBuilder


# A site whose details are one short line each: its panel is no taller than the room every panel has.
_SHORTEST = Site(name="Site", address=("Street",), phone="(203) 555-0100", hours=("Hours",),
                 services=("Services",), web="https://example.org")


class SiteFlyerBuilder(FlyerBuilder):
    """Write a site's flyer.pdf: what the flyer shows but its text blocks, the credits and the site's panel.

    The panel has a fixed type size and a least height (site-flyer.css), so every
    site whose details fill no more than that room has the same body size: the
    size fitted once, for the shortest panel (common_size). A site with longer
    details is fitted on its own, below that size.
    """

    name = "site-flyer"
    filename = "flyer.pdf"
    description = "the flyer with one site's address, phone, hours, services and a QR code to its web page"
    template = "site-flyer.html"
    stylesheets = ("table.css", "flyer.css", "site-flyer.css")
    site_panel = True
    smallest_body = 14.0  # the site's panel, at its own fixed size, takes much of the page

    def common_size(self, material: Material, example: bool) -> float:
        """Return the body size of every flyer whose site's details fit the panel's least height."""
        shortest = {"site": _SHORTEST, "details": _SHORTEST.details_in("en"), "qr": qr_image(_SHORTEST.web),
                    "example": example}
        _, size = self.fit_to_one_page(material, **shortest)
        return size

    def build_site(self, material: Material, site: Site, example: bool, target: Path, common_size: float,
                   sites_file: str = "the sites file") -> float:
        """Write the flyer for `site` to `target` in the largest body size that fits, and return that size.

        `common_size` (see common_size) is the largest any site's flyer can have.
        """
        layout = self.layout(material, site, example)
        document, size = self.render(material, body_size=common_size, **layout), common_size
        if len(document.pages) > 1:
            advice = (f"shorten the hours or services of {site.name} in {sites_file}, or the headlines, step "
                      f"lines and table row names the flyer shows in {material.source}")
            document, size = self.fit_to_one_page(material, largest=common_size - 0.5, too_long=advice,
                                                  tried={common_size: document}, **layout)
        self.write(document, target)
        return size

    @staticmethod
    def layout(material: Material, site: Site, example: bool) -> dict:
        """Return what the template needs to show `site` on a flyer in the material's language."""
        language = material.document.language.split("-")[0].lower()
        details = site.details_in(language)
        if details is None:
            raise BuildError(f"{site.name} has no hours and services in '{language}'; add them under "
                             f"`translations: {language}:` in the sites file")
        return {"site": site, "details": details, "qr": qr_image(site.web), "example": example}
