"""Build outputs into a temporary folder and move them into place only when all succeeded."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .builders import BUILDERS
from .errors import BuildError, UserError
from .model import Material


def choose_builders(names: Iterable[str] | None):
    """Return the builders called `names` (all of them when None), in a stable order."""
    if not names:
        return list(BUILDERS.values())
    unknown = [name for name in names if name not in BUILDERS]
    if unknown:
        raise UserError(f"unknown output '{unknown[0]}'; choose from: {', '.join(BUILDERS)}")
    return [BUILDERS[name] for name in BUILDERS if name in names]


def build(material: Material, out_dir: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Write the chosen outputs of `material` into `out_dir` and return their paths.

    Every output is first written to a temporary folder beside the others; the
    files replace the previous outputs only after all of them were written, so a
    failure leaves `out_dir` exactly as it was.
    """
    builders = choose_builders(names)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=out_dir))
    except OSError as error:
        raise BuildError(f"{out_dir}: cannot write outputs here: {error.strerror}") from None
    try:
        for builder in builders:
            builder.build(material, staging / builder.filename)
        for builder in builders:
            os.replace(staging / builder.filename, out_dir / builder.filename)
    except OSError as error:
        raise BuildError(f"{out_dir}: could not write the outputs: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / builder.filename for builder in builders]
