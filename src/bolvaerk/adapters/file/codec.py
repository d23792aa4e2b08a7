"""Decode plain data (from YAML or JSON) into the frozen domain dataclasses, and encode back.

Why by hand and not pydantic: the domain must stay free of third-party imports, the template's
dates are dd-mm-yyyy, and every problem must come out as a code + path + params that we translate
to Danish or English (see docs/adr/0002-file-codec.md). Decoders are compiled once per type.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from bolvaerk.domain.dates import format_dk_date, parse_dk_date
from bolvaerk.domain.errors import InvalidValue

MAX_PROBLEMS = 50
T = typing.TypeVar("T")


@dataclass(frozen=True, slots=True)
class LoadProblem:
    code: str  # FILE-SYNTAX, FILE-TYPE, FILE-UNKNOWN-FIELD, ..., or a rule id such as R-FP-03
    path: str
    params: dict[str, object] = field(default_factory=dict)
    variant: str = "main"
    line: int | None = None
    column: int | None = None


class LoadError(Exception):
    """The input cannot become an assessment; carries every problem found (up to a limit)."""

    def __init__(self, problems: list[LoadProblem]) -> None:
        super().__init__("; ".join(f"{p.code} at {p.path}" for p in problems))
        self.problems = problems


class _Problems:
    def __init__(self) -> None:
        self.items: list[LoadProblem] = []

    def add(self, code: str, path: str, variant: str = "main", **params: object) -> None:
        self.add_params(code, path, params, variant)

    def add_params(
        self, code: str, path: str, params: dict[str, object], variant: str = "main"
    ) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(LoadProblem(code, path, params, variant))


_INVALID = object()  # marks a value that could not be decoded
Decoder = Callable[[object, str, _Problems], Any]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return {int: "integer", float: "number", str: "text", list: "list", dict: "mapping"}.get(
        type(value), type(value).__name__
    )


def _scalar(expected: str, accept: Callable[[object], object | None]) -> Decoder:
    def decode_scalar(value: object, path: str, problems: _Problems) -> object:
        result = accept(value)
        if result is None:
            problems.add("FILE-TYPE", path, expected=expected, found=_kind_name(value))
            return _INVALID
        return result

    return decode_scalar


def _accept_str(value: object) -> object | None:
    if isinstance(value, str):
        return value
    # YAML reads an unquoted 12345678 as a number; a CVR or a number column is still text
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _accept_int(value: object) -> object | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _accept_float(value: object) -> object | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _accept_bool(value: object) -> object | None:
    return value if isinstance(value, bool) else None


def _decode_date(value: object, path: str, problems: _Problems) -> object:
    parsed = parse_dk_date(value) if isinstance(value, str) else None
    if parsed is None:
        # An unquoted 2021-05-01 arrives as a date object: still not the template's format.
        shown = value.isoformat() if isinstance(value, date) else str(value)
        problems.add("R-FP-03", path, value=shown, variant="format")
        return _INVALID
    return parsed


def _enum_decoder(enum_type: type[enum.Enum]) -> Decoder:
    by_value = {member.value: member for member in enum_type}
    allowed = [member.value for member in enum_type]

    def decode_enum(value: object, path: str, problems: _Problems) -> object:
        member = by_value.get(value) if isinstance(value, str | int) else None
        if member is None or isinstance(value, bool):
            problems.add("FILE-CHOICE", path, value=_describe(value), allowed=allowed)
            return _INVALID
        return member

    return decode_enum


def _optional(inner: Decoder) -> Decoder:
    def decode_optional(value: object, path: str, problems: _Problems) -> object:
        return None if value is None else inner(value, path, problems)

    return decode_optional


def _tuple(inner: Decoder) -> Decoder:
    def decode_tuple(value: object, path: str, problems: _Problems) -> object:
        if value is None:
            return ()  # an empty YAML list is often written as a bare key
        if not isinstance(value, list):
            problems.add("FILE-TYPE", path, expected="list", found=_kind_name(value))
            return _INVALID
        decoded = [inner(element, f"{path}[{i}]", problems) for i, element in enumerate(value)]
        return _INVALID if any(d is _INVALID for d in decoded) else tuple(decoded)

    return decode_tuple


def file_key(f: dataclasses.Field[Any]) -> str:
    return str(f.metadata.get("key", f.name))


def _dataclass_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = [
        (
            file_key(f),
            f.name,
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    ]
    known = {key for key, _, _ in fields}

    def decode_dataclass(value: object, path: str, problems: _Problems) -> object:
        if not isinstance(value, dict):
            problems.add(
                "FILE-TYPE", path or "(document)", expected="mapping", found=_kind_name(value)
            )
            return _INVALID
        for key in value:
            if str(key) not in known:
                problems.add("FILE-UNKNOWN-FIELD", _join(path, str(key)), allowed=sorted(known))
        kwargs: dict[str, object] = {}
        failed = False
        for key, name, required in fields:
            raw = value.get(key, _INVALID) if key in value else value.get(_int_key(key), _INVALID)
            if raw is _INVALID:
                if required:
                    problems.add("FILE-MISSING-FIELD", _join(path, key))
                    failed = True
                continue
            decoded = decoder_for(hints[name])(raw, _join(path, key), problems)
            if decoded is _INVALID:
                failed = True
            else:
                kwargs[name] = decoded
        if failed:
            return _INVALID
        try:
            return cls(**kwargs)
        except InvalidValue as error:
            problems.add_params(error.code, _absolute(path, error.path), dict(error.params))
            return _INVALID

    return decode_dataclass


def _int_key(key: str) -> object:
    """Section keys are "1".."8"; YAML written by hand may leave them unquoted (integers)."""
    return int(key) if key.isdigit() else key


def _absolute(path: str, error_path: str) -> str:
    """A value's own check names its list as `items[]`; put in the real index we know here."""
    if "[]" in error_path:
        return _join(path, error_path.rsplit(".", 1)[-1])
    return error_path


@cache
def decoder_for(tp: object) -> Decoder:  # noqa: PLR0911 - one branch per kind of type
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [arg for arg in args if arg is not type(None)]
        return _optional(decoder_for(inner[0]))
    if origin is tuple:
        return _tuple(decoder_for(args[0]))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return _dataclass_decoder(tp)
        if issubclass(tp, enum.Enum):
            return _enum_decoder(tp)
        if tp is date:
            return _decode_date
        if tp is bool:
            return _scalar("boolean", _accept_bool)
        if tp is int:
            return _scalar("integer", _accept_int)
        if tp is float:
            return _scalar("number", _accept_float)
        if tp is str:
            return _scalar("text", _accept_str)
    raise TypeError(f"no decoder for {tp!r}")  # a programming error in the model, not input


def decode(cls: type[T], data: object) -> T:
    """Build a `cls` from plain data, or raise LoadError listing every problem with its path."""
    problems = _Problems()
    result = decoder_for(typing.cast("typing.Hashable", cls))(data, "", problems)
    if problems.items or result is _INVALID:
        raise LoadError(problems.items or [LoadProblem("FILE-TYPE", "(document)")])
    return typing.cast("T", result)


def encode(value: object) -> object:
    """Plain data (dicts in field order, lists, str, int, float, bool, None) for YAML/JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {file_key(f): encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return format_dk_date(value)
    if isinstance(value, tuple | list):
        return [encode(element) for element in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 420000 stays 420000 in the file, not 420000.0
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")
