from __future__ import annotations

from bolvaerk.domain.enums import Colour, Consequence, Likelihood
from bolvaerk.domain.grid import build_grid
from bolvaerk.domain.threats import Threat
from tests.domain.builders import assessment, form, item, ts_like_model

THREATS = (Threat(id="t1", name="Uautoriseret adgang"), Threat(id="t2", name="Sabotage"))


def test_rows_are_the_sv_items_and_columns_the_threats() -> None:
    a = assessment((item("a"), item("b", sv=False)), THREATS, ())
    grid = build_grid(a, ts_like_model())
    assert [row.id for row in grid.rows] == ["a"]
    assert [column.id for column in grid.columns] == ["t1", "t2"]
    assert grid.cross_count == 0


def test_each_form_is_one_cross_with_its_colour_and_residual() -> None:
    f = form(
        "f1",
        1,
        "a",
        "t1",
        consequence=Consequence.SERIOUS,
        likelihood=Likelihood.III,
        residual_likelihood=Likelihood.II,
    )
    grid = build_grid(assessment((item("a"),), THREATS, (f,)), ts_like_model())
    cell = grid.cell("a", "t1")
    assert cell is not None
    assert cell.rating is not None
    assert cell.residual is not None
    assert (cell.rating.colour, cell.residual.colour) == (Colour.YELLOW, Colour.GREEN)
    assert grid.cell("a", "t2") is None


def test_forms_outside_the_grid_or_duplicated_are_left_out() -> None:
    forms = (
        form("f1", 1, "a", "t1"),
        form("f2", 2, "a", "t1"),  # the same cross twice
        form("f3", 3, "b", "t1"),  # b is not S+V
        form("f4", 4, "a", "nope"),  # unknown threat
    )
    grid = build_grid(assessment((item("a"), item("b", sv=False)), THREATS, forms), None)
    assert grid.cross_count == 1
    cell = grid.cell("a", "t1")
    assert cell is not None
    assert cell.form.id == "f1"
    assert cell.rating is None  # no model: no colours
