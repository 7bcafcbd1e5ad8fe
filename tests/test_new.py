"""`new` and `schema`: a new material starts from a skeleton that builds, and editors can check it as it is typed."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content import SHARED_FILES, load_content
from generator.model import KINDS
from generator.schema import material_schema, schema_text
from generator.skeleton import new_material

from .conftest import BRAND, CASES, ROOT, run_generator as run

SCHEMA = ROOT / "docs" / "material.schema.json"
OUTPUTS = ["flyer.pdf", "handout.pdf", "slides.pptx", "slides-handout.pdf", "facilitator-guide.pdf", "index.html"]


def files_in(folder: Path) -> dict[str, bytes]:
    """Return every file in `folder` with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


# new


def test_new_writes_the_skeleton_and_says_what_to_do_next(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["new", "meeting-room"]) == 0
    assert capsys.readouterr().out == (
        "wrote content/meeting-room.yaml\n"
        "Replace its words with yours, then build it with `python -m generator build meeting-room`; "
        "the outputs go to output/meeting-room/.\n")
    material = load_content(project / "content" / "meeting-room.yaml", project / "content" / "brand.yaml")
    assert material.document.title == "Meeting room"
    assert material.document.date == datetime.date.today()
    assert material.document.draft


def test_the_skeleton_builds_as_it_stands_with_no_warning_but_that_it_is_a_draft_and_passes_verify(project):
    assert run("new", "meeting-room", cwd=project).returncode == 0

    built = run("build", "meeting-room", cwd=project)
    assert built.returncode == 0, built.stderr
    assert [line for line in built.stdout.splitlines() if line.startswith("wrote ")] == (
        [f"wrote output/meeting-room/{name}" for name in OUTPUTS]
        + ["wrote output/manifest.json", "wrote output/index.html"])
    assert "Traceback" not in built.stderr
    # The checks of the content, which the build runs first as `check` does: the draft is all they find.
    status = (project / "content" / "meeting-room.yaml").read_text().splitlines().index("  status: draft") + 1
    assert [line for line in (built.stdout + built.stderr).splitlines() if line.startswith("  ")] == [
        f"  content/meeting-room.yaml:{status}: draft: document.status: this version is a draft, so every page "
        "and slide is marked DRAFT -> once a reviewer approves it, set `status: approved` and `approved_by:` their name "
        "and role"]

    verified = run("verify", "--material", "meeting-room", cwd=project)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    lines = verified.stdout.splitlines()
    assert lines[0] == "output/meeting-room/ (en-US):"
    assert [line.split()[0] for line in lines[2:-1]] == OUTPUTS
    assert all(line.endswith(" ok") for line in lines[2:-1])
    assert lines[-1] == "All 6 outputs verified."


def test_the_skeleton_uses_every_kind_of_block(tmp_path):
    material = load_content(new_material("meeting-room", tmp_path), BRAND)
    used = {block.kind for _, block, _ in material.blocks()}
    assert sorted(used) == sorted(KINDS)


@pytest.mark.parametrize("folder", ["content", "materials/2027"])
def test_the_skeletons_first_line_points_editors_at_the_schema(project, monkeypatch, folder):
    monkeypatch.chdir(project)
    assert main(["new", "meeting-room", "--folder", folder]) == 0
    first = (project / folder / "meeting-room.yaml").read_text(encoding="utf-8").splitlines()[0]
    pointed = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert pointed, first
    # A relative path is read from the folder of the YAML file.
    assert (project / folder / pointed[1]).resolve() == SCHEMA


def test_new_refuses_a_name_that_exists_and_leaves_the_file_alone(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["new", "meeting-room"]) == 0
    mine = project / "content" / "meeting-room.yaml"
    mine.write_text("# my own words\n", encoding="utf-8")
    capsys.readouterr()

    assert main(["new", "meeting-room"]) == 1
    assert capsys.readouterr().err == ("error: content/meeting-room.yaml already exists; choose another name, "
                                       "or delete that file first\n")
    assert mine.read_text(encoding="utf-8") == "# my own words\n"

    assert main(["new", "harm-reduction"]) == 1
    assert capsys.readouterr().err == ("error: content/harm-reduction.yaml already exists; choose another name, "
                                       "or delete that file first\n")


@pytest.mark.parametrize("name", ["Meeting-Room", "meeting_room", "meeting room", "-meeting", "meeting-",
                                  "meeting--room", "harm-reduction.es", "../meeting-room", "", "a" * 61])
