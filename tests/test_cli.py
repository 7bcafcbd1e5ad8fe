"""The command line: exit codes, messages a person can act on, and no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import CASES, as_built_before, run_generator as run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder`, by its path inside it, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def laid_out(built_output: Path, folder: Path) -> Path:
    """Copy the output folder built once, as `build` leaves it: folder/harm-reduction/ and folder/manifest.json."""
    return Path(shutil.copytree(built_output, folder))


def wrote(finished: subprocess.CompletedProcess) -> list[str]:
    """Return the lines in which the build says what it wrote, in order."""
    return [line for line in finished.stdout.splitlines() if line.startswith("wrote ")]


# After the outputs, each build says it wrote the manifest and the catalogue drawn from it.
INDEXES_WRITTEN = ["wrote output/manifest.json", "wrote output/index.html"]


def second_material(project: Path) -> Path:
    """Add a second, small material to the project's content folder, as content/minimal.yaml."""
    return Path(shutil.copy(CASES / "minimal.yaml", project / "content" / "minimal.yaml"))


def manifest_names(folder: Path) -> list[str]:
    """Return the name of every output the manifest in `folder` lists."""
    return [output["name"] for output in json.loads((folder / "manifest.json").read_text())["outputs"]]


def test_build_builds_every_material_into_a_folder_named_after_it_and_lists_them_in_one_manifest(project):
    """Two quick outputs of each material show where they go; tests/test_materials.py and tests/test_incremental.py
    build every output of two materials."""
    second_material(project)
    finished = run("build", "--only", "flyer", "handout", "--jobs", "2", cwd=project)
    assert finished.returncode == 0, finished.stderr
    built = ["flyer.pdf", "handout.pdf"]
    assert wrote(finished) == ([f"wrote output/harm-reduction/{name}" for name in built]
                               + [f"wrote output/minimal/{name}" for name in built]
                               + INDEXES_WRITTEN)
    assert re.fullmatch(r"Built 4, skipped 0 \(unchanged\), failed 0 in [0-9.]+ s\.", finished.stdout.splitlines()[-1])
    # Each material's outputs in a folder named after it, and one manifest for all of them.
    assert sorted(snapshot(project / "output")) == sorted(
        [f"{material}/{name}" for material in ("harm-reduction", "minimal") for name in built]
        + ["manifest.json", "index.html", ".build-state.json", ".teaching-materials"])
    manifest = json.loads((project / "output" / "manifest.json").read_text())
    assert {output["name"]: output["content"]["file"] for output in manifest["outputs"]} == {
        **{f"harm-reduction/{name}": "content/harm-reduction.yaml" for name in built},
        **{f"minimal/{name}": "content/minimal.yaml" for name in built},
    }


def test_build_of_one_material_builds_only_it_and_the_manifest_keeps_the_others(project):
    second_material(project)
    finished = run("build", "minimal", "--only", "flyer", cwd=project)
    assert finished.returncode == 0, finished.stderr
    assert wrote(finished) == ["wrote output/minimal/flyer.pdf", *INDEXES_WRITTEN]
    assert not (project / "output" / "harm-reduction").exists()
    assert manifest_names(project / "output") == ["minimal/flyer.pdf"]

    # The option and a path to the content file name a material too; the manifest then lists both.
    for named in (["--material", "harm-reduction"], ["content/harm-reduction.yaml"]):
        finished = run("build", *named, "--only", "flyer", "--force", cwd=project)
        assert finished.returncode == 0, finished.stderr
        assert wrote(finished) == ["wrote output/harm-reduction/flyer.pdf", *INDEXES_WRITTEN]
    assert manifest_names(project / "output") == ["harm-reduction/flyer.pdf", "minimal/flyer.pdf"]


@pytest.mark.parametrize("arguments", [["build", "naloxone"], ["build", "--material", "naloxone"],
                                       ["check", "naloxone"], ["verify", "--material", "naloxone"],
                                       ["watch", "naloxone"]],
                         ids=["build", "build-option", "check", "verify", "watch"])
def test_an_unknown_material_is_named_with_the_materials_there_are(arguments, project, monkeypatch, capsys):
    second_material(project)
    monkeypatch.chdir(project)
    assert main(arguments) == 1
    shown = capsys.readouterr()
    assert shown.err == ("error: there is no material 'naloxone' (content/naloxone.yaml does not exist); "
                         "the materials are: harm-reduction, minimal\n")
    assert shown.out == ""
    assert not (project / "output").exists()


@pytest.mark.parametrize(("second", "folders"), [(False, "output/harm-reduction/ holds"),
                                                 (True, "output/harm-reduction/, output/minimal/ hold")])
def test_verify_of_a_folder_without_outputs_says_which_folders_it_looked_in(second, folders, project, monkeypatch,
                                                                           capsys):
    if second:
        second_material(project)
    (project / "output").mkdir()
    monkeypatch.chdir(project)
    assert main(["verify"]) == 1
    assert capsys.readouterr().err == (
        f"error: {folders} none of the outputs (flyer.pdf, handout.pdf, slides.pptx, slides-handout.pdf, "
        "facilitator-guide.pdf, index.html, poster.pdf, flyer-print-shop.pdf, poster-print-shop.pdf); build the "
        "outputs first with `python -m generator build`\n")


