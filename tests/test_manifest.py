"""The manifest: checksums that match the files, merges that forget nothing, and the same bytes every time."""

from __future__ import annotations

import hashlib
import json

from generator.builders import BUILDERS
from generator.manifest import manifest_entries, merged_manifest, read_manifest, write_manifest

from .conftest import BRAND, CONTENT

FILENAMES = [builder.filename for builder in BUILDERS.values() if not builder.optional]  # built by default


def test_each_entry_describes_its_file_and_the_content_it_came_from(material, outputs):
    entries = manifest_entries(outputs, material, FILENAMES)
    assert [entry["name"] for entry in entries] == FILENAMES
    for entry in entries:
        data = (outputs / entry["name"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["content"] == {
            "file": material.source,
            "version": material.document.version,
            "sha256": hashlib.sha256(CONTENT.read_bytes()).hexdigest(),
            "brand_sha256": hashlib.sha256(BRAND.read_bytes()).hexdigest(),
            # what the catalogue says of it
            "material": "harm-reduction",
            "title": material.document.title,
            "subject": material.document.subject,
            "language": "en-US",
            "status": "approved",
        }
    by_name = {entry["name"]: entry for entry in entries}
    assert by_name["flyer.pdf"]["pages"] == 1
    assert by_name["handout.pdf"]["pages"] == 2
    assert "slides" in by_name["slides.pptx"] and "pages" not in by_name["slides.pptx"]


def test_a_partial_build_replaces_its_outputs_and_keeps_the_others(material, outputs):
    everything = merged_manifest(None, manifest_entries(outputs, material, FILENAMES), "0.1.0")
    flyer = dict(manifest_entries(outputs, material, ["flyer.pdf"])[0], sha256="0" * 64)

    merged = merged_manifest(everything, [flyer], "0.2.0")

    assert merged["generator"] == "teaching-materials"
    assert merged["generator_version"] == "0.2.0"
    assert [output["name"] for output in merged["outputs"]] == sorted(FILENAMES)
    by_name = {output["name"]: output for output in merged["outputs"]}
    assert by_name["flyer.pdf"] == flyer
    earlier = {output["name"]: output for output in everything["outputs"]}
    assert all(by_name[name] == earlier[name] for name in FILENAMES if name != "flyer.pdf")


def test_a_previous_manifest_of_the_wrong_shape_is_ignored():
    entry = {"name": "flyer.pdf", "bytes": 1}
    for previous in (None, {}, {"outputs": "none"}, {"outputs": [3, {"bytes": 2}]}):
        assert merged_manifest(previous, [entry], "0.1.0")["outputs"] == [entry]


def test_writing_twice_gives_the_same_bytes_and_reads_back(material, outputs, tmp_path):
    manifest = merged_manifest(None, manifest_entries(outputs, material, FILENAMES), "0.1.0")
    path = write_manifest(tmp_path, manifest)
    first = path.read_bytes()
    # Keys in another order must not change the bytes.
    assert write_manifest(tmp_path, dict(reversed(list(manifest.items())))).read_bytes() == first
    assert path == tmp_path / "manifest.json"
    assert first.endswith(b"}\n") and b'\n  "generator": ' in first
    assert first.decode() == json.dumps(manifest, sort_keys=True, indent=2) + "\n"
    assert read_manifest(tmp_path) == manifest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]  # no temporary file left behind


def test_a_missing_or_unreadable_manifest_reads_as_none(tmp_path):
    assert read_manifest(tmp_path) is None
    for text in ("{not json", "[1, 2]", ""):
        (tmp_path / "manifest.json").write_text(text)
        assert read_manifest(tmp_path) is None
    (tmp_path / "manifest.json").write_bytes(b"\xff\xfe{}")
    assert read_manifest(tmp_path) is None


def test_one_manifest_at_the_top_names_each_output_by_its_path_inside_the_folder(material, tmp_path):
    from generator.build import build_editions
    from generator.content import load_content

    from .conftest import CASES

    minimal = load_content(CASES / "minimal.yaml", BRAND)
    built = build_editions([(material, "harm-reduction"), (minimal, "minimal")], tmp_path, ["flyer"])
    assert built.manifests == [tmp_path / "manifest.json"]
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()) == [
        ".teaching-materials", "harm-reduction/flyer.pdf", "index.html", "manifest.json", "minimal/flyer.pdf"]
    outputs = read_manifest(tmp_path)["outputs"]
    assert [(output["name"], output["content"]["file"]) for output in outputs] == [
        ("harm-reduction/flyer.pdf", material.source), ("minimal/flyer.pdf", minimal.source)]
    for output in outputs:
        assert output["sha256"] == hashlib.sha256((tmp_path / output["name"]).read_bytes()).hexdigest()
