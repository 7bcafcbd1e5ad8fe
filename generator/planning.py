"""What a build would write and what each output is made from, worked out without reading the content.

Knowing the inputs before the content is read is what lets a build with nothing
changed finish at once: it compares checksums and stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .editions import translations_of
from .builders import Builder
from .errors import UserError
from .fonts import FAMILIES, SLIDE_FAMILIES
from .freshness import Checksums, text_fingerprint
from .checks.mechanics import WORD_LIST
from .checks.stigma import GLOSSARY
from .checks.texts import language_files
from .labels import LABELS
from .templating import TEMPLATES
from .sites import Site, SiteList

SITES_FOLDER = "sites"


@dataclass(frozen=True)
class Edition:
    """One language of one material: the content files it is read from and where its outputs go."""

    code: str  # 'en' for the English source, else the translation's language code, e.g. 'es'
    files: tuple[Path, ...]  # the English content first, then the translation
    subfolder: str  # the material's name for the English source, e.g. 'harm-reduction', else 'harm-reduction/es'

    @property
    def material(self) -> str:
        """Return the name of the material this is an edition of."""
        return self.files[0].name.removesuffix(".yaml")


def plan_editions(content: Path, languages: list[str] | None = None) -> list[Edition]:
    """Return the English edition and one per translation beside it, limited to `languages` (codes) if given."""
    content = Path(content)
    name = content.name.removesuffix(".yaml")
    editions = [Edition("en", (content,), name)]
    for translation in translations_of(content):
        code = translation.name.split(".")[-2]
        editions.append(Edition(code, (content, translation), f"{name}/{code}"))
    if languages:
        editions = [edition for edition in editions if edition.code in languages]
    return editions


def plan_materials(contents: list[Path], languages: list[str] | None = None) -> list[Edition]:
    """Return the editions of every material, limited to `languages` (codes) if given, which some must have."""
    editions = [edition for content in contents for edition in plan_editions(content)]
    if languages:
        found = list(dict.fromkeys(edition.code for edition in editions))
        unknown = [code for code in languages if code not in found]
        if unknown:
            raise UserError(f"there is no '{unknown[0]}' edition; found: {', '.join(found)}")
        editions = [edition for edition in editions if edition.code in languages]
    return editions


def edition_inputs(edition: Edition, brand: Path, checksums: Checksums) -> dict[str, str]:
    """Return the checksums of the files every output of `edition` is made from, besides templates it reads.

    The glossaries and word lists of the checks count too, in every language (a sites file has text in several):
    an output is only built once its content passed them.
    """
    fonts = [face.path for faces in (*FAMILIES.values(), *SLIDE_FAMILIES.values()) for face in faces]
    labels = sorted(LABELS.glob("*.yaml"))
    return checksums.of_all([*edition.files, *brand_files(brand), *labels, *fonts,
                             *language_files(GLOSSARY), *language_files(WORD_LIST)])


def brand_files(brand: Path) -> list[Path]:
    """Return the brand file, and the logo file it names if any, read without checking it.

    A brand that cannot be read names no logo here; loading it reports why.
    """
    import yaml

    from .reading import MAX_FILE_BYTES

    try:
        if Path(brand).stat().st_size > MAX_FILE_BYTES:
            return [brand]
        text = Path(brand).read_text(encoding="utf-8-sig")
        if "logo" not in text:  # most brands have none: no need to read the YAML
            return [brand]
        logo = yaml.safe_load(text)["logo"]["file"]
    # Hostile YAML can make the reader fail in any way (too deep, a bad tag): loading it says how.
    except Exception:  # noqa: BLE001
        return [brand]
    return [brand, Path(brand).parent / logo] if isinstance(logo, str) else [brand]


def common_size_key(edition: Edition, brand: Path, example: bool, checksums: Checksums, generator: str) -> str:
    """Return a fingerprint of everything the common body size of `edition`'s site flyers depends on."""
    templates = sorted(path for path in TEMPLATES.rglob("*") if path.is_file())
    inputs = {**edition_inputs(edition, brand, checksums), **checksums.of_all(templates)}
    files = sorted((Path(name).name, digest) for name, digest in inputs.items())  # wherever the project is
    return text_fingerprint(repr((files, example, generator)))


