"""verify against a hostile tester: every change to a built file, its manifest or its folder fails with a sentence."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from generator.cli import main, run_verify
from generator.content import load_content
from generator.manifest import MANIFEST

from .conftest import BRAND, CONTENT, ROOT

ZEROS = "ppt/media/zeros.bin"


@pytest.fixture
def english(tmp_path) -> Path:
    """A copy of the shipped English content, which the outputs were built from."""
    (tmp_path / "content").mkdir()
    return Path(shutil.copy(CONTENT, tmp_path / "content" / CONTENT.name))


@pytest.fixture
def out(built_output, tmp_path) -> Path:
    """A copy of an output folder as `build` writes it: out/harm-reduction/ and out/manifest.json."""
    return Path(shutil.copytree(built_output, tmp_path / "output"))


@pytest.fixture
def verify(english, capsys):
    """Run `verify` on a folder; return its exit status, what it printed and what it said was wrong."""
    def run(folder: Path) -> tuple[int, str, str]:
        status = main(["verify", str(folder), "--material", str(english), "--brand", str(BRAND)])
        printed = capsys.readouterr()
        return status, printed.out, printed.err
    return run


def failures(printed: str) -> dict[str, list[str]]:
    """Return each failed output of a printed table with the lines listed under it."""
    failed, current = {}, None
    for line in printed.splitlines():
        if line.endswith("FAILED"):
            current = failed.setdefault(line.split()[0], [])
        elif line.startswith("    ") and current is not None:
            current.append(line.strip())
        else:
            current = None
    return failed


def listed_again(out: Path, name: str) -> None:
    """Make the manifest's size and SHA-256 of `name` match the file, as a tester covering their tracks would."""
    manifest = json.loads((out / MANIFEST).read_text())
    data = (out / name).read_bytes()
    for entry in manifest["outputs"]:
        if entry["name"] == name:
            entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    (out / MANIFEST).write_text(json.dumps(manifest))


def page_disagrees(out: Path, name: str) -> str:
    """Return the sentence verify says of the web page when the manifest records other facts of the file `name`
    beside it than the page gives, as after `listed_again`."""
    from generator.downloads import facts_of

    entry = next(entry for entry in json.loads((out / MANIFEST).read_text())["outputs"]
                 if entry["name"] == f"harm-reduction/{name}")
    unit = "slides" if "slides" in entry else "pages"
    facts = facts_of(name, unit, entry[unit], entry["bytes"], load_content(CONTENT, BRAND).labels)
    return f"does not say that {name} is '{facts}', as {out / MANIFEST} records it; build again to replace it"


def changed(out: Path) -> str:
    """Return the sentence verify says of a file that is not the one built into `out`."""
    return (f"changed since it was built (its SHA-256 is not the one in {out / MANIFEST}); "
            "build again to replace it")


# The file


def test_the_untouched_outputs_pass(out, verify):
    status, printed, said = verify(out)
    assert (status, said) == (0, "")
    assert printed.splitlines()[-1] == "All 6 outputs verified."


def test_one_byte_changed_inside_the_handouts_font_fails(out, verify):
    path = out / "harm-reduction" / "handout.pdf"
    flip_a_font_byte(path)

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"handout.pdf": [changed(out)]}
    assert printed.splitlines()[-1] == "1 of 6 outputs failed."


def flip_a_font_byte(path: Path) -> None:
    """Change one bit of one byte inside the stream of the first font embedded in the PDF at `path`."""
    font = next(descriptor.raw_get("/FontFile2").idnum for descriptor in font_descriptors(PdfReader(path)))
    data = bytearray(path.read_bytes())
    start = re.search(rb"(?m)^%d 0 obj\b.*?stream\r?\n" % font, data, re.DOTALL).end()
    data[start + 1000] ^= 0x01
    path.write_bytes(data)


def font_descriptors(reader: PdfReader) -> list:
    """Return the descriptor of every font the PDF's pages use."""
    descriptors = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptors.append(font["/FontDescriptor"].get_object())
    return descriptors


