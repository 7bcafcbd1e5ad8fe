"""Watch the content and templates, and rebuild what changed each time a file is saved."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .templating import TEMPLATES

# How often the files are looked at, in seconds: soon enough to feel immediate, rare enough to cost nothing.
INTERVAL = 0.4


def watched_files(contents: list[Path], brand: Path, sites: Path | None) -> list[Path]:
    """Return every file a build reads that a person edits: the content folders' files, the sites file, the templates."""
    folders = {Path(content).parent for content in contents} | {Path(brand).parent}
    files = {path for folder in folders for path in folder.glob("*") if path.is_file()}
    files |= {path for path in TEMPLATES.rglob("*") if path.is_file()}
    files |= {Path(content) for content in contents} | {Path(brand)} | ({Path(sites)} if sites else set())
    return sorted(files)


def snapshot(paths: list[Path]) -> dict[Path, tuple[int, int] | None]:
    """Return when each file was last changed and its size, or None for a file that is not there."""
    stamps = {}
    for path in paths:
        try:
            status = path.stat()
            stamps[path] = (status.st_mtime_ns, status.st_size)
        except OSError:
            stamps[path] = None
    return stamps


def watch(files: Callable[[], list[Path]], rebuild: Callable[[], object], say: Callable[[str], None],
          keep_going: Callable[[], bool] = lambda: True) -> None:
    """Rebuild once, then again whenever one of `files()` changes, for as long as `keep_going()` says so.

    `rebuild` prints what it built or what is wrong; a failed rebuild does not stop the watch.
    """
    seen = snapshot(files())  # before building, so that a file saved during a build is rebuilt after it
    rebuild()
    say("Watching for changes; press Ctrl+C to stop.")
    while keep_going():
        time.sleep(INTERVAL)
        now = snapshot(files())
        changed = sorted({path for path in seen.keys() | now.keys() if seen.get(path) != now.get(path)})
        if not changed:
            continue
        # An editor may write a file in several steps: wait until it has stopped changing.
        time.sleep(INTERVAL / 4)
        while (settled := snapshot(files())) != now:
            now = settled
            time.sleep(INTERVAL / 4)
        say("Changed: " + ", ".join(_shown(path) for path in changed))
        seen = now
        rebuild()


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
