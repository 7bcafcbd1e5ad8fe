"""Open the built outputs with real readers and confirm each shows what it must."""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .builders import BUILDERS, Builder
from .builders.site_flyer import SiteFlyerBuilder
from .builders.slides_handout import SLIDES_PER_PAGE
from .downloads import facts_of, human_size
from .manifest import MANIFEST, sha256_of
from .model import Material
from .paper import Paper
from .promises import Expected, flyer_shows
from .slideplan import plan_slides

# What an e-mail to a partner agency can carry without bouncing, in bytes.
EMAIL_BUDGET = {"flyer.pdf": 1_000_000, "handout.pdf": 1_000_000}
# What verify agrees to read, in bytes: our outputs are tens of KB, so anything near these was not built here,
# and reading it could take all the memory there is.
FILE_LIMIT = 50_000_000
DECK_PART_LIMIT = 50_000_000  # one part of a deck, unpacked
DECK_LIMIT = 100_000_000  # every part of a deck together, unpacked
CHUNK = 1 << 20


@dataclass(frozen=True)
class Verdict:
    """What opening one output found: how long it is, and what it lacks."""

    output: str
    count: int | None
    unit: str
    size: int
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """Return whether the output shows everything it must and has no other problem."""
        return not self.missing and not self.problems


@dataclass(frozen=True)
class Reading:
    """What a reader found in an output: its pages or slides, its text, and what is wrong with its form."""

    count: int
    text: str
    notes: str = ""
    problems: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # the web addresses its links open


def verify_folder(folder: Path, material: Material, filenames: list[str] | None = None) -> list[Verdict]:
    """Return a verdict on every output in `folder`, or on exactly `filenames`, in that order."""
    folder = Path(folder)
    by_file = {builder.filename: builder for builder in BUILDERS.values()}
    if filenames is None:
        filenames = [name for name in by_file if (folder / name).is_file()]
    verdicts = []
    for name in filenames:
        builder = by_file.get(name)
        if builder is None:
            verdicts.append(Verdict(name, None, unit_of(name), size_of(folder / name), (),
                                    (f"is not an output of this generator; the outputs are {', '.join(by_file)}",)))
        else:
            verdicts.append(verify_output(folder / name, builder, material))
    return verdicts


def verify_output(path: Path, builder: Builder, material: Material, reader=None) -> Verdict:
    """Return the verdict on the output `builder` wrote to `path` (a PDF already opened as `reader`, if given)."""
    unit = unit_of(path.name)
    if not path.is_file():
        return Verdict(path.name, None, unit, 0, (), (f"is missing from {path.parent}",))
    size = path.stat().st_size
    refused = refusal(path, size)
    if refused:
        return Verdict(path.name, None, unit, size, (), (refused,))
    try:
        with readers_quiet():
            if unit == "slides":
                reading = read_deck(path)
            elif path.suffix == ".html":
                reading = read_web_page(path, material.document.language)
            else:
                reading = read_pdf(path, builder.paper(material), reader, builder.press)
    # A damaged file can make a reader fail anywhere, with any kind of error; each one means "unreadable".
    except Exception as error:  # noqa: BLE001
        kind = "PowerPoint deck" if unit == "slides" else "web page" if path.suffix == ".html" else "PDF"
        reason = str(error).strip() or type(error).__name__
        return Verdict(path.name, None, unit, size, (), (f"cannot be read as a {kind}: {reason}",))
    expected = builder.promises(material)
    problems = list(reading.problems)
    problems += length_problems(builder.name, reading.count, material)
    problems += size_problems(path.name, size)
    promised = promised_links(builder.name, material, path.parent)
    if builder.lists_siblings:
        gone = [link for link in dict.fromkeys(reading.links)
                if link in output_filenames() and not (path.parent / link).is_file()]
        problems += [f"links to {link}, which is not beside it; build again to replace it" for link in gone]
        promised |= set(gone)  # said of just above
    problems += link_problems(reading.links, content_links(material) | promised, promised)
    return Verdict(path.name, reading.count, unit, size, missing_from(reading, expected), tuple(problems))


