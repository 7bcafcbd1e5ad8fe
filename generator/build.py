"""Build outputs into a temporary folder and move them into place only when all succeeded."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .builders import BUILDERS, Builder
from .checks import ERROR, Finding, audit_output
from .errors import BuildError, UserError
from .freshness import BuildState, Checksums, generator_fingerprint, noting_reads
from .manifest import manifest_entries, merged_manifest, read_manifest, write_manifest
from .model import Material
from .site_flyers import Progress, SiteJob, build_site_flyers
from .sites import SiteList
from .parallel import each_at_once
from .verify import Verdict, verdict_table, verify_folder


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
    failure leaves `out_dir` as it was. Each folder's manifest then records what it holds.
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
        staged = []
        for material, subfolder, builders in jobs:
            mine = [results[index] for index, unit in enumerate(units) if unit.material is material]
            built.warnings.extend(_passed_checks(mine, subfolder))
            filenames = [builder.filename for builder in builders]
            for builder, result in zip(builders, mine):
                built.reads[(Path(subfolder) / builder.filename).as_posix()] = result.reads
            staged.append((subfolder, filenames, manifest_entries(staging / subfolder, material, filenames)))
        for subfolder, filenames, entries in staged:
            target = out_dir / subfolder
            target.mkdir(parents=True, exist_ok=True)
            for filename in filenames:
                os.replace(staging / subfolder / filename, target / filename)
                built.paths.append(target / filename)
            built.manifests.append(
                write_manifest(target, merged_manifest(read_manifest(target), entries, __version__)))
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
        folder = self.staging / self.subfolder
        path = folder / self.builder.filename
        try:
            with noting_reads() as reads:
                self.builder.build(self.material, path)
        except BuildError as error:
            return _Checked(set(), [], None, str(error))
        findings = [dataclasses.replace(finding, file=str(Path(self.subfolder) / finding.file))
                    for finding in audit_output(path, self.material)]
        return _Checked(reads, findings, verify_folder(folder, self.material, [self.builder.filename])[0])


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


@dataclass
class Outcome:
    """What an incremental build did: the outputs it wrote, kept and could not build, and how long it took."""

    written: list[str] = dataclasses.field(default_factory=list)
    kept: list[str] = dataclasses.field(default_factory=list)
    failed: dict[str, str] = dataclasses.field(default_factory=dict)
    manifests: list[Path] = dataclasses.field(default_factory=list)
    warnings: list[Finding] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """Return the closing line, e.g. 'Built 3, skipped 12 (unchanged), failed 0 in 4.1 s.'"""
        return (f"Built {len(self.written)}, skipped {len(self.kept)} (unchanged), failed {len(self.failed)} "
                f"in {self.seconds:.1f} s.")


@dataclass(frozen=True)
class Request:
    """What a person asked `build` for."""

    content: Path
    brand: Path
    out_dir: Path
    only: list[str] | None = None
    languages: list[str] | None = None
    sites: Path | None = None
    force: bool = False
    workers: int = 1


def build_changed(request: Request, check: Callable[[list[Material], SiteList | None], None],
                  progress: Callable[[int], Progress] | None = None) -> Outcome:
    """Build every requested output whose inputs changed since it was last built (all of them with `force`).

    Nothing is read beyond checksums when nothing changed. Otherwise the content is
    loaded and `check` is called with its editions and the sites, and may stop the build by raising.
    The main outputs are built all or nothing; the site flyers one by one.
    """
    from .planning import (common_size_key, edition_inputs, plan_editions, site_inputs, site_output,
                           sites_with_flyers_in)
    from .sites import load_sites

    started = time.perf_counter()
    editions = plan_editions(request.content, request.languages)
    builders = choose_builders(request.only)
    sites = load_sites(request.sites) if request.sites else None
    checksums, generator = Checksums(), generator_fingerprint()
    out_dir = Path(request.out_dir)
    outcome = Outcome()
    state = BuildState.read(out_dir)
    planned = {}  # output -> (edition, site or None, inputs)
    for edition in editions:
        inputs = edition_inputs(edition, request.brand, checksums)
        for builder in builders:
            planned[(Path(edition.subfolder) / builder.filename).as_posix()] = (edition, None, inputs)
        for site in sites_with_flyers_in(sites, edition) if sites else []:
            planned[site_output(site, edition)] = (edition, site, site_inputs(sites, site, edition,
                                                                               request.brand, checksums))
    for edition in editions[1:] if sites else []:
        untranslated = [site.name for site in sites.sites if site.details_in(edition.code) is None]
        if untranslated:
            outcome.notes.append(f"no '{edition.code}' flyer for {', '.join(untranslated)}: add the hours and "
                                 f"services under `translations: {edition.code}:` in {request.sites}")
    outcome.notes += _former_sites(out_dir, sites, request.sites) if sites else []
    stale = [output for output, (_, _, inputs) in planned.items()
             if request.force or not state.is_fresh(output, inputs, checksums, generator)]
    outcome.kept = [output for output in planned if output not in stale]
    if not stale:
        outcome.seconds = time.perf_counter() - started
        return outcome
    # The content is checked before the output folder is touched: a build refused for its content creates nothing.
    # When only site flyers are to be built, the main outputs being up to date shows it passed already.
    content_checked = not any(planned[output][1] is None for output in stale)
    materials = _load_stale(request, editions, {planned[output][0].code for output in stale}, sites, check,
                            content_checked)
    with only_build_in(out_dir):
        state = BuildState.read(out_dir)  # as the last build left it, now that no other build can write
        main = [output for output in stale if planned[output][1] is None]
        if main:
            built = build_held(_main_jobs(main, planned, materials, builders), out_dir, request.workers)
            outcome.manifests += built.manifests
            outcome.warnings += built.warnings
            for output, reads in built.reads.items():
                _remember(state, output, planned[output][2], reads, checksums, generator)
                outcome.written.append(output)
        jobs = [SiteJob(planned[output][1], materials[planned[output][0].code], output)
                for output in stale if planned[output][1] is not None]
        if jobs:
            size_keys = {materials[edition.code].document.language:
                         common_size_key(edition, request.brand, sites.example, checksums, generator)
                         for edition in editions if edition.code in materials}
            _build_sites(jobs, sites, out_dir, request.workers, progress, state, planned, checksums,
                         generator, outcome, size_keys)
        state.write()
    outcome.seconds = time.perf_counter() - started
    return outcome


def _former_sites(out_dir: Path, sites: SiteList, sites_file: Path) -> list[str]:
    """Return a note for each folder of output/sites/ that belongs to no site of the sites file any more."""
    from .planning import SITES_FOLDER

    folder = out_dir / SITES_FOLDER
    current = {site.folder for site in sites.sites}
    former = sorted(path.name for path in folder.iterdir() if path.is_dir() and path.name not in current) \
        if folder.is_dir() else []
    return [f"{folder / name}/ holds the flyer of a site that is not in {sites_file} any more; delete the "
            "folder if that site has closed, so nobody prints its flyer" for name in former]


def _load_stale(request: Request, editions, codes: set[str], sites, check, content_checked: bool) -> dict:
    """Return the material of each edition to rebuild, by code, after checking them and the sites.

    `check(editions, sites)` is given no editions when the content was `content_checked` already.
    """
    from .content import load_content, unshowable_characters
    from .errors import ContentError

    materials, problems = {}, []
    for edition in editions:
        try:
            materials[edition.code] = load_content(edition.files[-1], request.brand)
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(list(dict.fromkeys(problems)))  # the brand, shared by every edition, once
    if sites is not None:
        unshowable = unshowable_characters(sites, materials[editions[0].code].brand)
        if unshowable:
            raise ContentError(unshowable)
    check([] if content_checked else list(materials.values()), sites)
    return {code: material for code, material in materials.items() if code in codes}


def _main_jobs(stale: list[str], planned: dict, materials: dict, builders: list[Builder]):
    jobs = []
    for code, material in materials.items():
        chosen = [builder for builder in builders
                  if any(planned[output][0].code == code and Path(output).name == builder.filename
                         for output in stale)]
        if chosen:
            subfolder = next(planned[output][0].subfolder for output in stale if planned[output][0].code == code)
            jobs.append((material, subfolder, chosen))
    return jobs


def _remember(state: BuildState, output: str, inputs: dict, reads: set[str], checksums: Checksums,
              generator: str) -> None:
    checksums.known.pop(str((state.folder / output).resolve()), None)
    state.record(output, {**inputs, **checksums.of_all(reads)}, generator,
                 checksums.of(str((state.folder / output).resolve())))


def _build_sites(jobs: list[SiteJob], sites, out_dir: Path, workers: int, progress, state: BuildState,
                 planned: dict, checksums: Checksums, generator: str, outcome: Outcome,
                 size_keys: dict[str, str]) -> None:
    """Build the site flyers, moving each into place as it passes, and note which failed."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    bar = progress(len(jobs)) if progress else None
    try:
        def finished(output: str, succeeded: bool) -> None:
            if bar:
                bar.advance(output, succeeded)

        known = {language: state.sizes[key] for language, key in size_keys.items() if key in state.sizes}
        result = build_site_flyers(jobs, sites, staging, workers, finished, known)
        # Sizes found from inputs that are gone would never be used again.
        state.sizes = {size_keys[language]: size for language, size in result.sizes.items()}
        for output in (job.output for job in jobs):
            if output in result.failed:
                state.forget(output)
                continue
            target = out_dir / output
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / output, target)
            _remember(state, output, planned[output][2], result.built[output], checksums, generator)
            outcome.written.append(output)
        outcome.failed.update(result.failed)
    except OSError as error:
        raise BuildError(f"{out_dir}: could not write the site flyers: {error.strerror}") from None
    finally:
        if bar:
            bar.close()
        shutil.rmtree(staging, ignore_errors=True)
