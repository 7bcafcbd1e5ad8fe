"""Time and size of each output, as ratios against a one-paragraph page rendered in the same run.

Run: .venv/bin/python bench/build_speed.py [ROUNDS]
The baseline is the smallest thing the PDF builders do (one paragraph in the brand's
font, tagged, written to PDF), so the ratios say how much each output costs beyond
the renderer's fixed price, on whatever machine runs this.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from generator.builders import BUILDERS
from generator.builders.base import render_pdf_document
from generator.content import load_content


def best_of(rounds: int, action) -> float:
    """Return the median wall time of `action` over `rounds` runs, in seconds."""
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main(rounds: int = 5) -> None:
    material = load_content()
    folder = Path(tempfile.mkdtemp())
    baseline_pdf = folder / "baseline.pdf"
    html = (f'<html lang="en"><head><title>Baseline</title></head>'
            f'<body><p>{material.is_not.statements[0].body}</p></body></html>')

    def baseline():
        render_pdf_document(html, material).write_pdf(baseline_pdf, pdf_variant="pdf/ua-1")

    base_time = best_of(rounds, baseline)
    base_size = baseline_pdf.stat().st_size
    print(f"baseline: one paragraph, {base_time * 1000:.0f} ms, {base_size / 1024:.1f} KiB")
    print(f"{'output':<10}{'time ratio':>12}{'size ratio':>12}")
    for builder in BUILDERS.values():
        target = folder / builder.filename
        elapsed = best_of(rounds, lambda: builder.build(material, target))
        print(f"{builder.name:<10}{elapsed / base_time:>11.1f}x{target.stat().st_size / base_size:>11.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
