"""The build-speed benchmark's own pieces that can break without a run of the whole benchmark."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from .conftest import ROOT


def bench():
    """Return bench/build_speed.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("build_speed", ROOT / "bench" / "build_speed.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_speed"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_flyer_rendered_alone_is_the_site_flyer_laid_out_the_fewest_times_even_when_none_fitted_at_once(tmp_path):
    """When every sample site's details were too long for the common size, the benchmark stopped with a traceback."""
    build_speed = bench()
    capture = build_speed.Capture()
    for output, layouts in (("hr/flyer.pdf", 4), ("hr/sites/a/flyer.pdf", 8), ("hr/sites/b/flyer.pdf", 3),
                            ("hr/sites/c/flyer.pdf", 4)):
        capture.html[output] = (f"<p>{output}</p>", "p {}")
        capture.layouts_before_write[output] = layouts
    manifest, output = build_speed.write_flyer_manifest(capture, tmp_path)
    assert output == "hr/sites/b/flyer.pdf"
    written = json.loads(manifest.read_text())
    assert (tmp_path / "site-flyer.html").read_text() == "<p>hr/sites/b/flyer.pdf</p>" == Path(written["html"]).read_text()
