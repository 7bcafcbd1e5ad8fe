"""Write docs/content-format.md, the editors' guide to a material file, from the content model and its examples."""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
import types
import typing
from pathlib import Path

from .content import PROJECT, load_content
from .errors import ContentError
from .model import (FLYER_DEFAULTS, KINDS, Author, Block, Credits, Cues, Document, Facilitation,
                    Material, Minutes, Outputs, Section)

DOC_FILE = Path("docs/content-format.md")
EXAMPLES = Path("docs/examples")
BROKEN = EXAMPLES / "broken"
PICTURES = Path("docs/pictures")
BRAND = Path("content/brand.yaml")
COMMAND = ".venv/bin/python -m generator.content_format"
# The broken examples, in the order the guide shows them: docs/examples/broken/<name>.yaml.
MISTAKES = ("unknown-kind", "two-kinds", "misspelt-key", "missing-heading", "empty-text", "colon-in-text",
            "table-row", "contact-unreachable", "flyer-value")
# The examples the guide also quotes: a whole file, `facilitation:` and `outputs:`, and `flyer:`.
WHOLE_EXAMPLE, TRAINING_EXAMPLE, FLYER_EXAMPLE = "callout", "steps", "contacts"
PICTURE_WIDTH = 700
RENDER_SCALE = 2  # render larger, then shrink to PICTURE_WIDTH, for smooth letters
FOOTER_POINTS = 60  # the handout's page footer sits in the bottom this many points of the page


# The markdown

def content_format_text() -> str:
    """Return the text of docs/content-format.md as the model and the examples make it now."""
    parts = [_introduction(), _material_file(), _blocks(), _flyer(), _facilitation(), _outputs(), _mistakes()]
    return "\n\n".join(part.strip("\n") for part in parts) + "\n"


def _introduction() -> str:
    """Return the title and the note saying how the page is made."""
    return f"""<!-- Made by `{COMMAND}` from generator/model.py and docs/examples/; edit those, not this file. -->

# The content format

Every teaching material is one text file in the `content/` folder, written in YAML. The flyer, the
handout, the slides, the slides handout and the facilitator guide are all built from that one file,
so they always say the same thing. This page describes what goes in the file, with a small example
of every part and pictures of how it looks.

The examples are real files in `docs/examples/`: each is a complete material you can build, e.g.
`python -m generator build docs/examples/steps.yaml`. They are drafts, so their pictures say DRAFT;
an approved material has no such mark.

A few YAML habits help: indent with spaces (never tabs), start each list item with `- `, and put
text in quotes if it contains `: ` or starts with a symbol. Long text can continue on the next
lines after `>-`, indented."""


def _material_file() -> str:
    """Return what a material file holds: its top-level keys, with the document, sections and credits."""
    whole = _after_comments(_read(_example(WHOLE_EXAMPLE)))
    return "\n\n".join([
        "## What a material file is",
        f"A material file holds {_lower(_summary(Material))}. It has these parts, each starting at the left "
        "edge of a line:",
        _fields_table(Material),
        f"Here is a whole material file ([{WHOLE_EXAMPLE}.yaml](examples/{WHOLE_EXAMPLE}.yaml)):",
        _yaml(whole),
        "### `document:`",
        f"{_summary(Document)}.",
        _fields_table(Document),
        "### `sections:`",
        f"Each section is {_lower(_summary(Section))}. Each one starts with `- heading:`.",
        _fields_table(Section),
        "### `credits:`",
        f"{_summary(Credits)}: a heading and a list of authors.",
        _fields_table(Credits),
        "Each author has:",
        _fields_table(Author),
    ])


def _blocks() -> str:
    """Return the part on blocks: what a block is, then one section per kind."""
    kinds = ", ".join(f"`{kind}`" for kind in KINDS)
    intro = (f"## Kinds of block\n\n{_summary(Block)}. A block starts with `- ` under `blocks:`, then the word "
             f"naming its kind: {kinds}. A section may hold several blocks, of the same kind or of different "
             "kinds; they are shown in the order they are written.")
    return "\n\n".join([intro, *(_kind_section(kind) for kind in KINDS)])


