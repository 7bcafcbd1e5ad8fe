"""Incremental builds: a build rewrites exactly the outputs whose content, templates or site changed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.web import read_page

from .conftest import ROOT, SITES, made_once, pdf_text, run_generator, shows
from .pdfs import text_sizes

OUTPUTS = ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf", "index.html"]
MAIN = [f"harm-reduction/{name}" for name in OUTPUTS]
SPANISH = [f"harm-reduction/es/{name}" for name in OUTPUTS]
SITE_FLYERS = [
    "harm-reduction/sites/harbor-street-wellness-center/flyer.pdf",
    "harm-reduction/sites/maple-avenue-outreach-office/flyer.pdf",
    "harm-reduction/sites/riverside-mobile-unit/flyer.pdf",
    "harm-reduction/sites/harbor-street-wellness-center/es/flyer.pdf",
    "harm-reduction/sites/maple-avenue-outreach-office/es/flyer.pdf",
]
MANIFEST = "manifest.json"  # one, at the top of the output folder, for every material and language
INDEXES = [MANIFEST, "index.html"]  # the manifest, and the catalogue drawn from it, written with it
# What the tests that edit the copied templates build: enough to see which outputs an edit rebuilds, and quick.
ENGLISH_FLYER_AND_HANDOUT = ("--only", "flyer", "handout", "--lang", "en")


def build(project: Path, *arguments) -> subprocess.CompletedProcess:
    """Build the project's outputs and the example sites' flyers, as a person would after each edit."""
    return run_generator("build", "--sites", SITES, "--jobs", "2", *arguments, cwd=project)


def build_apart(project: Path, *arguments) -> subprocess.CompletedProcess:
    """Build as `build` does, in a process of its own, which reads the code and templates copied into `project`.

    In one job: in a process started afresh, each worker loads the libraries and fonts anew, which costs more than
    the few outputs these tests build.
    """
    return subprocess.run([sys.executable, "-m", "generator", "build", "--sites", SITES, "--jobs", "1", *arguments],
                          cwd=project, capture_output=True, text=True, timeout=120)


def written(finished: subprocess.CompletedProcess) -> list[str]:
    """Return the files the build says it wrote, inside the output folder, sorted."""
    return sorted(line.removeprefix("wrote output/") for line in finished.stdout.splitlines()
                  if line.startswith("wrote "))


def snapshot(project: Path) -> dict[str, tuple[int, bytes]]:
    """Return each file in the output folder with its modification time and bytes (the build state left out)."""
    output = project / "output"
    return {path.relative_to(output).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in sorted(output.rglob("*")) if path.is_file() and path.name != ".build-state.json"}


def changed(before: dict, after: dict) -> list[str]:
    """Return the files that were written, replaced, added or removed between two snapshots, sorted."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one `old` in the file at `path` with `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def built(built_project, tmp_path) -> Path:
    """A copy of the project as its first build left it (see built_project), in a folder of its own: the build state
    names the files from the output folder, so the copy knows its outputs are up to date."""
    return Path(shutil.copytree(built_project[0], tmp_path / "project"))


def with_templates_built(folder: Path) -> None:
    """Copy the whole project into folder/project and build its English flyer, handout and site flyers."""
    for part in ("generator", "templates", "content"):
        shutil.copytree(ROOT / part, folder / "project" / part, ignore=shutil.ignore_patterns("__pycache__"))
    first = build_apart(folder / "project", *ENGLISH_FLYER_AND_HANDOUT)
    assert first.returncode == 0, first.stderr


@pytest.fixture
def with_templates(tmp_path_factory, tmp_path) -> Path:
    """A copy of the whole project (code, templates and content) with its English flyer, handout and site flyers
    built.

    The code and templates are copied too, since the generator reads its templates
    from beside its code: editing them here leaves the real project alone.
    """
    built = made_once(tmp_path_factory, "with-templates", with_templates_built) / "project"
    return Path(shutil.copytree(built, tmp_path / "project"))


def test_the_first_build_writes_every_output_and_every_site_flyer(built_project):
    project, first = built_project
    assert first.returncode == 0, first.stderr
    assert written(first) == sorted(MAIN + SPANISH + SITE_FLYERS + INDEXES)
    assert sorted(path.name for path in (project / "output").iterdir()) == [
        ".build-state.json", ".teaching-materials", "harm-reduction", "index.html", "manifest.json"]
    assert first.stdout.splitlines()[-1].startswith("Built 17, skipped 0 (unchanged), failed 0 in ")


def test_a_second_build_rebuilds_nothing_and_touches_no_file_though_the_project_was_copied_elsewhere(built):
    before = snapshot(built)
    state = (built / "output" / ".build-state.json").read_bytes()
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == ("Nothing to rebuild: all 17 outputs are up to date "
                               "(use --force to rebuild them).\n")
    assert snapshot(built) == before
    assert (built / "output" / ".build-state.json").read_bytes() == state