@contextmanager
def readers_quiet() -> Iterator[None]:
    """Keep pypdf from logging its repairs of a damaged file; the verdict says what is wrong, and names the file."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def unit_of(filename: str) -> str:
    """Return what an output of this name is counted in."""
    return "slides" if filename.endswith(".pptx") else "pages"


def size_of(path: Path) -> int:
    """Return the size of the file at `path` in bytes, or 0 if there is none."""
    return path.stat().st_size if path.is_file() else 0


def squeezed(text: str) -> str:
    """Return `text` without white space, since a PDF line may break after a dash or slash where the source has none."""
    return re.sub(r"\s+", "", text)


def missing_from(reading: Reading, expected: list[Expected]) -> tuple[str, ...]:
    """Return the labels of the expected texts the reading does not show, each once, in order."""
    shown, said = squeezed(reading.text), squeezed(reading.notes)
    missing = [item.label for item in expected
               if squeezed(item.text) not in shown and not (item.in_notes and squeezed(item.text) in said)]
    return tuple(dict.fromkeys(missing))


# Links


def content_links(material: Material) -> set[str]:
    """Return every link target the content and brand give: the authors' and contacts' e-mail, the contacts' web
    addresses, and the organisation's website."""
    links = {f"mailto:{author.email}" for author in material.authors if author.email}
    if material.brand.website:
        links.add(f"https://{material.brand.website}")
    for _, block, _ in material.blocks():
        if block.kind == "contacts":
            links |= {f"mailto:{contact.email}" for contact in block.content if contact.email}
            links |= {contact.web_link for contact in block.content if contact.web}
    return links


def promised_links(name: str, material: Material, folder: Path) -> set[str]:
    """Return the links the output called `name` in `folder` must have: the handout links every address the content
    gives, the web page those and every other output beside it, and the flyer the organisation's website."""
    if name == "handout":
        return content_links(material) - {f"https://{material.brand.website}"}
    if name == "web-page":
        from .builders.web_page import linked_outputs

        return content_links(material) | {filename for filename in linked_outputs(folder)}
    if name == "flyer" and material.brand.website:
        return {f"https://{material.brand.website}"}
    return set()


def download_problems(path: Path, material: Material, listed: dict[str, dict], shown: Path) -> list[str]:
    """Return a sentence for each output beside the web page at `path` whose kind, length or size the page does not
    give as the manifest `shown` records them; `listed` holds the manifest's entries of that folder, by file name.

    The recorded facts are compared, not the files: a file changed since has a verdict of its own, and a damaged
    one is never opened here.
    """
    text = squeezed(read_web_page(path, material.document.language).text)
    problems = []
    for builder in BUILDERS.values():
        entry = listed.get(builder.filename)
        unit = "slides" if isinstance(entry, dict) and "slides" in entry else "pages"
        if builder.lists_siblings or entry is None or not isinstance(entry.get(unit), int) \
                or not (path.parent / builder.filename).is_file():
            continue
        facts = facts_of(builder.filename, unit, entry[unit], entry["bytes"], material.labels)
        name = material.labels.output_names.get(builder.name, builder.filename)
        if squeezed(f"{name} ({facts})") not in text:
            problems.append(f"does not say that {builder.filename} is '{facts}', as {shown} records it; "
                            "build again to replace it")
    return problems


def output_filenames() -> set[str]:
    """Return the file name of every output."""
    return {builder.filename for builder in BUILDERS.values()}


def listing_filenames() -> set[str]:
    """Return the file name of every output that lists the others beside it (see Builder.lists_siblings)."""
    return {builder.filename for builder in BUILDERS.values() if builder.lists_siblings}


def link_problems(links: tuple[str, ...], allowed: set[str], promised: set[str]) -> list[str]:
    """Return a sentence for each link the content does not give, and for each promised link the output lacks."""
    strange = [f"links to {link}, which the content does not give; build again to replace it"
               for link in dict.fromkeys(links) if link not in allowed]
    lacking = [f"has no link to {link}, which the content gives; build again to replace it"
               for link in sorted(promised - set(links))]
    return strange + lacking


# What verify agrees to read


def refusal(path: Path, size: int) -> str:
    """Return why the output at `path` of `size` bytes is not opened, or '' when it is safe to open."""
    if size > FILE_LIMIT:
        return (f"is {human_size(size)}; the outputs are tens of KB, so a file over {human_size(FILE_LIMIT)} "
                "is not opened; build again to replace it")
    return deck_refusal(path) if path.suffix == ".pptx" else ""