def _kind_section(kind: str) -> str:
    """Return the section on one kind of block: its fields, example and pictures."""
    path = _example(kind)
    return "\n\n".join([
        f"### `{kind}`",
        _field_doc(Block, kind),
        _items(kind),
        f"On the flyer: `{FLYER_DEFAULTS[kind]}`, unless the section says otherwise (see "
        "[What the flyer shows](#what-the-flyer-shows-flyer)).",
        f"An example ([{path.name}](examples/{path.name})):",
        _yaml(_top_key(_read(path), "sections")),
        f"In the handout:\n\n![The {kind} example in the handout](pictures/{kind}-handout.png)",
        f"On a slide:\n\n![The {kind} example on a slide](pictures/{kind}-slide.png)",
    ])


def _items(kind: str) -> str:
    """Return what each item of a block of `kind` holds: a table of its fields, or a sentence for plain text."""
    shape = _without_none(typing.get_type_hints(Block)[kind])
    item = typing.get_args(shape)[0] if typing.get_origin(shape) is tuple else shape
    if dataclasses.is_dataclass(item):
        lead = "It has:" if item is shape else "Each item starts with `- ` and has:"
        return f"{lead}\n\n{_fields_table(item)}"
    if item is shape:
        return f"The block is a single piece of text, written right after `{kind}:` on the same line."
    return "Each item is one line of text, starting with `- `."


def _flyer() -> str:
    """Return the part on `flyer:`: the choices, and what each kind shows when the section does not say."""
    rows = [("kind of block", "the flyer shows, unless the section says otherwise")]
    rows += [(f"`{kind}`", f"`{FLYER_DEFAULTS[kind]}`") for kind in KINDS]
    return "\n\n".join([
        "## What the flyer shows: `flyer:`",
        "The flyer is one page in large type, so it shows less than the handout. A section may say how "
        "much of it the flyer shows, with `flyer:` written under its heading.",
        _field_doc(Section, "flyer"),
        _table(rows),
        f"An example ([{FLYER_EXAMPLE}.yaml](examples/{FLYER_EXAMPLE}.yaml)):",
        _yaml(_section_head(_read(_example(FLYER_EXAMPLE)))),
    ])


def _facilitation() -> str:
    """Return the part on `facilitation:`: the trainer's titles, cues, questions and timing."""
    return "\n\n".join([
        "## The trainer's part: `facilitation:`",
        f"{_summary(Facilitation)}. It may be left out, and so may every part of it.",
        _fields_table(Facilitation),
        f"Under `cues:`, write {_lower(_summary(Cues))}:",
        _fields_table(Cues),
        f"Under `minutes:`, write {_lower(_summary(Minutes))}:",
        _fields_table(Minutes),
        f"An example ([{TRAINING_EXAMPLE}.yaml](examples/{TRAINING_EXAMPLE}.yaml)):",
        _yaml(_top_key(_read(_example(TRAINING_EXAMPLE)), "facilitation")),
    ])


def _outputs() -> str:
    """Return the part on `outputs:`."""
    return "\n\n".join([
        "## Settings of the outputs: `outputs:`",
        f"{_summary(Outputs)}. It may be left out.",
        _fields_table(Outputs),
        f"An example ([{TRAINING_EXAMPLE}.yaml](examples/{TRAINING_EXAMPLE}.yaml)):",
        _yaml(_top_key(_read(_example(TRAINING_EXAMPLE)), "outputs")),
    ])


def _mistakes() -> str:
    """Return the part on error messages, each made by loading a broken example."""
    intro = """## When something is wrong

When a file has a mistake, nothing is built. The message gives the file, the line, where in the
file the mistake is, and what to do. Where it is counts from 0: `sections[0].blocks[1]` is the
second block of the first section. Open the file at that line and fix what the message says.

Each mistake below is made on purpose in a small file in `docs/examples/broken/`, and the message
under it is what the generator says about that file."""
    return "\n\n".join([intro, *(_mistake(name) for name in MISTAKES)])


def _mistake(name: str) -> str:
    """Return one broken example: what is wrong, the lines, and the message loading it gives."""
    text = _read(_broken(name))
    return "\n\n".join([f"### {_mistake_title(text)}", _yaml(_top_key(text, "sections")),
                        f"```\n{broken_message(name)}\n```"])