@pytest.mark.parametrize(
    ("stylesheet", "rebuilt"),
    [
        ("handout.css", ["harm-reduction/handout.pdf", *INDEXES]),
        ("site-flyer.css", [flyer for flyer in SITE_FLYERS if "/es/" not in flyer] + INDEXES),
    ],
)
def test_a_changed_stylesheet_rebuilds_exactly_the_outputs_that_use_it(with_templates, stylesheet, rebuilt):
    built = with_templates
    before = snapshot(built)
    with open(built / "templates" / stylesheet, "a", encoding="utf-8") as file:
        file.write("/* Edited after the first build. */\n")
    finished = build_apart(built, *ENGLISH_FLYER_AND_HANDOUT)
    assert finished.returncode == 0, finished.stderr
    assert written(finished) == sorted(rebuilt)
    assert changed(before, snapshot(built)) == sorted(rebuilt)


def test_changed_spanish_content_rebuilds_only_the_spanish_outputs(built):
    before = snapshot(built)
    edit(built / "content" / "harm-reduction.es.yaml", "heading: Creado por", "heading: Elaborado por")
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    spanish = sorted([*SPANISH, *INDEXES, *(flyer for flyer in SITE_FLYERS if "/es/" in flyer)])
    assert written(finished) == spanish
    assert changed(before, snapshot(built)) == spanish
    assert shows(pdf_text(built / "output" / "harm-reduction" / "es" / "handout.pdf"), "Elaborado por")


def test_force_rebuilds_every_output_asked_for_though_nothing_changed(built):
    before = snapshot(built)
    finished = build(built, "--force", "--lang", "es", "--only", "flyer")
    assert finished.returncode == 0, finished.stderr
    # The page gives the flyer's size, so it is built again with it, though --only did not name it.
    spanish = sorted(["harm-reduction/es/flyer.pdf", "harm-reduction/es/index.html", *INDEXES]
                     + [flyer for flyer in SITE_FLYERS if "/es/" in flyer])
    assert written(finished) == spanish
    assert changed(before, snapshot(built)) == spanish
    # It was built beside the outputs this build kept, and still lists them all.
    page = read_page((built / "output" / "harm-reduction" / "es" / "index.html").read_text(encoding="utf-8"))
    assert [link for link in page.links if not re.match(r"(https?:|mailto:|#)", link)] == OUTPUTS[:-1]


@pytest.mark.parametrize(
    ("output", "spoil", "rebuilt"),
    [
        # with the web page, which gives each file's size
        ("harm-reduction/slides.pptx", Path.unlink,
         ["harm-reduction/slides.pptx", "harm-reduction/index.html", *INDEXES]),
        ("harm-reduction/sites/riverside-mobile-unit/flyer.pdf",
         lambda path: path.write_bytes(path.read_bytes() + b"%edited\n"),
         ["harm-reduction/sites/riverside-mobile-unit/flyer.pdf", *INDEXES]),
    ],
    ids=["deleted", "altered"],
)
def test_a_deleted_or_altered_output_is_rebuilt_alone_or_with_the_page_that_lists_it(built, output, spoil, rebuilt):
    good = (built / "output" / output).read_bytes()
    spoil(built / "output" / output)
    before = snapshot(built)
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert written(finished) == sorted(rebuilt)
    assert changed(before, snapshot(built)) == sorted(rebuilt)
    assert (built / "output" / output).read_bytes() == good


def test_a_changed_site_entry_rebuilds_only_that_sites_flyers(built):
    before = snapshot(built)
    edit(built / SITES, "phone: (203) 555-0187", "phone: (203) 555-0199")
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    maple = ["harm-reduction/sites/maple-avenue-outreach-office/es/flyer.pdf",
             "harm-reduction/sites/maple-avenue-outreach-office/flyer.pdf"]
    assert written(finished) == sorted(maple + INDEXES)
    assert changed(before, snapshot(built)) == sorted(maple + INDEXES)
    for flyer in maple:
        assert shows(pdf_text(built / "output" / flyer), "(203) 555-0199")


def test_a_site_flyer_that_cannot_fit_fails_alone_and_keeps_its_previous_flyer(built):
    riverside = "harm-reduction/sites/riverside-mobile-unit/flyer.pdf"
    sites = built / SITES
    edit(sites, "phone: (203) 555-0187", "phone: (203) 555-0199")  # another site's flyers are rebuilt too
    fitting = sites.read_text(encoding="utf-8")
    many = "".join(f"      - Service number {number}, with a long description of what it offers\n"
                   for number in range(1, 25))
    edit(sites, "      - Naloxone and fentanyl test strips\n      - Syringe services\n", many)
    before = snapshot(built)

    finished = build(built)

    assert finished.returncode == 1
    assert ("error: output/harm-reduction/sites/riverside-mobile-unit/flyer.pdf: the flyer does not fit on one "
            "page even with 14 pt text; shorten the hours or services of Riverside Mobile Unit in "
            "content/sites.example.yaml, or the headlines, step lines and table row names the flyer shows in content/harm-reduction.yaml"
            ) in finished.stderr.splitlines()
    assert "Traceback" not in finished.stderr
    others = sorted(flyer for flyer in SITE_FLYERS if "/maple-avenue-outreach-office/" in flyer)
    assert re.fullmatch(r"Built 2, skipped 14 \(unchanged\), failed 1 in [0-9.]+ s\.",
                        finished.stdout.splitlines()[-1])
    assert written(finished) == sorted(others + INDEXES)
    assert changed(before, snapshot(built)) == sorted(others + INDEXES)

    # Once the services are shortened again, the next build tries the failed flyer again, and only it.
    sites.write_text(fitting, encoding="utf-8")
    before = snapshot(built)
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert written(finished) == sorted([riverside, *INDEXES])
    assert changed(before, snapshot(built)) == sorted([riverside, *INDEXES])


