"""The build, from the content files to the outputs in place: the one path that `build`, `check`, `watch`,
`verify --rebuild`, the tests and the benchmark all take (see run).

The main outputs of the editions are built all or nothing (see build.py); the
site flyers one by one, so that one site's mistake does not hold up the others.
Only the outputs whose inputs changed since they were built are built again.
"""

from __future__ import annotations

import dataclasses
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .build import (OutputsFailed, Stopped, blocked_outputs, build_held, choose_builders, commit, only_build_in,
                    settle_interrupted, staging_folder)
from .builders import BUILDERS
from .checks import ERROR, Finding, Report, check_editions
from .errors import BuildError, ContentError, UserError
from .freshness import BuildState, Checksums, generator_fingerprint
from .manifest import MANIFEST, manifest_entries, merged_manifest, read_manifest
from .model import Material
from .planning import (Planned, common_size_key, former_sites, plan_materials, plan_outputs,
                       untranslated_sites)
from .site_flyers import Progress, SiteJob, build_site_flyers
from .sites import load_sites


@dataclass
class Outcome:
    """What a build did: the outputs it wrote, kept and could not build, what it found, and how long it took."""

    written: list[str] = dataclasses.field(default_factory=list)
    kept: list[str] = dataclasses.field(default_factory=list)
    failed: dict[str, str] = dataclasses.field(default_factory=dict)
    manifests: list[Path] = dataclasses.field(default_factory=list)
    warnings: list[Finding] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    failures: list[Finding] = dataclasses.field(default_factory=list)  # of outputs checked, not kept (see Request)
    seconds: float = 0.0

    def summary(self) -> str:
        """Return the closing line, e.g. 'Built 3, skipped 12 (unchanged), failed 0 in 4.1 s.'"""
        return (f"Built {len(self.written)}, skipped {len(self.kept)} (unchanged), failed {len(self.failed)} "
                f"in {self.seconds:.1f} s.")


@dataclass(frozen=True)
class Request:
    """What a person asked for: which materials, outputs and languages, built into which folder, and how."""

    contents: list[Path]  # the materials' content files
    brand: Path
    out_dir: Path
    only: list[str] | None = None
    languages: list[str] | None = None
    sites: Path | None = None
    force: bool = False
    workers: int = 1
    # False for `check`: every output is built, audited and verified, nothing is kept, and a problem with
    # the content or an output is reported (see Outcome.failures) rather than stopping the rest.
    keep: bool = True


class ChecksFailed(UserError):
    """The checks of the content found errors; nothing was built."""

    def __init__(self, report: Report):
        super().__init__("the content has errors, so nothing was built; `python -m generator check` lists them")
        self.report = report


def run(request: Request, show: Callable[[Report], None] = lambda report: None,
        progress: Callable[[int], Progress] | None = None) -> Outcome:
    """Build what `request` asks for, step by step; `show(report)` shows what the checks of the content found.

    Raises ChecksFailed when the content has errors (the output folder is then not
    touched), and BuildError when an output fails; in both cases no output is replaced.
    `progress(count)` makes the progress bar of the site flyers.
    """
    started = time.perf_counter()
    out_dir = Path(request.out_dir)
    notes = settle_interrupted(out_dir)  # a commit a stopped build left half done is finished or undone first
    build = _Build(request, BuildState.read(out_dir))  # every output asked for, and what each is made from
    build.outcome.notes += notes
    stale = build.stale()  # those whose inputs changed since they were built
    if stale:
        # The content is read and checked before the output folder is touched. When only site flyers are
        # out of date, the main outputs being up to date shows that the content passed the checks already.
        content_checked = all(planned.site for planned in stale)
        wanted = {planned.edition.subfolder for planned in stale}
        materials = build.load(wanted, content_checked)
        if not content_checked:
            report = check_editions(list(materials.values()), build.sites)
            show(report)
            if request.keep and report.fails():
                raise ChecksFailed(report)
        materials = {folder: material for folder, material in materials.items() if folder in wanted}
        with only_build_in(out_dir, build.outcome.notes):
            build.state = BuildState.read(out_dir)  # as the last build left it, now no other build can write
            try:
                # Rendered, audited and verified in a staging folder, then moved into place all at once.
                build.main_outputs([planned for planned in stale if not planned.site], materials)
                build.site_flyers([planned for planned in stale if planned.site], materials, progress)
            except KeyboardInterrupt as stop:  # Ctrl+C, or SIGTERM (see build.Stopped)
                if build.outcome.written:
                    build.state.write()  # the outputs put in place before the stop need not be built again
                raise Stopped(getattr(stop, "signum", signal.SIGINT),
                              getattr(stop, "changed", False) or bool(build.outcome.written)) from None
            if request.keep:
                build.state.write()
    build.outcome.seconds = time.perf_counter() - started
    return build.outcome


