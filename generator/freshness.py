"""Incremental builds: what each output was built from, so an output whose inputs are unchanged is kept.

An output's inputs are the files it was made from (content, brand, labels, fonts,
and the templates and stylesheets its builder declares it reads: see
Builder.reads) and the generator itself (its version, its code, and the versions
of the libraries that write the files). The build state in the output folder
records their checksums next to the output's own.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

STATE = ".build-state.json"
PACKAGE = Path(__file__).resolve().parent
# The libraries whose releases change the bytes of the outputs.
WRITERS = ("weasyprint", "python-pptx", "segno", "pydyf", "fonttools")


@dataclass
class Checksums:
    """The SHA-256 of files, each computed once however many outputs share the file."""

    known: dict[str, str] = field(default_factory=dict)

    def of(self, path: str) -> str:
        """Return the checksum of the file at `path`, or '' when it is gone."""
        if path not in self.known:
            try:
                self.known[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                self.known[path] = ""
        return self.known[path]

    def of_all(self, paths: Iterable[str]) -> dict[str, str]:
        """Return the checksum of each file, by its absolute path."""
        return {str(Path(path).resolve()): self.of(str(Path(path).resolve())) for path in paths}


def generator_fingerprint() -> str:
    """Return a checksum of the generator: its version, its own code and the versions of its writers."""
    from importlib import metadata

    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in WRITERS:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


def text_fingerprint(text: str) -> str:
    """Return a checksum of `text`, such as one site's entry as the flyer shows it."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class BuildState:
    """What every output in a folder was built from, read from and written to the folder's state file."""

    folder: Path
    outputs: dict[str, dict] = field(default_factory=dict)
    # Type sizes found by searching, by a fingerprint of everything they depend on (see planning.py).
    sizes: dict[str, float] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> BuildState:
        """Return the state of `folder`; a missing or damaged state file means every output is rebuilt."""
        try:
            recorded = json.loads((Path(folder) / STATE).read_text(encoding="utf-8"))
            outputs = recorded["outputs"] if isinstance(recorded.get("outputs"), dict) else {}
            sizes = {key: size for key, size in dict(recorded.get("sizes", {})).items()
                     if isinstance(size, (int, float))}
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            outputs, sizes = {}, {}
        return cls(Path(folder), outputs, sizes)

    def is_fresh(self, output: str, inputs: dict[str, str], checksums: Checksums, generator: str) -> bool:
        """Return whether `output` (relative to the folder) is there, unaltered, and built from these inputs.

        `inputs` are the checksums of what the build knows the output needs; the files
        its last build read besides are checked too.
        """
        entry = self.outputs.get(output)
        if not isinstance(entry, dict) or entry.get("generator") != generator:
            return False
        recorded, inputs = entry.get("inputs"), self._named(inputs)
        if not isinstance(recorded, dict) or any(recorded.get(name) != digest for name, digest in inputs.items()):
            return False
        read = {name: digest for name, digest in recorded.items() if name not in inputs}
        if any(checksums.of(str((self.folder / name).resolve())) != digest for name, digest in read.items()):
            return False
        return checksums.of(str((self.folder / output).resolve())) == entry.get("sha256")

    def record(self, output: str, inputs: dict[str, str], generator: str, output_sha256: str) -> None:
        """Remember that `output` was just built from `inputs` and now has the checksum `output_sha256`."""
        self.outputs[output] = {"generator": generator, "inputs": dict(sorted(self._named(inputs).items())),
                                "sha256": output_sha256}

    def _named(self, inputs: dict[str, str]) -> dict[str, str]:
        """Return `inputs` with each file inside the project (the folder that holds the output folder) named by
        its path from the output folder, so that a project moved or copied elsewhere with its outputs still
        knows which of them are up to date. Files outside it keep their full path."""
        base = self.folder.resolve()
        named = {}
        for name, digest in inputs.items():
            if os.path.isabs(name) and Path(name).is_relative_to(base.parent):
                name = Path(os.path.relpath(name, base)).as_posix()
            named[name] = digest
        return named

    def forget(self, output: str) -> None:
        """Forget `output`, so that it is rebuilt next time."""
        self.outputs.pop(output, None)

    def write(self) -> None:
        """Write the state file next to the outputs, replacing the old one in one step."""
        text = json.dumps({"outputs": self.outputs, "sizes": self.sizes}, indent=1, sort_keys=True) + "\n"
        handle, temporary = tempfile.mkstemp(prefix=".state-", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self.folder / STATE)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            raise
