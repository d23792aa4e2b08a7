"""Generated docs are up to date, and the docs name every command and ADR that exists."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_generated_from_the_catalogue() -> None:
    gen = _gen_docs()
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == gen.rules_markdown()


def test_cli_md_is_generated_from_the_help() -> None:
    gen = _gen_docs()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == gen.cli_markdown()


def test_the_readme_shows_two_quick_start_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/bootstrap && .venv/bin/bolvaerk demo" in readme
    assert "\nscripts/test\n" in readme
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("scripts/test")
