from __future__ import annotations

import pytest

from bolvaerk.domain.enums import Colour, Consequence, Likelihood, Provenance
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.risk import (
    ALL_CELLS,
    MatrixCell,
    RiskModel,
    count_by_cell,
    rate,
    rate_optional,
)
from tests.domain.builders import ts_like_model


def test_the_two_sourced_cells_of_the_worked_example() -> None:
    model = ts_like_model()
    yellow = rate(model, Consequence.SERIOUS, Likelihood.III)
    green = rate(model, Consequence.SERIOUS, Likelihood.II)
    assert (yellow.colour, yellow.acceptable, yellow.provenance) == (
        Colour.YELLOW,
        False,
        Provenance.SOURCED,
    )
    assert (green.colour, green.acceptable, green.provenance) == (
        Colour.GREEN,
        True,
        Provenance.SOURCED,
    )


def test_other_cells_are_marked_proposal() -> None:
    assert (
        rate(ts_like_model(), Consequence.CRITICAL, Likelihood.V).provenance is Provenance.PROPOSAL
    )


def test_rate_optional_needs_both_axes() -> None:
    model = ts_like_model()
    assert rate_optional(model, None, Likelihood.I) is None
    assert rate_optional(model, Consequence.LIMITED, None) is None
    rating = rate_optional(model, Consequence.LIMITED, Likelihood.I)
    assert rating is not None
    assert rating.colour is Colour.GREY


def test_a_model_must_fill_every_cell() -> None:
    cells = {cell: MatrixCell(Colour.GREEN, Provenance.PROPOSAL) for cell in ALL_CELLS[1:]}
    with pytest.raises(InvalidValue) as raised:
        RiskModel("half", "1", cells, frozenset({Colour.GREEN}))
    assert raised.value.code == "MODEL-CELL-MISSING"
    assert raised.value.params["consequence"] == 1


def test_a_model_needs_an_acceptable_colour() -> None:
    cells = {cell: MatrixCell(Colour.GREEN, Provenance.PROPOSAL) for cell in ALL_CELLS}
    with pytest.raises(InvalidValue) as raised:
        RiskModel("none", "1", cells, frozenset())
    assert raised.value.code == "MODEL-NO-ACCEPTABLE"


def test_model_ref_names_its_version() -> None:
    assert ts_like_model().ref == "test@1"


def test_counts_by_cell_for_heat_maps() -> None:
    model = ts_like_model()
    ratings = [rate(model, Consequence.SERIOUS, Likelihood.III)] * 2
    counts = count_by_cell(ratings)
    assert counts[(Consequence.SERIOUS, Likelihood.III)] == 2
    assert sum(counts.values()) == 2
    assert len(counts) == 25


def test_likelihood_rank_follows_the_numeral() -> None:
    assert [lk.rank for lk in Likelihood] == [1, 2, 3, 4, 5]
