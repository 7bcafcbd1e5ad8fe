"""How fast `build` is, measured against the least the same work can cost on this machine.

Run from the project folder: .venv/bin/python bench/build_speed.py

Every timed build is a fresh `python -m generator build` process, so the times are
what a person waits for. The floor is a fresh process that does only what must be
done to write the same files: render each PDF's final HTML once with WeasyPrint and
write it as PDF/UA-1, and open and save each deck with python-pptx. The HTML is
captured from one build run here in-process, which also shows where its time goes.

The script runs itself as the floor process (`floor MANIFEST`) and as the process
that times one site flyer in WeasyPrint alone (`one-flyer MANIFEST ROUNDS`); those
modes import only WeasyPrint and python-pptx, so their start-up is the libraries' own.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_COUNTS = (1, 10, 100)
WORKERS = (1, 2)
ONE_FLYER_ROUNDS = 20
BATCH_ROUNDS = 2  # each batch is timed twice and the faster run kept, as the other measures are
SAMPLE_SITES = 3  # the site flyers built in-process, one for each of the example sites' hours and services
# A run counts as slowed when other processes used this many cores on average meanwhile; it is then retried.
BUSY_CORES = 0.1
RETRIES = 2
IDLE_WAIT = 10  # seconds, each time
IDLE_BUDGET = 90  # seconds, in all
SUMMARY = re.compile(r"Built (\d+), skipped (\d+) \(unchanged\), failed (\d+)")


# The processes timed as the floor. Only the standard library is imported above, and these import only the renderers.

def floor(manifest_path: str) -> None:
    """Render and write every captured PDF, and open and save every deck; print the time of each as JSON."""
    started = time.perf_counter()
    import weasyprint
    from pptx import Presentation
    from weasyprint.text.fonts import FontConfiguration

    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    out = Path(manifest["out"])
    times = {"imports": time.perf_counter() - started}
    for document in manifest["documents"]:
        began = time.perf_counter()
        fonts = FontConfiguration()
        brand = weasyprint.CSS(string=Path(document["css"]).read_text(encoding="utf-8"), font_config=fonts)
        page = weasyprint.HTML(string=Path(document["html"]).read_text(encoding="utf-8"),
                               base_url=manifest["base_url"])
        page.render(stylesheets=[brand], font_config=fonts).write_pdf(
            out / document["output"].replace("/", "__"), pdf_variant="pdf/ua-1")
        times[document["output"]] = time.perf_counter() - began
    for deck in manifest["decks"]:
        began = time.perf_counter()
        Presentation(deck["path"]).save(out / deck["output"].replace("/", "__"))
        times[deck["output"]] = time.perf_counter() - began
    print(json.dumps(times))


def one_flyer(manifest_path: str, rounds: str) -> None:
    """Render and write one captured site flyer `rounds` times after a warm-up; print the mean seconds as JSON."""
    import io

    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    html = Path(manifest["html"]).read_text(encoding="utf-8")
    css = Path(manifest["css"]).read_text(encoding="utf-8")

    def render_and_write() -> None:
        fonts = FontConfiguration()
        brand = weasyprint.CSS(string=css, font_config=fonts)
        page = weasyprint.HTML(string=html, base_url=manifest["base_url"])
        page.render(stylesheets=[brand], font_config=fonts).write_pdf(io.BytesIO(), pdf_variant="pdf/ua-1")

    render_and_write()
    started = time.perf_counter()
    for _ in range(int(rounds)):
        render_and_write()
    print(json.dumps({"mean": (time.perf_counter() - started) / int(rounds)}))


# The benchmark itself.

@dataclass(frozen=True)
class Timing:
    """One run of a process: its wall time, what it printed, and how busy the machine was meanwhile."""

    wall: float
    printed: str
    others: float  # CPU seconds used meanwhile by processes other than the one timed and its children

    @property
    def busy(self) -> bool:
        """Return whether other processes took enough of the machine to slow the run."""
        return self.others > BUSY_CORES * self.wall

    def shown(self, value: str) -> str:
        """Return `value` marked with * when the machine was busy."""
        return value + ("*" if self.busy else "")


def machine_cpu_seconds() -> float:
    """Return the CPU seconds every process on the machine has used so far, or 0 where /proc/stat is missing."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            ticks = [int(field) for field in stat.readline().split()[1:9]]
    except OSError:
        return 0.0
    busy = sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class IdleWait:
    """Waiting until no other process keeps the machine busy, so the next run is not slowed by them.

    Each wait lasts at most IDLE_WAIT seconds and all of them IDLE_BUDGET, so a machine
    that never goes idle is still measured (its runs are then marked busy).
    """

    def __init__(self, budget: float):
        self.budget = budget

    def wait(self) -> None:
        began = time.perf_counter()
        deadline = began + min(IDLE_WAIT, self.budget)
        while time.perf_counter() < deadline:
            machine, started = machine_cpu_seconds(), time.perf_counter()
            time.sleep(0.25)
            if machine_cpu_seconds() - machine <= BUSY_CORES * (time.perf_counter() - started):
                break
        self.budget -= time.perf_counter() - began


