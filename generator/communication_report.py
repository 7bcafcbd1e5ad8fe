"""The clear communication report of `check --report`: per material and language, report.json and report.html,
with what software decided of the CDC Clear Communication Index and the PEMAT-P, and the checklist for a reviewer.

The JSON is the report; the HTML shows the same data. Its shape is documented in docs/report.schema.json.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
import os
import tempfile
from pathlib import Path

from . import __version__
from .checks.clear_communication import CDC, MET, NEEDS_PERSON, NOT_MET, PEMAT, CheckResult, check_material
from .communication_index import (ACTIONABILITY, CDC_ITEMS, CDC_PARTS, PASS_MARKS, PEMAT_ITEMS, SOURCES,
                                  UNDERSTANDABILITY, Answer, Score, answer, number, score)
from .errors import BuildError
from .model import Material

FORMAT = "clear-communication-report/1"
# Inside each edition's folder: DIR/harm-reduction/report/, DIR/harm-reduction/es/report/.
REPORT_FOLDER = "report"
JSON_FILE, HTML_FILE = "report.json", "report.html"
TEMPLATE, STYLESHEET = "report.html", "report.css"

# The Index's four questions to answer before scoring (from its score sheet).
BEFORE_SCORING = (
    "Who is your primary audience?",
    "What do you know about the health literacy skills of your audience?",
    "What is your primary communication objective?",
    "What is the main message of the material?",
)


def report_data(material: Material) -> dict:
    """Return the report of one edition of a material, as the JSON holds it."""
    results = check_material(material)
    cdc = answer(CDC_ITEMS, results)
    pemat = answer(PEMAT_ITEMS, results)
    sources = {source.id: source for source in SOURCES}
    count = Counter(result.status for result in results)
    cdc_score = score(cdc, PASS_MARKS[CDC])
    domains = [(name, [item for item in pemat if item.item.group == name])
               for name in (UNDERSTANDABILITY, ACTIONABILITY)]
    return {
        "format": FORMAT,
        "generator": __version__,
        "material": {
            "name": material.name,
            "file": material.source,
            "sha256": hashlib.sha256(Path(material.source).read_bytes()).hexdigest(),
            "title": material.document.title,
            "subject": material.document.subject,
            "language": material.document.language,
            "version": material.document.version,
            "version_line": material.version_line,
            "status": material.document.status,
        },
        "summary": {
            "checks": len(results),
            "checks_met": count[MET],
            "checks_not_met": count[NOT_MET],
            "checks_for_a_person": count[NEEDS_PERSON],
            "text": summary_line(results, cdc_score),
        },
        "checks": [check_data(result) for result in results],
        "cdc": {
            "source": source_data(sources[CDC]),
            "before_scoring": list(BEFORE_SCORING),
            "parts": [{"part": part, "name": name, "applies": applies,
                       "items": [answer_data(item) for item in cdc if item.item.group == part]}
                      for part, (name, applies) in CDC_PARTS.items()],
            "score": score_data(cdc_score),
        },
        "pemat": {
            "source": source_data(sources[PEMAT]),
            "domains": [{"name": name, "items": [answer_data(item) for item in items],
                         "score": score_data(score(items, PASS_MARKS[PEMAT], "%"))} for name, items in domains],
        },
    }


def summary_line(results: list[CheckResult], cdc: Score) -> str:
    """Return the report's first line: the checks met, and what is left for a reviewer of the Index."""
    count = Counter(result.status for result in results)
    checks = f"Automated checks: {count[MET]} of {count[MET] + count[NOT_MET]} met"
    checks += f" ({count[NEEDS_PERSON]} left to a person in this language)" if count[NEEDS_PERSON] else ""
    return (f"{checks}. Clear Communication Index: software decided {cdc.decided + cdc.not_applicable} of 20 items; "
            f"{cdc.to_review} need a reviewer, and the final score is known once they are answered.")


def check_data(result: CheckResult) -> dict:
    """Return what a check found, as the JSON holds it."""
    return {"id": result.id, "name": result.name, "status": result.status, "summary": result.summary,
            "how": result.how, "evidence": [found.as_dict() for found in result.evidence],
            "decides": [{"tool": verdict.tool, "item": verdict.item, "status": verdict.status, "why": verdict.why}
                        for verdict in result.decides],
            "informs": [{"tool": tool, "item": item} for tool, item in result.informs]}


def answer_data(given: Answer) -> dict:
    """Return an item and its answer, as the JSON holds them."""
    item = given.item
    return {"number": item.number, "topic": item.topic, "question": item.question, "look_for": item.look_for,
            "not_applicable_when": item.not_applicable or None, "no_earns_the_point": item.reversed,
            "status": given.status, "why": given.why, "decided_by": list(given.decided_by),
            "evidence_from": list(given.evidence_from)}


def score_data(result: Score) -> dict:
    """Return a score so far, as the JSON holds it."""
    return {"points": result.points, "decided": result.decided, "not_applicable": result.not_applicable,
            "to_review": result.to_review, "lowest": result.lowest, "highest": result.highest, "final": result.final,
            "pass_mark": result.pass_mark, "unit": result.unit, "shown": shown_score(result),
            "verdict": result.verdict()}


def shown_score(result: Score) -> str:
    """Return the score as a table shows it: the final score, the range it can still take, or 'none'."""
    if result.highest is None:
        return "none"
    if result.final is not None:
        return f"{number(result.final)}{result.unit}"
    return f"{number(result.lowest)}{result.unit} to {number(result.highest)}{result.unit}"


def source_data(source) -> dict:
    """Return a published tool as the JSON cites it."""
    return {"name": source.name, "citation": source.citation, "url": source.url, "scoring": source.scoring}


def report_html(material: Material, data: dict) -> str:
    """Return the report's HTML page, self-contained: its style, fonts and logo inside it, and no script."""
    from .builders.web_page import embedded_fonts
    from .logo import logo_of
    from .paper import PAPERS
    from .templating import render_template

    shown = dict(report=data, brand=material.brand, logo=logo_of(material.brand),
                 checks={check["id"]: check for check in data["checks"]})
    fonts = embedded_fonts(material.brand, render_template(TEMPLATE, style="", **shown))
    style = render_template(STYLESHEET, brand=material.brand, fonts=fonts, paper=PAPERS[material.brand.paper_size])
    return render_template(TEMPLATE, style=style, **shown)


def write_reports(editions: list[tuple[Material, str]], out_dir: Path) -> list[Path]:
    """Write report.json and report.html of each (material, subfolder) into out_dir/subfolder/report/; return the
    files written.

    The folder is held as a build holds it (a folder outputs do not belong in is refused, and no build writes there
    meanwhile), and each file is written whole to a temporary name, then renamed: a reader never finds half a report.
    """
    from .build import mark_as_outputs, only_build_in

    pages = [(Path(subfolder) / REPORT_FOLDER, report_data(material), material) for material, subfolder in editions]
    written = []
    with only_build_in(out_dir):
        for folder, data, material in pages:
            target = Path(out_dir) / folder
            try:
                target.mkdir(parents=True, exist_ok=True)
                _write_whole(target / JSON_FILE, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
                _write_whole(target / HTML_FILE, report_html(material, data))
            except OSError as error:
                raise BuildError(f"{target}: cannot write the report here: {error.strerror}; choose another folder "
                                 "with `check --report DIR`") from None
            written += [target / JSON_FILE, target / HTML_FILE]
        mark_as_outputs(Path(out_dir))
    return written


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it, so that the file is never seen half written."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
