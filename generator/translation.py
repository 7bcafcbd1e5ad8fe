"""Translations: which entries of a translated content file match the English text they were made from."""

from __future__ import annotations

import hashlib
import re


def fingerprint(english: str) -> str:
    """Return the fingerprint of an English text: it changes when the words change, not when lines are re-wrapped."""
    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:12]


# Fields that are not translated text: the language and approval are the translation's own, and what the
# flyer shows of a section and the outputs' settings are choices, not words.
_NOT_TRANSLATED = ("acknowledgements", "translation", "document.language", "document.status", "document.approved_by",
                   "outputs")
_SETTINGS = re.compile(r"^sections\[\d+\]\.(flyer|deck)$")


def translatable(fields) -> set[str]:
    """Return the fields that hold text to translate."""
    return {field for field in fields if not field.startswith(_NOT_TRANSLATED) and not _SETTINGS.match(field)}


def parent_line(material, field: str) -> int | None:
    """Return the line of `field` in `material`, or of the nearest entry that holds it."""
    while field:
        line = material.line_of(field)
        if line is not None:
            return line
        field = field.rsplit("[", 1)[0] if field.endswith("]") else field.rpartition(".")[0]
    return None


def translation_findings(english, translated) -> list:
    """Return what is missing, extra or out of date in `translated` compared with the English material."""
    from .checks.findings import ERROR, WARNING, Finding

    def finding(rule, severity, field, message, suggestion, line=None):
        return Finding(rule=rule, severity=severity, file=translated.source,
                       line=line or parent_line(translated, field), field=field, message=message,
                       suggestion=suggestion)

    if translated.translation is None:
        return [finding("translation", ERROR, "translation", "does not say which English file it translates",
                        "add a `translation:` section with `of:` and `fingerprints:` (see harm-reduction.es.yaml)",
                        line=1)]
    source = english.written
    ours, theirs = translatable(translated.written), translatable(source)
    fingerprints = translated.translation.fingerprints
    found = []
    for field in sorted(theirs - ours, key=lambda f: english.line_of(f) or 0):
        found.append(finding("translation-missing", ERROR, field,
                             f"has no translation of the English '{_short(source[field])}'",
                             f"translate it here (the English is at {english.source}:{english.line_of(field)})"))
    for field in sorted(ours - theirs, key=lambda f: translated.line_of(f) or 0):
        found.append(finding("translation-extra", ERROR, field, f"has no English counterpart in {english.source}",
                             "remove it, or add the English first"))
    for field in sorted(set(fingerprints) - theirs):
        found.append(finding("translation-extra", ERROR, f"translation.fingerprints[{field}]",
                             f"names a field that the English in {english.source} does not have",
                             "remove this fingerprint", line=translated.line_of(f"translation.fingerprints[{field}]")))
    for field in sorted(ours & theirs, key=lambda f: translated.line_of(f) or 0):
        current = fingerprint(source[field])
        if field not in fingerprints:
            found.append(finding("translation-fingerprint", WARNING, field,
                                 "does not say which English text it was translated from",
                                 f"check it against the English, then mark it current with `python -m generator "
                                 f"translated {translated.source} {field}`"))
        elif fingerprints[field] != current:
            before = translated.translation.english.get(field)
            then = f"it read '{_short(before)}' and " if before else ""
            found.append(finding("translation-stale", WARNING, field,
                                 f"was translated from an older English text: {then}it now reads "
                                 f"'{_short(source[field])}'",
                                 f"update the translation, then mark it current with `python -m generator "
                                 f"translated {translated.source} {field}`"))
    return found


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def with_currency(english, translated):
    """Return `translated` marked outdated when any of its entries no longer matches the English it translates.

    Its outputs then say so in their version line, until the entries are updated and marked current.
    """
    import dataclasses

    stale = any(finding.rule == "translation-stale" for finding in translation_findings(english, translated))
    return dataclasses.replace(translated, outdated=stale)


def mark_translated(english, translated, fields: list[str]) -> list[str]:
    """Rewrite the translation file so each of `fields` (every translated text, if none) is current with the English.

    Each gets the fingerprint of the English as it reads now, and that English text, so that `check` can show
    what changed when the English changes again. Return the fields marked. Raise UserError for a field that is
    not a translated text of both files, or a file whose `translation:` section is not its last.
    """
    from pathlib import Path

    from .errors import UserError

    known = translatable(english.written) & translatable(translated.written)
    unknown = [field for field in fields if field not in known]
    if unknown:
        raise UserError(f"{translated.source}: '{unknown[0]}' is not a text translated from {english.source}; "
                        "give a field as `check` names it, e.g. sections[0].heading")
    marked = fields or sorted(known, key=lambda f: translated.line_of(f) or 0)
    fingerprints = dict(translated.translation.fingerprints) if translated.translation else {}
    texts = dict(translated.translation.english) if translated.translation else {}
    for field in marked:
        fingerprints[field] = fingerprint(english.written[field])
        texts[field] = " ".join(english.written[field].split())
    path = Path(translated.source)
    lines = path.read_text(encoding="utf-8").splitlines()
    # The section starts at its key, on the line before its first entry (the line the model knows).
    first = (translated.line_of("translation") or len(lines) + 1) - 1
    start = next((number for number in range(min(first, len(lines) - 1), -1, -1)
                  if lines[number].startswith("translation:")), len(lines))
    if any(line and not line[0].isspace() and not line.startswith("#") for line in lines[start + 1:]):
        raise UserError(f"{path}: the `translation:` section must be the last in the file for it to be rewritten; "
                        "move it to the end")
    order = sorted(fingerprints, key=lambda f: english.line_of(f) or 0)
    section = ["translation:", f"  of: {Path(english.source).name}", "  fingerprints:"]
    section += [f"    {field}: {_quoted(fingerprints[field])}" for field in order]
    section += ["  english:"] + [f"    {field}: {_quoted(texts[field])}" for field in order if field in texts]
    path.write_text("\n".join(lines[:start] + section) + "\n", encoding="utf-8")
    return marked


def _quoted(text: str) -> str:
    """Return `text` as a YAML double-quoted string (JSON's quoting is YAML's too)."""
    import json

    return json.dumps(text, ensure_ascii=False)