idle = IdleWait(IDLE_BUDGET)


def run(*arguments: str) -> Timing:
    """Run `python ARGUMENTS` from the project folder and time it, once the machine is idle."""
    idle.wait()
    machine, children = machine_cpu_seconds(), children_cpu_seconds()
    started = time.perf_counter()
    finished = subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise SystemExit(f"`python {' '.join(arguments)}` failed:\n{finished.stdout}{finished.stderr}")
    others = (machine_cpu_seconds() - machine) - (children_cpu_seconds() - children)
    return Timing(elapsed, finished.stdout, max(others, 0.0) if machine else 0.0)


def best_of(rounds: int, *arguments: str, prepare=lambda: None) -> Timing:
    """Return the fastest of `rounds` runs of `python ARGUMENTS` while the machine was otherwise idle.

    `prepare` is called before each run. Up to RETRIES more runs are made while every
    run so far was slowed by other processes; if all were, the fastest is returned, marked busy.
    """
    def prepared_run() -> Timing:
        prepare()
        return run(*arguments)

    timings = [prepared_run() for _ in range(rounds)]
    for _ in range(RETRIES):
        if not all(timing.busy for timing in timings):
            break
        timings.append(prepared_run())
    quiet = [timing for timing in timings if not timing.busy] or timings
    return min(quiet, key=lambda timing: timing.wall)


