"""Small builders of domain values for pure domain tests (no files, no content)."""

from __future__ import annotations

from bolvaerk.domain.assessment import Assessment, Sections
from bolvaerk.domain.assets import AssetItem, Assets
from bolvaerk.domain.enums import (
    AssetCategory,
    Colour,
    Consequence,
    Likelihood,
    Provenance,
)
from bolvaerk.domain.risk import ALL_CELLS, MatrixCell, RiskModel
from bolvaerk.domain.risk_forms import Measure, ProposedMeasures, RiskAssessments, RiskForm
from bolvaerk.domain.threats import Threat, Threats

_BANDS = ((2, Colour.GREY), (6, Colour.GREEN), (10, Colour.YELLOW), (16, Colour.ORANGE))


def score_colour(consequence: Consequence, likelihood: Likelihood) -> Colour:
    score = int(consequence) * likelihood.rank
    for limit, colour in _BANDS:
        if score <= limit:
            return colour
    return Colour.RED


def ts_like_model() -> RiskModel:
    """The PROPOSAL matrix of pfsa-domain.md §4.2, built in code for pure tests."""
    sourced = {(Consequence.SERIOUS, Likelihood.III), (Consequence.SERIOUS, Likelihood.II)}
    cells = {
        cell: MatrixCell(
            score_colour(*cell), Provenance.SOURCED if cell in sourced else Provenance.PROPOSAL
        )
        for cell in ALL_CELLS
    }
    return RiskModel("test", "1", cells, frozenset({Colour.GREEN, Colour.GREY}), is_default=True)


def item(item_id: str, *, sv: bool = True, name: str = "") -> AssetItem:
    return AssetItem(
        id=item_id,
        category=AssetCategory.BUILDINGS,
        name=name or item_id,
        vulnerable=True,
        significant=sv,
    )


def form(form_id: str, number: int, item_id: str, threat_id: str, **fields: object) -> RiskForm:
    return RiskForm(id=form_id, number=number, item=item_id, threat=threat_id, **fields)  # type: ignore[arg-type]


def assessment(
    items: tuple[AssetItem, ...], threats: tuple[Threat, ...], forms: tuple[RiskForm, ...]
) -> Assessment:
    return Assessment(
        id="a-1",
        sections=Sections(
            assets=Assets(items=items),
            threats=Threats(threats=threats),
            risk=RiskAssessments(forms=forms),
        ),
    )


def measures(*texts: str) -> tuple[Measure, ...]:
    return tuple(Measure(text=t) for t in texts)


def proposals(
    level_1: tuple[str, ...] = (), level_2: tuple[str, ...] = (), level_3: tuple[str, ...] = ()
) -> ProposedMeasures:
    return ProposedMeasures(measures(*level_1), measures(*level_2), measures(*level_3))
