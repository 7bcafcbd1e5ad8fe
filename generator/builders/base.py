"""What every builder is, and the PDF rendering the PDF builders share."""

from __future__ import annotations

import atexit
import functools
import logging
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError
from ..fonts import font_faces
from ..model import Material
from ..paper import PAPERS, Paper
from ..templating import TEMPLATES, render_template, templates_used


class Builder:
    """Write one output file from the material."""

    name: str = ""
    filename: str = ""
    description: str = ""
    # An optional output is built for a material that asks for it in `outputs:`, or when named with --only.
    optional: bool = False
    # An output that lists the other outputs of its edition (the web page) is built after them, beside them.
    lists_siblings: bool = False
    # A print-shop file: PDF/X-4 in CMYK, whose page is the trim inside its bleed (see press.py).
    press: bool = False
    papers: dict[str, Paper] = PAPERS  # the paper a printed output is laid out on, by the brand's `paper_size`

    def build(self, material: Material, target: Path) -> None:
        """Write this output for `material` to `target`."""
        raise NotImplementedError

    def reads(self, material: Material) -> frozenset[Path]:
        """Return the project files besides the content, brand, labels and fonts that this output is made from.

        A build records their checksums, so that editing one rebuilds exactly the outputs made from it.
        """
        return frozenset()

    def paper(self, material: Material) -> Paper:
        """Return the paper this output is printed on in the brand of `material` (a web page's, printed from a
        browser; the deck's slides are 16:9 whatever the paper)."""
        return self.papers[material.brand.paper_size]

    def asked_for(self, content: Path) -> bool:
        """Return whether the material in the file `content` asks for this optional output in `outputs:`."""
        from ..planning import asks_for

        return asks_for(content, self.name)

    def promises(self, material: Material) -> list:
        """Return what this output must show of `material` (see promises.py), as `verify` checks it."""
        from ..promises import PROMISES

        return PROMISES[self.name](material)


class PdfBuilder(Builder):
    """A builder whose output is a PDF rendered by WeasyPrint from an HTML template."""

    template: str = ""
    stylesheets: tuple[str, ...] = ()  # in templates/, linked in this order after the brand's
    max_pages: int = 1

    def reads(self, material: Material) -> frozenset[Path]:
        """Return the templates this output is rendered from and the stylesheets it links (see Builder.reads)."""
        names = templates_used(self.template) | templates_used(BRAND_STYLESHEET) | set(self.stylesheets)
        return frozenset(TEMPLATES / name for name in names)

    def render(self, material: Material, **layout):
        """Return the WeasyPrint document of this output, laid out with `layout` on its paper."""
        from ..logo import logo_of

        layout.setdefault("press", None)  # how a print-shop file is drawn beyond its trim (see print_shop.py)
        html = render_template(self.template, material=material, brand=material.brand, labels=material.labels,
                               stylesheets=self.stylesheets, logo=logo_of(material.brand),
                               paper=self.paper(material), **layout)
        return render_pdf_document(html, material, [TEMPLATES / name for name in self.stylesheets])

    def write(self, document, target: Path) -> None:
        """Write `document` to `target` as a tagged PDF with embedded fonts."""
        from ..pdf_structure import finish_tagged_pdf

        with weasyprint_problems_as_errors(self.filename):
            document.write_pdf(target, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
        # WeasyPrint leaves running footers out of the structure tree and writes no ID tree.
        finish_tagged_pdf(target)

    def page_budget(self, material: Material) -> int:
        """Return the most pages this output may have for `material`."""
        return self.max_pages

    def check_pages(self, document, material: Material, advice: str) -> None:
        """Fail if `document` has more pages than this output may have, naming the content file to shorten."""
        budget = self.page_budget(material)
        if len(document.pages) > budget:
            limit = "one page" if budget == 1 else f"{budget} pages"
            raise BuildError(
                f"{self.filename}: the content needs {len(document.pages)} pages but the {self.name} "
                f"must fit on {limit}; {advice} in {material.source}"
            )


BRAND_STYLESHEET = "brand.css"


def brand_stylesheet(material: Material) -> str:
    """Return the CSS that gives a document the brand's colours and fonts."""
    return render_template(BRAND_STYLESHEET, brand=material.brand, faces=font_faces(material.brand.fonts.print))


def render_pdf_document(html: str, material: Material, stylesheets: list[Path] = ()):
    """Return the laid-out WeasyPrint document for `html`, failing on anything WeasyPrint complains about.

    Of the templates folder, only `stylesheets` may be fetched: an output made from a file it does not
    declare would not be rebuilt when that file changes.
    """
    import weasyprint

    fetcher = project_files_only(stylesheets)
    with weasyprint_problems_as_errors("the PDF"):
        brand, fonts = _brand_styles(brand_stylesheet(material))
        page = weasyprint.HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=fetcher)
        return page.render(stylesheets=[brand], font_config=fonts)


@functools.lru_cache(maxsize=8)
def _brand_styles(stylesheet: str):
    """Return the brand stylesheet, parsed, with the fonts it declares, once for every document that uses it.

    Parsing it and loading its fonts anew for each of a hundred site flyers costs a tenth of each flyer's time.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return weasyprint.CSS(string=stylesheet, font_config=fonts, url_fetcher=project_files_only()), fonts


# The font configuration cleans up after itself when it is let go; it must be let go before Python
# starts taking its modules apart at exit, or its clean-up fails and prints a traceback.
atexit.register(_brand_styles.cache_clear)


def project_files_only(stylesheets: list[Path] = ()):
    """Return a URL fetcher that serves `stylesheets` (in the templates folder) and the installed fonts, and
    refuses anything else."""
    from weasyprint.urls import URLFetcher

    from ..fonts import FAMILIES

    folders = sorted({face.path.parent for faces in FAMILIES.values() for face in faces})
    files = {Path(path).resolve() for path in stylesheets}

    class ProjectFiles(URLFetcher):
        def fetch(self, url, headers=None):
            # A QR code drawn by the generator (see qr.py), or the brand's logo (see logo.py), read and checked.
            if url.startswith(("data:image/svg+xml", "data:image/png")):
                return super().fetch(url, headers)
            parsed = urllib.parse.urlparse(url)
            path = Path(urllib.parse.unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
            if path is None or not (path in files or any(path.is_relative_to(root) for root in folders)):
                if path is not None and path.is_relative_to(TEMPLATES):
                    raise BuildError(f"{path.name} is used by a template but not among the stylesheets its "
                                     "builder declares (`stylesheets`); add it there")
                raise BuildError(f"only the project's own templates and fonts may be used, not '{url}'")
            return super().fetch(url, headers)

    return ProjectFiles(allowed_protocols=["file", "data"])


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_problems_as_errors(what: str) -> Iterator[None]:
    """Turn every warning or error WeasyPrint logs inside the block into a BuildError."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        message = f"{what}: the PDF renderer reported: " + "; ".join(dict.fromkeys(collector.messages))
        if any("HarfBuzz-Subset" in logged for logged in collector.messages):
            message += ("\nInstall HarfBuzz's subset library: run `make` as root on Debian, "
                        "or `sudo apt-get install libharfbuzz-subset0`.")
        raise BuildError(message)
