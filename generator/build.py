"""Build outputs into a temporary folder and move them into place only when all succeeded."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .builders import BUILDERS, Builder
from .checks import ERROR, Finding, audit_outputs
from .errors import BuildError, UserError
from .manifest import manifest_entries, merged_manifest, read_manifest, write_manifest
from .model import Material
from .verify import verdict_table, verify_folder


@dataclass(frozen=True)
class Built:
    """What a build wrote, and what the audit of the outputs warned about."""

    paths: list[Path]
    manifests: list[Path]
    warnings: list[Finding]


def choose_builders(names: Iterable[str] | None) -> list[Builder]:
    """Return the builders called `names` (all of them when None), in a stable order."""
    if not names:
        return list(BUILDERS.values())
    unknown = [name for name in names if name not in BUILDERS]
    if unknown:
        raise UserError(f"unknown output '{unknown[0]}'; choose from: {', '.join(BUILDERS)}")
    return [BUILDERS[name] for name in BUILDERS if name in names]


def write_outputs(material: Material, folder: Path, builders: list[Builder]) -> None:
    """Write each builder's output for `material` into `folder`."""
    for builder in builders:
        builder.build(material, folder / builder.filename)


@contextmanager
def only_build_in(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir` for one build; a second build started meanwhile stops with a clear message."""
    handle = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{out_dir}: another build is writing to this folder right now; "
                             "wait for it to finish, then build again") from None
        yield
    finally:
        os.close(handle)  # closing releases the lock


def build(material: Material, out_dir: Path, names: Iterable[str] | None = None) -> Built:
    """Write the chosen outputs of `material` into `out_dir` (see build_editions)."""
    return build_editions([(material, "")], out_dir, names)


def build_editions(editions: list[tuple[Material, str]], out_dir: Path,
                   names: Iterable[str] | None = None) -> Built:
    """Write the chosen outputs of each edition (material, subfolder) into its subfolder of `out_dir`.

    Every output is first written to a temporary folder, audited for accessibility
    and verified to show what it must; the files replace the previous outputs only
    after every output of every edition passed, so a failure leaves `out_dir` as it
    was. Each folder's manifest then records what it holds.
    """
    builders = choose_builders(names)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    with only_build_in(out_dir):
        return _build_held(editions, out_dir, builders)


def _build_held(editions: list[tuple[Material, str]], out_dir: Path, builders: list[Builder]) -> Built:
    try:
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    filenames = [builder.filename for builder in builders]
    paths, manifests, warnings = [], [], []
    try:
        staged = []
        for material, subfolder in editions:
            folder = staging / subfolder
            folder.mkdir(parents=True, exist_ok=True)
            write_outputs(material, folder, builders)
            warnings += _passed_checks(material, folder, filenames, subfolder)
            staged.append((material, subfolder, manifest_entries(folder, material, filenames)))
        for material, subfolder, entries in staged:
            target = out_dir / subfolder
            target.mkdir(parents=True, exist_ok=True)
            for filename in filenames:
                os.replace(staging / subfolder / filename, target / filename)
                paths.append(target / filename)
            manifests.append(write_manifest(target, merged_manifest(read_manifest(target), entries, __version__)))
    except OSError as error:
        raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Built(paths, manifests, warnings)


def _passed_checks(material: Material, folder: Path, filenames: list[str], subfolder: str) -> list[Finding]:
    """Audit and verify the outputs in `folder`; fail on any error and return the warnings."""
    findings = [dataclasses.replace(finding, file=str(Path(subfolder) / finding.file))
                for finding in audit_outputs(folder, material)]
    errors = [finding for finding in findings if finding.severity == ERROR]
    if errors:
        raise BuildError("the outputs failed their accessibility audit:\n"
                         + "\n".join(f"  {finding}" for finding in errors))
    verdicts = verify_folder(folder, material, filenames)
    if not all(verdict.passed for verdict in verdicts):
        where = f" in {subfolder}/" if subfolder else ""
        raise BuildError(f"the outputs{where} do not show what they must:\n" + verdict_table(verdicts))
    return [finding for finding in findings if finding.severity != ERROR]
