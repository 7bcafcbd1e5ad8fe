"""A build stopped at any moment, by kill -9, SIGTERM, Ctrl+C or a failing move, leaves a whole set of outputs.

Tests run as root, for whom chmod does not stop a write, so a folder that cannot be
written is stood in for by a directory where a file must go, and by os.replace made to fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import MARKER, build, only_build_in
from generator.errors import BuildError

from .conftest import BRAND, ROOT, as_built_before, made_once, run_generator

ONLY = ["--only", "flyer", "handout"]  # two outputs: enough for a commit to be caught half-way, and quick
OUTPUTS = ["harm-reduction/flyer.pdf", "harm-reduction/handout.pdf"]


def run(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run `python -m generator build` in `project` (in this process: only the build to be stopped needs its own)
    and return what it printed and its exit status."""
    return run_generator("build", *arguments, cwd=project)


def environment() -> dict:
    """Return the environment of a build run from a copy of the project, finding the generator here."""
    return dict(os.environ, PYTHONPATH=str(ROOT))


def started(project: Path, *arguments: str) -> subprocess.Popen:
    """Start `python -m generator build` in `project`, in a process group of its own, as a terminal would."""
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *arguments], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(),
                            start_new_session=True)


def files(folder: Path) -> dict[str, str]:
    """Return every output under `folder`, and its manifest, with the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.relative_to(folder).parts[0].startswith(".")}  # the build's own files aside


def assert_whole(folder: Path) -> dict[str, str]:
    """Assert `folder` holds exactly the outputs its manifest lists, with their checksums, and nothing a build left
    (but the manifest and the catalogue drawn from it)."""
    held = files(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = {output["name"]: output["sha256"] for output in manifest["outputs"]}
    assert listed == {name: digest for name, digest in held.items()
                      if name != "manifest.json" and (name != "index.html" or name in listed)}
    assert [path.name for path in folder.iterdir() if path.name.startswith(".")
            and path.name not in (".build-state.json", MARKER)] == [], "a lock, journal or staging folder was left behind"
    return held


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A copy of the project's English content with its flyer and handout built into output/, once a run."""
    def make(project: Path) -> None:
        shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("*.*.yaml"))
        finished = run(project, *ONLY)
        assert finished.returncode == 0, finished.stderr

    return made_once(tmp_path_factory, "interrupted", make)


@pytest.fixture
def built(built_once, tmp_path) -> Path:
    """The project with its flyer and handout built into output/, a copy of its own for each test."""
    project = tmp_path / "built"
    shutil.copytree(built_once, project)
    return project


def workers_of(pid: int) -> list[int]:
    """Return the process ids of the children of process `pid`."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """Return whether process `pid` is running (a zombie, waiting to be reaped, is not)."""
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def building(project: Path, process: subprocess.Popen) -> list[int]:
    """Wait until `process` builds in its staging folder with its workers; return the workers' ids."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = workers_of(process.pid)
        if len(workers) >= 2 and any(path.name.startswith(".building-") for path in (project / "output").iterdir()):
            time.sleep(0.5)  # well inside the work
            return workers
        time.sleep(0.05)
    raise AssertionError("the build never started its workers")


def gone_within(pids: list[int], seconds: float) -> bool:
    """Return whether every process in `pids` has ended within `seconds`."""
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_kill_9_mid_build_ends_the_workers_and_the_next_build_takes_over_the_lock(built):
    before = files(built / "output")
    process = started(built, "--force", "--jobs", "2")
    workers = building(built, process)
    process.kill()
    process.communicate()  # and close its pipes
    assert gone_within(workers, 2), "the workers outlived the build that was killed"
    assert files(built / "output") == before

    finished = run(built, *ONLY, "--force")
    assert finished.returncode == 0, finished.stderr
    assert f"note: output: took over the lock of build process {process.pid}, which ended without letting it go" \
        in finished.stderr.splitlines()
    assert_whole(built / "output")


