"""The organisation's sites: where each clinic is and when it is open, for a flyer of its own."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .model import Located, doc
from .qr import LONGEST_ADDRESS_BYTES

DEFAULT_SITES = Path("content/sites.yaml")
_SLUG_LENGTH = 60


_PHONE = re.compile(r"(?P<number>\+?[0-9 ().-]+?)(\s*(ext\.?|x)\s*[0-9]{1,6})?", re.IGNORECASE)


def _phone(value: str) -> str | None:
    """Accept a US phone number as people write it, e.g. (203) 555-0142, 203-555-0142 or +1 203 555 0142 ext. 12."""
    match = _PHONE.fullmatch(value)
    digits = re.sub(r"[^0-9]", "", match["number"]) if match else ""
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01":
        return f"'{value}' is not a US phone number (expected 10 digits, e.g. (203) 555-0142)"
    return None


def _web_address(value: str) -> str | None:
    """Accept a full web address, since the QR code must open it as written."""
    parts = urllib.parse.urlsplit(value)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or "." not in host or re.search(r"\s", value):
        return f"'{value}' is not a web address (expected it to start with https://, e.g. https://example.org/clinic)"
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host) or host.startswith(".") or host.endswith(".") or ".." in host:
        return f"'{value}' has '{host}' where a web site's name should be, e.g. example.org"
    if len(value.encode("utf-8")) > LONGEST_ADDRESS_BYTES:
        return (f"is {len(value)} characters long, too long for a QR code that a phone can read from the printed "
                "flyer; use a shorter address (e.g. one that redirects to this page)")
    return None


def _slug(value: str) -> str | None:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value) or len(value) > _SLUG_LENGTH:
        return (f"'{value}' cannot name a folder; use lower-case letters, digits and single hyphens "
                f"(at most {_SLUG_LENGTH}), e.g. harbor-street")
    return None


@dataclass(frozen=True)
class SiteDetails:
    """A site's hours and services in another language, for the flyer in that language."""

    hours: tuple[str, ...] = doc("When the site is open, one line each, in this language.")
    services: tuple[str, ...] = doc("What the site offers, one item each, in this language.")


@dataclass(frozen=True)
class Site:
    """One place the organisation serves people, as its flyer shows it."""

    name: str = doc("The site's name as people know it, e.g. 'Harbor Street Clinic'.")
    address: tuple[str, ...] = doc("The street address, one line each, e.g. ['120 Harbor Street', "
                                   "'Bridgeport, CT 06604'].")
    phone: str = doc("The phone number, e.g. (203) 555-0142.", _phone)
    hours: tuple[str, ...] = doc("When the site is open, one line each, e.g. 'Monday to Friday, 8 am to 4 pm'.")
    services: tuple[str, ...] = doc("What the site offers, one item each, e.g. 'Naloxone and training'.")
    web: str = doc("The site's web address, starting with https:// (or http://); the flyer's QR code opens it.",
                   _web_address)
    slug: str = doc("The folder its flyers are written to, inside output/sites/; made from the name if left out.",
                    _slug, default="")
    translations: dict[str, SiteDetails] | None = doc(
        "The hours and services in other languages, by language code, e.g. `es:`; a site has a flyer in a "
        "language when both the content and the site are translated into it.", default=None)

    @property
    def phone_shown(self) -> str:
        """Return the phone number as every flyer prints it, however it was written: (203) 555-0142, and its
        extension as 'ext. 12'."""
        match = _PHONE.fullmatch(self.phone)
        digits = re.sub(r"[^0-9]", "", match["number"])[-10:]
        extension = re.sub(r"[^0-9]", "", match.group(2) or "")
        shown = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
        return f"{shown} ext. {extension}" if extension else shown

    @property
    def web_shown(self) -> str:
        """Return the web address as a flyer prints it, without https:// or a closing slash."""
        return re.sub(r"^https?://(www\.)?", "", self.web).rstrip("/")

    @property
    def folder(self) -> str:
        """Return the name of the folder its flyers go in: the slug, or one made from the name."""
        return self.slug or slug_of(self.name)

    def details_in(self, language: str) -> SiteDetails | None:
        """Return the hours and services in `language` (e.g. 'es'), or None when the site has none in it."""
        if language == "en":
            return SiteDetails(self.hours, self.services)
        return (self.translations or {}).get(language)


