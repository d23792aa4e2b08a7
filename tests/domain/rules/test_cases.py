"""Every rule against its data-driven cases (tests/cases/rules/*.yaml), through the real loader.

Each rule code needs at least one case that makes it fire and one that keeps it quiet.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bolvaerk.adapters.file import LoadError, decode
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.rules import ALL_RULES, validate
from bolvaerk.services.context import rule_context
from tests.casework import load_case_files, patched

CASES = load_case_files("rules")
CODES = sorted(rule.spec.code for rule in ALL_RULES)


def _params() -> list[Any]:
    return [
        pytest.param(code, kind, case, id=f"{code}-{kind}-{case['name']}")
        for code, entry in sorted(CASES.items())
        for kind in ("fires", "quiet")
        for case in entry.get(kind) or []
    ]


def test_every_rule_has_a_firing_and_a_quiet_case() -> None:
    missing = [
        code
        for code in CODES
        if not (CASES.get(code, {}).get("fires") and CASES.get(code, {}).get("quiet"))
    ]
    assert missing == []


def test_cases_name_only_known_rules() -> None:
    assert sorted(set(CASES) - set(CODES)) == []


@pytest.mark.parametrize(("code", "kind", "case"), _params())
def test_case(code: str, kind: str, case: dict[str, Any]) -> None:
    document = patched(case)
    if "load_error" in case:
        with pytest.raises(LoadError) as raised:
            decode(Assessment, document)
        expected = case["load_error"]
        found = [(p.code, p.path) for p in raised.value.problems]
        assert (expected["code"], expected["path"]) in found
        return
    assessment = decode(Assessment, document)
    context = rule_context(assessment)
    if "files_present" in case:  # as if the file lay in a folder holding just these files
        context = replace(context, files_present=frozenset(case["files_present"]))
    findings = [f for f in validate(assessment, context) if f.code == code]
    if kind == "quiet":
        assert findings == []
        return
    found = {(f.path, f.variant) for f in findings}
    for expected in case["expect"]:
        assert (expected["path"], expected.get("variant", "main")) in found, found