def deck_refusal(path: Path) -> str:
    """Return why the deck at `path` is not opened, from its zip directory and what each part truly unpacks to."""
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as file:
            members = archive.infolist()
            refused = part_refusal(members)
            for member in members:
                refused = refused or unpacks_wrong(file, member)  # each part is unpacked only while none was refused
            return refused
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, struct.error):
        return ""  # the reader says what is wrong with it


def part_refusal(members: list[zipfile.ZipInfo]) -> str:
    """Return a sentence if the zip directory says a part, or all parts together, unpack to more than the limits."""
    again = "so it is not opened; build again to replace it"
    for member in members:
        if member.file_size > DECK_PART_LIMIT:
            return (f"holds {member.filename}, which unpacks to {human_size(member.file_size)}; no part of a deck may "
                    f"be over {human_size(DECK_PART_LIMIT)}, {again}")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return f"holds {member.filename}, packed in a way PowerPoint decks are not, {again}"
    total = sum(member.file_size for member in members)
    if total > DECK_LIMIT:
        return (f"unpacks to {human_size(total)}; a deck may unpack to at most {human_size(DECK_LIMIT)}, {again}")
    return ""


def unpacks_wrong(file, member: zipfile.ZipInfo) -> str:
    """Return a sentence if the part `member` of the zip `file` unpacks to more than its directory says, else ''.

    Unpacked a megabyte at a time and stopped as soon as it is over, so that a directory that lies cannot make
    the reader unpack a gigabyte.
    """
    file.seek(member.header_offset)
    header = file.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return ""  # the reader says what is wrong with it
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    file.seek(member.header_offset + 30 + name_length + extra_length)
    unpacked = unpacked_size(file, member.compress_size, member.compress_type, member.file_size)
    if unpacked <= member.file_size:
        return ""
    return (f"holds {member.filename}, which unpacks to more than the {member.file_size:,} bytes its directory says, "
            "so it is not opened; build again to replace it")


def unpacked_size(file, packed: int, method: int, limit: int) -> int:
    """Return how many bytes the `packed` bytes at the position of `file` unpack to, at most just over `limit`."""
    if method == zipfile.ZIP_STORED:
        return packed
    inflater, total = zlib.decompressobj(-zlib.MAX_WBITS), 0
    while packed > 0 and total <= limit:
        data = file.read(min(CHUNK, packed))
        if not data:
            break
        packed -= len(data)
        while data and total <= limit:
            total += len(inflater.decompress(data, CHUNK))
            data = inflater.unconsumed_tail
    return total


# The manifest


def verify_built(out: Path, subfolder: str, material: Material, listed: dict[str, dict]) -> list[Verdict]:
    """Return a verdict on every file in out/subfolder and every output the manifest lists there.

    `listed` is the manifest's outputs by name (see manifest.load_manifest). Each file must be
    listed, have the size and SHA-256 the manifest records, and come from the content as it is now.
    """
    folder, shown = Path(out) / subfolder, Path(out) / MANIFEST
    mine = {Path(name).name: entry for name, entry in listed.items()
            if Path(name).parent == Path(subfolder)}
    present = sorted(path.name for path in folder.iterdir() if path.is_file()) if folder.is_dir() else []
    outputs = [builder.filename for builder in BUILDERS.values()]
    names = [name for name in outputs if name in present or name in mine]
    names += [name for name in present if name not in outputs]
    names += sorted(name for name in mine if name not in names)
    verdicts = [checked_against(verdict, folder, mine.get(verdict.output), material, shown)
                for verdict in verify_folder(folder, material, names)]
    # A web page whose file can be read says what the manifest records of each file beside it.
    return [dataclasses.replace(verdict, problems=verdict.problems + tuple(
                download_problems(folder / verdict.output, material, mine, shown)))
            if verdict.count is not None and verdict.output in listing_filenames()
            else verdict for verdict in verdicts]


def checked_against(verdict: Verdict, folder: Path, entry: dict | None, material: Material, shown: Path) -> Verdict:
    """Return `verdict` with what the manifest `shown` says is wrong with the file: unlisted, changed, or stale."""
    path = folder / verdict.output
    if not path.is_file():
        missing = f"is missing from {folder}, though {shown} lists it; build again to write it"
        return dataclasses.replace(verdict, problems=(missing,))
    return dataclasses.replace(verdict, problems=tuple(manifest_problems(path, entry, material, shown))
                               + verdict.problems)


