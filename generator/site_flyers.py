"""A flyer for every site, built in parallel across the machine's cores.

Each flyer is written to a temporary folder, opened and checked, audited for
accessibility like the other outputs, and only then moved over the previous one;
a site whose flyer fails keeps its previous flyer, and the others are still built.
The body size is fitted once per edition (material and language), for a panel of the least height, and
fits every site whose details fill no more, so a flyer usually costs one layout;
a site with longer details is fitted on its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .builders.site_flyer import SiteFlyerBuilder
from .errors import UserError
from .model import Material
from .parallel import each_at_once
from .sites import Site, SiteList


@dataclass(frozen=True)
class SiteJob:
    """One flyer to build: which site, in which language, to which path inside the output folder."""

    site: Site
    material: Material
    output: str


@dataclass
class BatchResult:
    """The flyers a batch built (with the files each read) and those that failed (with why)."""

    built: dict[str, set[str]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)  # the common size of each edition, by content file


@dataclass(frozen=True)
class _Batch:
    """What building any one flyer of the batch needs."""

    jobs: list[SiteJob]
    example: bool
    staging: Path
    body_sizes: dict[str, float]  # the common size of each edition, by content file (see SiteFlyerBuilder.common_size)
    sites_file: str

    def build(self, index: int) -> tuple[set[str] | None, str | None]:
        """Build and check the flyer of job `index` in the staging folder; return what it read, or the problem."""
        from pypdf import PdfReader

        from .checks import ERROR, audit_output
        from .verify import verify_site_flyer

        job = self.jobs[index]
        target = self.staging / job.output
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            builder = SiteFlyerBuilder()
            builder.build_site(job.material, job.site, self.example, target, self.body_sizes[job.material.source],
                               self.sites_file)
            reader = PdfReader(target)  # opened once, for the verdict and the audit
            problems = verify_site_flyer(target, job.material, job.site, reader)
            problems += [f"{finding.message} ({finding.suggestion})"
                         for finding in audit_output(target, job.material, reader) if finding.severity == ERROR]
        except UserError as error:
            return None, _without_file_name(error)
        except OSError as error:
            return None, f"could not be written: {error.strerror}"
        if problems:
            return None, "; ".join(problems)
        return {str(path) for path in builder.reads(job.material)}, None


def build_site_flyers(jobs: list[SiteJob], sites: SiteList, staging: Path, workers: int,
                      finished: Callable[[str, bool], None], known_sizes: dict[str, float]) -> BatchResult:
    """Build every job's flyer into `staging`, calling `finished(output, succeeded)` as each one ends.

    `known_sizes` are common sizes (by content file) found before from the same inputs; the others are found here.
    """
    builder = SiteFlyerBuilder()
    editions = {job.material.source: job.material for job in jobs}
    try:
        sizes = {source: known_sizes.get(source) or builder.common_size(material, sites.example)
                 for source, material in editions.items()}
    except UserError as error:  # even the shortest details do not fit: no flyer can be built
        return BatchResult(failed={job.output: _without_file_name(error) for job in jobs})
    # The workers start from this process, with the common sizes found.
    batch = _Batch(jobs, sites.example, staging, sizes, sites.source)
    result = BatchResult(sizes=sizes)
    for index, (reads, problem) in each_at_once(batch.build, len(jobs), workers):
        output = jobs[index].output
        if problem is None:
            result.built[output] = reads
        else:
            result.failed[output] = problem
        finished(output, problem is None)
    return result


def _without_file_name(error: UserError) -> str:
    """Return the message of `error` without the leading 'flyer.pdf: ', since it is shown after the flyer's path."""
    return str(error).removeprefix(f"{SiteFlyerBuilder.filename}: ")


class Progress:
    """A one-line progress bar on a terminal; silent when the output goes to a file, a pipe or CI."""

    def __init__(self, total: int, stream=None):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.shown = bool(total) and self.stream.isatty() and not os.environ.get("CI")

    def advance(self, output: str, succeeded: bool) -> None:
        """Count one more flyer finished and redraw the bar."""
        self.done += 1
        self.failed += not succeeded
        if self.shown:
            width = 30
            filled = round(width * self.done / self.total)
            failed = f", {self.failed} failed" if self.failed else ""
            self.stream.write(f"\r  site flyers [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.done}/{self.total}{failed}  ")
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line, so what is printed next starts on a line of its own."""
        if self.shown and self.done:
            self.stream.write("\n")
            self.stream.flush()
