"""The clear communication report of `check --report`: its JSON against its documented shape, its HTML in a real
browser, and where and how it is written."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from generator.communication_report import report_data, report_html, write_reports
from generator.content import load_content
from generator.errors import BuildError
from generator.pipeline import Outcome

from .browser import axe_violations, requests_made
from .conftest import BRAND, ROOT, run_generator as run

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())
SPANISH = ROOT / "content" / "harm-reduction.es.yaml"


@pytest.fixture(scope="module")
def spanish():
    return load_content(SPANISH, BRAND)


@pytest.fixture(scope="module")
def english_report(material) -> dict:
    return report_data(material)


@pytest.fixture(scope="module")
def english_page(material, english_report, tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(report_html(material, english_report), encoding="utf-8")
    return page


def test_the_json_has_the_shape_docs_report_schema_json_documents(english_report, spanish):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for data in (english_report, report_data(spanish)):
        # As written to the file: plain JSON, with nothing the schema does not describe.
        jsonschema.validate(json.loads(json.dumps(data)), SCHEMA)


def test_the_report_of_the_shipped_material_says_what_software_decided_and_what_is_left(english_report):
    assert english_report["summary"]["text"] == (
        "Automated checks: 7 of 10 met. Clear Communication Index: software decided 4 of 20 items; 16 need a "
        "reviewer, and the final score is known once they are answered.")
    items = [item for part in english_report["cdc"]["parts"] for item in part["items"]]
    assert [item["number"] for item in items] == list(range(1, 21))
    assert {item["number"]: item["status"] for item in items if item["status"] != "review"} == {
        4: "not-met", 5: "met", 7: "not-met", 8: "met"}
    seven = items[6]
    assert seven["decided_by"] == ["abbreviations"]
    assert seven["why"].startswith("AA and NA are not spelt out where first used "
                                   "(sections[2].blocks[1].table.rows[5][1], line ")
    assert english_report["cdc"]["score"]["shown"] == "10 to 90"
    understandability, actionability = english_report["pemat"]["domains"]
    assert [item["number"] for item in understandability["items"]] == [*range(1, 13), *range(15, 20)]
    assert [item["number"] for item in actionability["items"]] == list(range(20, 27))
    assert {item["number"]: item["status"] for item in understandability["items"] if item["status"] != "review"} == {
        16: "not-applicable", 17: "not-applicable", 18: "not-applicable"}
    # The only decided actionability item is met, and the six left could all be not met.
    assert actionability["score"]["shown"] == "14.3% to 100%"


def test_the_html_report_passes_axe_core_fetches_nothing_and_has_no_script(english_page):
    assert axe_violations(english_page) == []
    assert axe_violations(english_page, dark=True) == []
    assert requests_made(english_page) == []
    html = english_page.read_text()
    assert "<script" not in html and '<html lang="en">' in html


class _Outline(HTMLParser):
    """The headings of a page, and every table header cell's scope."""

    def __init__(self):
        super().__init__()
        self.levels, self.scopes = [], []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "th":
            self.scopes.append(dict(attrs).get("scope"))


def test_the_html_report_has_its_headings_in_order_and_every_header_cell_its_scope(english_page):
    outline = _Outline()
    outline.feed(english_page.read_text())
    assert outline.levels[0] == 1 and outline.levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(outline.levels, outline.levels[1:]))
    assert outline.scopes and set(outline.scopes) == {"col", "row"}


def test_each_edition_gets_its_report_in_its_own_folder_written_whole(material, spanish, tmp_path):
    out = tmp_path / "reports"
    written = write_reports([(material, "harm-reduction"), (spanish, "harm-reduction/es")], out)
    assert [path.relative_to(out).as_posix() for path in written] == [
        "harm-reduction/report/report.json", "harm-reduction/report/report.html",
        "harm-reduction/es/report/report.json", "harm-reduction/es/report/report.html"]
    # Nothing half written is left beside them, and the folder is marked as one a build may write to.
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()) == sorted(
        [path.relative_to(out).as_posix() for path in written] + [".teaching-materials"])
    assert json.loads(written[2].read_text())["material"]["language"] == "es-US"
    assert 'lang="es-US"' in written[3].read_text()


def test_a_folder_that_holds_files_of_its_own_is_refused(material, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="it already holds files that this tool did not write"):
        write_reports([(material, "harm-reduction")], tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_check_report_writes_the_reports_after_the_check(project, monkeypatch):
    # The check itself (every output built and audited) is tested in test_cli.py; here it finds nothing.
    monkeypatch.setattr("generator.pipeline.run", lambda request, show: Outcome())
    finished = run("check", "--report", "reports", cwd=project)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.splitlines()[-3:] == ["0 errors, 0 warnings, 0 acknowledged.",
                                                 "wrote reports/harm-reduction/report/report.json",
                                                 "wrote reports/harm-reduction/report/report.html"]
    # With --format json, what it wrote is said on stderr, so that stdout is JSON alone.
    finished = run("check", "--format", "json", "--report", cwd=project)
    assert json.loads(finished.stdout)["summary"]["errors"] == 0
    assert finished.stderr.splitlines() == ["wrote output/harm-reduction/report/report.json",
                                            "wrote output/harm-reduction/report/report.html"]


def test_check_report_refuses_an_unsafe_folder_before_checking_and_a_material_taken_for_a_folder(project):
    finished = run("check", "--report", "content", cwd=project)
    assert finished.returncode == 1
    assert finished.stderr == ("error: content: will not write the outputs into this folder, since it is the content "
                               "folder or inside it, where the sources are; choose another with --report, such as "
                               "output\n")
    finished = run("check", "--report", "harm-reduction", cwd=project)
    assert finished.returncode == 2
    assert finished.stderr.splitlines()[-1] == (
        "python -m generator: error: --report harm-reduction would write the report into a folder harm-reduction/; "
        "to report on the material harm-reduction, name it first: check harm-reduction --report")
    assert not (project / "harm-reduction").exists()
