"""Read a YAML file into the content model, collecting every problem with its line."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import types
import typing
import unicodedata
from pathlib import Path

import yaml

from .characters import named, printable
from .errors import ContentError, Problem
from .model import Located

MAX_FILE_BYTES = 1_000_000
# The content nests seven levels deep (sections > a section > blocks > a block > table > rows > a row); far deeper nesting is a
# mistake or an attack, and would exhaust the YAML reader's recursion.
MAX_NESTING = 100
# Whole numbers (a version, minutes) are written in decimal digits; more than nine digits is a slip.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 9
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def while_unchanged(read):
    """Wrap `read(path)` so that it reads a file once, and again only after the file has changed.

    `watch` keeps one process running while the glossary or the word list is edited;
    what was read before the edit must not be used after it.
    """
    @functools.lru_cache(maxsize=8)
    def read_version(path: Path, version: tuple[int, int] | None):
        return read(path)

    @functools.wraps(read)
    def reader(path: Path):
        try:
            status = Path(path).stat()
            version = (status.st_mtime_ns, status.st_size)
        except OSError:
            version = None  # gone: `read` says so in its own words
        return read_version(Path(path), version)

    return reader


def read_yaml(path: Path, cls: type[Located]) -> Located:
    """Return an instance of the dataclass `cls` read from the YAML file at `path`.

    Raise ContentError listing every problem found. The instance remembers its
    file and the line of each of its values.
    """
    name = str(path)
    root = _compose(path, name)
    reader = _Reader(name)
    value = reader.convert(root, cls, "")
    if reader.problems:
        raise ContentError(sorted(reader.problems, key=lambda problem: problem.line or 0))
    return dataclasses.replace(value, source=name, lines=types.MappingProxyType(reader.lines),
                               written=types.MappingProxyType(reader.written))


def _compose(path: Path, name: str) -> yaml.Node:
    """Return the YAML node tree of the file, or raise ContentError saying why it cannot be read."""
    def fail(message: str, line: int | None = None):
        raise ContentError([Problem(name, line, "", message)])

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        fail("file not found; check the path, or run from the project folder")
    except OSError as error:
        fail(f"cannot be read: {error.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        fail(f"is {len(raw):,} bytes; a content file must be under {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        fail("is not UTF-8 text; save it with UTF-8 encoding", line)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        misaligned = _misaligned(text, error)
        if misaligned:
            fail(printable(misaligned), mark.line + 1)
        fail(f"this is not valid YAML: {printable(_yaml_problem(error))}", mark.line + 1 if mark else None)
    except yaml.reader.ReaderError as error:
        fail(f"contains the character {named(chr(error.character))}, which a YAML file may not hold; "
             "delete it (most editors do not show it)", text[: error.position].count("\n") + 1)
    except RecursionError:
        fail(f"lists or mappings are nested more than {MAX_NESTING} levels deep; the content needs only a few "
             "levels (check for unclosed brackets)", _too_deep_line(text))
    except yaml.YAMLError as error:
        fail(f"this is not valid YAML: {printable(str(error).splitlines()[0])}")
    if root is None:
        fail("the file is empty; it should hold the content as `key: value` lines")
    return root


def _too_deep_line(text: str) -> int | None:
    """Return the line where `text` first nests deeper than MAX_NESTING, reading events without recursion."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:  # broken further on; the nesting was reported first
        pass
    return None


def _misaligned(text: str, error: yaml.MarkedYAMLError) -> str | None:
    """Return what to line up when a key is indented differently from the entry it belongs to, or None.

    The YAML reader says only "expected <block end>, but found ...": the key on the problem line
    starts at another column than the keys of the entry begun on the context line.
    """
    if "expected <block end>" not in (error.problem or "") or not (error.problem_mark and error.context_mark):
        return None
    lines = text.splitlines()
    problem, context = error.problem_mark, error.context_mark
    if problem.line >= len(lines) or context.line >= len(lines) or problem.line == context.line:
        return None
    found = _key_at(lines[problem.line][problem.column:])
    # The key to line up with: the nearest key above, if it stands elsewhere; else the entry the reader was in.
    above = next((number for number in range(problem.line - 1, context.line - 1, -1)
                  if _key_at(lines[number].lstrip())), None)
    if above is not None and _key_column(lines[above]) != _key_column(lines[problem.line]):
        line, expected = above, _key_at(lines[above].lstrip())
    else:
        line, expected = context.line, _key_at(lines[context.line][context.column:])
    if not (found and expected):
        return None
    return (f"line {problem.line + 1} is indented differently from the lines around it; line up `{found}` with "
            f"`{expected}` on line {line + 1} (indent with spaces, the same number for each entry)")


