"""The command line: exit codes, messages a person can act on, and no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from generator.cli import main

from .conftest import CASES


def run(*arguments, cwd):
    """Run `python -m generator` in `cwd` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_build_writes_every_output_into_output(project):
    finished = run("build", cwd=project)
    assert finished.returncode == 0, finished.stderr
    written = ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf"]
    *wrote, summary = finished.stdout.splitlines()
    assert wrote == [f"wrote output/{name}" for name in written + ["manifest.json"]]
    assert re.fullmatch(r"Built 5, skipped 0 \(unchanged\), failed 0 in [0-9.]+ s\.", summary)
    assert sorted(path.name for path in (project / "output").iterdir()) == sorted(written + ["manifest.json", ".build-state.json"])


def test_bad_content_is_reported_with_file_and_line_and_nothing_changes(project, outputs):
    shutil.copytree(outputs, project / "output")
    before = {path.name: path.read_bytes() for path in (project / "output").iterdir()}
    content = project / "content" / "harm-reduction.yaml"
    lines = content.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("comparison:"))
    lines[number - 1] = "comparision:\n"
    content.write_text("".join(lines))

    finished = run("build", cwd=project)

    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        f"content/harm-reduction.yaml:{number}: comparision: unknown key 'comparision'; did you mean 'comparison'?",
        "1 problem found; nothing was built.",
    ]
    assert "Traceback" not in finished.stderr
    assert {path.name: path.read_bytes() for path in (project / "output").iterdir()} == before


def test_the_shipped_content_passes_a_strict_check_without_writing(project):
    finished = run("check", "--strict", cwd=project)
    assert finished.returncode == 0, finished.stdout
    lines = finished.stdout.splitlines()
    assert lines[0] == "Acknowledged (1):"
    assert lines[1].startswith("  content/harm-reduction.yaml:")
    assert ": stigma: comparison.rows[6].name: 'Relapse' acknowledged: \"View of Relapse\" is the organisation's" \
        in lines[1]
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
    assert (error["rule"], error["field"], error["term"]) == ("stigma", "is_not.statements[1].body", "addicts")
    assert error["line"] == content.read_text().splitlines().index("    - headline: It is NOT ignoring addiction.") + 2
    assert {"text", "background", "ratio", "minimum", "used_for"} <= set(report["contrast"][0])


def test_build_refuses_content_with_errors_and_keeps_the_outputs(project, outputs):
    shutil.copytree(outputs, project / "output")
    before = {path.name: path.read_bytes() for path in (project / "output").iterdir()}
    content = project / "content" / "harm-reduction.yaml"
    content.write_text(content.read_text().replace("access to naloxone.", "access to naloxone.."))
    finished = run("build", cwd=project)
    assert finished.returncode == 1
    assert "doubled-punctuation" in finished.stderr
    assert finished.stderr.splitlines()[-1] == "Nothing was built: fix the errors above first."
    assert {path.name: path.read_bytes() for path in (project / "output").iterdir()} == before


def test_check_reports_every_problem(capsys):
    assert main(["check", str(CASES / "wrong_types.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{CASES / 'wrong_types.yaml'}:7: document.version: must be a whole number, not 'one'",
        "1 problem found.",
    ]


def test_a_missing_content_file_is_a_plain_error(project):
    finished = run("build", "content/harm-reduction.yml", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.splitlines()[0] == (
        "content/harm-reduction.yml: file not found; check the path, or run from the project folder"
    )
    assert "Traceback" not in finished.stderr


def test_an_output_folder_that_cannot_be_written_is_a_plain_error(project):
    (project / "blocked").write_text("a file, not a folder")
    finished = run("build", "--out", "blocked", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr.startswith("error: blocked: cannot write outputs here:")
    assert "Traceback" not in finished.stderr


@pytest.mark.parametrize("arguments", [[], ["publish"], ["build", "--only", "flier"], ["build", "--colour"]])
def test_a_mistyped_command_exits_2(arguments, capsys):
    with pytest.raises(SystemExit) as caught:
        main(arguments)
    assert caught.value.code == 2
    assert "usage: teaching-materials" in capsys.readouterr().err


def test_an_unknown_output_name_lists_the_choices(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--only", "flier"])
    assert capsys.readouterr().err.endswith("error: unknown output 'flier'; choose from: "
                                                 "flyer, handout, slides, slides-handout, facilitator-guide\n")


def test_help_explains_the_commands_and_outputs(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["build", "--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    assert "--only NAME" in shown and "--out DIR" in shown
    columns = set()
    for name, filename in [("flyer", "flyer.pdf"), ("handout", "handout.pdf"), ("slides", "slides.pptx"),
                           ("slides-handout", "slides-handout.pdf"), ("facilitator-guide", "facilitator-guide.pdf")]:
        listed = re.search(rf"^  {re.escape(name)} +{re.escape(filename)} +(?=\w)", shown, re.MULTILINE)
        assert listed, f"{name} is not listed with {filename}"
        columns.add(listed.end() - listed.start())
    assert len(columns) == 1, "the descriptions of the outputs do not line up"


@pytest.mark.parametrize("case", ["bad_yaml", "unknown_key", "duplicate_key", "empty_text", "missing_field",
                                  "wrong_types", "not_a_list", "bad_values", "python_tag", "tabs", "not_utf8",
                                  "empty", "list_at_top"])
def test_bad_content_leaves_the_previous_outputs_untouched(case, outputs, tmp_path, capsys):
    folder = tmp_path / "output"
    shutil.copytree(outputs, folder)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}

    assert main(["build", str(CASES / f"{case}.yaml"), "--out", str(folder)]) == 1

    error = capsys.readouterr().err
    assert error.startswith(str(CASES / f"{case}.yaml"))
    assert error.endswith("1 problem found; nothing was built.\n")
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
