"""All rules of the TS template (pfsa-domain.md §3) and the PSA differences (§7)."""

from __future__ import annotations

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.findings import SEVERITY_ORDER, Finding
from bolvaerk.domain.rules import (
    cross,
    front_page,
    psa,
    section_1,
    section_2,
    section_4,
    section_5,
    section_6,
    section_7,
    section_8,
)
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, RuleSpec

ALL_RULES: tuple[Rule, ...] = (
    *front_page.RULES,
    *section_1.RULES,
    *section_2.RULES,
    *section_4.RULES,
    *section_5.RULES,
    *section_6.RULES,
    *section_7.RULES,
    *section_8.RULES,
    *cross.RULES,
    *psa.RULES,
)

__all__ = ["ALL_RULES", "Hit", "Rule", "RuleContext", "RuleSpec", "rules_by_code", "validate"]


def rules_by_code() -> dict[str, Rule]:
    return {rule.spec.code: rule for rule in ALL_RULES}


def validate(assessment: Assessment, context: RuleContext) -> tuple[Finding, ...]:
    """Run every rule that applies to the assessment's kind; findings sorted by severity, path."""
    findings: list[Finding] = []
    for rule in ALL_RULES:
        spec = rule.spec
        if assessment.kind not in spec.kinds:
            continue
        findings.extend(
            Finding(
                code=spec.code,
                severity=spec.variants[hit.variant],
                path=hit.path,
                variant=hit.variant,
                params=hit.params,
            )
            for hit in rule.check(assessment, context)
        )
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))
    return tuple(findings)