def manifest_problems(path: Path, entry: dict | None, material: Material, shown: Path) -> list[str]:
    """Return a sentence if the file at `path` is not the one its manifest `entry` records, or was built from
    other content."""
    if entry is None:
        return [f"is not listed in {shown}, so nothing shows it was built here; build again to list it, "
                "or delete it if it is not an output"]
    if sha256_of(path) != entry["sha256"]:
        return [f"changed since it was built (its SHA-256 is not the one in {shown}); build again to replace it"]
    problems = []
    if path.stat().st_size != entry["bytes"]:
        problems.append(f"is {path.stat().st_size:,} bytes, not the {entry['bytes']:,} that {shown} records; "
                        "build again to write the manifest anew")
    if sha256_of(Path(material.source)) != entry["content"]["sha256"]:
        problems.append(f"built from an older version of {material.source}; build again to replace it")
    return problems


def rebuilt_problems(out: Path, editions: list[tuple[Material, str]], brand: Path) -> dict[str, str]:
    """Build the outputs of each edition (material, subfolder) again in a temporary folder, as `build` does, and
    return, by path inside `out`, a sentence for each file in `out` that is not byte for byte the one built now.

    Builds are reproducible, so this catches any change, even one whose manifest entry was changed to match.
    """
    import filecmp
    import tempfile

    from .pipeline import Request, run
    from .parallel import cores

    outputs = {builder.name: builder.filename for builder in BUILDERS.values()}
    present = [(Path(subfolder) / name).as_posix() for _, subfolder in editions for name in outputs.values()
               if (Path(out) / subfolder / name).is_file()]
    contents = list(dict.fromkeys(Path(material.source) for material, _ in editions if material.translation is None))
    languages = list(dict.fromkeys(Path(subfolder).name if "/" in subfolder else "en" for _, subfolder in editions))
    only = [name for name, filename in outputs.items() if any(path.endswith(filename) for path in present)]
    with tempfile.TemporaryDirectory(prefix="verify-rebuild-") as scratch:
        run(Request(contents, brand, Path(scratch), only, languages, force=True, workers=cores()))
        return {name: ("is not the file the content builds now (built again in a temporary folder, it differs "
                       "byte for byte); build again to replace it")
                for name in present if not filecmp.cmp(Path(out) / name, Path(scratch) / name, shallow=False)}


def with_problems(verdicts: list[Verdict], subfolder: str, problems: dict[str, str]) -> list[Verdict]:
    """Return `verdicts` each with the problem `problems` gives for its path, subfolder/name, if any."""
    return [dataclasses.replace(verdict, problems=verdict.problems + (problems[name],))
            if (name := (Path(subfolder) / verdict.output).as_posix()) in problems else verdict
            for verdict in verdicts]


# Length and size


def length_problems(name: str, count: int, material: Material) -> list[str]:
    """Return a sentence if the output has more or fewer pages or slides than it must."""
    if name in ("flyer", "poster", "flyer-print-shop", "poster-print-shop") and count != 1:
        return [f"has {counted(count, 'page')}; the {name} must have 1"]
    budget = material.outputs.handout_pages
    if name == "handout" and count > budget:
        return [f"has {counted(count, 'page')}; the handout must have at most {budget}"]
    if name == "slides-handout":
        slides = len(plan_slides(material).slides)
        pages = math.ceil(slides / SLIDES_PER_PAGE)
        if count != pages:
            return [f"has {counted(count, 'page')}; the slides handout must have {pages} "
                    f"({slides} slides, {SLIDES_PER_PAGE} to a page)"]
    if name == "slides":
        slides = len(plan_slides(material).slides)
        if count != slides:
            return [f"has {counted(count, 'slide')}; the deck must have one for each of the {slides} planned slides"]
    if count == 0:
        return ["has no pages"]
    return []


def size_problems(filename: str, size: int) -> list[str]:
    """Return a sentence if the output is too large to e-mail."""
    budget = EMAIL_BUDGET.get(filename)
    if budget is None or size < budget:
        return []
    shown = human_size(size)
    if shown == human_size(budget):
        shown = f"{size:,} bytes"  # "1.0 MB" would not say that it is over
    return [f"is {shown}; it must stay under {human_size(budget)} to e-mail"]


