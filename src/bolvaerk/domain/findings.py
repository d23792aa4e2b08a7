"""Findings: what a rule reports, as a code and params - never prose (adapters translate)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bolvaerk.domain.enums import Severity


def _frozen(params: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(params))


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # the rule id, e.g. R-7-08
    severity: Severity
    path: str  # the offending field, e.g. sections.7.forms[3].proposed.level_2
    variant: str = "main"  # which message of the rule (a rule may check several things)
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))

    @property
    def message_key(self) -> str:
        return f"{self.code}.{self.variant}"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def has_errors(findings: tuple[Finding, ...]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)