def site_output(site: Site, edition: Edition) -> str:
    """Return where the flyer of `site` in `edition` goes inside the output folder."""
    language = "" if edition.code == "en" else edition.code
    return (Path(edition.material) / SITES_FOLDER / site.folder / language / "flyer.pdf").as_posix()


def site_inputs(sites: SiteList, site: Site, edition: Edition, brand: Path, checksums: Checksums) -> dict[str, str]:
    """Return the checksums of what the flyer of `site` is made from: its edition's files and its own entry."""
    entry = repr((site, sites.example))
    return {**edition_inputs(edition, brand, checksums), f"site {site.folder}": text_fingerprint(entry)}


def asks_for(content: Path, setting: str) -> bool:
    """Return whether a material turns on one of its `outputs:` settings (e.g. `site_flyers: true`), read
    without checking it.

    A file that cannot be read says no here; loading it reports why.
    """
    import yaml

    from .reading import MAX_FILE_BYTES

    try:
        if Path(content).stat().st_size > MAX_FILE_BYTES:
            return False
        text = Path(content).read_text(encoding="utf-8-sig")
        if setting not in text:  # most materials leave most settings out: no need to read the YAML
            return False
        return yaml.safe_load(text)["outputs"][setting] is True
    # Hostile YAML can make the reader fail in any way (too deep, a bad tag): loading it says how.
    except Exception:  # noqa: BLE001
        return False


def wants_site_flyers(content: Path) -> bool:
    """Return whether a material asks for site flyers (`outputs: site_flyers: true`)."""
    return asks_for(content, "site_flyers")


def sites_with_flyers_in(sites: SiteList, edition: Edition) -> list[Site]:
    """Return the sites that have a flyer in `edition`: all in English, those translated into other languages."""
    return [site for site in sites.sites if site.details_in(edition.code) is not None]


@dataclass(frozen=True)
class Planned:
    """One output a build may write: where it goes, what makes it, and the checksums of what it is made from."""

    output: str  # its path inside the output folder, e.g. 'es/flyer.pdf'
    edition: Edition
    builder: Builder | None  # None for a site's flyer
    site: Site | None
    inputs: dict[str, str]


def plan_outputs(editions: list[Edition], builders: list[Builder], sites: SiteList | None, brand: Path,
                 checksums: Checksums, named: bool = False) -> list[Planned]:
    """Return every output of `builders` for every edition, and each site's flyer in each of its languages.

    An optional output (the poster) is planned for a material that asks for it, or for every material when
    the builders were `named` on the command line.
    """
    planned = []
    for edition in editions:
        inputs = edition_inputs(edition, brand, checksums)
        for builder in builders:
            if builder.optional and not (named or builder.asked_for(edition.files[0])):
                continue
            output = (Path(edition.subfolder) / builder.filename).as_posix()
            planned.append(Planned(output, edition, builder, None, inputs))
        wanted = sites is not None and wants_site_flyers(edition.files[0])
        for site in sites_with_flyers_in(sites, edition) if wanted else []:
            planned.append(Planned(site_output(site, edition), edition, None, site,
                                   site_inputs(sites, site, edition, brand, checksums)))
    return planned


def untranslated_sites(editions: list[Edition], sites: SiteList, sites_file: Path) -> list[str]:
    """Return a note for each translation some sites have no flyer in, for want of their details in it."""
    notes = []
    codes = dict.fromkeys(edition.code for edition in editions
                          if edition.code != "en" and wants_site_flyers(edition.files[0]))
    for code in codes:
        untranslated = [site.name for site in sites.sites if site.details_in(code) is None]
        if untranslated:
            notes.append(f"no '{code}' flyer for {', '.join(untranslated)}: add the hours and "
                         f"services under `translations: {code}:` in {sites_file}")
    return notes


def former_sites(out_dir: Path, editions: list[Edition], sites: SiteList, sites_file: Path) -> list[str]:
    """Return a note for each folder of output/<material>/sites/ that belongs to no site of the sites file any more."""
    current = {site.folder for site in sites.sites}
    notes = []
    for material in dict.fromkeys(edition.material for edition in editions):
        folder = Path(out_dir) / material / SITES_FOLDER
        former = sorted(path.name for path in folder.iterdir() if path.is_dir() and path.name not in current) \
            if folder.is_dir() else []
        notes += [f"{folder / name}/ holds the flyer of a site that is not in {sites_file} any more; delete the "
                  "folder if that site has closed, so nobody prints its flyer" for name in former]
    return notes