def counted(count: int, unit: str) -> str:
    """Return `count` with its unit, singular or plural ('1 page', '2 pages')."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


# Reading PDFs


def read_pdf(path: Path, paper: Paper, reader=None, press: bool = False) -> Reading:
    """Return the pages, text and form problems of the PDF at `path` (already opened as `reader`, if given),
    whose pages must all be of the size of `paper`: trimmed to it, in a print-shop file (`press`, see press.py)."""
    from pypdf import PdfReader

    reader = reader or PdfReader(path)
    pages = list(reader.pages)
    text = text_of_pdf(path)
    catalog = reader.trailer["/Root"].get_object()
    if press:
        from .press import press_problems

        problems = press_problems(path, paper)
    else:
        problems = page_size_problems(pages, paper)
    problems += unembedded_font_problems(reader) + tagging_problems(catalog)
    links = [annotation.get_object().get("/A", {}).get("/URI")
             for page in pages for annotation in page.get("/Annots") or []]
    return Reading(len(pages), text, problems=tuple(problems), links=tuple(str(link) for link in links if link))


def text_of_pdf(path: Path) -> str:
    """Return the text of every page of the PDF at `path`, as a reader would copy it.

    PDFium (the PDF engine of Chrome) reads the text about twenty times faster than
    pypdf, which matters when every flyer of a hundred sites is checked.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        pages = [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()
    # PDFium marks a hyphen that ends a line with U+FFFE; the text has a hyphen there.
    return " ".join(pages).replace("\ufffe", "-")


def page_size_problems(pages, paper: Paper) -> list[str]:
    """Return a sentence for each page size other than that of `paper`, naming the pages that have it."""
    sizes: dict[tuple[float, float], list[int]] = {}
    for number, page in enumerate(pages, start=1):
        box = page.mediabox
        size = (float(box.width), float(box.height))
        if not paper.matches(*size):
            sizes.setdefault(size, []).append(number)
    return [f"{'page' if len(numbers) == 1 else 'pages'} {', '.join(map(str, numbers))} "
            f"{'is' if len(numbers) == 1 else 'are'} {width:.6g} x {height:.6g} pt; "
            f"every page must be {paper.name}, {paper.width:.6g} x {paper.height:.6g} pt"
            for (width, height), numbers in sizes.items()]


def unembedded_font_problems(reader) -> list[str]:
    """Return a sentence for each font the PDF uses without carrying it."""
    from .checks.outputs import fonts_in, is_embedded

    names: list[str] = []
    for page in reader.pages:
        for font in fonts_in(page.get("/Resources"), set()):
            if not is_embedded(font):
                names.append(str(font.get("/BaseFont", "(unnamed)")).lstrip("/"))
    return [f"font '{name}' is not embedded" for name in dict.fromkeys(names)]


def tagging_problems(catalog) -> list[str]:
    """Return a sentence if the PDF is not tagged for screen readers."""
    from .checks.outputs import is_true

    mark_info = catalog.get("/MarkInfo")
    marked = mark_info is not None and is_true(mark_info.get_object().get("/Marked"))
    if marked and "/StructTreeRoot" in catalog:
        return []
    return ["is not tagged (it needs /MarkInfo Marked and a structure tree), so screen readers cannot follow it"]


# Reading the deck


def read_web_page(path: Path, language: str) -> Reading:
    """Return the text and links of the web page at `path`, as a browser shows them, and what is wrong with its form:
    a page in another language than `language`, one that runs a script, or one that fetches anything from elsewhere."""
    from .web import read_page

    page = read_page(path.read_text(encoding="utf-8"))
    problems = []
    if page.language != language:
        problems.append(f"says it is in '{page.language}', not in '{language}'; build again to replace it")
    problems += [f"runs a script ({script}); the page must be readable without one" for script in page.scripts]
    problems += [f"fetches {address}; the page must hold everything it shows" for address in page.fetched]
    within = [link for link in page.links if link.startswith("#")]
    problems += [f"links to {link}, which is nowhere on the page" for link in within if link[1:] not in page.ids]
    return Reading(1, page.text, problems=tuple(problems), links=tuple(link for link in page.links
                                                                       if link not in within))


def read_deck(path: Path) -> Reading:
    """Return the slides, text, speaker notes and form problems of the deck at `path`."""
    from pptx import Presentation

    deck = Presentation(path)
    texts, notes = [], []
    for slide in deck.slides:
        texts += shape_texts(slide.shapes)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            notes.append(slide.notes_slide.notes_text_frame.text)
    problems = shape_problems(deck.slide_width, deck.slide_height)
    return Reading(len(deck.slides), " ".join(texts), " ".join(notes), tuple(problems))


def shape_texts(shapes) -> list[str]:
    """Return every text of `shapes`, in tables and groups too, in reading order."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    texts = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            texts += shape_texts(shape.shapes)
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
        elif shape.has_table:
            texts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return texts


def shape_problems(width: int | None, height: int | None) -> list[str]:
    """Return a sentence if the slides are not 16:9."""
    if width and height and width * 9 == height * 16:
        return []
    if not (width and height):
        return ["does not say how large its slides are; the deck must be 16:9"]
    inches = f"{width / 914400:.4g} x {height / 914400:.4g} in"  # 914,400 EMU to the inch
    return [f"has {inches} slides; the deck must be 16:9"]


# The table


def verdict_table(verdicts: list[Verdict]) -> str:
    """Return the verdicts as a plain-text table, each failure listed under its output, and a summary line."""
    header = ("output", "pages/slides", "size", "result")
    rows = [(verdict.output,
             "-" if verdict.count is None else counted(verdict.count, verdict.unit.rstrip("s")),
             "-" if verdict.count is None and not verdict.size else human_size(verdict.size),
             "ok" if verdict.passed else "FAILED")
            for verdict in verdicts]
    widths = [max(len(row[column]) for row in [header] + rows) for column in range(len(header))]
    lines = [line_of(header, widths)]
    for verdict, row in zip(verdicts, rows):
        lines.append(line_of(row, widths))
        lines += [f"    missing {item}" for item in verdict.missing]
        lines += [f"    {problem}" for problem in verdict.problems]
    failed = sum(not verdict.passed for verdict in verdicts)
    if not verdicts:
        lines.append("No outputs to verify.")
    elif failed:
        lines.append(f"{failed} of {counted(len(verdicts), 'output')} failed.")
    else:
        lines.append(f"All {counted(len(verdicts), 'output')} verified.")
    return "\n".join(lines)


def line_of(cells: tuple[str, ...], widths: list[int]) -> str:
    """Return one line of the table, its columns padded to `widths`."""
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()


# A site's flyer


def site_flyer_shows(material: Material, site) -> list[Expected]:
    """Return what a site's flyer shows: what the flyer shows, and the site's details in its language."""
    details = site.details_in(material.document.language.split("-")[0].lower())
    texts = [site.name, *site.address, site.phone_shown, site.web_shown, *details.hours, *details.services]
    return flyer_shows(material, with_site=True) + [Expected(f"site detail '{text}'", text) for text in texts]


def verify_site_flyer(path: Path, material: Material, site, reader=None) -> list[str]:
    """Return what is wrong with the flyer of `site` at `path`: text it lacks, its form, a link that is not the site's.

    `reader` is the flyer already opened with pypdf, if it was.
    """
    verdict = site_flyer_verdict(path, material, site, reader=reader)
    missing = ["does not show " + ", ".join(verdict.missing)] if verdict.missing else []
    return list(verdict.problems) + missing


def site_flyer_verdict(path: Path, material: Material, site, name: str = "", reader=None,
                       listed: dict[str, dict] | None = None, shown: Path | None = None) -> Verdict:
    """Return the verdict on the flyer of `site` at `path`, shown in a table as `name` (its file name if empty).

    With `listed`, the outputs the manifest `shown` lists by name, the flyer must also be the file it lists as `name`.
    """
    name = name or path.name
    if not path.is_file():
        return Verdict(name, None, "pages", 0, (), (f"is missing from {path.parent}",))
    if listed is not None:
        changed = manifest_problems(path, listed.get(name), material, shown)
        if changed:
            return Verdict(name, None, "pages", path.stat().st_size, (), tuple(changed))
    refused = refusal(path, path.stat().st_size)
    if refused:
        return Verdict(name, None, "pages", path.stat().st_size, (), (refused,))
    with readers_quiet():
        reading = read_pdf(path, SiteFlyerBuilder().paper(material), reader)
    problems = list(reading.problems) + length_problems("flyer", reading.count, material)
    problems += size_problems("flyer.pdf", path.stat().st_size)
    if site.web not in reading.links:
        problems.append(f"has no link to {site.web} on its QR code")
    problems += link_problems(reading.links, content_links(material) | {site.web}, set())
    return Verdict(name, reading.count, "pages", path.stat().st_size,
                   missing_from(reading, site_flyer_shows(material, site)), tuple(problems))