def body_size(path: Path) -> float:
    """Return the size of most of the text on a flyer that is not the site panel's fixed 14 pt."""
    sizes = [size for _, size in text_sizes(path) if size != 14]
    return max(set(sizes), key=sizes.count)


def test_a_site_flyer_rebuilt_alone_has_the_type_size_it_has_in_a_full_build(built):
    shutil.copy(ROOT / "tests" / "cases" / "sites" / "tall_and_short_panels.yaml", built / "sites.yaml")
    short = built / "output" / "harm-reduction" / "sites" / "short-panel-clinic" / "flyer.pdf"
    arguments = ("build", "--sites", "sites.yaml", "--only", "flyer", "--lang", "en", "--jobs", "1")
    assert run_generator(*arguments, cwd=built).returncode == 0
    with_the_tall_site = body_size(short)
    edit(built / "sites.yaml", "phone: (203) 555-0101", "phone: (203) 555-0102")
    finished = run_generator(*arguments, cwd=built)
    assert finished.returncode == 0, finished.stderr
    assert written(finished) == sorted(["harm-reduction/sites/short-panel-clinic/flyer.pdf", *INDEXES])
    assert body_size(short) == with_the_tall_site


def test_a_glossary_change_checks_the_unchanged_content_again(with_templates):
    """The main outputs passed the checks when they were built; a new glossary term can fail them now."""
    built = with_templates
    before = snapshot(built)
    with open(built / "content" / "stigma-glossary.yaml", "a", encoding="utf-8") as glossary:
        glossary.write("  - term: stigma\n    instead: [prejudice]\n    severity: error\n    source: a test\n")
    finished = build_apart(built, *ENGLISH_FLYER_AND_HANDOUT)
    assert finished.returncode == 1
    assert "sections[2].blocks[1].table.rows[9][0]: 'Stigma' can stigmatise" in finished.stderr
    assert finished.stderr.splitlines()[-1] == "Nothing was built: fix the errors above first."
    assert snapshot(built) == before


def test_site_flyers_alone_reuse_the_type_size_their_batch_found(built):
    state = built / "output" / ".build-state.json"
    sizes = json.loads(state.read_text())["sizes"]
    assert len(sizes) == 2 and all(22 <= size <= 24 for size in sizes.values())  # Spanish, English
    maple = built / "output" / "harm-reduction" / "sites" / "maple-avenue-outreach-office" / "flyer.pdf"
    in_the_batch = body_size(maple)
    assert in_the_batch <= max(sizes.values())  # the common size, or smaller where its details needed room
    edit(built / SITES, "phone: (203) 555-0187", "phone: (203) 555-0188")
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(state.read_text())["sizes"] == sizes
    assert body_size(maple) == in_the_batch


def test_a_site_taken_out_of_the_sites_file_keeps_its_flyer_and_a_note_says_so(built):
    sites = built / SITES
    text = sites.read_text(encoding="utf-8")
    sites.write_text(text[:text.index("  - name: Riverside Mobile Unit")], encoding="utf-8")
    before = snapshot(built)
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert ("note: output/harm-reduction/sites/riverside-mobile-unit/ holds the flyer of a site that is not in "
            f"{SITES} any more; delete the folder if that site has closed, so nobody prints its flyer"
            ) in finished.stderr.splitlines()
    assert changed(before, snapshot(built)) == []


def test_a_material_added_later_is_built_alone_and_its_edits_rebuild_only_it(built):
    """A second material builds into its own folder, without site flyers, since it does not ask for them."""
    shutil.copy(ROOT / "tests" / "cases" / "minimal.yaml", built / "content" / "minimal.yaml")
    before = snapshot(built)
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    minimal = sorted([f"minimal/{name}" for name in OUTPUTS] + INDEXES)
    assert written(finished) == minimal
    assert changed(before, snapshot(built)) == minimal
    assert finished.stdout.splitlines()[-1].startswith("Built 6, skipped 17 (unchanged), failed 0 in ")
    listed = [output["name"] for output in json.loads((built / "output" / MANIFEST).read_text())["outputs"]]
    assert listed == sorted(MAIN + SPANISH + SITE_FLYERS + [f"minimal/{name}" for name in OUTPUTS])

    before = snapshot(built)
    edit(built / "content" / "minimal.yaml", "body: It keeps the tests short.", "body: It keeps them short.")
    finished = build(built)
    assert finished.returncode == 0, finished.stderr
    assert written(finished) == minimal
    assert changed(before, snapshot(built)) == minimal
    assert shows(pdf_text(built / "output" / "minimal" / "handout.pdf"), "It keeps them short.")