class _Build:
    """One incremental build: what it plans, what it has found out, and what it did."""

    def __init__(self, request: Request, state: BuildState):
        self.request, self.state = request, state
        self.out_dir = Path(request.out_dir)
        self.editions = plan_materials(request.contents, request.languages)
        self.builders = choose_builders(request.only)
        self.sites = load_sites(request.sites) if request.sites else None
        self.checksums, self.generator = Checksums(), generator_fingerprint()
        self.outcome = Outcome()
        self.planned = plan_outputs(self.editions, self.builders, self.sites, request.brand, self.checksums,
                                    named=bool(request.only))

    def stale(self) -> list[Planned]:
        """Return the planned outputs to build, noting the others as kept and what the sites file lacks."""
        if self.sites:
            self.outcome.notes += untranslated_sites(self.editions, self.sites, self.request.sites)
            self.outcome.notes += former_sites(self.out_dir, self.editions, self.sites, self.request.sites)
        stale = [planned for planned in self.planned if self.request.force
                 or not self.state.is_fresh(planned.output, planned.inputs, self.checksums, self.generator)]
        stale += self.listings_of(stale)
        rebuilt = {planned.output for planned in stale}
        self.outcome.kept = [planned.output for planned in self.planned if planned.output not in rebuilt]
        return stale

    def listings_of(self, stale: list[Planned]) -> list[Planned]:
        """Return the outputs that list the others of their edition (the web page), not in `stale` yet, of each
        edition with an output in `stale`: the page gives each file's size, so it is built again with them. A page
        not asked for this time (see --only) is built again if the folder holds one."""
        changed = {planned.edition.subfolder: planned for planned in stale
                   if planned.builder is not None and not planned.builder.lists_siblings}
        listed = {planned.output for planned in stale}
        listings = []
        for subfolder, sibling in changed.items():
            for builder in (builder for builder in BUILDERS.values() if builder.lists_siblings):
                output = (Path(subfolder) / builder.filename).as_posix()
                planned = next((planned for planned in self.planned if planned.output == output), None)
                if output in listed or (planned is None and not (self.out_dir / output).is_file()):
                    continue
                listings.append(planned or Planned(output, sibling.edition, builder, None, sibling.inputs))
        return listings

    def load(self, wanted: set[str], content_checked: bool) -> dict[str, Material]:
        """Return the material of every edition (only those in `wanted`, by subfolder, when the content was
        `content_checked` already), each translation marked current with its English or not."""
        from .content import load_content, unshowable_characters
        from .translation import with_currency

        materials, problems = {}, []
        for edition in self.editions:
            if content_checked and edition.subfolder not in wanted:
                continue
            try:
                materials[edition.subfolder] = load_content(edition.files[-1], self.request.brand)
            except ContentError as error:
                problems += error.problems
        if problems:
            raise ContentError(list(dict.fromkeys(problems)))  # the brand, shared by every edition, once
        for edition in self.editions:
            if edition.code != "en" and edition.subfolder in materials:
                english = materials.get(edition.material) or load_content(edition.files[0], self.request.brand)
                materials[edition.subfolder] = with_currency(english, materials[edition.subfolder])
        if self.sites is not None:
            unshowable = unshowable_characters(self.sites, next(iter(materials.values())).brand)
            if unshowable:
                raise ContentError(unshowable)
        return materials

    def main_outputs(self, stale: list[Planned], materials: dict[str, Material]) -> None:
        """Build the stale main outputs, all or nothing, and remember what each was made from."""
        jobs = []
        for edition in self.editions:
            chosen = [builder for builder in BUILDERS.values()
                      if any(planned.edition == edition and planned.builder == builder for planned in stale)]
            if chosen:
                jobs.append((materials[edition.subfolder], edition.subfolder, chosen))
        if not jobs:
            return
        if not self.request.keep:
            try:
                self.outcome.warnings += build_held(jobs, self.out_dir, self.request.workers, keep=False).warnings
            except OutputsFailed as failed:
                self.outcome.failures += failed.findings
            except BuildError as error:
                # Said of the content files, not of the temporary folder `check` builds in.
                sources = ", ".join(dict.fromkeys(material.source for material, _, _ in jobs))
                self.outcome.failures.append(Finding(
                    rule="build", severity=ERROR, file=sources, line=None, field="", message=str(error),
                    suggestion="fix what the message names, then check again"))
            return
        built = build_held(jobs, self.out_dir, self.request.workers)
        self.outcome.manifests += built.manifests
        self.outcome.warnings += built.warnings
        inputs = {planned.output: planned.inputs for planned in stale}
        for output, reads in built.reads.items():
            self.remember(output, inputs[output], reads)
        self.state.write()  # now, so that a build stopped during the site flyers need not build these again

    def site_flyers(self, stale: list[Planned], materials: dict[str, Material], progress) -> None:
        """Build the stale site flyers, moving each into place as it passes, and note which failed."""
        if not stale or not self.request.keep:  # `check` checks the sites file, not every site's flyer
            return
        jobs = [SiteJob(planned.site, materials[planned.edition.subfolder], planned.output) for planned in stale]
        size_keys = {materials[edition.subfolder].source:
                     common_size_key(edition, self.request.brand, self.sites.example, self.checksums, self.generator)
                     for edition in self.editions if edition.subfolder in materials}
        known = {source: self.state.sizes[key] for source, key in size_keys.items() if key in self.state.sizes}
        bar = progress(len(jobs)) if progress else None
        try:
            with staging_folder(self.out_dir) as staging:
                result = build_site_flyers(jobs, self.sites, staging, self.request.workers,
                                           bar.advance if bar else lambda output, succeeded: None, known)
                # Sizes found from inputs that are gone would never be used again.
                self.state.sizes = {size_keys[source]: size for source, size in result.sizes.items()}
                built = [planned for planned in stale if planned.output not in result.failed]
                # A flyer with a folder in its way fails alone, like one that does not fit.
                result.failed.update(blocked_outputs(self.out_dir, [planned.output for planned in built]))
                built = [planned for planned in built if planned.output not in result.failed]
                for planned in stale:
                    if planned.output in result.failed:
                        self.state.forget(planned.output)
                entries = [dict(entry, edition=planned.edition.subfolder, site=planned.site.name) for planned in built
                           for entry in manifest_entries(staging, materials[planned.edition.subfolder],
                                                         [planned.output])]
                commit(self.out_dir, staging, [planned.output for planned in built],
                       merged_manifest(read_manifest(self.out_dir), entries, __version__) if built else None,
                       next(iter(materials.values())).brand)
            for planned in built:
                self.remember(planned.output, planned.inputs, result.built[planned.output])
            if built:
                self.outcome.manifests = list(dict.fromkeys([*self.outcome.manifests, self.out_dir / MANIFEST]))
            self.outcome.failed.update(result.failed)
        except OSError as error:
            raise BuildError(f"{self.out_dir}: could not write the site flyers: {error.strerror}") from None
        finally:
            if bar:
                bar.close()

    def remember(self, output: str, inputs: dict[str, str], reads: set[str]) -> None:
        """Record in the build state that `output` was just written from `inputs` and the files it read."""
        written = str((self.out_dir / output).resolve())
        self.checksums.known.pop(written, None)  # it has just changed
        self.state.record(output, {**inputs, **self.checksums.of_all(reads)}, self.generator,
                          self.checksums.of(written))
        self.outcome.written.append(output)
