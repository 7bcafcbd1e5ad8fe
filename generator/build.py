"""Build outputs into a temporary folder and move them into place only when all succeeded."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shutil
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .builders import BUILDERS, Builder
from .checks import ERROR, Finding, audit_output
from .errors import BuildError, UserError
from .freshness import noting_reads
from .manifest import manifest_entries, merged_manifest, read_manifest, write_manifest
from .model import Material
from .parallel import each_at_once
from .verify import Verdict, verdict_table, verify_output


@dataclass(frozen=True)
class Built:
    """What a build wrote, what the audit of the outputs warned about, and the files each output read."""

    paths: list[Path]
    manifests: list[Path]
    warnings: list[Finding]
    reads: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # by output, relative to the folder


def choose_builders(names: Iterable[str] | None) -> list[Builder]:
    """Return the builders called `names` (all of them when None), in a stable order."""
    if not names:
        return list(BUILDERS.values())
    unknown = [name for name in names if name not in BUILDERS]
    if unknown:
        raise UserError(f"unknown output '{unknown[0]}'; choose from: {', '.join(BUILDERS)}")
    return [BUILDERS[name] for name in BUILDERS if name in names]


def write_outputs(material: Material, folder: Path, builders: list[Builder]) -> dict[str, set[str]]:
    """Write each builder's output for `material` into `folder`; return the files each one read, by file name."""
    reads = {}
    for builder in builders:
        with noting_reads() as read:
            builder.build(material, folder / builder.filename)
        reads[builder.filename] = read
    return reads


@contextmanager
def only_build_in(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir` (made if need be) for one build; a second build started meanwhile stops with a clear message."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
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
                   names: Iterable[str] | None = None, wanted: Collection[str] | None = None) -> Built:
    """Write the chosen outputs of each edition (material, subfolder) into its subfolder of `out_dir`.

    `wanted` limits the build to these outputs, by their path inside `out_dir`
    (e.g. 'es/flyer.pdf'). Every output is first written to a temporary folder,
    audited for accessibility and verified to show what it must; the files replace
    the previous outputs only after every output of every edition passed, so a
    failure leaves `out_dir` as it was. Its manifest then records every output it holds.
    """
    builders = choose_builders(names)
    jobs = []
    for material, subfolder in editions:
        chosen = [builder for builder in builders
                  if wanted is None or (Path(subfolder) / builder.filename).as_posix() in wanted]
        if chosen:
            jobs.append((material, subfolder, chosen))
    out_dir = Path(out_dir)
    with only_build_in(out_dir):
        return build_held(jobs, out_dir)


def build_held(jobs: list[tuple[Material, str, list[Builder]]], out_dir: Path, workers: int = 1) -> Built:
    """Build each job (material, subfolder, builders) into `out_dir`, which the caller holds (see only_build_in).

    The outputs are built, audited and verified in up to `workers` processes at once.
    """
    try:
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    units = [_Unit(material, subfolder, builder, staging) for material, subfolder, builders in jobs
             for builder in builders]
    built = Built([], [], [])
    try:
        for material, subfolder, _ in jobs:
            (staging / subfolder).mkdir(parents=True, exist_ok=True)
        results = dict(each_at_once(lambda index: units[index].build(), len(units), workers))
        entries = []
        for material, subfolder, builders in jobs:
            mine = [results[index] for index, unit in enumerate(units) if unit.material is material]
            built.warnings.extend(_passed_checks(mine, subfolder))
            filenames = [builder.filename for builder in builders]
            for builder, result in zip(builders, mine):
                built.reads[(Path(subfolder) / builder.filename).as_posix()] = result.reads
            entries += [dict(entry, name=(Path(subfolder) / entry["name"]).as_posix())
                        for entry in manifest_entries(staging / subfolder, material, filenames)]
        for material, subfolder, builders in jobs:
            target = out_dir / subfolder
            target.mkdir(parents=True, exist_ok=True)
            for builder in builders:
                os.replace(staging / subfolder / builder.filename, target / builder.filename)
                built.paths.append(target / builder.filename)
        built.manifests.append(write_manifest(out_dir, merged_manifest(read_manifest(out_dir), entries, __version__)))
    except OSError as error:
        raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return built


@dataclass(frozen=True)
class _Checked:
    """One output built in the staging folder: the files it read, its audit findings and its verdict, or its error."""

    reads: set[str]
    findings: list[Finding]
    verdict: Verdict | None
    error: str = ""


@dataclass(frozen=True)
class _Unit:
    """One output of one edition to build, audit and verify in the staging folder."""

    material: Material
    subfolder: str
    builder: Builder
    staging: Path

    def build(self) -> _Checked:
        from pypdf import PdfReader

        path = self.staging / self.subfolder / self.builder.filename
        try:
            with noting_reads() as reads:
                self.builder.build(self.material, path)
        except BuildError as error:
            return _Checked(set(), [], None, str(error))
        reader = PdfReader(path) if path.suffix == ".pdf" else None  # opened once, for the audit and the verdict
        findings = [dataclasses.replace(finding, file=str(Path(self.subfolder) / finding.file))
                    for finding in audit_output(path, self.material, reader)]
        return _Checked(reads, findings, verify_output(path, self.builder, self.material, reader))


def _passed_checks(results: list[_Checked], subfolder: str) -> list[Finding]:
    """Fail on the first output that could not be built, then on any audit error or failed verdict;
    return the audit's warnings."""
    for result in results:
        if result.error:
            raise BuildError(result.error)
    findings = [finding for result in results for finding in result.findings]
    errors = [finding for finding in findings if finding.severity == ERROR]
    if errors:
        raise BuildError("the outputs failed their accessibility audit:\n"
                         + "\n".join(f"  {finding}" for finding in errors))
    verdicts = [result.verdict for result in results]
    if not all(verdict.passed for verdict in verdicts):
        where = f" in {subfolder}/" if subfolder else ""
        raise BuildError(f"the outputs{where} do not show what they must:\n" + verdict_table(verdicts))
    return [finding for finding in findings if finding.severity != ERROR]
