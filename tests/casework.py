"""Helpers for the data-driven cases under tests/cases/: patch a base document by path."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).resolve().parent / "cases"
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """`sections.7.forms[0].date` -> ["sections", "7", "forms", 0, "date"]."""
    parts: list[str | int] = []
    for name, index in _PART.findall(path):
        parts.append(int(index) if index else name)
    return parts


def _parent(document: Any, path: str) -> tuple[Any, str | int]:
    parts = parse_path(path)
    node = document
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


def base_document(name: str) -> Any:
    return yaml.safe_load((CASES / "bases" / f"{name}.yaml").read_text(encoding="utf-8"))


def patched(case: dict[str, Any]) -> Any:
    """The case's base document with its `set`, `delete` and `append` applied (in that order)."""
    document = copy.deepcopy(base_document(case.get("base", "pfsa-small")))
    for path, value in (case.get("set") or {}).items():
        parent, key = _parent(document, path)
        parent[key] = value
    # delete from the end so earlier indices stay valid
    for path in sorted(case.get("delete") or [], key=parse_path, reverse=True):
        parent, key = _parent(document, path)
        del parent[key]
    for path, value in (case.get("append") or {}).items():
        parent, key = _parent(document, path)
        parent[key].append(value)
    return document


def load_case_files(folder: str) -> dict[str, dict[str, Any]]:
    """All cases of tests/cases/<folder>/*.yaml, keyed by rule code (codes must be unique)."""
    cases: dict[str, dict[str, Any]] = {}
    for path in sorted((CASES / folder).glob("*.yaml")):
        for code, entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            assert code not in cases, f"{code} has cases in two files"
            cases[code] = {**entry, "file": path.name}
    return cases
