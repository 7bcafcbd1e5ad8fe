"""The quality gate: language, readability, mechanics and accessibility, reported as one list of findings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..contrast import TEXT_PAIRS, contrast_ratio, weak_pairs
from ..model import Material
from .findings import ERROR, WARNING, Finding


@dataclass
class Report:
    """Everything the checks found, sorted into errors, warnings and acknowledged findings."""

    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    acknowledged: list[tuple[Finding, str]] = field(default_factory=list)
    contrast: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, findings: list[Finding]) -> None:
        """Add findings, each to the errors or the warnings."""
        for finding in findings:
            (self.errors if finding.severity == ERROR else self.warnings).append(finding)

    def extend(self, other: Report) -> None:
        """Add everything another report found."""
        self.errors += other.errors
        self.warnings += other.warnings
        self.acknowledged += other.acknowledged
        self.contrast = self.contrast or other.contrast
        self.notes += other.notes

    def fails(self, strict: bool = False) -> bool:
        """Return whether the report should stop a build (or, with `strict`, a check)."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """Return the one-line count of what was found."""
        def count(number: int, word: str) -> str:
            return f"{number} {word}{'' if number == 1 else 's'}"
        return (f"{count(len(self.errors), 'error')}, {count(len(self.warnings), 'warning')}, "
                f"{len(self.acknowledged)} acknowledged.")

    def as_text(self) -> str:
        """Return the report as a person reads it: errors, then warnings, then acknowledged findings."""
        lines = []
        for title, findings in (("Errors", self.errors), ("Warnings", self.warnings)):
            if findings:
                lines.append(f"{title} ({len(findings)}):")
                lines += [f"  {finding}" for finding in findings]
        if self.acknowledged:
            lines.append(f"Acknowledged ({len(self.acknowledged)}):")
            for finding, reason in self.acknowledged:
                term = f"'{finding.term}' " if finding.term else ""
                lines.append(f"  {finding.file}:{finding.line}: {finding.rule}: {finding.field}: {term}"
                             f"acknowledged: {reason}")
        lines += [f"Note: {note}" for note in self.notes]
        lines.append(self.summary())
        return "\n".join(lines)

    def as_json(self) -> str:
        """Return the report as JSON, for scripts and CI."""
        return json.dumps({
            "summary": {"errors": len(self.errors), "warnings": len(self.warnings),
                        "acknowledged": len(self.acknowledged)},
            "errors": [finding.as_dict() for finding in self.errors],
            "warnings": [finding.as_dict() for finding in self.warnings],
            "acknowledged": [dict(finding.as_dict(), reason=reason) for finding, reason in self.acknowledged],
            "contrast": self.contrast,
            "notes": self.notes,
        }, indent=2, ensure_ascii=False)


def check_content(material: Material) -> Report:
    """Return the report of every check of the content and brand, acknowledgements applied."""
    from . import mechanics, readability, stigma

    report = Report(contrast=contrast_table(material))
    findings = mechanics.findings(material) + stigma.findings(material) + readability.findings(material)
    unchecked = unchecked_languages(material)
    if unchecked:
        # A language without its glossary, reading formula or dictionary: say so rather than pretend.
        report.notes.append(f"{material.source}: {unchecked} not run on this {material.document.language} text, "
                            "which they do not know; have a fluent reader review its wording")
    findings += contrast_findings(material) + document_control_findings(material)
    kept, report.acknowledged, unused = acknowledge(material, findings)
    report.add(sorted(kept, key=lambda f: (f.file, f.line or 0)))
    report.add(unused)
    return report


def unchecked_languages(material: Material) -> str:
    """Return which of the stigma, reading-grade and spelling checks cannot read the material's language, or ''."""
    from . import mechanics, readability, stigma
    from .texts import language_of

    language = language_of(material)
    missing = [name for name, known in (("stigma", stigma.knows(language)),
                                        ("reading-grade", language in readability.LANGUAGES),
                                        ("spelling", language in mechanics.LANGUAGES)) if not known]
    if not missing:
        return ""
    names = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
    return f"the {names} check{'s were' if len(missing) > 1 else ' was'}"


