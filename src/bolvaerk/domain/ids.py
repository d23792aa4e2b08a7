"""Stable ids: every item, threat, company, cross and form keeps its id across renames and
renumbering, so two versions can be compared and a renewal carried forward."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from bolvaerk.domain.errors import InvalidValue

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$"
_ID = re.compile(ID_PATTERN)


class HasId(Protocol):
    @property
    def id(self) -> str: ...


def check_id(value: str, path: str) -> None:
    if not _ID.match(value):
        raise InvalidValue("ID-INVALID", path, {"value": value})


def check_unique_ids(items: Iterable[HasId], path: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise InvalidValue("ID-DUPLICATE", f"{path}[{index}].id", {"value": item.id})
        seen.add(item.id)
