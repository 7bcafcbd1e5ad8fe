"""Start a new material from the commented skeleton, which uses every kind of block and builds as it stands."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from .content import PROJECT, SHARED_FILES
from .errors import UserError
from .schema import SCHEMA_FILE
from .templating import TEMPLATES

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def new_material(name: str, folder: Path, today: datetime.date | None = None) -> Path:
    """Write folder/NAME.yaml from the skeleton and return its path; refuse a bad name or an existing file."""
    import jinja2

    if not _NAME.fullmatch(name) or len(name) > 60:
        raise UserError(f"'{name}' cannot name a material; use lower-case letters, digits and hyphens, "
                        "e.g. naloxone-basics")
    path = Path(folder) / f"{name}.yaml"
    if path.name in SHARED_FILES:
        raise UserError(f"'{name}' is the name of a shared file of the content folder; choose another name")
    if name.startswith("sites"):
        raise UserError(f"'{name}' would be read as a sites file, as every file whose name starts with 'sites' "
                        "is; choose another name")
    if path.exists():
        raise UserError(f"{path} already exists; choose another name, or delete that file first")
    schema = os.path.relpath(PROJECT / SCHEMA_FILE, Path(folder).resolve())
    title = name.replace("-", " ").capitalize()
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    text = environment.from_string((TEMPLATES / "skeleton.yaml").read_text(encoding="utf-8")).render(
        name=name, title=title, date=(today or datetime.date.today()).isoformat(), schema=schema)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
            file.write(text)
    except OSError as error:
        raise UserError(f"{path}: cannot be written: {error.strerror}") from None
    return path
