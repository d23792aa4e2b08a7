"""Every EDI rule against its data-driven cases (tests/cases/edi/*.yaml): each code needs a case
that makes it fire (naming every variant) and one that keeps it quiet."""

from __future__ import annotations

from typing import Any

import pytest

from bolvaerk.domain.edi import EDI_RULES, MessageType, validate_message
from bolvaerk.services.edi_messages import example
from tests.casework import load_case_files
from tests.edi_casework import patched_message

CASES = load_case_files("edi")
RULES = {rule.spec.code: rule for rule in EDI_RULES}


def _params() -> list[Any]:
    return [
        pytest.param(code, kind, case, id=f"{code}-{kind}-{case['name']}")
        for code, entry in sorted(CASES.items())
        for kind in ("fires", "quiet")
        for case in entry.get(kind) or []
    ]


def test_every_rule_has_cases_and_every_variant_fires() -> None:
    assert sorted(CASES) == sorted(RULES)
    unfired = []
    for code, rule in RULES.items():
        entry = CASES[code]
        assert entry.get("fires"), code
        assert entry.get("quiet"), code
        fired = {e.get("variant", "main") for c in entry["fires"] for e in c["expect"]}
        unfired += [f"{code}.{v}" for v in rule.spec.variants if v not in fired]
    assert unfired == []


@pytest.mark.parametrize("kind", list(MessageType))
def test_the_examples_are_clean(kind: MessageType) -> None:
    assert validate_message(example(kind)) == ()


@pytest.mark.parametrize(("code", "kind", "case"), _params())
def test_case(code: str, kind: str, case: dict[str, Any]) -> None:
    findings = [f for f in validate_message(patched_message(case)) if f.code == code]
    if kind == "quiet":
        assert findings == []
        return
    found = {(f.path, f.variant) for f in findings}
    for expected in case["expect"]:
        assert (expected["path"], expected.get("variant", "main")) in found, found
    assert all(f.severity is RULES[code].spec.variants[f.variant] for f in findings)
