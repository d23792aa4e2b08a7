"""Section 8 Resume. Skema 8.2 is generated from section 7 (the level-1 measures of every form
with proposals); the user may edit a row's text, and the edit is kept by form id."""

from __future__ import annotations

from dataclasses import dataclass

from bolvaerk.domain.assets import Assets
from bolvaerk.domain.risk_forms import RiskAssessments
from bolvaerk.domain.threats import Threats


@dataclass(frozen=True, slots=True)
class SummaryEdit:
    form: str  # id of the 7.2 form whose 8.2 row is edited
    vulnerability: str = ""  # replaces the generated vulnerability text when not empty
    measures: str = ""  # replaces the generated measures text when not empty


@dataclass(frozen=True, slots=True)
class Summary:
    text: str = ""  # introduction: conclusions, e.g. the ON/OFF, § 9 or ESA justification
    status_justification: str = ""  # R-FP-08 / R-8-03
    method_text: str = ""  # 8.1 Hvordan blev sårbarhedsvurderingen udført?
    edits: tuple[SummaryEdit, ...] = ()  # edits of generated 8.2 rows


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One row of skema 8.2."""

    form: str
    number: int
    vulnerability: str
    threat: str
    measures: str
    edited: bool


def generate_summary(
    assets: Assets, threats: Threats, risk: RiskAssessments, summary: Summary
) -> tuple[SummaryRow, ...]:
    """8.2 rows: every form with proposed measures, listing its security level 1 measures."""
    items = assets.by_id()
    threat_names = {threat.id: threat.name for threat in threats.threats}
    edits = {edit.form: edit for edit in summary.edits}
    rows: list[SummaryRow] = []
    for form in sorted(risk.forms, key=lambda f: f.number):
        if form.proposed.is_empty:
            continue
        item = items.get(form.item)
        vulnerability = item.name if item is not None else form.item
        measures = "; ".join(m.text for m in form.proposed.level_1 if m.text.strip())
        edit = edits.get(form.id)
        if edit is not None:
            vulnerability = edit.vulnerability or vulnerability
            measures = edit.measures or measures
        rows.append(
            SummaryRow(
                form=form.id,
                number=form.number,
                vulnerability=vulnerability,
                threat=threat_names.get(form.threat, form.threat),
                measures=measures,
                edited=edit is not None,
            )
        )
    return tuple(rows)
