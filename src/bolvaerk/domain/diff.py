"""What changed between two versions of an assessment, matched by stable id, not by position.

Rules: lists of values with an `id` are matched by id (a renamed or renumbered item is a change
of that item, not a removal plus an addition); a few id-less tables have a natural key (ship type,
abbreviation, form of an 8.2 edit); other lists are compared whole.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.dates import format_dk_date


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    path: str  # e.g. sections.5.items[item-port-office].name (ids, not positions)
    old: str
    new: str
    label: str = ""  # name of the element concerned, when it has one


_NATURAL_KEYS = {"TrafficRow": "ship_type", "Abbreviation": "abbreviation", "SummaryEdit": "form"}


def show(value: object) -> str:  # noqa: PLR0911 - one branch per kind of value
    """A value as one line of text for a change list."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return format_dk_date(value)
    if isinstance(value, tuple):
        return "; ".join(show(v) for v in value)
    if dataclasses.is_dataclass(value):
        text = getattr(value, "text", None) or getattr(value, "name", None)
        if text:
            return str(text)
        return ", ".join(show(getattr(value, f.name)) for f in dataclasses.fields(value))
    return str(value)


def _label(value: object) -> str:
    for attribute in ("name", "function", "abbreviation", "ship_type", "id"):
        found = getattr(value, attribute, None)
        if isinstance(found, str) and found:
            return found
    return ""


def _key_of(value: object) -> str | None:
    if not dataclasses.is_dataclass(value):
        return None
    attribute = _NATURAL_KEYS.get(type(value).__name__, "id")
    key = getattr(value, attribute, None)
    return key if isinstance(key, str) else None


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def compare(self, old: Any, new: Any, path: str, label: str) -> None:  # noqa: ANN401
        if old == new:
            return
        if dataclasses.is_dataclass(old) and type(old) is type(new):
            for f in dataclasses.fields(old):
                key = f.metadata.get("key", f.name)
                self.compare(getattr(old, f.name), getattr(new, f.name), f"{path}.{key}", label)
            return
        if isinstance(old, tuple) and isinstance(new, tuple) and self._keyed(old + new):
            self._compare_keyed(old, new, path)
            return
        self.changes.append(Change(ChangeKind.CHANGED, path, show(old), show(new), label))

    @staticmethod
    def _keyed(values: tuple[object, ...]) -> bool:
        return bool(values) and all(_key_of(v) is not None for v in values)

    def _compare_keyed(self, old: tuple[object, ...], new: tuple[object, ...], path: str) -> None:
        old_by_key = {_key_of(v): v for v in old}
        new_by_key = {_key_of(v): v for v in new}
        for key, value in old_by_key.items():
            if key not in new_by_key:
                self.changes.append(
                    Change(ChangeKind.REMOVED, f"{path}[{key}]", show(value), "", _label(value))
                )
        for key, value in new_by_key.items():
            where = f"{path}[{key}]"
            if key not in old_by_key:
                self.changes.append(Change(ChangeKind.ADDED, where, "", show(value), _label(value)))
            else:
                self.compare(old_by_key[key], value, where, _label(value))


def diff_assessments(old: Assessment, new: Assessment) -> tuple[Change, ...]:
    differ = _Differ()
    for f in dataclasses.fields(Assessment):
        differ.compare(getattr(old, f.name), getattr(new, f.name), f.name, "")
    return tuple(differ.changes)
