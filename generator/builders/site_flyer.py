"""A site's clinic flyer: the flyer, with the site's address, phone, hours, services and a QR code."""

from __future__ import annotations

from pathlib import Path

from ..errors import BuildError
from ..model import Material
from ..qr import qr_image
from ..sites import Site
from .flyer import LARGEST_BODY_PT, FlyerBuilder


class SiteFlyerBuilder(FlyerBuilder):
    """Write a site's flyer.pdf: every headline, every principle name, the credits and the site's panel.

    The panel's type has a fixed size, so the body size fitted for one site fits
    every site whose panel is no taller; a site with a taller panel is fitted on its own.
    """

    name = "site-flyer"
    filename = "flyer.pdf"
    description = "the flyer with one site's address, phone, hours, services and a QR code to its web page"
    template = "site-flyer.html"

    def build_site(self, material: Material, site: Site, example: bool, target: Path,
                   body_size: float | None = None) -> float:
        """Write the flyer for `site` to `target`, in `body_size` if it fits, and return the body size used."""
        layout = self.layout(material, site, example)
        document = self.render(material, body_size=body_size, **layout) if body_size else None
        if document is None or len(document.pages) > 1:
            advice = (f"shorten the hours or services of {site.name} in the sites file, or the headlines and "
                      f"principle names in {material.source}")
            document, body_size = self.fit_to_one_page(material, largest=body_size or LARGEST_BODY_PT,
                                                       too_long=advice, **layout)
        self.write(document, target)
        return body_size

    @staticmethod
    def layout(material: Material, site: Site, example: bool) -> dict:
        """Return what the template needs to show `site` on a flyer in the material's language."""
        language = material.document.language.split("-")[0].lower()
        details = site.details_in(language)
        if details is None:
            raise BuildError(f"{site.name} has no hours and services in '{language}'; add them under "
                             f"`translations: {language}:` in the sites file")
        return {"site": site, "details": details, "qr": qr_image(site.web), "example": example}
