"""What a check finds: one problem in the content or an output, with where it is and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem a check found."""

    rule: str  # the check's name, e.g. "stigma"; acknowledgements name it too
    severity: str  # ERROR or WARNING
    file: str  # the content file, or the output file an audit opened
    line: int | None
    field: str  # where in the content, e.g. "sections[0].blocks[0].statements[1].body"; "" for a whole file or output
    message: str  # what is wrong, as a sentence
    suggestion: str  # what to do about it
    term: str = ""  # the word or phrase found, if the finding is about one

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.rule}: {field}{self.message} -> {self.suggestion}"

    def as_dict(self) -> dict:
        """Return the finding as plain data, for JSON."""
        return asdict(self)
