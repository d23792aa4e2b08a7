"""Risk matrices as document blocks: the 5x5 of one risk form, and the heat maps."""

from __future__ import annotations

from bolvaerk.domain.document.model import MatrixView
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import Consequence, Likelihood, Provenance
from bolvaerk.domain.grid import Grid
from bolvaerk.domain.risk import Cell as RiskCell
from bolvaerk.domain.risk import Rating, RiskModel, count_by_cell


def matrix_view(
    key: str,
    caption: str,
    model: RiskModel,
    t: Texts,
    *,
    rated: Rating | None = None,
    residual: Rating | None = None,
    counts: dict[RiskCell, int] | None = None,
    legend: str = "",
) -> MatrixView:
    likelihoods = tuple(Likelihood)
    consequences = tuple(Consequence)
    return MatrixView(
        key=key,
        caption=caption,
        consequence_title=t("scale.consequence_title"),
        likelihood_title=t("scale.likelihood_title"),
        consequence_labels=tuple(f"{int(c)} {t.consequence(c)}" for c in consequences),
        likelihood_labels=tuple(f"{lk.value} {t.likelihood(lk)}" for lk in likelihoods),
        colours=tuple(
            tuple(model.cells[(c, lk)].colour for c in consequences) for lk in likelihoods
        ),
        proposal=tuple(
            tuple(model.cells[(c, lk)].provenance is not Provenance.SOURCED for c in consequences)
            for lk in likelihoods
        ),
        rated=None if rated is None else (rated.consequence, rated.likelihood),
        residual=None if residual is None else (residual.consequence, residual.likelihood),
        counts=None
        if counts is None
        else tuple(tuple(counts[(c, lk)] for c in consequences) for lk in likelihoods),
        legend=legend,
    )


def heat_maps(grid: Grid, model: RiskModel, t: Texts) -> tuple[MatrixView, ...]:
    """Two heat maps: the number of risks per cell before and after the proposed measures."""
    before = [cell.rating for cell in grid.cells.values() if cell.rating is not None]
    after = [cell.residual for cell in grid.cells.values() if cell.residual is not None]
    legend = t("heatmap.legend")
    return (
        matrix_view(
            "heatmap-before",
            t("heatmap.before"),
            model,
            t,
            counts=count_by_cell(before),
            legend=legend,
        ),
        matrix_view(
            "heatmap-after",
            t("heatmap.after"),
            model,
            t,
            counts=count_by_cell(after),
            legend=legend,
        ),
    )
