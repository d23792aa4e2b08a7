"""JSON Schema (draft 2020-12) of the assessment file, generated from the domain dataclasses
by the same type walk the codec uses - the model is written once."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date
from typing import Any

from bolvaerk.adapters.file.codec import file_key
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.domain.ids import ID_PATTERN

DATE_PATTERN = r"^\d{2}-\d{2}-\d{4}$"
SCHEMA_BASE = "https://bolvaerk.dk/schema"


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_schema(self, tp: object) -> dict[str, Any]:  # noqa: PLR0911 - one branch per kind
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (types.UnionType, typing.Union):
            inner = next(arg for arg in args if arg is not type(None))
            return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
        if origin is tuple:
            return {"type": ["array", "null"], "items": self.type_schema(args[0])}
        assert isinstance(tp, type), tp  # noqa: S101 - the model only uses classes here
        if dataclasses.is_dataclass(tp):
            return {"$ref": f"#/$defs/{self.define(tp)}"}
        if issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if tp is date:
            return {"type": "string", "pattern": DATE_PATTERN, "description": "dd-mm-yyyy"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        return {"type": "string"}

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name in self.defs:
            return name
        self.defs[name] = {}  # reserve first: the model may refer to a class twice
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in dataclasses.fields(cls):
            key = file_key(f)
            schema = self.type_schema(hints[f.name])
            if f.name == "id" and hints[f.name] is str:
                schema = {"type": "string", "pattern": ID_PATTERN}
            properties[key] = schema
            no_default = (
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            )
            if no_default:
                required.append(key)
        definition: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        doc = (cls.__doc__ or "").strip()
        if doc and not doc.startswith(f"{name}("):  # skip the generated dataclass signature
            definition["description"] = doc.splitlines()[0]
        if required:
            definition["required"] = required
        self.defs[name] = definition
        return name


def assessment_schema(kind: AssessmentKind) -> dict[str, Any]:
    builder = _Builder()
    root = builder.define(Assessment)
    top = dict(builder.defs.pop(root))
    properties = dict(top["properties"])
    properties["kind"] = {"const": kind.value}
    if kind is AssessmentKind.PFSA:
        properties["port"] = {"type": "null"}
    else:
        properties["port"] = {"$ref": "#/$defs/PortPart"}
    title = {
        AssessmentKind.PFSA: "PFSA - havnefacilitetssårbarhedsvurdering (TS template)",
        AssessmentKind.PSA: "PSA - havnesårbarhedsvurdering (TS template)",
    }[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/{kind.value}.schema.json",
        "title": title,
        **top,
        "properties": properties,
        "required": sorted({*top.get("required", []), "kind"}),
        "$defs": dict(sorted(builder.defs.items())),
    }