def test_a_mailto_link_rewritten_fails_even_with_the_manifest_fixed_up(out, verify, material):
    path = out / "harm-reduction" / "handout.pdf"
    original = path.stat().st_size
    author = material.authors[0].email
    writer = PdfWriter(clone_from=path)
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object()["/A"]
            if action["/URI"] == f"mailto:{author}":
                action[NameObject("/URI")] = TextStringObject("mailto:someone@example.net")
    writer.write(path)
    listed_again(out, "harm-reduction/handout.pdf")

    status, printed, _ = verify(out)

    assert status == 1
    expected = {"handout.pdf": [
        "links to mailto:someone@example.net, which the content does not give; build again to replace it",
        f"has no link to mailto:{author}, which the content gives; build again to replace it"]}
    if round((out / "harm-reduction" / "handout.pdf").stat().st_size / 1000) != round(original / 1000):
        expected["index.html"] = [page_disagrees(out, "handout.pdf")]  # the page gives the size it had
    assert failures(printed) == expected


def test_a_handout_over_the_size_limit_is_refused_before_it_is_read(out, verify):
    path = out / "harm-reduction" / "handout.pdf"
    with open(path, "r+b") as file:
        file.truncate(51_000_000)  # zeros after the end of the PDF, written as a sparse file
    listed_again(out, "harm-reduction/handout.pdf")

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"handout.pdf": [
        "is 51 MB; the outputs are tens of KB, so a file over 50 MB is not opened; build again to replace it"],
        "index.html": [page_disagrees(out, "handout.pdf")]}


def test_a_page_that_gives_other_sizes_than_the_manifest_records_fails_though_its_own_entry_was_fixed_up(out,
                                                                                                      verify):
    page = out / "harm-reduction" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("(PDF, 2 pages, ") == 1  # the handout's
    page.write_text(html.replace("(PDF, 2 pages, ", "(PDF, 1 page, "), encoding="utf-8")
    listed_again(out, "harm-reduction/index.html")

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"index.html": [page_disagrees(out, "handout.pdf")]}


# The manifest


def test_a_deleted_manifest_fails_with_a_sentence(out, verify):
    (out / MANIFEST).unlink()
    assert verify(out) == (1, "", f"error: {out / MANIFEST} is missing, so nothing records which outputs were "
                                  f"built into {out}; build the outputs again with `python -m generator build` "
                                  "to write it\n")


@pytest.mark.parametrize("text, reason", [
    ("{not json", "it is not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"),
    ("[1, 2]", "it has no list of 'outputs'"),
    ('{"outputs": [{"name": "harm-reduction/flyer.pdf"}]}',
     "output 1 of its list lacks a name, bytes, sha256 or the content it was built from"),
])
def test_an_unreadable_manifest_fails_with_what_is_wrong(out, verify, text, reason):
    (out / MANIFEST).write_text(text)
    assert verify(out) == (1, "", f"error: {out / MANIFEST} cannot be read: {reason}; build the outputs again with "
                                  "`python -m generator build` to write it anew\n")


def test_a_file_the_manifest_does_not_list_fails(out, verify):
    shutil.copy(out / "harm-reduction" / "flyer.pdf", out / "harm-reduction" / "flyer-old.pdf")

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"flyer-old.pdf": [
        f"is not listed in {out / MANIFEST}, so nothing shows it was built here; build again to list it, "
        "or delete it if it is not an output",
        "is not an output of this generator; the outputs are flyer.pdf, handout.pdf, slides.pptx, "
        "slides-handout.pdf, facilitator-guide.pdf, index.html, poster.pdf, flyer-print-shop.pdf, "
        "poster-print-shop.pdf"]}
    assert printed.splitlines()[-1] == "1 of 7 outputs failed."


def test_an_output_taken_out_of_the_manifest_fails(out, verify):
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["outputs"] = [entry for entry in manifest["outputs"] if entry["name"] != "harm-reduction/slides.pptx"]
    (out / MANIFEST).write_text(json.dumps(manifest))

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"slides.pptx": [
        f"is not listed in {out / MANIFEST}, so nothing shows it was built here; build again to list it, "
        "or delete it if it is not an output"]}


def test_an_output_the_manifest_lists_that_is_gone_fails(out, verify):
    (out / "harm-reduction" / "handout.pdf").unlink()

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"handout.pdf": [
        f"is missing from {out / 'harm-reduction'}, though {out / MANIFEST} lists it; build again to write it"],
        "index.html": ["links to handout.pdf, which is not beside it; build again to replace it"]}


