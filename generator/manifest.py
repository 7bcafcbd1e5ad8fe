"""The manifest: which outputs a folder holds, their checksums, and the content they were built from."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .model import Material

MANIFEST = "manifest.json"
GENERATOR = "teaching-materials"


def sha256_of(path: Path) -> str:
    """Return the SHA-256 of the file at `path`, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_of(path: Path) -> tuple[str, int]:
    """Return what the output at `path` is counted in ('pages' or 'slides') and how many it has: a web page is one."""
    if path.suffix == ".html":
        return "pages", 1
    if path.suffix == ".pptx":
        from pptx import Presentation

        return "slides", len(Presentation(path).slides)
    from pypdf import PdfReader

    return "pages", len(PdfReader(path).pages)


def content_of(material: Material) -> dict:
    """Return which content and brand files, in which version, the outputs were built from, and what the catalogue
    says of the material: its title, subject, language and status."""
    document = material.document
    return {
        "file": material.source,
        "version": document.version,
        "sha256": sha256_of(Path(material.source)),
        "brand_sha256": sha256_of(Path(material.brand.source)),
        "material": material.name,
        "title": document.title,
        "subject": document.subject,
        "language": document.language,
        "status": document.status,
    }


def build_time() -> str:
    """Return when a build puts its outputs in place, in UTC, as the manifest records it: now, or the time
    SOURCE_DATE_EPOCH gives, so that a build can be repeated to the byte (https://reproducible-builds.org)."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isdigit()
              else datetime.datetime.now(datetime.timezone.utc))
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def manifest_entries(folder: Path, material: Material, filenames: list[str],
                     counted: dict[str, tuple[str, int]] | None = None, built: str = "") -> list[dict]:
    """Return the manifest entry of each named output in `folder`: its size, checksum, length, source, and when
    it was `built` (see build_time).

    `counted` gives the length (unit, count) of outputs whose pages or slides were counted already.
    """
    content = content_of(material)
    built = built or build_time()
    entries = []
    for name in filenames:
        path = Path(folder) / name
        unit, count = (counted or {}).get(name) or count_of(path)
        entries.append({"name": name, "bytes": path.stat().st_size, "sha256": sha256_of(path), unit: count,
                        "content": dict(content), "built": built})
    return entries


def merged_manifest(previous: dict | None, entries: list[dict], project_version: str) -> dict:
    """Return the manifest with `entries` replacing the outputs of the same name and every other output kept.

    A build of only some outputs leaves the others in the folder, so the manifest
    must still list them.
    """
    replaced = {entry["name"] for entry in entries}
    earlier = previous.get("outputs") if isinstance(previous, dict) else None
    kept = [output for output in (earlier if isinstance(earlier, list) else [])
            if isinstance(output, dict) and isinstance(output.get("name"), str) and output["name"] not in replaced]
    return {
        "generator": GENERATOR,
        "generator_version": project_version,
        "outputs": sorted(kept + list(entries), key=lambda output: output["name"]),
    }


def read_manifest(folder: Path) -> dict | None:
    """Return the manifest in `folder`, or None if there is none or it cannot be read."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def write_manifest(folder: Path, manifest: dict) -> Path:
    """Write `manifest` to folder/manifest.json, the same manifest always as the same bytes, and return its path."""
    target = Path(folder) / MANIFEST
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    # Written beside the target and renamed over it, so a reader never finds half a manifest.
    handle, temporary = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=target.parent)
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes it private; the outputs beside it are readable by all
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


# Reading it back, to verify the outputs against it

MANIFEST_LIMIT = 10_000_000  # bytes; a manifest lists a few hundred outputs in a few hundred KB


def load_manifest(folder: Path) -> dict[str, dict]:
    """Return the outputs the manifest in `folder` lists, by name; raise UserError if it is missing or unreadable."""
    from .errors import UserError

    path = Path(folder) / MANIFEST
    again = "build the outputs again with `python -m generator build` to write it"
    if not path.is_file():
        raise UserError(f"{path} is missing, so nothing records which outputs were built into {folder}; {again}")
    outputs, reason = listed_outputs(path)
    if reason:
        raise UserError(f"{path} cannot be read: {reason}; {again} anew")
    return {entry["name"]: entry for entry in outputs}


def listed_outputs(path: Path) -> tuple[list[dict], str]:
    """Return the outputs the manifest at `path` lists, and '' or what is wrong with it."""
    size = path.stat().st_size
    if size > MANIFEST_LIMIT:
        return [], f"it is {size:,} bytes, far more than a manifest holds"
    try:
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        return [], "it is not UTF-8 text"
    except ValueError as error:
        return [], f"it is not JSON ({error})"
    outputs = manifest.get("outputs") if isinstance(manifest, dict) else None
    if not isinstance(outputs, list):
        return [], "it has no list of 'outputs'"
    for number, entry in enumerate(outputs, start=1):
        if not is_entry(entry):
            return [], f"output {number} of its list lacks a name, bytes, sha256 or the content it was built from"
    return outputs, ""


def is_entry(entry) -> bool:
    """Return whether `entry` has what verify needs: a name, a size, a checksum and the content's checksum."""
    return (isinstance(entry, dict) and isinstance(entry.get("name"), str)
            and isinstance(entry.get("bytes"), int) and isinstance(entry.get("sha256"), str)
            and isinstance(entry.get("content"), dict) and isinstance(entry["content"].get("sha256"), str))