@pytest.mark.parametrize("sent, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_stop_the_build_at_once_with_one_line(built, sent, status):
    before = files(built / "output")
    process = started(built, "--force", "--jobs", "2")
    workers = building(built, process)
    stopped = time.monotonic()
    os.killpg(process.pid, sent)  # Ctrl+C reaches every process of the terminal's group
    out, err = process.communicate(timeout=30)
    assert time.monotonic() - stopped < 1.5
    assert (process.returncode, err) == (status, "Stopped; output/ was left as it was.\n")
    assert gone_within(workers, 1)
    assert files(built / "output") == before
    assert_whole(built / "output")


def many_sites(project: Path, count: int) -> Path:
    """Write a sites file of `count` sites, copies of the example's first site under other names."""
    import copy

    import yaml

    example = yaml.safe_load((ROOT / "content" / "sites.example.yaml").read_text(encoding="utf-8"))
    first = example["sites"][0]
    example["sites"] = [dict(copy.deepcopy(first), name=f"Site Number {number}") for number in range(1, count + 1)]
    path = project / "content" / "sites.yaml"
    path.write_text(yaml.safe_dump(example, allow_unicode=True), encoding="utf-8")
    return path


def test_a_stop_while_the_site_flyers_are_built_leaves_the_output_folder_whole(built):
    sites = ["--sites", str(many_sites(built, 16))]
    before = files(built / "output")
    process = started(built, *ONLY, *sites, "--jobs", "2")  # the flyer and handout are up to date: only sites
    workers = building(built, process)
    os.killpg(process.pid, signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (143, "Stopped; output/ was left as it was.\n"), out
    assert gone_within(workers, 1)
    assert files(built / "output") == before
    assert_whole(built / "output")


def test_a_second_build_at_once_is_refused_naming_the_first(built):
    process = started(built, "--force", "--jobs", "2")
    try:
        building(built, process)
        second = run(built, *ONLY, "--force")
    finally:
        process.kill()
        process.communicate()
    assert second.returncode == 1
    assert second.stderr == (f"error: output: another build (process {process.pid}) is writing to this folder "
                             "right now; wait for it to finish, then build again\n")


@pytest.mark.parametrize("blocking, why", [
    ("harm-reduction/handout.pdf", "output/harm-reduction/handout.pdf is a folder where the file must go"),
    ("harm-reduction", "output/harm-reduction is a file where a folder must be"),
])
def test_something_in_the_way_of_one_output_replaces_none(built, blocking, why):
    output = built / "output"
    in_the_way = output / blocking
    shutil.rmtree(in_the_way) if in_the_way.is_dir() else in_the_way.unlink()
    if blocking.endswith(".pdf"):
        in_the_way.mkdir()
    else:
        in_the_way.write_text("a file, not a folder")
    before = files(output)
    finished = run(built, *ONLY, "--force")
    assert finished.returncode == 1
    assert finished.stderr.splitlines()[-1] == (
        f"error: output: no output was replaced, since {why}; move it out of the way, then build again")
    assert files(output) == before
    assert not [path for path in output.iterdir() if path.name.startswith(".building-")]


def test_a_move_that_fails_half_way_puts_the_previous_outputs_back(material, outputs, tmp_path, monkeypatch):
    # Stands in for a folder that cannot be written: root writes anywhere.
    folder = tmp_path / "output"
    as_built_before(outputs, folder)
    before = files(folder)
    real, failed = os.replace, []

    def failing(source, target):
        if Path(target) == folder / "handout.pdf" and not failed:  # the second move of the commit, once
            failed.append(target)
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(BuildError) as caught:
        build(material, folder, ["flyer", "handout"])
    assert str(caught.value) == (f"{folder}: could not put the new outputs in place (Permission denied); "
                                 "the previous ones were put back")
    assert files(folder) == before
    assert_whole(folder)


KILLED_AT = """
import json, os, sys
from pathlib import Path
from generator import build
from generator.content import read_brand


folder, step, outputs = Path(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
steps = []
def kill(done):
    steps.append(done)
    if len(steps) == step:
        os._exit(9)
build._step = kill
with build.only_build_in(folder):
    with build.staging_folder(folder) as staging:
        for name in outputs:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(b"new " + name.encode())
        build.commit(folder, staging, outputs, json.loads(sys.argv[4]), read_brand(Path(sys.argv[5])))
print(json.dumps(steps))
"""


def manifest_of(contents: dict[str, bytes], title: str) -> dict:
    """Return a manifest listing `contents` (bytes by output) with their checksums, built from a material of
    `title`, which the catalogue shows."""
    return {"generator": "teaching-materials", "generator_version": "0",
            "outputs": [{"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "pages": 1,
                         "content": {"sha256": "0", "title": title, "material": "a"}}
                        for name, data in sorted(contents.items())]}


def test_a_commit_killed_after_any_step_is_finished_or_undone_by_the_next_build(tmp_path):
    old = {"a/flyer.pdf": b"old a/flyer.pdf", "a/es/flyer.pdf": b"old a/es/flyer.pdf"}
    outputs = [*old, "a/es/handout.pdf"]  # two replaced, one new
    new = {name: b"new " + name.encode() for name in outputs}
    for step in range(1, 20):
        folder = tmp_path / f"killed-{step}"
        for name, data in old.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        (folder / "manifest.json").write_text(json.dumps(manifest_of(old, "Old title")))
        (folder / "index.html").write_text("<title>Old title</title>")  # the catalogue of the old outputs
        finished = subprocess.run([sys.executable, "-c", KILLED_AT, str(folder), str(step), json.dumps(outputs),
                                   json.dumps(manifest_of(new, "New title")), str(BRAND)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
        notes: list[str] = []
        with only_build_in(folder, notes):  # what the next build does first
            pass
        held = {name: (folder / name).read_bytes() for name in files(folder)
                if name not in ("manifest.json", "index.html")}
        assert held in (old, new), f"killed after step {step}: a mix of old and new outputs"
        # The manifest and the catalogue drawn from it are always of the same outputs.
        titles = tuple("New title" in (folder / name).read_text() for name in ("manifest.json", "index.html"))
        assert titles in ((False, False), (True, True)), f"killed after step {step}: {titles}"
        assert_whole(folder)
        if finished.returncode == 0:  # it ran to the end: every step was tried
            assert held == new and notes == [] and titles == (True, True)
            assert json.loads(finished.stdout) == ["keep", "keep", "journal", "move", "move", "move", "manifest",
                                                   "catalogue", "done"]
            break
        assert finished.returncode == 9, finished.stderr
        journaled = 3 <= step < 9  # killed after writing the journal, before removing it
        assert notes[0].startswith(f"{folder}: took over the lock of build process ")
        assert notes[1:] == ([f"{folder}: finished replacing the outputs, which a stopped build had left half done"]
                             if journaled else [])
    else:
        raise AssertionError("the commit never finished")


def test_a_real_build_killed_between_two_moves_is_finished_by_the_next_one(built):
    output = built / "output"
    script = ("import os, sys\n"
              "from generator import build, cli\n"
              "def kill(done):\n"
              "    if done == 'move':\n"
              "        os._exit(9)\n"
              "build._step = kill\n"
              "sys.exit(cli.main(sys.argv[1:]))\n")
    killed = subprocess.run([sys.executable, "-c", script, "build", *ONLY, "--force", "--jobs", "1"], cwd=built,
                            capture_output=True, text=True, timeout=180, env=environment())
    assert killed.returncode == 9, killed.stderr
    assert (output / ".commit.json").exists()

    finished = run(built, *ONLY)
    assert finished.returncode == 0, finished.stderr
    assert ("note: output: finished replacing the outputs, which a stopped build had left half done"
            in finished.stderr.splitlines())
    assert_whole(output)
    verified = run_generator("verify", cwd=built)
    assert verified.returncode == 0, verified.stdout + verified.stderr