@dataclass(frozen=True)
class SiteList(Located):
    """The sites that each get a flyer of their own."""

    sites: tuple[Site, ...] = doc("The sites, one entry each.")
    example: bool = doc("true when the sites are invented examples; every flyer then says so across the top, "
                        "so none is printed by mistake.", default=False)


def slug_of(name: str) -> str:
    """Return a folder name for a site name: 'Café Hope, East' becomes 'cafe-hope-east'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:_SLUG_LENGTH].strip("-")


@dataclass(frozen=True)
class _Entry:
    """A site's name and folder as written, with their lines, for finding repeated ones."""

    field: str
    name: str
    folder: str
    line: int | None
    slug_line: int | None


def load_sites(path: Path) -> SiteList:
    """Return the sites in `path`, reporting every problem with its line, including repeated names and folders.

    Repeated names are found even when other entries have mistakes, so one run lists everything to fix.
    """
    from .reading import read_yaml

    try:
        sites, problems = read_yaml(Path(path), SiteList), []
    except ContentError as error:
        sites, problems = None, list(error.problems)
    if sites is not None:
        entries = [_Entry(f"sites[{index}]", site.name, site.folder, sites.line_of(f"sites[{index}].name"),
                          sites.line_of(f"sites[{index}].slug")) for index, site in enumerate(sites.sites)]
        problems += _unknown_languages(sites)
    else:
        entries = _written_entries(Path(path))
    problems += _repeated(str(path), entries)
    if problems:
        raise ContentError(sorted(dict.fromkeys(problems), key=lambda problem: problem.line or 0))
    return sites


def _repeated(file: str, entries: list[_Entry]) -> list[Problem]:
    """Return a problem for each site named like an earlier one, or whose folder an earlier one has."""
    problems, names, folders = [], {}, {}
    for entry in entries:
        key = " ".join(entry.name.casefold().split())
        if key in names:
            problems.append(Problem(file, entry.line, f"{entry.field}.name",
                                    f"'{entry.name}' is already the name of the site on line {names[key]}; "
                                    "give each site its own name"))
            continue
        names[key] = entry.line
        if not entry.folder:
            problems.append(Problem(file, entry.line, f"{entry.field}.name",
                                    f"'{entry.name}' gives no folder name in plain letters; add `slug: ...` "
                                    "to this entry, e.g. slug: harbor-street"))
        elif entry.folder in folders:
            field = f"{entry.field}.slug" if entry.slug_line else f"{entry.field}.name"
            problems.append(Problem(file, entry.slug_line or entry.line, field,
                                    f"the folder '{entry.folder}' is already used by the site on line "
                                    f"{folders[entry.folder]}; add `slug: ...` with a folder name of its own"))
        else:
            folders[entry.folder] = entry.line
    return problems


def _unknown_languages(sites: SiteList) -> list[Problem]:
    problems = []
    for index, site in enumerate(sites.sites):
        for language in site.translations or {}:
            if not re.fullmatch(r"[a-z]{2,3}", language) or language == "en":
                problems.append(Problem(sites.source, sites.line_of(f"sites[{index}].translations[{language}]"),
                                        f"sites[{index}].translations",
                                        f"'{language}' is not the code of a translation; use a two-letter "
                                        "language code other than en, e.g. es"))
    return problems


def _written_entries(path: Path) -> list[_Entry]:
    """Return the name and folder of every site entry that has a name, read straight from the YAML nodes."""
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, ValueError, yaml.YAMLError, RecursionError):
        return []  # the reader has said why the file cannot be read
    listed = _value(root, "sites")
    entries = []
    for index, item in enumerate(listed.value if isinstance(listed, yaml.SequenceNode) else []):
        name, slug = _value(item, "name"), _value(item, "slug")
        if isinstance(name, yaml.ScalarNode) and name.value.strip():
            written = unicodedata.normalize("NFC", " ".join(name.value.split()))
            folder = slug.value if isinstance(slug, yaml.ScalarNode) and slug.value else slug_of(written)
            entries.append(_Entry(f"sites[{index}]", written, folder, name.start_mark.line + 1,
                                  slug.start_mark.line + 1 if isinstance(slug, yaml.ScalarNode) else None))
    return entries


def _value(node, key: str):
    """Return the node of `key` in a mapping node, or None."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None
