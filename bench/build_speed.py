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
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_COUNTS = (1, 10, 100)
WORKERS = (1, 2)
ONE_FLYER_ROUNDS = 20
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

def run(*arguments: str) -> tuple[float, str]:
    """Run `python ARGUMENTS` from the project folder; return its wall time and what it printed."""
    started = time.perf_counter()
    finished = subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if finished.returncode != 0:
        raise SystemExit(f"`python {' '.join(arguments)}` failed:\n{finished.stdout}{finished.stderr}")
    return elapsed, finished.stdout


def best_of(rounds: int, *arguments: str) -> tuple[float, str]:
    """Return the shortest wall time of `rounds` runs of `python ARGUMENTS`, and what the last run printed."""
    timings, printed = [], ""
    for _ in range(rounds):
        elapsed, printed = run(*arguments)
        timings.append(elapsed)
    return min(timings), printed


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
            "hours": example["hours"],
            "services": example["services"],
            "web": f"https://example.org/sites/site-{number:03d}",
        })
    path.write_text("# Invented sites for bench/build_speed.py.\n"
                    + yaml.safe_dump({"example": True, "sites": sites}, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


class Capture:
    """One build run in-process, recording each PDF's final HTML and where the build's time went."""

    def __init__(self):
        self.html: dict[str, tuple[str, str]] = {}  # output -> (final HTML, brand stylesheet)
        self.renders: dict[str, int] = defaultdict(int)  # output -> how many layouts it took
        self.seconds: dict[str, float] = defaultdict(float)  # step -> seconds
        self._renders_since_write = 0

    def build(self, out_dir: Path, sites: Path) -> float:
        """Build every output and the flyers of `sites` into `out_dir` on one worker; return the seconds it took."""
        from contextlib import ExitStack
        from unittest import mock

        from generator import build as build_module
        from generator import verify
        from generator.builders import BUILDERS, base
        from generator.builders.site_flyer import SiteFlyerBuilder
        from generator.cli import refuse_on_errors
        from generator.content import DEFAULT_BRAND, DEFAULT_CONTENT

        render, write = base.render_pdf_document, base.PdfBuilder.write

        def recording_render(html, material):
            document = render(html, material)
            document.bench_html = (html, base.brand_stylesheet(material))
            self._renders_since_write += 1
            return document

        def recording_write(builder, document, target):
            write(builder, document, target)
            output = staged_output(Path(target))
            self.html[output] = document.bench_html
            self.renders[output] = self._renders_since_write
            self._renders_since_write = 0

        with ExitStack() as patches:
            patches.enter_context(mock.patch.object(base, "render_pdf_document", recording_render))
            patches.enter_context(mock.patch.object(base.PdfBuilder, "write", recording_write))
            for builder in BUILDERS.values():
                patches.enter_context(mock.patch.object(builder, "build", self._timed_build(builder.build)))
            patches.enter_context(mock.patch.object(
                SiteFlyerBuilder, "build_site", self._timed("site flyers: lay out and write", SiteFlyerBuilder.build_site)))
            patches.enter_context(mock.patch.object(
                verify, "verify_site_flyer", self._timed("site flyers: verify", verify.verify_site_flyer)))
            patches.enter_context(mock.patch.object(
                build_module, "_passed_checks", self._timed("main outputs: audit and verify", build_module._passed_checks)))
            patches.enter_context(mock.patch.object(
                build_module, "_load_stale", self._timed("load content and check it", build_module._load_stale)))
            request = build_module.Request(DEFAULT_CONTENT, DEFAULT_BRAND, out_dir, sites=sites, force=True, workers=1)
            started = time.perf_counter()
            build_module.build_changed(request, refuse_on_errors)
            return time.perf_counter() - started

    def _timed(self, step: str, action):
        def timed(*arguments, **keywords):
            started = time.perf_counter()
            try:
                return action(*arguments, **keywords)
            finally:
                self.seconds[step] += time.perf_counter() - started
        return timed

    def _timed_build(self, build):
        def timed(material, target):
            started = time.perf_counter()
            try:
                return build(material, target)
            finally:
                self.seconds[staged_output(Path(target))] += time.perf_counter() - started
        return timed


def staged_output(target: Path) -> str:
    """Return the output a path in a build's staging folder stands for, e.g. 'es/flyer.pdf'."""
    parts = target.parts
    staging = max(index for index, part in enumerate(parts) if part.startswith(".building-"))
    return "/".join(parts[staging + 1:])


def write_floor_manifest(capture: Capture, built: Path, folder: Path) -> Path:
    """Write each main PDF's captured HTML and stylesheet to `folder`, and a manifest naming them and the decks."""
    from generator.templating import TEMPLATES

    documents = []
    for output, (html, css) in capture.html.items():
        if output.startswith("sites/"):
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
    """Write the HTML of a site flyer laid out once, at the body size its batch fitted; return the manifest."""
    from generator.templating import TEMPLATES

    output = next(output for output in sorted(capture.html)
                  if output.startswith("sites/") and capture.renders[output] == 1)
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

    # The HTML each PDF is finally rendered from, and where one build's time goes.
    sample_sites = work / "sites-sample.yaml"
    write_sites(sample_sites, 3)
    capture = Capture()
    in_process = capture.build(work / "captured", sample_sites)

    # 1. The full build.
    full_dir = work / "full"
    full, printed = best_of(3, "-m", "generator", "build", "--force", "--out", str(full_dir))
    main_outputs = int(SUMMARY.search(printed)[1])

    # 2. The floor: the same PDFs rendered once each from their final HTML, the same decks saved.
    (work / "floor").mkdir()
    manifest = write_floor_manifest(capture, full_dir, work / "floor")
    floor_times = []
    for _ in range(3):
        elapsed, printed = run(str(Path(__file__).resolve()), "floor", str(manifest))
        floor_times.append((elapsed, json.loads(printed)))
    floor_wall, floor_parts = min(floor_times, key=lambda timing: timing[0])

    # 3. The build with nothing to do.
    noop, printed = best_of(5, "-m", "generator", "build", "--out", str(full_dir))
    noop_valid = "Nothing to rebuild" in printed

    # 4. Site flyers, each batch in a copy of the full build so only the flyers are stale.
    batches, invalid = {}, []
    for count in SITE_COUNTS:
        sites = work / f"sites-{count}.yaml"
        write_sites(sites, count)
        for workers in WORKERS:
            out = work / f"sites-{count}-{workers}"
            shutil.copytree(full_dir, out)
            elapsed, printed = run("-m", "generator", "build", "--sites", str(sites), "--out", str(out),
                                   "--jobs", str(workers))
            built, skipped, failed = (int(number) for number in SUMMARY.search(printed).groups())
            if (built, skipped, failed) != (count, main_outputs, 0):
                invalid.append(f"{count} sites on {workers}: built {built}, skipped {skipped}, failed {failed}")
            batches[count, workers] = elapsed
            shutil.rmtree(out)

    # 5. One site flyer in WeasyPrint alone.
    flyer_manifest, flyer_output = write_flyer_manifest(capture, work)
    _, printed = run(str(Path(__file__).resolve()), "one-flyer", str(flyer_manifest), str(ONE_FLYER_ROUNDS))
    one = json.loads(printed)["mean"]

    largest, next_largest = SITE_COUNTS[-1], SITE_COUNTS[-2]
    marginal = (batches[largest, 1] - batches[next_largest, 1]) / (largest - next_largest)
    speedup = batches[largest, 1] / batches[largest, 2]
    ratio = full / floor_wall

    print(f"{'measure':<58}{'value':>10}  {'target':<10}")
    rows = [
        (f"1. full build, --force ({main_outputs} outputs, best of 3)", f"{full:.2f} s", "", None),
        ("2. floor: same PDFs from final HTML + decks (best of 3)", f"{floor_wall:.2f} s", "", None),
        ("   full / floor", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
        ("3. no-op rebuild (best of 5)" + ("" if noop_valid else " [INVALID: it rebuilt]"),
         f"{noop:.2f} s", "< 0.5 s", noop < 0.5 and noop_valid),
        (f"4. {largest} site flyers, 2 workers vs 1: speed-up", f"{speedup:.2f}x", ">= 1.7x", speedup >= 1.7),
        (f"5. site flyer in WeasyPrint alone (mean of {ONE_FLYER_ROUNDS})", f"{one * 1000:.0f} ms", "", None),
        (f"   batch per flyer, 1 worker: (t{largest} - t{next_largest}) / {largest - next_largest}",
         f"{marginal * 1000:.0f} ms", "", None),
        ("   batch per flyer / WeasyPrint alone", f"{marginal / one:.2f}x", "<= 1.3x", marginal / one <= 1.3),
    ]
    for name, value, target, passed in rows:
        print(f"{name:<58}{value:>10}  {target:<10}{'' if passed is None else verdict(passed)}")

    print("\nSite flyers (English-only invented sites, so one flyer each; the Spanish edition gets none):")
    print(f"{'sites':>6}" + "".join(f"{f'{workers} worker' + 's' * (workers > 1):>14}{'per flyer':>11}"
                                    for workers in WORKERS) + f"{'speed-up':>10}")
    for count in SITE_COUNTS:
        cells = "".join(f"{batches[count, workers]:>12.2f} s{batches[count, workers] / count * 1000:>8.0f} ms"
                        for workers in WORKERS)
        print(f"{count:>6}{cells}{batches[count, 1] / batches[count, 2]:>9.2f}x")
    for problem in invalid:
        print(f"  INVALID: {problem} (expected every site built and the main outputs skipped)")

    print(f"\nWhere one build's time goes (in-process, cold, {in_process:.2f} s for the {main_outputs} outputs "
          f"+ 3 site flyers on 1 worker):")
    print(f"{'step':<34}{'in build':>10}{'layouts':>9}{'floor':>10}")
    print(f"{'start-up and imports (floor)':<34}{'':>10}{'':>9}{floor_parts['imports']:>9.2f}s")
    for step, seconds in capture.seconds.items():
        layouts = capture.renders.get(step)
        floor_seconds = floor_parts.get(step)
        print(f"{step:<34}{seconds:>9.2f}s{layouts or '':>9}"
              f"{'' if floor_seconds is None else f'{floor_seconds:>9.2f}s':>10}")
    site_flyers = [output for output in capture.renders if output.startswith("sites/")]
    print(f"{'(site flyer layouts each)':<34}{'':>10}{'/'.join(str(capture.renders[o]) for o in site_flyers):>9}")
    print(f"(step 5 renders {flyer_output}, laid out once at the body size its batch fitted)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["floor"]:
        floor(sys.argv[2])
    elif sys.argv[1:2] == ["one-flyer"]:
        one_flyer(sys.argv[2], sys.argv[3])
    else:
        main()