def test_a_file_of_the_content_folder_that_is_not_a_material_is_refused(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["build", "content/brand.yaml"]) == 1
    assert capsys.readouterr().err == (
        "error: content/brand.yaml is not a material: the brand, the glossary, sites files and translations "
        "are read along with the materials, not built on their own\n")
    assert not (project / "output").exists()


def test_bad_content_is_reported_with_file_and_line_and_nothing_changes(project, built_output):
    before = snapshot(laid_out(built_output, project / "output"))
    content = project / "content" / "harm-reduction.yaml"
    lines = content.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("credits:"))
    lines[number - 1] = "credtis:\n"
    content.write_text("".join(lines))

    finished = run("build", cwd=project)

    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        f"content/harm-reduction.yaml:{number}: credtis: unknown key 'credtis'; did you mean 'credits'?",
        "1 problem found; nothing was built.",
    ]
    assert "Traceback" not in finished.stderr
    assert snapshot(project / "output") == before


def test_the_shipped_content_passes_a_strict_check_without_writing(project):
    finished = run("check", "--strict", cwd=project)
    assert finished.returncode == 0, finished.stdout
    lines = finished.stdout.splitlines()
    content = (project / "content" / "harm-reduction.yaml").read_text().splitlines()
    relapse = content.index("            - - View of Relapse") + 1
    assert lines[0] == "Acknowledged (1):"
    assert lines[1].startswith(
        f"  content/harm-reduction.yaml:{relapse}: stigma: sections[2].blocks[1].table.rows[6][0]: "
        "'Relapse' acknowledged: \"View of Relapse\" is the organisation's")
    assert lines[-1] == "0 errors, 0 warnings, 1 acknowledged."
    assert not (project / "output").exists()


def test_check_reports_findings_as_json(project):
    content = project / "content" / "harm-reduction.yaml"
    content.write_text(content.read_text().replace("struggling with addiction", "struggling addicts"))
    finished = run("check", "--format", "json", cwd=project)
    assert finished.returncode == 1
    report = json.loads(finished.stdout)
    assert report["summary"] == {"errors": 1, "warnings": 0, "acknowledged": 1}
    error = report["errors"][0]
    assert (error["rule"], error["field"], error["term"]) == (
        "stigma", "sections[0].blocks[0].statements[1].body", "addicts")
    assert error["file"] == "content/harm-reduction.yaml"
    assert error["line"] == content.read_text().splitlines().index(
        "          - headline: It is NOT ignoring addiction.") + 2
    assert {"text", "background", "ratio", "minimum", "used_for"} <= set(report["contrast"][0])


def test_check_builds_audits_and_verifies_as_build_does_and_an_output_that_fails_hides_no_other_material(project):
    """`check` runs the build's own pipeline without keeping anything: an output the build would refuse is an
    error of the check, and a second material is still checked."""
    second_material(project)
    content = project / "content" / "harm-reduction.yaml"
    # One cell of the comparison long enough to push the table past a page of the handout.
    content.write_text(content.read_text().replace(
        "Meets people where they are and supports any positive change",
        "Meets people where they are and supports any positive change. " * 30))
    finished = run("check", "--format", "json", cwd=project)
    assert finished.returncode == 1
    report = json.loads(finished.stdout)
    built = [error for error in report["errors"] if error["rule"] == "build"]
    lines = content.read_text().splitlines()
    table, readiness = lines.index("      - table:") + 1, lines.index("            - - Philosophy of Readiness") + 1
    # The handout's and the deck's, each once, though three outputs share the deck's slide plan.
    assert [(error["file"], error["line"], error["message"].split(":")[0]) for error in built] == [
        ("content/harm-reduction.yaml", table, "sections[2].blocks[1]"),
        ("content/harm-reduction.yaml", readiness, "sections[2].blocks[1].table.rows[4]")]
    assert "longer than a page" in built[0]["message"] and "too long for one slide" in built[1]["message"]
    minimal = [finding for finding in report["errors"] + report["warnings"] if finding["file"] == "content/minimal.yaml"]
    assert minimal, "the second material was not checked"
    assert not (project / "output").exists()


def test_build_refuses_content_with_errors_and_keeps_the_outputs(project, built_output):
    before = snapshot(laid_out(built_output, project / "output"))
    content = project / "content" / "harm-reduction.yaml"
    content.write_text(content.read_text().replace("access to naloxone.", "access to naloxone.."))
    finished = run("build", cwd=project)
    assert finished.returncode == 1
    problem = next(line for line in finished.stderr.splitlines() if "doubled-punctuation" in line)
    assert problem.startswith("  content/harm-reduction.yaml:")
    assert ": doubled-punctuation: sections[1].blocks[0].statements[0].body: " in problem
    assert finished.stderr.splitlines()[-1] == "Nothing was built: fix the errors above first."
    assert snapshot(project / "output") == before