def check_editions(editions: list[Material], sites=None) -> Report:
    """Return the report of every edition's content, of each translation against the English, and of the sites."""
    from ..translation import translation_findings

    report = check_sites(sites) if sites is not None else Report()
    sources = {material.name: material for material in editions if material.translation is None}
    for material in editions:
        report.extend(check_content(material))
        if material.translation is not None and material.name in sources:
            report.add(translation_findings(sources[material.name], material))
    return report


def check_sites(sites) -> Report:
    """Return the report of the stigma and typing-slip checks of the sites' names, hours and services.

    Spelling is not checked: the names of places and streets are not in a dictionary.
    """
    from . import mechanics, stigma

    report = Report()
    report.add(sorted(stigma.findings(sites) + mechanics.findings(sites, spelling=False),
                      key=lambda finding: finding.line or 0))
    return report


def audit_output(path: Path, material: Material, reader=None) -> list[Finding]:
    """Return the accessibility findings of the one output at `path` (a PDF already opened as `reader`, if given)."""
    from . import outputs

    return outputs.audit_file(path, material, reader)


def document_control_findings(material: Material) -> list[Finding]:
    """Return an error for approved content without an approver, and a warning for a draft."""
    document = material.document
    line = material.line_of("document.status") or material.line_of("document")
    if document.draft:
        return [Finding(rule="draft", severity=WARNING, file=material.source, line=line, field="document.status",
                        message="this version is a draft, so every page and slide is marked DRAFT",
                        suggestion="once a reviewer approves it, set `status: approved` and `approved_by:` "
                                   "their name and role")]
    if not document.approved_by:
        return [Finding(rule="approval", severity=ERROR, file=material.source, line=line, field="document.status",
                        message="the content is marked approved but does not say who approved it",
                        suggestion="add `approved_by:` with the approver's name and role, or set `status: draft`")]
    return []


def contrast_findings(material: Material) -> list[Finding]:
    """Return an error for each text colour of the brand that does not contrast enough with its background."""
    brand = material.brand
    return [
        Finding(rule="contrast", severity=ERROR, file=brand.source, line=brand.line_of(f"palette.{pair.text}"),
                field=f"palette.{pair.text}", message=message,
                suggestion=f"make {pair.text} and {pair.background} further apart in lightness")
        for pair, message in weak_pairs(brand.palette)
    ]


def contrast_table(material: Material) -> list[dict]:
    """Return every text/background pair the outputs use, with its contrast ratio and the ratio it needs."""
    palette = material.brand.palette
    return [{"text": pair.text, "background": pair.background, "used_for": pair.used_for,
             "ratio": round(contrast_ratio(getattr(palette, pair.text), getattr(palette, pair.background)), 2),
             "minimum": pair.minimum} for pair in TEXT_PAIRS]


def acknowledge(material: Material, findings: list[Finding]):
    """Split findings into those kept and those the content acknowledges; report acknowledgements that match none.

    Return (kept findings, [(acknowledged finding, reason)], [errors for unused acknowledgements]).
    """
    kept, acknowledged, used = [], [], set()
    for finding in findings:
        match = next((index for index, ack in enumerate(material.acknowledgements)
                      if ack.rule == finding.rule and ack.field == finding.field
                      and (not ack.term or ack.term.lower() == finding.term.lower())), None)
        if match is None:
            kept.append(finding)
        else:
            used.add(match)
            acknowledged.append((finding, material.acknowledgements[match].reason))
    unused = []
    for index, ack in enumerate(material.acknowledgements):
        if index not in used:
            about = f" for '{ack.term}'" if ack.term else ""
            field_path = f"acknowledgements[{index}]"
            unused.append(Finding(
                rule="acknowledgement", severity=ERROR, file=material.source, line=material.line_of(field_path),
                field=field_path, message=f"acknowledges a {ack.rule} finding{about} in {ack.field}, "
                                          "but there is no such finding",
                suggestion="remove this acknowledgement, or correct its rule, field or term",
            ))
    return kept, acknowledged, unused


__all__ = ["ERROR", "WARNING", "Finding", "Report", "audit_output", "check_content", "check_editions",
           "check_sites"]