_KEY = re.compile(r"(?:- +)?([A-Za-z_][\w-]*):(?:\s|$)")


def _key_at(text: str) -> str | None:
    """Return the key `text` starts with (after a list item's '- '), with its colon, or None."""
    match = _KEY.match(text)
    return f"{match[1]}:" if match else None


def _key_column(line: str) -> int:
    """Return the column where the key of `line` starts, after any list item's '- '."""
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    return indent + (len(stripped) - len(stripped[1:].lstrip()) if stripped.startswith("- ") else 0)


def _yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or "unreadable"
    hints = {
        "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
        "mapping values are not allowed here": "put text that contains ': ' in quotes, or check the indentation",
    }
    for known, hint in hints.items():
        if known in problem:
            return f"{problem} ({hint})"
    return problem


def _without_none(kind):
    """Return `kind` without `| None`: an optional field, once written, must hold a value of its type."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        kinds = [k for k in typing.get_args(kind) if k is not type(None)]
        return kinds[0] if len(kinds) == 1 else kind
    return kind


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping of keys"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"'{_shortened(node.value)}'"


def _shortened(value: str, limit: int = 60) -> str:
    """Return `value` cut to `limit` characters, so a message quoting a whole pasted page stays one line."""
    return value if len(value) <= limit else f"{value[:limit]}..."


class _Reader:
    """Convert YAML nodes to typed values, noting each problem instead of stopping."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.lines: dict[str, int] = {}
        self.written: dict[str, str] = {}
        self._seen: set[int] = set()

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        self.note(node.start_mark.line + 1, path, message)

    def note(self, line: int | None, path: str, message: str) -> None:
        # Keys and values are quoted in messages: escape what a terminal cannot show (or could be fooled by).
        self.problems.append(Problem(self.file, line, printable(path), printable(message)))

    def convert(self, node: yaml.Node, kind, path: str):
        """Return `node` converted to `kind`, or None after noting a problem."""
        if id(node) in self._seen:
            self.problem(node, path, "anchors and aliases (*name) are not supported; write the text out in full")
            return None
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = _shortened(node.tag.replace(_TAG, "!!"))
            self.problem(node, path, f"the YAML tag '{tag}' is not allowed; remove it")
            return None
        self.lines[path] = node.start_mark.line + 1
        kind = _without_none(kind)
        if dataclasses.is_dataclass(kind):
            return self.record(node, kind, path)
        if typing.get_origin(kind) is tuple:
            return self.items(node, typing.get_args(kind)[0], path)
        if typing.get_origin(kind) is dict:
            return self.table(node, typing.get_args(kind)[1], path)
        return self.scalar(node, kind, path)

    def table(self, node: yaml.Node, kind, path: str):
        """Return a mapping of free keys (such as field names) to values of `kind`, read-only."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"must be a mapping of keys (`name: value` lines), not {_describe(node)}")
            return None
        values, first_lines = {}, {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not key:
                self.problem(key_node, path, "keys must be plain text")
                continue
            if key in first_lines:
                self.problem(key_node, f"{path}[{key}]",
                             f"duplicate key (first written on line {first_lines[key]}); keep only one")
                continue
            first_lines[key] = key_node.start_mark.line + 1
            values[key] = self.convert(value_node, kind, f"{path}[{key}]")
        if any(value is None for value in values.values()):
            return None
        return types.MappingProxyType(values)

    def record(self, node: yaml.Node, kind: type, path: str):
        if not isinstance(node, yaml.MappingNode):
            subject = "must" if path else "the file must"
            self.problem(node, path, f"{subject} be a mapping of keys (`name: value` lines), not {_describe(node)}")
            return None
        fields = {f.name: f for f in dataclasses.fields(kind) if not f.metadata.get("internal")}
        hints = typing.get_type_hints(kind)
        values, first_lines, suggested, unknown = {}, {}, set(), False
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_line = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1) if key is not None else []
                suggested.update(close)
                unknown = True
                self.problem(key_node, _join(path, _shortened(str(key))), self.unknown_key(key, close, fields))
                continue
            if key in first_lines:
                self.problem(key_node, _join(path, key),
                             f"duplicate key (first written on line {first_lines[key]}); keep only one")
                continue
            first_lines[key] = key_line
            values[key] = self.convert(value_node, hints[key], _join(path, key))
        for name, spec in fields.items():
            if name in first_lines:
                continue
            if spec.default is not dataclasses.MISSING:
                values[name] = spec.default
            elif spec.default_factory is not dataclasses.MISSING:
                values[name] = spec.default_factory()
            # A misspelt key was already reported with this name as the suggestion.
            elif name not in suggested:
                self.problem(node, _join(path, name), f"is missing; add `{name}: ...` to this entry")
        if len(values) != len(fields) or any(values[name] is None for name in first_lines if name in values):
            return None
        instance = kind(**values)
        for name, spec in fields.items():
            check = spec.metadata.get("check")
            # A value left out takes its default, which is checked by whoever chose it, not here.
            message = check(values[name]) if check and name in first_lines else None
            if message:
                self.note(self.lines[_join(path, name)], _join(path, name), message)
        whole_check = getattr(kind, "whole_check", None)  # a check of the record as a whole (see model.py)
        # After an unknown key, the record as a whole was not written as meant: that key's problem says enough.
        found = whole_check(instance) if whole_check and not unknown else None
        if found:
            part, message = found
            where = f"{path}{part}" if part.startswith("[") else _join(path, part) if part else path
            self.note(self.lines.get(where, node.start_mark.line + 1), where, message)
            return None
        return instance

    @staticmethod
    def unknown_key(key, close: list[str], fields) -> str:
        if key is None:
            return "keys must be plain words"
        if close:
            return f"unknown key '{_shortened(key)}'; did you mean '{close[0]}'?"
        return f"unknown key '{_shortened(key)}'; expected one of: {', '.join(fields)}"

    def items(self, node: yaml.Node, kind, path: str):
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"must be a list (lines starting with '- '), not {_describe(node)}")
            return None
        if not node.value:
            self.problem(node, path, "must not be empty")
            return None
        values = tuple(self.convert(item, kind, f"{path}[{index}]") for index, item in enumerate(node.value))
        return None if any(value is None for value in values) else values

    def scalar(self, node: yaml.Node, kind, path: str):
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, f"must be {_KIND_NAMES[kind]}, not {_describe(node)}")
            return None
        if kind is str:
            # Composed form (NFC): an accent typed as a separate mark becomes the accented letter the fonts have.
            text = unicodedata.normalize("NFC", " ".join(node.value.split())) if node.tag != _TAG + "null" else ""
            if not text:
                self.problem(node, path, "must not be empty")
                return None
            self.written[path] = node.value
            return text
        value = node.value.strip()
        if kind is int and node.tag == _TAG + "int" and _WHOLE_NUMBER.fullmatch(value):
            if len(value.lstrip("+-")) > _MAX_DIGITS:
                self.problem(node, path, f"is too large; write a whole number of at most {_MAX_DIGITS} digits")
                return None
            return int(value)
        if kind is bool and node.tag == _TAG + "bool":
            return value.lower() in ("true", "yes", "on")
        if kind is datetime.date and node.tag == _TAG + "timestamp" and _DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:  # a date such as 2026-13-45
                pass
        self.problem(node, path, f"must be {_KIND_NAMES[kind]}, not {_describe(node)}")
        return None


_KIND_NAMES = {str: "text", int: "a whole number", bool: "true or false",
               datetime.date: "a date written as YYYY-MM-DD"}
