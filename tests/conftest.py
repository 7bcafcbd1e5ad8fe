"""Shared fixtures: the shipped content, outputs built once, and readers for them."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import io
import json
import logging
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.content import load_content
from generator.pipeline import Request, run

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
CONTENT = ROOT / "content" / "harm-reduction.yaml"
BRAND = ROOT / "content" / "brand.yaml"
SITES = "content/sites.example.yaml"  # inside a copy of the project


@pytest.fixture(autouse=True)
def no_weasyprint_logs(caplog):
    """Fail any test during which WeasyPrint logged a warning or an error."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    logged = [record.getMessage() for record in caplog.records if record.name.startswith("weasyprint")]
    assert not logged, f"WeasyPrint logged: {logged}"


@pytest.fixture(scope="session")
def material():
    """The shipped content, loaded and validated."""
    return load_content(CONTENT, BRAND)


def made_once(tmp_path_factory, name: str, make: Callable[[Path], object]) -> Path:
    """Return the folder `name` that `make(folder)` fills, made once for the whole run and shared by the test
    processes: the first to ask makes it while the others wait for it. Tests only read what is in it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if base.name.startswith("popen-gw") else base  # pytest-xdist: one run's folder
    folder = shared / f"shared-{name}"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file is closed, or the process ends
        if not (shared / f"shared-{name}.made").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a process that failed half-way left
            folder.mkdir()
            make(folder)
            (shared / f"shared-{name}.made").touch()
    return folder


@pytest.fixture(scope="session")
def built_output(tmp_path_factory) -> Path:
    """An output folder with every output of the shipped English content, built as `build` builds it: the content
    checked, every output audited and verified, then committed with the manifest."""
    return made_once(tmp_path_factory, "output",
                     lambda folder: run(Request([CONTENT], BRAND, folder, languages=["en"], workers=2)))


@pytest.fixture(scope="session")
def outputs(built_output) -> Path:
    """The folder of the shipped content's outputs, output/harm-reduction/."""
    return built_output / CONTENT.stem


def first_build(folder: Path) -> None:
    """Copy the project's content into folder/project, build it there with the example sites' flyers, and keep what
    the build printed in folder/printed.json.

    In one job, one output after another in this process: tests/test_build.py compares its English outputs with
    those of built_output, which the pipeline's workers build.
    """
    shutil.copytree(ROOT / "content", folder / "project" / "content")
    finished = run_generator("build", "--sites", SITES, "--jobs", "1", cwd=folder / "project")
    (folder / "printed.json").write_text(json.dumps([finished.returncode, finished.stdout, finished.stderr]))


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the project's content whose first build, by the command line, wrote every output in every
    language and the example sites' flyers into its output folder; and what that build printed.

    Built once a run: the tests of incremental builds start from copies of it, and the tests of the Spanish
    outputs and of the site flyers read it.
    """
    folder = made_once(tmp_path_factory, "project", first_build)
    status, out, err = json.loads((folder / "printed.json").read_text())
    return folder / "project", subprocess.CompletedProcess(["build", "--sites", SITES], status, out, err)


def with_native_tables(material):
    """Return `material` with the tables of its versus sections shown as native tables in the deck, as a section
    without `deck: versus` shows them: the shipped comparison is what the tests of the deck's tables read."""
    sections = tuple(dataclasses.replace(section, deck="slides") if section.deck == "versus" else section
                     for section in material.sections)
    return dataclasses.replace(material, sections=sections)


@pytest.fixture(scope="session")
def table_deck(tmp_path_factory, material) -> Path:
    """The deck of the shipped content with its comparison as native tables (see with_native_tables), built once."""
    from generator.builders.slides import SlidesBuilder

    folder = made_once(tmp_path_factory, "table-deck", lambda folder: SlidesBuilder().build(
        with_native_tables(material), folder / "slides.pptx"))
    return folder / "slides.pptx"


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's English content in a temporary folder, to run the command line in.

    Translations are left out to keep these tests fast; tests/test_spanish.py builds them.
    """
    shutil.copytree(ROOT / "content", tmp_path / "content", ignore=shutil.ignore_patterns("*.*.yaml"))
    return tmp_path


def run_generator(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGUMENTS` in `cwd` and return its exit status and what it printed.

    It runs in this process: starting Python and the PDF libraries anew costs about a second a run. The
    tests of stopping and killing a build start a process of their own.
    """
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(arguments), prog="python -m generator")
        except SystemExit as exit:  # argparse's usage errors and --help
            status = exit.code
    return subprocess.CompletedProcess(["python", "-m", "generator", *arguments], status, out.getvalue(),
                                       err.getvalue())


def as_built_before(outputs: Path, folder: Path) -> Path:
    """Copy the outputs of the shipped content into `folder` as a build into that folder would have left them, with
    their manifest and the marker of an output folder."""
    from generator import __version__
    from generator.build import mark_as_outputs
    from generator.manifest import merged_manifest, write_manifest

    shutil.copytree(outputs, folder)
    entries = [dict(entry, content=dict(entry["content"])) for entry in entries_of(outputs)]
    write_manifest(folder, merged_manifest(None, entries, __version__))
    mark_as_outputs(folder)
    return folder


@functools.cache
def entries_of(outputs: Path) -> tuple[dict, ...]:
    """Return the manifest entries of the outputs in `outputs`, worked out once: many tests start from them."""
    from generator.manifest import manifest_entries

    names = sorted(path.name for path in outputs.iterdir())
    return tuple(manifest_entries(outputs, load_content(CONTENT, BRAND), names))


def words(text: str) -> str:
    """Return `text` with every run of white space made one space, as a reader reads it."""
    return re.sub(r"\s+", " ", text).strip()


def shows(text: str, phrase: str) -> bool:
    """Return whether `text` has `phrase` in it, wherever a line happened to break.

    Lines in a PDF may break after a dash or slash where the source has no
    space, so white space is left out of the comparison; every other
    character must match in order.
    """
    return re.sub(r"\s+", "", phrase) in re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """Return all the text a reader of the PDF at `path` sees, white space normalised."""
    return words(" ".join(extracted_pages(Path(path).read_bytes())))


def page_texts(path: Path) -> list[str]:
    """Return the text of each page of the PDF at `path`, white space normalised."""
    return [words(text) for text in extracted_pages(Path(path).read_bytes())]


@functools.lru_cache(maxsize=64)
def extracted_pages(pdf: bytes) -> tuple[str, ...]:
    """Return the text pypdf extracts from each page of the PDF whose bytes are `pdf`: once for the same bytes,
    since that takes up to a second a file, and many tests read the same outputs or copies of them."""
    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