def write_sites(path: Path, count: int) -> None:
    """Write a sites file of `count` invented sites, English only, their hours and services taken in turn from
    the example sites."""
    import yaml

    examples = yaml.safe_load((ROOT / "content/sites.example.yaml").read_text(encoding="utf-8"))["sites"]
    sites = []
    for number in range(1, count + 1):
        example = examples[(number - 1) % len(examples)]
        sites.append({
            "name": f"Example Site {number:03d}",
            "slug": f"site-{number:03d}",
            "address": [f"{number} Example Street", "Bridgeport, CT 06604"],
            "phone": f"203-555-01{number % 100:02d}",
            "hours": list(example["hours"]),  # copies, or PyYAML writes aliases, which the reader refuses
            "services": list(example["services"]),
            "web": f"https://example.org/sites/site-{number:03d}",
        })
    path.write_text("# Invented sites for bench/build_speed.py.\n"
                    + yaml.safe_dump({"example": True, "sites": sites}, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


class Capture:
    """One build run in-process, recording each PDF's final HTML and where the build's time went.

    The steps are timed by wrapping the generator's functions; a function that is not
    there (the generator changed) is left out of the breakdown rather than failing the run.
    """

    def __init__(self):
        self.html: dict[str, tuple[str, str]] = {}  # output -> (final HTML, brand stylesheet)
        self.layouts_before_write: dict[str, int] = {}  # output -> layouts since the previous PDF was written
        self.seconds: dict[str, float] = defaultdict(float)  # step -> seconds
        self.layouts: dict[str, int] = defaultdict(int)  # step -> layouts made during it
        self._layouts = 0
        self._since_write = 0

    def build(self, out_dir: Path, sites: Path) -> float:
        """Build every output and the flyers of `sites` into `out_dir` on one worker; return the seconds it took."""
        from contextlib import ExitStack
        from unittest import mock

        from generator import build as build_module
        from generator import pipeline
        from generator import verify
        from generator.builders import BUILDERS, base
        from generator.content import DEFAULT_BRAND, material_files

        render, write = base.render_pdf_document, base.PdfBuilder.write

        def recording_render(html, material, stylesheets=()):
            document = render(html, material, stylesheets)
            document.bench_html = (html, base.brand_stylesheet(material))
            self._layouts += 1
            self._since_write += 1
            return document

        def recording_write(builder, document, target):
            write(builder, document, target)
            output = staged_output(Path(target))
            self.html[output] = document.bench_html
            self.layouts_before_write[output], self._since_write = self._since_write, 0

        steps = [(pipeline._Build, "load", "load the content"),
                 (pipeline, "check_editions", "check the content"),
                 *((builder, "build", None) for builder in BUILDERS.values()),
                 (build_module, "audit_output", "main outputs: audit"),
                 (build_module, "verify_output", "main outputs: read back"),
                 (pipeline._Build, "site_flyers", "site flyers, in all"),
                 (verify, "verify_site_flyer", "  of which verifying them")]
        with ExitStack() as patches:
            patches.enter_context(mock.patch.object(base, "render_pdf_document", recording_render))
            patches.enter_context(mock.patch.object(base.PdfBuilder, "write", recording_write))
            for owner, name, step in steps:
                if callable(getattr(owner, name, None)):
                    patches.enter_context(mock.patch.object(owner, name, self._timed(step, getattr(owner, name))))
            request = pipeline.Request(material_files(), DEFAULT_BRAND, out_dir, sites=sites, force=True, workers=1)
            started = time.perf_counter()
            pipeline.run(request)
            return time.perf_counter() - started

    def _timed(self, step: str | None, action):
        """Return `action` timed as `step`; a builder's build (step None) is timed as the output it writes."""
        def timed(*arguments, **keywords):
            name = step or staged_output(Path(arguments[1]))
            self.seconds[name] += 0  # listed when it starts, so a step comes before the steps inside it
            started, layouts = time.perf_counter(), self._layouts
            try:
                return action(*arguments, **keywords)
            finally:
                self.seconds[name] += time.perf_counter() - started
                self.layouts[name] += self._layouts - layouts
        return timed


def staged_output(target: Path) -> str:
    """Return the output a path in a build's staging folder stands for, e.g. 'harm-reduction/es/flyer.pdf'."""
    parts = target.parts
    staging = max(index for index, part in enumerate(parts) if part.startswith(".building-"))
    return "/".join(parts[staging + 1:])


def write_floor_manifest(capture: Capture, built: Path, folder: Path) -> Path:
    """Write each main PDF's captured HTML and stylesheet to `folder`, and a manifest naming them and the decks."""
    from generator.templating import TEMPLATES

    documents = []
    for output, (html, css) in capture.html.items():
        if "/sites/" in output:
            continue
        name = output.replace("/", "__")
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        (folder / f"{name}.css").write_text(css, encoding="utf-8")
        documents.append({"output": output, "html": str(folder / f"{name}.html"), "css": str(folder / f"{name}.css")})
    decks = [{"output": deck.relative_to(built).as_posix(), "path": str(deck)} for deck in sorted(built.rglob("*.pptx"))]
    out = folder / "written"
    out.mkdir()
    manifest = folder / "floor.json"
    manifest.write_text(json.dumps({"base_url": str(TEMPLATES) + "/", "out": str(out), "documents": documents,
                                    "decks": decks}), encoding="utf-8")
    return manifest


def write_flyer_manifest(capture: Capture, folder: Path) -> tuple[Path, str]:
    """Write the HTML a site flyer was finally laid out from (the one laid out the fewest times: at the body size
    its batch fitted, when its details fit the panel's room); return the manifest."""
    from generator.templating import TEMPLATES

    output = min((output for output in sorted(capture.html) if "/sites/" in output),
                 key=lambda output: capture.layouts_before_write[output])
    html, css = capture.html[output]
    (folder / "site-flyer.html").write_text(html, encoding="utf-8")
    (folder / "site-flyer.css").write_text(css, encoding="utf-8")
    manifest = folder / "one-flyer.json"
    manifest.write_text(json.dumps({"base_url": str(TEMPLATES) + "/", "html": str(folder / "site-flyer.html"),
                                    "css": str(folder / "site-flyer.css")}), encoding="utf-8")
    return manifest, output


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def main() -> None:
    os.chdir(ROOT)
    work = Path(tempfile.mkdtemp(prefix="build-speed-"))
    began = time.perf_counter()
    try:
        report(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n(benchmark took {time.perf_counter() - began:.0f} s)")


def report(work: Path) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"Python {sys.version.split()[0]}, {cores} cores; every build is a fresh `python -m generator build`.\n")
    this_script = str(Path(__file__).resolve())

    # The HTML each PDF is finally rendered from, and where one build's time goes.
    sample_sites = work / "sites-sample.yaml"
    write_sites(sample_sites, SAMPLE_SITES)
    capture = Capture()
    in_process = capture.build(work / "captured", sample_sites)

    # 1. The full build.
    full_dir = work / "full"
    full = best_of(3, "-m", "generator", "build", "--force", "--out", str(full_dir))
    main_outputs = int(SUMMARY.search(full.printed)[1])
    # The same on one core, for comparison: the floor renders in one process.
    full_one = best_of(3, "-m", "generator", "build", "--force", "--jobs", "1", "--out", str(full_dir))

    # 2. The floor: the same PDFs rendered once each from their final HTML, the same decks saved.
    (work / "floor").mkdir()
    manifest = write_floor_manifest(capture, full_dir, work / "floor")
    floor_run = best_of(3, this_script, "floor", str(manifest))
    floor_parts = json.loads(floor_run.printed)
    different = different_sizes(full_dir, work / "floor" / "written")

    # 3. The build with nothing to do.
    noop = best_of(5, "-m", "generator", "build", "--out", str(full_dir))
    noop_valid = "Nothing to rebuild" in noop.printed

    # 4. Site flyers, each batch in a copy of the full build so only the flyers are stale.
    batches, invalid = {}, []
    for count in SITE_COUNTS:
        sites = work / f"sites-{count}.yaml"
        write_sites(sites, count)
        for workers in WORKERS:
            out = work / f"sites-{count}-{workers}"

            def fresh_copy(out=out):
                shutil.rmtree(out, ignore_errors=True)
                shutil.copytree(full_dir, out)

            timing = best_of(BATCH_ROUNDS, "-m", "generator", "build", "--sites", str(sites), "--out", str(out),
                             "--jobs", str(workers), prepare=fresh_copy)
            built, skipped, failed = (int(number) for number in SUMMARY.search(timing.printed).groups())
            if (built, skipped, failed) != (count, main_outputs, 0):
                invalid.append(f"{count} sites on {workers}: built {built}, skipped {skipped}, failed {failed}")
            batches[count, workers] = timing
            shutil.rmtree(out)

    # 5. One site flyer in WeasyPrint alone.
    flyer_manifest, flyer_output = write_flyer_manifest(capture, work)
    one_run = best_of(1, this_script, "one-flyer", str(flyer_manifest), str(ONE_FLYER_ROUNDS))
    one = json.loads(one_run.printed)["mean"]

    largest, next_largest = SITE_COUNTS[-1], SITE_COUNTS[-2]
    marginal = (batches[largest, 1].wall - batches[next_largest, 1].wall) / (largest - next_largest)
    speedup = batches[largest, 1].wall / batches[largest, 2].wall
    ratio = full.wall / floor_run.wall

    print(f"{'measure':<58}{'value':>10}  {'target':<10}")
    rows = [
        (f"1. full build, --force ({main_outputs} outputs, best of 3)", full.shown(f"{full.wall:.2f} s"), "", None),
        ("2. floor: same PDFs from final HTML + decks (best of 3)",
         floor_run.shown(f"{floor_run.wall:.2f} s"), "", None),
        ("   full / floor", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
        ("   the full build on one worker (--jobs 1), and / floor", full_one.shown(f"{full_one.wall:.2f} s"),
         f"{full_one.wall / floor_run.wall:.2f}x", None),
        ("3. no-op rebuild (best of 5)" + ("" if noop_valid else " [INVALID: it rebuilt]"),
         noop.shown(f"{noop.wall:.2f} s"), "< 0.5 s", noop.wall < 0.5 and noop_valid),
        (f"4. {largest} site flyers, 2 workers vs 1: speed-up", f"{speedup:.2f}x", ">= 1.7x", speedup >= 1.7),
        (f"5. site flyer in WeasyPrint alone (mean of {ONE_FLYER_ROUNDS})", one_run.shown(f"{one * 1000:.0f} ms"),
         "", None),
        (f"   batch per flyer, 1 worker: (t{largest} - t{next_largest}) / {largest - next_largest}",
         f"{marginal * 1000:.0f} ms", "", None),
        ("   batch per flyer / WeasyPrint alone", f"{marginal / one:.2f}x", "<= 1.3x", marginal / one <= 1.3),
    ]
    for name, value, target, passed in rows:
        print(f"{name:<58}{value:>10}  {target:<10}{'' if passed is None else verdict(passed)}")

    print(f"\nSite flyers (best of {BATCH_ROUNDS} runs each; English-only invented sites, so one flyer each; "
          "the Spanish edition gets none):")
    print(f"{'sites':>6}" + "".join(f"{f'{workers} worker' + 's' * (workers > 1):>14}{'per flyer':>11}"
                                    for workers in WORKERS) + f"{'speed-up':>10}")
    for count in SITE_COUNTS:
        cells = "".join(f"{batches[count, workers].shown(f'{batches[count, workers].wall:.2f} s'):>14}"
                        f"{batches[count, workers].wall / count * 1000:>8.0f} ms" for workers in WORKERS)
        print(f"{count:>6}{cells}{batches[count, 1].wall / batches[count, 2].wall:>9.2f}x")
    for problem in invalid:
        print(f"  INVALID: {problem} (expected every site built and the main outputs skipped)")
    timings = [full, full_one, floor_run, noop, one_run, *batches.values()]
    if any(timing.busy for timing in timings):
        print(f"  * other processes used over {BUSY_CORES:g} core meanwhile, in every try: "
              "this value may be inflated")
    if different:
        print("  WARNING: the floor's PDFs differ in size from the build's: " + ", ".join(different))

    print(f"\nWhere one build's time goes (in-process, cold, {in_process:.2f} s for the {main_outputs} outputs "
          f"+ {SAMPLE_SITES} site flyers on 1 worker):")
    print(f"{'step':<34}{'in build':>10}{'layouts':>9}{'floor':>10}")
    print(f"{'start-up and imports (floor)':<34}{'':>10}{'':>9}{floor_parts['imports']:>9.2f}s")
    for step, seconds in capture.seconds.items():
        floor_seconds = floor_parts.get(step)
        print(f"{step:<34}{seconds:>9.2f}s{capture.layouts[step] or '':>9}"
              f"{'' if floor_seconds is None else f'{floor_seconds:>9.2f}s':>10}")
    times = capture.layouts_before_write[flyer_output]
    print(f"(step 5 renders {flyer_output}, whose build laid it out {times} time{'s' * (times != 1)}: "
          "once when its details fit the room the batch's common size leaves them)")


def different_sizes(built: Path, floor_folder: Path) -> list[str]:
    """Return the PDFs the floor wrote whose size differs from the build's by more than 1%."""
    different = []
    for written in sorted(floor_folder.glob("*.pdf")):
        output = written.name.replace("__", "/")
        expected = (built / output).stat().st_size
        if abs(written.stat().st_size - expected) > expected / 100:
            different.append(f"{output} ({written.stat().st_size} vs {expected} bytes)")
    return different


if __name__ == "__main__":
    if sys.argv[1:2] == ["floor"]:
        floor(sys.argv[2])
    elif sys.argv[1:2] == ["one-flyer"]:
        one_flyer(sys.argv[2], sys.argv[3])
    else:
        main()
