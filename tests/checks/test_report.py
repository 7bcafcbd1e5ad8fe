"""The report: acknowledgements, errors before warnings, strictness, JSON."""

from __future__ import annotations

import dataclasses
import json

from generator.checks import Report, acknowledge, check_content
from generator.checks.findings import ERROR, WARNING, Finding
from generator.model import Acknowledgement


def finding(rule="stigma", severity=WARNING, field="sections[2].blocks[1].table.rows[6][0]", term="Relapse", line=113):
    return Finding(rule, severity, "content.yaml", line, field, f"'{term}' can stigmatise", "say 'x'", term)


def with_acknowledgements(material, *acknowledgements):
    return dataclasses.replace(material, acknowledgements=tuple(acknowledgements))


def test_an_acknowledged_finding_is_set_aside_with_its_reason(material):
    ack = Acknowledgement(rule="stigma", field="sections[2].blocks[1].table.rows[6][0]", reason="Their own word.", term="relapse")
    kept, acknowledged, unused = acknowledge(with_acknowledgements(material, ack), [finding()])
    assert kept == [] and unused == []
    assert acknowledged == [(finding(), "Their own word.")]


def test_an_acknowledgement_must_match_rule_field_and_term(material):
    elsewhere = Acknowledgement(rule="stigma", field="sections[2].blocks[1].table.rows[5][0]", reason="r", term="relapse")
    kept, acknowledged, unused = acknowledge(with_acknowledgements(material, elsewhere), [finding()])
    assert kept == [finding()] and acknowledged == []
    assert [str(f) for f in unused] == [
        f"{material.source}:{material.line_of('acknowledgements[0]')}: acknowledgement: acknowledgements[0]: acknowledges a stigma finding for "
        "'relapse' in sections[2].blocks[1].table.rows[5][0], but there is no such finding -> remove this acknowledgement, "
        "or correct its rule, field or term"
    ]
    assert unused[0].severity == ERROR


def test_an_unused_acknowledgement_in_the_content_file_is_an_error_with_its_line(material, tmp_path):
    from generator.content import load_content

    from ..conftest import BRAND, CONTENT

    text = CONTENT.read_text().replace("    term: Relapse\n", "    term: Setback\n")
    path = tmp_path / "content.yaml"
    path.write_text(text)
    report = check_content(load_content(path, BRAND))
    line = text.splitlines().index("  - rule: stigma") + 1
    assert [(f.rule, f.line, f.field) for f in report.errors] == [("acknowledgement", line, "acknowledgements[0]")]
    assert [(f.rule, f.term) for f in report.warnings] == [("stigma", "Relapse")]


def test_errors_come_before_warnings_and_strict_fails_on_warnings():
    report = Report()
    report.add([finding(severity=WARNING), finding(rule="doubled-word", severity=ERROR, term="the the")])
    text = report.as_text().splitlines()
    assert text[0] == "Errors (1):"
    assert text[1].startswith("  content.yaml:113: doubled-word: ")
    assert text[2] == "Warnings (1):"
    assert text[-1] == "1 error, 1 warning, 0 acknowledged."
    assert report.fails() and report.fails(strict=True)
    only_warnings = Report()
    only_warnings.add([finding()])
    assert not only_warnings.fails() and only_warnings.fails(strict=True)


def test_json_holds_every_finding_as_data():
    report = Report()
    report.add([finding()])
    data = json.loads(report.as_json())
    assert data["summary"] == {"errors": 0, "warnings": 1, "acknowledged": 0}
    assert data["warnings"][0]["term"] == "Relapse" and data["warnings"][0]["line"] == 113


def test_a_draft_is_a_warning_and_approval_needs_an_approver(material):
    from generator.checks import document_control_findings

    assert document_control_findings(material) == []
    line = material.line_of("document.status")
    draft = dataclasses.replace(material, document=dataclasses.replace(material.document, status="draft"))
    assert [str(f) for f in document_control_findings(draft)] == [
        f"{material.source}:{line}: draft: document.status: this version is a draft, so every page and slide is "
        "marked DRAFT -> once a reviewer approves it, set `status: approved` and `approved_by:` their name and role"
    ]
    nobody = dataclasses.replace(material, document=dataclasses.replace(material.document, approved_by=""))
    assert [(f.rule, f.severity, f.line) for f in document_control_findings(nobody)] == [("approval", ERROR, line)]
