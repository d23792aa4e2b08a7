"""The rule engine: a rule is a pure function from an assessment to hits, plus its metadata.

Rules:
1. One module per template section registers its rules with @rule in its own RULES list.
2. A rule yields Hit(path, variant, params); the engine adds the code and the severity of the
   variant. Every variant a rule may yield is declared with its severity, so the message
   catalogue can be checked for completeness.
3. Rules read everything they need from the assessment and the RuleContext; no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AssessmentKind, Provenance, Severity
from bolvaerk.domain.risk import RiskModel
from bolvaerk.domain.threats import CatalogueThreat

BOTH_KINDS = frozenset({AssessmentKind.PFSA, AssessmentKind.PSA})


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules need besides the assessment, resolved from content by the caller."""

    risk_model: RiskModel | None  # None when the assessment's model is unknown (R-7-11)
    catalogue_threats: tuple[CatalogueThreat, ...] = ()  # pre-printed threats (R-6-01)
    map_checklist: tuple[str, ...] = ()  # map elements to confirm (R-2-02)
    # The annex and logo files found beside the assessment file; None when not looked for
    # (an assessment from the database or memory). R-2-01 and R-FP-11 check against it.
    files_present: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    variant: str = "main"
    params: Mapping[str, object] = field(default_factory=dict)


Check = Callable[[Assessment, RuleContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str  # the rule id of pfsa-domain.md §3 / §7, e.g. R-7-08
    section: str  # template section the rule belongs to, e.g. "7.2"
    source: str  # where the rule comes from, e.g. "SEED L790-L792"
    variants: Mapping[str, Severity]  # message variant -> severity
    kinds: frozenset[AssessmentKind] = BOTH_KINDS
    provenance: Provenance = Provenance.SOURCED

    @property
    def severity(self) -> Severity:
        """The rule's headline severity: that of its main variant (or its first)."""
        if "main" in self.variants:
            return self.variants["main"]
        return next(iter(self.variants.values()))


@dataclass(frozen=True, slots=True)
class Rule:
    spec: RuleSpec
    check: Check


def registrar(
    registry: list[Rule],
) -> Callable[..., Callable[[Check], Check]]:
    """A @rule decorator that appends to the given module's registry."""

    def rule(
        code: str,
        *,
        section: str,
        source: str,
        variants: Mapping[str, Severity],
        kinds: frozenset[AssessmentKind] = BOTH_KINDS,
        provenance: Provenance = Provenance.SOURCED,
    ) -> Callable[[Check], Check]:
        spec = RuleSpec(code, section, source, dict(variants), kinds, provenance)

        def decorate(check: Check) -> Check:
            registry.append(Rule(spec, check))
            return check

        return decorate

    return rule


def blank(text: str) -> bool:
    return not text.strip()


def present(file: str, context: RuleContext) -> bool:
    """Whether a named file is there, as far as the caller looked (unknown counts as there)."""
    return context.files_present is None or file.strip() in context.files_present
