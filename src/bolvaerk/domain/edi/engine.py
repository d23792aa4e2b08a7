"""The EDI rule engine: like the PFSA rules (domain/rules/base.py), a rule is a pure function
from a message to hits plus its metadata; a rule applies to the message classes it names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from bolvaerk.domain.enums import Severity
from bolvaerk.domain.rules.base import Hit

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class EdiRuleSpec:
    code: str  # e.g. EDI-ISPS-03
    source: str  # where the rule comes from (anchors-edi.md §1, SOLAS, the Directive …)
    variants: Mapping[str, Severity]


@dataclass(frozen=True, slots=True)
class EdiRule:
    spec: EdiRuleSpec
    applies_to: tuple[type, ...]
    check: Callable[[Any], Iterable[Hit]]


def registrar(
    registry: list[EdiRule],
) -> Callable[..., Callable[[Callable[[M], Iterable[Hit]]], Callable[[M], Iterable[Hit]]]]:
    """An @rule decorator that appends to the given module's registry."""

    def rule(
        code: str,
        *,
        applies_to: tuple[type[M], ...],
        source: str,
        variants: Mapping[str, Severity],
    ) -> Callable[[Callable[[M], Iterable[Hit]]], Callable[[M], Iterable[Hit]]]:
        spec = EdiRuleSpec(code, source, dict(variants))

        def decorate(check: Callable[[M], Iterable[Hit]]) -> Callable[[M], Iterable[Hit]]:
            registry.append(EdiRule(spec, applies_to, check))
            return check

        return decorate

    return rule


def blank(text: str) -> bool:
    return not text.strip()