def test_check_reports_every_problem(capsys):
    assert main(["check", str(CASES / "wrong_types.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{CASES / 'wrong_types.yaml'}:7: document.version: must be a whole number, not 'one'",
        "1 problem found.",
    ]


def test_a_missing_content_file_is_a_plain_error(project):
    finished = run("build", "content/harm-reduktion.yaml", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        "error: there is no material 'content/harm-reduktion.yaml' (content/harm-reduktion.yaml does not exist); "
        "the materials are: harm-reduction"
    ]
    assert not (project / "output").exists()


def test_a_content_file_with_the_wrong_ending_is_named_as_typed(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["build", "content/harm-reduction.yml"]) == 1
    assert capsys.readouterr().err == (
        "error: there is no material 'content/harm-reduction.yml' (content/harm-reduction.yml does not exist); "
        "the materials are: harm-reduction\n")


def test_an_output_folder_that_cannot_be_written_is_a_plain_error(project):
    (project / "blocked").write_text("a file, not a folder")
    finished = run("build", "--out", "blocked", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.startswith("error: blocked: cannot write outputs here:")
    assert "Traceback" not in finished.stderr


@pytest.mark.parametrize("arguments", [[], ["publish"], ["build", "--only", "flier"], ["build", "--colour"],
                                       ["new"], ["schema", "extra"]])
def test_a_mistyped_command_exits_2(arguments, capsys):
    with pytest.raises(SystemExit) as caught:
        main(arguments)
    assert caught.value.code == 2
    assert "usage: teaching-materials" in capsys.readouterr().err


def test_an_unknown_output_name_lists_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--only", "flier"])
    assert capsys.readouterr().err.endswith("error: unknown output 'flier'; choose from: flyer, handout, slides, "
                                            "slides-handout, facilitator-guide, web-page, poster, flyer-print-shop, "
                                            "poster-print-shop\n")


def test_help_explains_the_commands_and_outputs(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    assert "--only NAME" in shown and "--out DIR" in shown and "--material NAME" in shown
    assert re.search(r"^  MATERIAL +a material's content file or name", shown, re.MULTILINE)
    columns = set()
    for name, filename in [("flyer", "flyer.pdf"), ("handout", "handout.pdf"), ("slides", "slides.pptx"),
                           ("slides-handout", "slides-handout.pdf"), ("facilitator-guide", "facilitator-guide.pdf")]:
        listed = re.search(rf"^  {re.escape(name)} +{re.escape(filename)} +(?=\w)", shown, re.MULTILINE)
        assert listed, f"{name} is not listed with {filename}"
        columns.add(listed.end() - listed.start())
    assert len(columns) == 1, "the descriptions of the outputs do not line up"


def test_the_main_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    for command in ("build", "check", "verify", "watch", "new", "schema"):
        assert re.search(rf"^    {command} +\w", shown, re.MULTILINE), f"{command} is not listed"


@pytest.mark.parametrize("case", ["bad_yaml", "unknown_key", "duplicate_key", "empty_text", "missing_field",
                                  "wrong_types", "not_a_list", "bad_values", "python_tag", "tabs", "not_utf8",
                                  "empty", "list_at_top"])
def test_bad_content_leaves_the_previous_outputs_untouched(case, outputs, tmp_path, capsys):
    folder = tmp_path / "output"
    as_built_before(outputs, folder / case)
    before = snapshot(folder)

    assert main(["build", str(CASES / f"{case}.yaml"), "--out", str(folder)]) == 1

    error = capsys.readouterr().err
    assert error.startswith(str(CASES / f"{case}.yaml"))
    assert error.endswith("1 problem found; nothing was built.\n")
    assert snapshot(folder) == before


@pytest.mark.parametrize("out, why", [
    ("/", "it is the top of the file system"),
    ("content", "it is the content folder or inside it, where the sources are"),
    ("content/drafts", "it is the content folder or inside it, where the sources are"),
    ("papers", "it already holds files that this tool did not write"),
])
def test_a_folder_that_is_not_for_outputs_is_refused(project, monkeypatch, capsys, out, why):
    (project / "papers").mkdir()
    (project / "papers" / "tax-return.pdf").write_text("someone else's")
    monkeypatch.chdir(project)
    before = snapshot(project)
    assert main(["build", "--only", "flyer", "--out", out]) == 1
    assert capsys.readouterr().err == (f"error: {out}: will not write the outputs into this folder, since {why}; "
                                       "choose another with --out, such as output\n")
    assert snapshot(project) == before


def test_the_project_and_the_home_folder_are_refused(monkeypatch, capsys, project):
    from generator.content import PROJECT

    monkeypatch.chdir(project)
    for out, why in ((PROJECT, "it is the project's own folder"), (Path.home(), "it is your home folder")):
        assert main(["build", "--only", "flyer", "--out", str(out)]) == 1
        assert f"since {why};" in capsys.readouterr().err
