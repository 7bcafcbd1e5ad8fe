"""Errors a person running the tool can act on, printed without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A mistake in the content, the command line or the outputs that a person can fix."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, with where to find it."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(UserError):
    """The content (or brand) files have one or more problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class BuildError(UserError):
    """An output could not be built as it must be; nothing was written."""
