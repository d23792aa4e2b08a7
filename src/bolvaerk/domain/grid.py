"""The asset x threat grid 6.2.1, derived: rows are the S+V items, columns the 6.1 threats,
and each cross is exactly one risk form. Nothing here is stored; it is computed."""

from __future__ import annotations

from dataclasses import dataclass

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.risk import Rating, RiskModel, rate_optional
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.domain.threats import Threat


@dataclass(frozen=True, slots=True)
class GridCell:
    form: RiskForm
    rating: Rating | None  # None until consequence and likelihood are both set
    residual: Rating | None


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[AssetItem, ...]
    columns: tuple[Threat, ...]
    cells: dict[tuple[str, str], GridCell]

    def cell(self, item_id: str, threat_id: str) -> GridCell | None:
        return self.cells.get((item_id, threat_id))

    @property
    def cross_count(self) -> int:
        return len(self.cells)


def build_grid(assessment: Assessment, model: RiskModel | None) -> Grid:
    """The grid of an assessment; forms whose cross lies outside the grid are left out
    (the rules R-6-04, R-7-01 and R-7-04 report them)."""
    rows = assessment.sections.assets.grid_rows()
    columns = assessment.sections.threats.threats
    row_ids = {item.id for item in rows}
    column_ids = {threat.id for threat in columns}
    cells: dict[tuple[str, str], GridCell] = {}
    for form in assessment.sections.risk.forms:
        if form.item not in row_ids or form.threat not in column_ids or form.cross in cells:
            continue
        rating = residual = None
        if model is not None:
            rating = rate_optional(model, form.consequence, form.likelihood)
            residual = rate_optional(
                model,
                form.residual_consequence or form.consequence,
                form.residual_likelihood or form.likelihood,
            )
        cells[form.cross] = GridCell(form=form, rating=rating, residual=residual)
    return Grid(rows=rows, columns=columns, cells=cells)
