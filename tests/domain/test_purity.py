"""bolvaerk.domain imports only the standard library and itself (backs up import-linter)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import bolvaerk.domain

DOMAIN = Path(bolvaerk.domain.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_nothing_but_stdlib_and_itself() -> None:
    offenders = {}
    for path in DOMAIN.rglob("*.py"):
        bad = {
            name
            for name in _imports(path)
            if not name.startswith("bolvaerk.domain")
            and name.split(".")[0] not in sys.stdlib_module_names
            and name != "__future__"
        }
        if bad:
            offenders[str(path.relative_to(DOMAIN))] = sorted(bad)
    assert offenders == {}
