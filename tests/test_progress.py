"""The progress bar of site flyers: on a terminal only, never in CI or a log file."""

from __future__ import annotations

import io

from generator.site_flyers import Progress


class Terminal(io.StringIO):
    """Text written to what looks like a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_bar_fill_and_count_failures(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    terminal = Terminal()
    bar = Progress(4, terminal)
    bar.advance("harm-reduction/sites/a/flyer.pdf", True)
    bar.advance("harm-reduction/sites/b/flyer.pdf", False)
    bar.close()
    drawn = terminal.getvalue().split("\r")[1:]
    assert drawn[0].startswith("  site flyers [########")
    assert "1/4" in drawn[0] and "failed" not in drawn[0]
    assert "2/4, 1 failed" in drawn[1]
    assert terminal.getvalue().endswith("\n")


def test_ci_and_files_get_no_bar(monkeypatch):
    monkeypatch.setenv("CI", "true")
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        bar = Progress(2, stream)
        bar.advance("harm-reduction/sites/a/flyer.pdf", True)
        bar.close()
    monkeypatch.delenv("CI")
    bar = Progress(2, log)
    bar.advance("harm-reduction/sites/a/flyer.pdf", True)
    bar.close()
    assert terminal.getvalue() == log.getvalue() == ""
