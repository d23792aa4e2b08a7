"""Small parsers for the table forms of sections 5 and 6.1 (plain POST, no JavaScript)."""

from __future__ import annotations

from django.http import QueryDict


def tri_checkbox(data: QueryDict, name: str) -> bool | None:
    """A checkbox that also knows "not decided yet": <name> is the checkbox, <name>-was the
    value shown ("none" for undecided). Unticked and never decided stays undecided."""
    if data.get(name):
        return True
    return None if data.get(f"{name}-was") == "none" else False


def tri_choice(data: QueryDict, name: str) -> bool | None:
    """A yes/no/not-assessed radio group posting "yes", "no" or ""."""
    value = data.get(name, "")
    return True if value == "yes" else False if value == "no" else None


def was(value: bool | None) -> str:
    return "none" if value is None else "yes" if value else "no"
