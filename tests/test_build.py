"""Building: outputs replace the previous ones only when every output was built."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import os
import subprocess
import sys

import pytest

from generator.build import MARKER, build, choose_builders
from generator.builders import BUILDERS
from generator.builders.base import render_pdf_document
from generator.errors import BuildError, UserError

from .conftest import ROOT, as_built_before

FILENAMES = [builder.filename for builder in BUILDERS.values() if not builder.optional]  # built by default


def snapshot(folder):
    """Return every file in `folder` with the SHA-256 of its bytes."""
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def test_the_same_content_gives_the_same_bytes(outputs, built_project):
    """Two builds of the shipped English content, made apart: in the project by the pipeline's workers, and in a copy
    of the project by the command line in one job, with the Spanish outputs and the site flyers beside them."""
    again = built_project[0] / "output" / outputs.name
    assert {name: hashlib.sha256((again / name).read_bytes()).hexdigest() for name in FILENAMES} == snapshot(outputs)


def test_only_the_chosen_outputs_are_written(material, tmp_path):
    built = build(material, tmp_path, ["handout"])
    assert built.paths == [tmp_path / "handout.pdf"]
    assert built.warnings == []
    assert sorted(path.name for path in tmp_path.iterdir()) == [MARKER, "handout.pdf", "manifest.json"]


def test_an_unknown_output_lists_the_choices():
    with pytest.raises(UserError) as caught:
        choose_builders(["flier"])
    assert str(caught.value) == (
        "unknown output 'flier'; choose from: flyer, handout, slides, slides-handout, facilitator-guide, web-page, "
        "poster, flyer-print-shop, poster-print-shop"
    )


def test_a_failed_build_leaves_the_previous_outputs_untouched(material, outputs, tmp_path):
    folder = as_built_before(outputs, tmp_path / "output")
    before = snapshot(folder)
    compared = material.sections[2]
    table = compared.blocks[1].table
    more_rows = dataclasses.replace(compared.blocks[1], table=dataclasses.replace(table, rows=table.rows * 4))
    crowded = dataclasses.replace(
        material,
        sections=(*material.sections[:2], dataclasses.replace(compared, blocks=(compared.blocks[0], more_rows))),
        document=dataclasses.replace(material.document, title="A changed title that must never reach output"),
    )
    # Forty rows do not fit on one page of the handout, which keeps a table whole.
    with pytest.raises(BuildError, match="the table of 'Two approaches, compared' is longer than a page"):
        build(crowded, folder, ["flyer", "handout"])
    assert snapshot(folder) == before


def test_anything_the_pdf_renderer_complains_about_fails_the_build(material, caplog):
    html = '<html lang="en"><head><title>t</title></head><body><p style="colr: red">x</p></body></html>'
    with pytest.raises(BuildError) as caught:
        render_pdf_document(html, material)
    assert str(caught.value).startswith("the PDF: the PDF renderer reported: Ignored `colr: red`")
    caplog.clear()


def test_a_stylesheet_the_builder_does_not_declare_is_refused_so_no_output_misses_a_rebuild(material, caplog):
    """What a build records an output as made from is what its builder declares; a template linking a stylesheet
    its builder does not list would leave that output unrebuilt when the stylesheet changes."""
    from generator.templating import TEMPLATES

    html = ('<html lang="en"><head><title>t</title><link rel="stylesheet" href="handout.css"></head>'
            '<body><p>x</p></body></html>')
    with pytest.raises(BuildError) as caught:
        render_pdf_document(html, material, [TEMPLATES / "flyer.css"])
    assert "handout.css is used by a template but not among the stylesheets its builder declares" in str(caught.value)
    render_pdf_document(html, material, [TEMPLATES / "handout.css"])  # declared: fetched
    caplog.clear()


def test_files_outside_the_project_are_refused(material, caplog):
    html = ('<html lang="en"><head><title>t</title><link rel="stylesheet" href="file:///etc/passwd"></head>'
            '<body><img src="https://example.org/x.png" alt="x"></body></html>')
    with pytest.raises(BuildError) as caught:
        render_pdf_document(html, material)
    message = str(caught.value)
    assert "only the project's own templates and fonts may be used, not 'file:///etc/passwd'" in message
    assert "https://example.org/x.png" in message
    caplog.clear()


def test_a_full_disk_leaves_the_previous_outputs_untouched(material, outputs, tmp_path, monkeypatch):
    folder = tmp_path / "output"
    as_built_before(outputs, folder)
    before = snapshot(folder)
    from generator.builders.slides import SlidesBuilder

    def disk_full(self, material, target):
        target.write_bytes(b"half a deck")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(SlidesBuilder, "build", disk_full)
    with pytest.raises(BuildError) as caught:
        build(material, folder)
    assert str(caught.value) == f"{folder}: could not write the outputs: No space left on device"
    assert snapshot(folder) == before  # no half-written file, no staging folder left behind


def test_a_crash_inside_the_pdf_renderer_leaves_the_previous_outputs_untouched(material, outputs, tmp_path,
                                                                                monkeypatch):
    import weasyprint

    folder = tmp_path / "output"
    as_built_before(outputs, folder)
    before = snapshot(folder)

    def crash(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(weasyprint.Document, "write_pdf", crash)
    with pytest.raises(RuntimeError, match="renderer crashed"):  # a bug, not a user's mistake: it keeps its traceback
        build(material, folder, ["handout"])
    assert snapshot(folder) == before


def test_a_second_build_into_the_same_folder_waits_its_turn(material, tmp_path):
    from generator.build import only_build_in

    with only_build_in(tmp_path):
        with pytest.raises(BuildError) as caught:
            build(material, tmp_path, ["flyer"])
    assert str(caught.value) == (f"{tmp_path}: another build (process {os.getpid()}) is writing to this folder "
                                 "right now; wait for it to finish, then build again")
    assert list(tmp_path.iterdir()) == []  # the lock file goes with the lock
    build(material, tmp_path, ["flyer"])  # once the first is done, the folder is free again
    assert sorted(path.name for path in tmp_path.iterdir()) == [MARKER, "flyer.pdf", "manifest.json"]


def test_the_shared_fonts_are_let_go_before_python_takes_its_modules_apart(tmp_path):
    """Held until Python's final clean-up, the font configuration's own clean-up failed and printed a traceback."""
    script = (
        "import atexit, sys\n"
        "from pathlib import Path\n"
        "from generator.builders import BUILDERS, base\n"
        "from generator.content import load_content\n"
        "material = load_content(Path('content/harm-reduction.yaml'), Path('content/brand.yaml'))\n"
        "BUILDERS['flyer'].build(material, Path(sys.argv[1]))\n"
        "assert base._brand_styles.cache_info().currsize == 1\n"
        "atexit._run_exitfuncs()\n"
        "print(base._brand_styles.cache_info().currsize)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script, str(tmp_path / "flyer.pdf")], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == "0\n"
    assert finished.stderr == ""


def test_a_folder_a_build_wrote_is_marked_and_known_again_while_others_folders_are_refused(material, tmp_path):
    folder = tmp_path / "handouts"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone else's")
    with pytest.raises(BuildError, match="it already holds files that this tool did not write"):
        build(material, folder, ["flyer"])
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]
    (folder / "notes.txt").unlink()
    build(material, folder, ["flyer"])
    assert (folder / MARKER).is_file()
    (folder / "notes.txt").write_text("added by hand since")
    build(material, folder, ["flyer"])  # the marker says the folder is for outputs
    (folder / MARKER).unlink()
    (folder / "manifest.json").unlink()
    with pytest.raises(BuildError, match="it already holds files that this tool did not write"):
        build(material, folder, ["flyer"])


def test_a_title_with_a_number_and_its_unit_keeps_them_together_on_the_page_but_not_in_the_metadata(material,
                                                                                                     tmp_path):
    """The no-break rules are for lines on a page: a PDF's title must stay the content's, or its audit fails."""
    from pypdf import PdfReader

    title = "Understanding Harm Reduction in 10 minutes"
    timed = dataclasses.replace(material, document=dataclasses.replace(material.document, title=title))
    build(timed, tmp_path, ["flyer", "handout"])
    for name in ("flyer.pdf", "handout.pdf"):
        reader = PdfReader(tmp_path / name)
        assert reader.metadata.title == title, name
        assert "10\u00a0minutes" in reader.pages[0].extract_text(), name
