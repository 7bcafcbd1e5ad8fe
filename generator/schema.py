"""The JSON Schema of a material file, made from the content model, for editors that check YAML as it is typed."""

from __future__ import annotations

import dataclasses
import datetime
import json
import types
import typing

from .model import FLYER_MODES, KINDS, Block, Material

SCHEMA_FILE = "docs/material.schema.json"
# Fields whose checks allow only some words: the schema lists them, so an editor can offer them.
_CHOICES = {"status": ("draft", "approved"), "flyer": FLYER_MODES, "severity": ("error", "warning")}


def material_schema() -> dict:
    """Return the JSON Schema (draft 7) of a material file."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#",
              "title": "Teaching material",
              **_record(Material)}
    return schema


def schema_text() -> str:
    """Return the schema as the text of docs/material.schema.json."""
    return json.dumps(material_schema(), indent=2, ensure_ascii=False) + "\n"


def _record(cls) -> dict:
    """Return the schema of a dataclass: its documented fields, which are required, and no others."""
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for spec in dataclasses.fields(cls):
        if spec.metadata.get("internal"):
            continue
        schema = _value(hints[spec.name])
        if spec.name in _CHOICES and schema.get("type") == "string":
            schema = {"enum": list(_CHOICES[spec.name])}
        properties[spec.name] = {**schema, "description": spec.metadata.get("doc", "")}
        if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            required.append(spec.name)
    schema = {"type": "object", "description": (cls.__doc__ or "").strip().split("\n")[0],
              "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if cls is Block:
        # One key names the block's kind.
        schema["minProperties"] = schema["maxProperties"] = 1
        schema["oneOf"] = [{"required": [kind]} for kind in KINDS]
    return schema


def _value(kind) -> dict:
    """Return the schema of a value of the Python type `kind`."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if dataclasses.is_dataclass(kind):
        return _record(kind)
    origin = typing.get_origin(kind)
    if origin is tuple:
        return {"type": "array", "minItems": 1, "items": _value(typing.get_args(kind)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _value(typing.get_args(kind)[1])}
    if kind is str:
        return {"type": "string", "minLength": 1}
    if kind is int:
        return {"type": "integer"}
    if kind is bool:
        return {"type": "boolean"}
    if kind is datetime.date:
        return {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    raise TypeError(f"no schema for {kind!r}")
