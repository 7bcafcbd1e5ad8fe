"""`watch`: rebuild what a saved file changed, say so, and keep going after a mistake."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from .conftest import ROOT

WAIT = 60  # seconds; a first build of the English outputs takes a few


@pytest.fixture
def tree(tmp_path):
    """A copy of the generator, its templates and the English content, so edits stay in the copy."""
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "content", tmp_path / "content", ignore=shutil.ignore_patterns("*.*.yaml"))
    return tmp_path


class Watcher:
    """A running `python -m generator watch` (or `serve`) whose output lines can be awaited one by one."""

    def __init__(self, cwd, *arguments, command: str = "watch"):
        self.process = subprocess.Popen([sys.executable, "-m", "generator", command, *arguments], cwd=cwd, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, fragment: str) -> list[str]:
        """Return the lines printed up to and including the first that contains `fragment`."""
        printed, deadline = [], time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "watch stopped early:\n" + "\n".join(self.seen)
                continue
            printed.append(line)
            self.seen.append(line)
            if fragment in line:
                return printed
        raise AssertionError(f"'{fragment}' was not printed within {WAIT} s:\n" + "\n".join(self.seen))

    def rest(self) -> list[str]:
        """Return the lines printed and not yet awaited, once the process has ended."""
        return [self.lines.get() for _ in range(self.lines.qsize())]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT)
        finally:
            self.process.kill()
            self.reader.join(timeout=WAIT)
            self.process.stdout.close()


def test_watch_rebuilds_what_a_saved_file_changed_and_survives_mistakes(tree):
    watcher = Watcher(tree, "--only", "flyer", "handout")  # two outputs: enough to see which one an edit rebuilds
    try:
        first = watcher.wait_for("Watching for changes")
        assert "wrote output/harm-reduction/flyer.pdf" in first

        stylesheet = tree / "templates" / "handout.css"
        stylesheet.write_text(stylesheet.read_text() + "\n/* a saved change */\n")
        rebuilt = watcher.wait_for("Built ")
        assert any(line.endswith("Changed: templates/handout.css") for line in rebuilt)
        assert [line for line in rebuilt if line.startswith("wrote output/") and line.endswith((".pdf", ".pptx"))] \
            == ["wrote output/harm-reduction/handout.pdf"]
        assert rebuilt[-1].startswith("Built 1, skipped 1 (unchanged), failed 0")

        content = tree / "content" / "harm-reduction.yaml"
        good = content.read_text()
        content.write_text(good.replace("document:", "document: [", 1))
        refused = watcher.wait_for("nothing was built")
        assert any(line.startswith("content/harm-reduction.yaml:") for line in refused)

        content.write_text(good)
        assert "Nothing to rebuild" in watcher.wait_for("rebuild")[-1]
    finally:
        status = watcher.stop()
    assert status == 0
    assert "Stopped watching." in watcher.rest()


def test_watch_builds_a_material_added_while_watching_and_lets_go_of_one_deleted(tree):
    watcher = Watcher(tree, "--only", "flyer")
    try:
        assert "wrote output/harm-reduction/flyer.pdf" in watcher.wait_for("Watching for changes")

        added = tree / "content" / "minimal.yaml"
        shutil.copy(ROOT / "tests" / "cases" / "minimal.yaml", added)
        rebuilt = watcher.wait_for("Built ")
        assert any(line.endswith("Changed: content/minimal.yaml") for line in rebuilt)
        assert [line for line in rebuilt if line.startswith("wrote ")] == [
            "wrote output/minimal/flyer.pdf", "wrote output/manifest.json", "wrote output/index.html"]
        assert rebuilt[-1].startswith("Built 1, skipped 1 (unchanged), failed 0")

        added.unlink()
        after = watcher.wait_for("rebuild")
        assert any(line.endswith("Changed: content/minimal.yaml") for line in after)
        assert after[-1] == "Nothing to rebuild: the 1 output is up to date (use --force to rebuild it)."
    finally:
        status = watcher.stop()
    assert status == 0
    assert "Stopped watching." in watcher.rest()


def test_serve_shows_the_output_folder_on_this_computer_and_reloads_open_pages_after_each_build(tree):
    import re
    import urllib.request

    server = Watcher(tree, "--only", "web-page", "--port", "0", command="serve")
    try:
        printed = server.wait_for("Watching for changes")
        address = re.search(r"at (http://127\.0\.0\.1:\d+/) \(this computer only\)", "\n".join(printed)).group(1)

        def fetched(path: str) -> str:
            with urllib.request.urlopen(address + path, timeout=WAIT) as answer:
                return answer.read().decode("utf-8")

        page = fetched("harm-reduction/")
        assert "<h1>Understanding Harm Reduction</h1>" in page
        assert "/__generation" in page  # added as it is sent: the page in the folder has no script
        assert "<script" not in (tree / "output" / "harm-reduction" / "index.html").read_text(encoding="utf-8")
        assert fetched("__generation") == "1"

        stylesheet = tree / "templates" / "web-page.css"
        stylesheet.write_text(stylesheet.read_text() + "\n/* a saved change */\n")
        assert server.wait_for("Built ")[-1].startswith("Built 1, skipped 0 (unchanged), failed 0")
        assert fetched("__generation") == "2"  # so the open page reloads
        assert "a saved change" in fetched("harm-reduction/index.html")
    finally:
        status = server.stop()
    assert status == 0


def test_serve_refuses_a_folder_a_build_would_refuse_before_serving_anything(tree):
    from .conftest import run_generator

    finished = run_generator("serve", "--out", "/", "--port", "0", cwd=tree)
    assert finished.returncode == 1
    assert finished.stderr == ("error: /: will not write the outputs into this folder, since it is the top of the "
                               "file system; choose another with --out, such as output\n")
    assert "Serving" not in finished.stdout