def broken_message(name: str) -> str:
    """Return what loading the broken example `name` says, with its path as the project names it."""
    path = _broken(name)
    try:
        load_content(PROJECT / path, PROJECT / BRAND)
    except ContentError as error:
        return "\n".join(str(dataclasses.replace(problem, file=path.as_posix())) for problem in error.problems)
    raise SystemExit(f"{path} loads without a problem; a broken example must have a mistake")


def _mistake_title(text: str) -> str:
    """Return the first line of a broken example, '# Mistake: ...', as a heading."""
    first = text.splitlines()[0].removeprefix("# Mistake:").strip().rstrip(".")
    return first[0].upper() + first[1:]


# Tables from the model

def _fields_table(cls) -> str:
    """Return a markdown table of the documented fields of `cls`: name, whether it is needed, what it is."""
    rows = [("key", "needed", "what it is")]
    for spec in dataclasses.fields(cls):
        if not spec.metadata.get("internal"):
            optional = spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING
            needed = "no" if optional else "yes"
            rows.append((f"`{spec.name}`", needed, spec.metadata["doc"] + _default_note(spec)))
    return _table(rows)


def _default_note(spec: dataclasses.Field) -> str:
    """Return ' Left out: N.' for a number or true/false field, which is what it is when not written."""
    if isinstance(spec.default, bool):
        return f" Left out: {str(spec.default).lower()}."
    if isinstance(spec.default, int):
        return f" Left out: {spec.default}."
    return ""


def _field_doc(cls, name: str) -> str:
    """Return the documentation of the field `name` of `cls`."""
    return next(spec.metadata["doc"] for spec in dataclasses.fields(cls) if spec.name == name)


def _summary(cls) -> str:
    """Return the first line of a class's docstring, without its full stop."""
    return (cls.__doc__ or "").strip().splitlines()[0].rstrip(".")


def _lower(text: str) -> str:
    """Return `text` with its first letter in lower case."""
    return text[:1].lower() + text[1:]


def _without_none(kind):
    """Return `kind` without `| None`."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return next(k for k in typing.get_args(kind) if k is not type(None))
    return kind


def _table(rows: list[tuple[str, ...]]) -> str:
    """Return `rows` as a markdown table, the first row as its header."""
    lines = [_table_row(rows[0]), _table_row(tuple("---" for _ in rows[0]))]
    return "\n".join(lines + [_table_row(row) for row in rows[1:]])


def _table_row(cells: tuple[str, ...]) -> str:
    """Return one row of a markdown table."""
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


# Quoting the examples

def _example(kind: str) -> Path:
    """Return the path of the example of `kind`, relative to the project."""
    return EXAMPLES / f"{kind}.yaml"


def _broken(name: str) -> Path:
    """Return the path of the broken example `name`, relative to the project."""
    return BROKEN / f"{name}.yaml"


def _read(path: Path) -> str:
    """Return the text of the project file `path`."""
    return (PROJECT / path).read_text(encoding="utf-8")


def _yaml(text: str) -> str:
    """Return `text` as a fenced YAML block."""
    return f"```yaml\n{text.strip(chr(10))}\n```"


def _after_comments(text: str) -> str:
    """Return `text` without the comment lines it starts with."""
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _top_key(text: str, key: str) -> str:
    """Return the lines of the top-level `key` of a YAML text, without comments that follow it."""
    lines = text.splitlines()
    start = lines.index(f"{key}:")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #"):
        end += 1
    while not lines[end - 1].strip() or lines[end - 1].startswith("#"):
        end -= 1
    return "\n".join(lines[start:end])


def _section_head(text: str) -> str:
    """Return the lines of a YAML text's `sections:` up to its first `blocks:`, with `...` for the rest."""
    lines = _top_key(text, "sections").splitlines()
    end = next(number for number, line in enumerate(lines) if line.strip() == "blocks:")
    return "\n".join(lines[:end + 1] + [lines[end].replace("blocks:", "  ...")])


def write_doc() -> Path:
    """Write docs/content-format.md and return its path."""
    path = PROJECT / DOC_FILE
    path.write_text(content_format_text(), encoding="utf-8")
    return path


# The pictures

