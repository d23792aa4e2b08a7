"""Helpers for the EDI rule cases (tests/cases/edi/*.yaml): an example message as a tree of
strings, patched by path (`set`, `delete`, `append`), and built back into a message."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from bolvaerk.adapters.edi.tree import from_tree, to_tree
from bolvaerk.domain.edi import MESSAGE_CLASSES, Message, MessageType
from bolvaerk.services.edi_messages import example
from tests.casework import parse_path


def _lex(value: Any) -> Any:
    """YAML values as the tree's lexical strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _lex(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lex(item) for item in value]
    return str(value)


def _parent(tree: Any, path: str) -> tuple[Any, str | int]:
    parts = parse_path(path)
    node = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    return node, parts[-1]


def patched_message(case: dict[str, Any]) -> Message:
    kind = MessageType(case.get("base", "isps"))
    tree = copy.deepcopy(to_tree(example(kind)))
    for path, value in (case.get("set") or {}).items():
        parent, key = _parent(tree, path)
        parent[key] = _lex(value)
    for path in sorted(case.get("delete") or [], key=parse_path, reverse=True):
        parent, key = _parent(tree, path)
        del parent[key]
    for path, value in (case.get("append") or {}).items():
        parent, key = _parent(tree, path)
        parent.setdefault(key, []).append(_lex(value))
    message: Message = from_tree(MESSAGE_CLASSES[kind], tree)
    return message
