"""Messages as trees of strings and back: the common ground of the EDIFACT and XML codecs.

A tree is a dict from field name to a string (a scalar in its canonical lexical form), a tree
(a nested dataclass) or a list of trees (a tuple field). Empty strings and None are left out;
an optional nested record that is present is kept even when empty, so nothing is lost.
Reading checks each lexical form against the field's type and names the path of a bad value.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from types import NoneType, UnionType
from typing import Any

from bolvaerk.adapters.edi.errors import EdiFormatError

Tree = dict[str, Any]  # str | Tree | list[Tree]

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


@dataclasses.dataclass(frozen=True, slots=True)
class FieldType:
    """What the codecs need to know of a field: its scalar type or record class."""

    name: str
    kind: type  # str, int, Decimal, bool, date, datetime, an Enum or a dataclass
    optional: bool  # X | None
    repeated: bool  # tuple[X, ...]
    required: bool  # no default value
    record: bool = False  # a nested dataclass


_FIELDS: dict[object, tuple[FieldType, ...]] = {}


def fields_of(cls: type) -> tuple[FieldType, ...]:
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = _fields(cls)
    return known


def _fields(cls: type) -> tuple[FieldType, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        optional = repeated = False
        if isinstance(hint, UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not NoneType)
            optional = True
        if typing.get_origin(hint) is tuple:
            hint = typing.get_args(hint)[0]
            repeated = True
        required = field.default is dataclasses.MISSING and (
            field.default_factory is dataclasses.MISSING
        )
        record = dataclasses.is_dataclass(hint)
        result.append(FieldType(field.name, hint, optional, repeated, required, record))
    return tuple(result)


def is_record(kind: type) -> bool:
    return dataclasses.is_dataclass(kind)


def lexical(value: object) -> str:
    """The canonical lexical form of a scalar (XML Schema style)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()  # times are kept to the second
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_tree(record: object, path: str = "") -> Tree:
    tree: Tree = {}
    for field in fields_of(type(record)):
        value = getattr(record, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if value is None or value in ("", ()):
            continue
        if field.repeated:
            tree[field.name] = [to_tree(v, f"{where}[{i}]") for i, v in enumerate(value)]
        elif field.record:
            tree[field.name] = to_tree(value, where)
        else:
            if isinstance(value, datetime) and value.utcoffset() is None:
                raise EdiFormatError(
                    "EDI-VALUE", path=where, value=value.isoformat(), expected="datetime"
                )
            tree[field.name] = lexical(value)
    return tree


def _fail(path: str, kind: type, value: str) -> EdiFormatError:
    expected = (
        kind.__name__.lower()
        if not issubclass(kind, Enum)
        else "|".join(str(member.value) for member in kind)
    )
    return EdiFormatError("EDI-VALUE", path=path, value=value, expected=expected)


def scalar(kind: type, value: str, path: str) -> object:  # noqa: PLR0911 - one return per type
    """A scalar from its lexical form; EdiFormatError names the path when it does not fit."""
    if kind is str:
        return value
    try:
        if issubclass(kind, Enum):
            return kind(value)
        if kind is bool:
            return _BOOLEANS[value]
        if kind is int and _INTEGER.fullmatch(value):
            return int(value)
        if kind is Decimal and _DECIMAL.fullmatch(value):
            return Decimal(value)
        if kind is datetime and _DATETIME.fullmatch(value):
            return datetime.fromisoformat(value)
        if kind is date and _DATE.fullmatch(value):
            return date.fromisoformat(value)
    except (KeyError, ValueError, InvalidOperation):
        pass
    raise _fail(path, kind, value)


def from_tree(cls: type, tree: Tree, path: str = "") -> Any:  # noqa: ANN401 - cls decides
    """The record of class cls from a tree; EdiFormatError names the first bad or missing path."""
    values: dict[str, object] = {}
    for name, field, step in _read_plan(cls):
        raw = tree.get(name)
        if raw is None:
            if step == _EMPTY_TEXT:
                values[name] = ""
            elif step == _EMPTY_RECORD:
                values[name] = from_tree(field.kind, {}, _join(path, name))
            elif field.required:
                raise EdiFormatError("EDI-MISSING", path=_join(path, name))
        elif step <= _EMPTY_TEXT:
            values[name] = raw  # a str field: what scalar(str, ...) gives
        elif step == _SCALAR:
            values[name] = scalar(field.kind, raw, _join(path, name))
        elif field.repeated:
            where = _join(path, name)
            values[name] = tuple(
                from_tree(field.kind, item, f"{where}[{index}]") for index, item in enumerate(raw)
            )
        else:
            values[name] = from_tree(field.kind, raw, _join(path, name))
    return cls(**values)


# How from_tree takes a field, decided once per class (every message asks); small ints, as
# they are compared for every field of every message.
_TEXT = 0  # a str: taken as it is
_EMPTY_TEXT = 1  # the same, and "" when missing (a plain str field)
_SCALAR = 2  # another scalar type: scalar()
_EMPTY_RECORD = 3  # a required record (or list of records): read from {} when missing
_RECORD = 4  # an optional record, or a list of records

_PLANS: dict[type, tuple[tuple[str, FieldType, int], ...]] = {}


def _read_plan(cls: type) -> tuple[tuple[str, FieldType, int], ...]:
    known = _PLANS.get(cls)
    if known is None:
        known = _PLANS[cls] = tuple((f.name, f, _step(f)) for f in fields_of(cls))
    return known


def _step(field: FieldType) -> int:
    # the same order of decisions as from_tree's reading of a field always had
    if field.kind is str and not field.optional and not field.repeated:
        return _EMPTY_TEXT
    if field.record and field.required:
        return _EMPTY_RECORD
    if field.repeated or field.record:
        return _RECORD
    return _TEXT if field.kind is str else _SCALAR


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