def draw_pictures(kinds=KINDS) -> list[Path]:
    """Draw each kind's example in the handout and on a slide into docs/pictures/; return the files."""
    soffice = _soffice()
    drawn = []
    for kind in kinds:
        material = load_content(PROJECT / _example(kind), PROJECT / BRAND)
        with tempfile.TemporaryDirectory() as folder:
            drawn.append(_save(_handout_picture(material, Path(folder)), f"{kind}-handout.png"))
            drawn.append(_save(_slide_picture(material, Path(folder), soffice), f"{kind}-slide.png"))
    return drawn


def _soffice() -> str:
    """Return LibreOffice's command, or stop saying how to install it."""
    found = shutil.which("soffice")
    if not found:
        raise SystemExit("drawing the slide pictures needs LibreOffice: apt-get install -y libreoffice-impress "
                         "fonts-crosextra-carlito")
    return found


def _handout_picture(material: Material, folder: Path):
    """Return the top of the handout's first page: the masthead and the section."""
    from .builders import BUILDERS

    pdf = folder / "handout.pdf"
    BUILDERS["handout"].build(material, pdf)
    page = _render(pdf, 0)
    body = page.crop((0, 0, page.width, page.height - FOOTER_POINTS * RENDER_SCALE))
    left, top, right, bottom = _inked(body)
    margin = 16 * RENDER_SCALE
    return page.crop((left - margin, top - margin, right + margin, bottom + margin))


def _slide_picture(material: Material, folder: Path, soffice: str):
    """Return the first slide that shows the material's block, as LibreOffice draws the deck."""
    from .builders import BUILDERS

    deck = folder / "slides.pptx"
    BUILDERS["slides"].build(material, deck)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                   check=True, capture_output=True, timeout=300)
    return _render(folder / "slides.pdf", block_slide(material))


def block_slide(material: Material) -> int:
    """Return the number (from 0) of the first slide after the agenda that shows the material's first block."""
    from .slideplan import plan_slides

    marker = _first_words(next(block for _, block, _ in material.blocks()))
    slides = plan_slides(material).slides
    return next(number for number, slide in enumerate(slides)
                if number >= 2 and any(marker in text for text in slide.texts))


def _first_words(block: Block) -> str:
    """Return the first text a block shows: its first headline, step, point, column, paragraph or name."""
    content = block.content
    if block.kind == "table":
        return content.columns[0]
    if isinstance(content, str):
        return content
    first = content[0]
    return first if isinstance(first, str) else getattr(first, dataclasses.fields(first)[0].name)


def _render(pdf: Path, number: int):
    """Return page `number` (from 0) of `pdf` as a picture at RENDER_SCALE."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[number].render(scale=RENDER_SCALE).to_pil().convert("RGB")
    finally:
        document.close()


def _inked(image) -> tuple[int, int, int, int]:
    """Return the box around everything on `image` that is not white."""
    from PIL import Image, ImageChops, ImageOps

    ink = ImageChops.difference(image, Image.new("RGB", image.size, "white"))
    return ImageOps.grayscale(ink).point(lambda value: 255 if value > 8 else 0).getbbox()


def _save(image, name: str) -> Path:
    """Shrink `image` to PICTURE_WIDTH, frame it, and save it in few colours as docs/pictures/`name`."""
    from PIL import Image, ImageOps

    height = round(image.height * PICTURE_WIDTH / image.width)
    small = image.resize((PICTURE_WIDTH - 2, height - 2), Image.LANCZOS)
    framed = ImageOps.expand(small, border=1, fill="#B8B8B8")
    path = PROJECT / PICTURES / name
    path.parent.mkdir(parents=True, exist_ok=True)
    framed.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path


def main(argv: list[str] | None = None) -> int:
    """Write docs/content-format.md, and with --pictures also draw docs/pictures/."""
    parser = argparse.ArgumentParser(prog="python -m generator.content_format", description=__doc__)
    parser.add_argument("--pictures", action="store_true",
                        help="also draw the handout and slide pictures (needs LibreOffice)")
    arguments = parser.parse_args(argv)
    print(f"wrote {write_doc().relative_to(PROJECT)}")
    if arguments.pictures:
        for path in draw_pictures():
            print(f"drew {path.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