def test_outputs_built_from_an_older_version_of_the_content_fail(out, verify, english):
    english.write_text(english.read_text() + "# edited since the build\n")

    status, printed, _ = verify(out)

    assert status == 1
    stale = f"built from an older version of {english}; build again to replace it"
    assert failures(printed) == {name: [stale] for name in ("flyer.pdf", "handout.pdf", "slides.pptx",
                                                            "slides-handout.pdf", "facilitator-guide.pdf",
                                                            "index.html")}


# The deck's zip


def with_zeros(path: Path, size: int) -> None:
    """Rewrite the deck at `path` with one more part of `size` zero bytes, written a megabyte at a time."""
    original = path.with_suffix(".original")
    path.rename(original)
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as deck:
        for member in source.infolist():
            deck.writestr(member, source.read(member))
        with deck.open(ZEROS, "w") as zeros:
            for _ in range(size // len(chunk)):
                zeros.write(chunk)
    original.unlink()


def test_a_deck_with_a_quarter_gigabyte_of_zeros_is_refused_from_its_zip_directory(out, verify):
    path = out / "harm-reduction" / "slides.pptx"
    with_zeros(path, 256 << 20)  # five times the limit; unpacked, more than the memory verify may take
    assert path.stat().st_size < 5_000_000
    listed_again(out, "harm-reduction/slides.pptx")

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"slides.pptx": [
        f"holds {ZEROS}, which unpacks to 268.4 MB; no part of a deck may be over 50 MB, so it is not opened; "
        "build again to replace it"],
        "index.html": [page_disagrees(out, "slides.pptx")]}
    peak = peak_memory_of_verify(out)
    assert peak < 300_000_000, f"verify took {peak:,} bytes of memory"  # about 140 MB; 590 MB if it unpacks the part


def peak_memory_of_verify(out: Path) -> int:
    """Return the most memory, in bytes, a fresh Python process took to verify `out`."""
    script = ("import sys\n"
              "from generator.cli import main\n"
              f"status = main(['verify', {str(out)!r}, '--material', {str(CONTENT)!r}, '--brand', {str(BRAND)!r}])\n"
              # VmHWM, the peak of this program alone: ru_maxrss may also count the parent it was forked from.
              "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n")
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    return int(finished.stdout.splitlines()[-1]) * 1024  # Linux counts it in KB


def test_a_deck_whose_zip_directory_lies_about_a_part_is_refused(out, verify):
    path = out / "harm-reduction" / "slides.pptx"
    with_zeros(path, 60 << 20)
    said_to_be(path, ZEROS, 1000)
    listed_again(out, "harm-reduction/slides.pptx")

    status, printed, _ = verify(out)

    assert status == 1
    assert failures(printed) == {"slides.pptx": [
        f"holds {ZEROS}, which unpacks to more than the 1,000 bytes its directory says, so it is not opened; "
        "build again to replace it"],
        "index.html": [page_disagrees(out, "slides.pptx")]}


def said_to_be(path: Path, name: str, size: int) -> None:
    """Rewrite the zip at `path` so that its directory and the part's own header say `name` unpacks to `size` bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        member, entry = archive.getinfo(name), archive.start_dir  # where the directory starts
    struct.pack_into("<L", data, member.header_offset + 22, size)  # the part's own header
    while not data[entry + 46:].startswith(name.encode()):
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<L", data, entry + 24, size)  # its entry in the directory
    path.write_bytes(data)


# Built again


def test_rebuild_catches_a_change_whose_manifest_entry_was_changed_to_match(out, english, capsys):
    path = out / "harm-reduction" / "handout.pdf"
    flip_a_font_byte(path)
    listed_again(out, "harm-reduction/handout.pdf")
    editions = [load_content(english, BRAND)]

    assert run_verify(editions, out, BRAND) == 0  # nothing the manifest or a reader sees has changed
    capsys.readouterr()
    assert run_verify(editions, out, BRAND, rebuild=True) == 1

    assert failures(capsys.readouterr().out) == {"handout.pdf": [
        "is not the file the content builds now (built again in a temporary folder, it differs byte for byte); "
        "build again to replace it"]}
