"""Reference data for users: the rule catalogue, the risk matrix, the JSON Schemas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bolvaerk.adapters.file import assessment_schema
from bolvaerk.content.catalogues import (
    RiskModelLabels,
    list_risk_models,
    load_risk_model,
    load_threat_catalogue,
    risk_model_labels,
)
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AssessmentKind, Consequence, Likelihood, Provenance
from bolvaerk.domain.risk import Rating, RiskModel, rate
from bolvaerk.domain.rules import ALL_RULES
from bolvaerk.services.context import model_dirs
from bolvaerk.services.messages import rule_title


@dataclass(frozen=True, slots=True)
class RuleRow:
    code: str
    severity: str
    section: str
    source: str
    kinds: str
    provenance: str
    title: str


def list_rules(lang: str) -> list[RuleRow]:
    rows = [
        RuleRow(
            code=rule.spec.code,
            severity=rule.spec.severity.value,
            section=rule.spec.section,
            source=rule.spec.source,
            kinds=",".join(sorted(kind.value for kind in rule.spec.kinds)),
            provenance=rule.spec.provenance.value,
            title=rule_title(rule.spec.code, lang),
        )
        for rule in ALL_RULES
    ]
    return sorted(rows, key=lambda row: _code_order(row.code))


def _code_order(code: str) -> tuple[object, ...]:
    """R-FP-.. first, then sections 1..8 in number order, then R-X, then R-PSA."""
    _, group, number = code.split("-", 2)
    rank = {"FP": 0, "X": 100, "PSA": 200, "REN": 300}.get(group)
    return (rank if rank is not None else int(group), number)


class UnknownModel(Exception):  # noqa: N818 - reads as the condition
    def __init__(self, ref: str, known: list[str]) -> None:
        super().__init__(ref)
        self.ref = ref
        self.known = known


def risk_model(ref: str, home: Path | None = None) -> RiskModel:
    try:
        return load_risk_model(ref, model_dirs(home))
    except ContentError:
        raise UnknownModel(ref, list_risk_models(model_dirs(home))) from None


def rate_cell(
    consequence: Consequence, likelihood: Likelihood, ref: str, home: Path | None = None
) -> tuple[Rating, RiskModel]:
    model = risk_model(ref, home)
    return rate(model, consequence, likelihood), model


def model_labels(ref: str, lang: str, home: Path | None = None) -> RiskModelLabels:
    return risk_model_labels(ref, lang, model_dirs(home))


@dataclass(frozen=True, slots=True)
class ContentNote:
    """A reminder that content an assessment uses is our reading, not the authority's."""

    key: str  # cli text key
    params: dict[str, object]


def content_notes(assessment: Assessment, home: Path | None = None) -> list[ContentNote]:
    notes: list[ContentNote] = []
    try:
        model = load_risk_model(assessment.meta.risk_model, model_dirs(home))
    except ContentError:
        model = None  # R-7-11 reports it
    if model is not None:
        proposal = sum(
            1 for cell in model.cells.values() if cell.provenance is not Provenance.SOURCED
        )
        if proposal:
            notes.append(ContentNote("model_note", {"model": model.ref, "proposal": proposal}))
    try:
        catalogue = load_threat_catalogue(assessment.meta.threat_catalogue)
    except ContentError:
        catalogue = None
    if catalogue is not None and catalogue.provenance is not Provenance.SOURCED:
        notes.append(ContentNote("threats_note", {"catalogue": catalogue.ref}))
    return notes


def schema(kind: AssessmentKind) -> dict[str, Any]:
    return assessment_schema(kind)


def provenance_note_key(provenance: Provenance) -> str:
    return {
        Provenance.SOURCED: "cell_sourced",
        Provenance.PROPOSAL: "cell_proposal",
        Provenance.INFERRED: "cell_inferred",
    }[provenance]