def test_new_refuses_a_name_that_cannot_name_a_material(name, project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    before = files_in(project / "content")
    assert main(["new", "--", name]) == 1  # "--": a name may start with a hyphen
    assert capsys.readouterr().err == (f"error: '{name}' cannot name a material; use lower-case letters, digits "
                                       "and hyphens, e.g. naloxone-basics\n")
    assert files_in(project / "content") == before


@pytest.mark.parametrize(("name", "message"), [
    ("brand", "'brand' is the name of a shared file of the content folder; choose another name"),
    ("stigma-glossary", "'stigma-glossary' is the name of a shared file of the content folder; choose another name"),
    ("sites", "'sites' would be read as a sites file, as every file whose name starts with 'sites' is; "
              "choose another name"),
    ("sites-east", "'sites-east' would be read as a sites file, as every file whose name starts with 'sites' is; "
                   "choose another name"),
])
def test_new_refuses_the_name_of_a_file_that_is_not_a_material(name, message, project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    before = files_in(project / "content")
    assert main(["new", name]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert files_in(project / "content") == before


# schema


def test_the_committed_schema_is_the_one_the_model_makes():
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "docs/material.schema.json is out of date with generator/model.py; "
        "run `python -m generator schema > docs/material.schema.json`")


def test_schema_prints_the_json_schema(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    schema = json.loads(printed)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["required"] == ["document", "sections"]


class Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it (1.2): a date such as 2026-11-27 stays a string."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The keywords of JSON Schema that schema_problems understands; the schema must use no others.
KEYWORDS = {"$schema", "title", "description", "type", "enum", "properties", "required", "additionalProperties",
            "minProperties", "maxProperties", "oneOf", "items", "minItems", "minLength", "pattern"}
TYPES = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool}


def keywords_of(schema) -> set[str]:
    """Return every keyword used anywhere in `schema` (property names left out)."""
    if isinstance(schema, list):
        return {keyword for item in schema for keyword in keywords_of(item)}
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for keyword, value in schema.items():
        if keyword == "properties":
            found |= {inner for item in value.values() for inner in keywords_of(item)}
        elif keyword in ("items", "additionalProperties", "oneOf"):
            found |= keywords_of(value)
    return found


def schema_problems(value, schema: dict, where: str = "") -> list[str]:
    """Return what in `value` the JSON Schema `schema` refuses, each named by where it is, e.g. 'sections[0]'."""
    kind = schema.get("type")
    if kind and (not isinstance(value, TYPES[kind]) or (kind == "integer" and isinstance(value, bool))):
        return [f"{where or 'the file'}: is not of type {kind}"]
    problems = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        problems += [f"{where}: lacks '{key}'" for key in schema.get("required", []) if key not in value]
        properties, others = schema.get("properties", {}), schema.get("additionalProperties", True)
        for key, item in value.items():
            inner = f"{where}.{key}" if where else key
            if key in properties:
                problems += schema_problems(item, properties[key], inner)
            elif others is False:
                problems.append(f"{inner}: is not allowed")
            elif isinstance(others, dict):
                problems += schema_problems(item, others, inner)
        if not schema.get("minProperties", 0) <= len(value) <= schema.get("maxProperties", len(value)):
            problems.append(f"{where}: has {len(value)} keys")
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not schema_problems(value, option, where)]
        if len(matching) != 1:
            problems.append(f"{where}: matches {len(matching)} of its {len(schema['oneOf'])} choices")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{where}: has fewer than {schema['minItems']} items")
        problems += [problem for number, item in enumerate(value)
                     for problem in schema_problems(item, schema.get("items", {}), f"{where}[{number}]")]
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            problems.append(f"{where}: is empty")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{where}: {value!r} does not match {schema['pattern']}")
    return problems


def read_as_editors_do(path: Path):
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=Yaml12Loader)


def test_the_schema_uses_only_keywords_this_test_checks():
    assert keywords_of(material_schema()) <= KEYWORDS


def shipped_materials() -> list[Path]:
    """Return every material and translation in content/, and the smallest test case."""
    shipped = [path for path in sorted((ROOT / "content").glob("*.yaml"))
               if path.name not in SHARED_FILES and not path.name.startswith("sites")]
    return [*shipped, CASES / "minimal.yaml"]


@pytest.mark.parametrize("path", shipped_materials(), ids=lambda path: path.name)
def test_the_shipped_content_is_valid_by_the_schema(path):
    assert schema_problems(read_as_editors_do(path), material_schema()) == []


def test_the_skeleton_is_valid_by_the_schema(tmp_path):
    skeleton = read_as_editors_do(new_material("meeting-room", tmp_path))
    assert schema_problems(skeleton, material_schema()) == []


def test_the_schema_refuses_what_the_loader_refuses(tmp_path):
    """The check above can fail: mistakes an editor should underline are refused by the schema too."""
    skeleton = read_as_editors_do(new_material("meeting-room", tmp_path))
    skeleton["document"]["titel"] = skeleton["document"].pop("title")
    skeleton["document"]["status"] = "finished"
    skeleton["document"]["date"] = "27 November 2026"
    first = skeleton["sections"][0]
    first["blocks"][1]["callout"] = "A text block with a callout in it too."
    first["blocks"].append({})
    skeleton["sections"][1]["flyer"] = "some"
    skeleton["sections"][2]["blocks"][0]["table"]["rows"] = []
    skeleton["facilitation"]["minutes"] = {"opening": "two"}
    assert sorted(schema_problems(skeleton, material_schema())) == sorted([
        "document: lacks 'title'",
        "document.date: '27 November 2026' does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "document.status: 'finished' is not one of ['draft', 'approved']",
        "document.titel: is not allowed",
        "sections[0].blocks[1]: has 2 keys",
        "sections[0].blocks[1]: matches 2 of its 7 choices",
        "sections[0].blocks[3]: has 0 keys",
        "sections[0].blocks[3]: matches 0 of its 7 choices",
        "sections[1].flyer: 'some' is not one of ['full', 'headlines', 'heading', 'no']",
        "sections[2].blocks[0].table.rows: has fewer than 1 items",
        "facilitation.minutes.opening: is not of type integer",
    ])


def test_the_skeletons_handout_fits_one_page_so_no_page_holds_only_the_credits(tmp_path):
    from pypdf import PdfReader

    from generator.builders import BUILDERS

    material = load_content(new_material("meeting-room", tmp_path), BRAND)
    BUILDERS["handout"].build(material, tmp_path / "handout.pdf")
    assert len(PdfReader(tmp_path / "handout.pdf").pages) == 1
