from __future__ import annotations

from dataclasses import replace

import pytest

from bolvaerk.domain.assessment import Assessment, Meta
from bolvaerk.domain.enums import Consequence, LifecycleState, Likelihood, MeasureType
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.register_edits import (
    RegisterEdit,
    RegisterField,
    SheetCell,
    SheetRow,
    apply_register_edits,
    measure_lines,
    parse_consequence,
    parse_likelihood,
    plan_register_import,
)
from bolvaerk.domain.risk_forms import Measure, ProposedMeasures, RiskForm
from bolvaerk.domain.threats import Threat
from tests.domain.builders import assessment, form, item, measures, proposals

F = RegisterField
# the columns of the rendered register (A = number, B = form id, ...)
COLUMNS = {
    F.CONSEQUENCE: "E",
    F.LIKELIHOOD: "F",
    F.EXISTING: "H",
    F.LEVEL_1: "I",
    F.LEVEL_2: "J",
    F.LEVEL_3: "K",
    F.RESIDUAL_CONSEQUENCE: "L",
    F.RESIDUAL_LIKELIHOOD: "M",
}
GATE = Measure(
    "Port med adgangskontrol", catalogue="gate_access_control", type=MeasureType.PHYSICAL
)
PATROL = Measure("Patruljering hver fjerde time", catalogue="patrol_4h")


def _base(**changes: object) -> Assessment:
    first = form(
        "form-001",
        1,
        "kaj",
        "adgang",
        consequence=Consequence.SERIOUS,
        likelihood=Likelihood.III,
        existing_measures=measures("Hegn", "Lys"),
        proposed=ProposedMeasures(level_1=(GATE,), level_2=(PATROL,)),
        residual_consequence=Consequence.SERIOUS,
        residual_likelihood=Likelihood.II,
    )
    second = form("form-002", 2, "kontor", "adgang", consequence=Consequence.MODERATE)
    return assessment(
        (item("kaj"), item("kontor")),
        (Threat(id="adgang", name="Uautoriseret adgang"),),
        (replace(first, **changes), second),  # type: ignore[arg-type]
    )


def _row(form_: RiskForm, row: int, **texts: str) -> SheetRow:
    """The row the renderer writes for a form, with some cells' text replaced."""
    values = {
        F.CONSEQUENCE: str(int(form_.consequence)) if form_.consequence else "",
        F.LIKELIHOOD: form_.likelihood.value if form_.likelihood else "",
        F.EXISTING: "\n".join(m.text for m in form_.existing_measures),
        F.LEVEL_1: "\n".join(m.text for m in form_.proposed.level_1),
        F.LEVEL_2: "\n".join(m.text for m in form_.proposed.level_2),
        F.LEVEL_3: "\n".join(m.text for m in form_.proposed.level_3),
        F.RESIDUAL_CONSEQUENCE: (
            str(int(form_.residual_consequence)) if form_.residual_consequence else ""
        ),
        F.RESIDUAL_LIKELIHOOD: form_.residual_likelihood.value if form_.residual_likelihood else "",
    }
    values.update({F(name): text for name, text in texts.items()})
    cells = {name: SheetCell(COLUMNS[name], text) for name, text in values.items()}
    return SheetRow(row=row, form_id=SheetCell("B", form_.id), cells=cells)


def _rows(old: Assessment, **first_row_texts: str) -> tuple[SheetRow, ...]:
    first, second = old.sections.risk.forms
    return (_row(first, 2, **first_row_texts), _row(second, 3))


def _form(result: Assessment, form_id: str) -> RiskForm:
    return next(f for f in result.sections.risk.forms if f.id == form_id)


def test_measure_lines_are_one_per_line_without_blanks_or_spaces() -> None:
    assert measure_lines("  Hegn \r\n\n Lys\n  ") == ("Hegn", "Lys")
    assert measure_lines("") == ()


def test_ratings_parse_from_cell_text() -> None:
    assert parse_consequence(" 3 ") is Consequence.SERIOUS
    assert parse_consequence("") is None
    assert parse_likelihood(" iii") is Likelihood.III
    assert parse_likelihood("  ") is None
    for bad in ("0", "6", "3.5", "tre"):
        with pytest.raises(ValueError, match=bad):
            parse_consequence(bad)
    with pytest.raises(ValueError, match="VI"):
        parse_likelihood("VI")


def test_an_unchanged_sheet_makes_no_edits() -> None:
    old = _base()
    plan = plan_register_import(old, _rows(old))
    assert (plan.edits, plan.problems, plan.absent) == ((), (), ())


def test_a_changed_likelihood_changes_that_form_only() -> None:
    old = _base(needs_reassessment=True)
    plan = plan_register_import(old, _rows(old, likelihood="ii"))
    (edit,) = plan.edits
    assert (edit.form_id, edit.row, edit.likelihood) == ("form-001", 2, Likelihood.II)
    new = apply_register_edits(old, plan.edits)
    assert _form(new, "form-001") == replace(
        _form(old, "form-001"), likelihood=Likelihood.II, needs_reassessment=False
    )
    assert _form(new, "form-002") == _form(old, "form-002")


def test_an_edited_measure_list_keeps_the_catalogue_id_of_unchanged_measures() -> None:
    old = _base(proposed=ProposedMeasures(level_2=(PATROL, GATE)))
    text = f"{GATE.text}\nVagt ved porten om natten\n"
    new = apply_register_edits(old, plan_register_import(old, _rows(old, level_2=text)).edits)
    assert _form(new, "form-001").proposed.level_2 == (GATE, Measure("Vagt ved porten om natten"))


def test_measures_with_the_same_text_are_each_reused_once() -> None:
    old = _base(existing_measures=(Measure("Hegn", catalogue="a"), Measure("Hegn", catalogue="b")))
    rows = _rows(old, existing="Hegn\nHegn\nHegn\nLys")
    new = apply_register_edits(old, plan_register_import(old, rows).edits)
    assert _form(new, "form-001").existing_measures == (
        Measure("Hegn", catalogue="a"),
        Measure("Hegn", catalogue="b"),
        Measure("Hegn"),
        Measure("Lys"),
    )


def test_a_measure_whose_text_spans_lines_is_not_an_edit() -> None:
    old = _base(proposed=proposals(level_3=("Permanent vagt\nmed hund",)))
    assert plan_register_import(old, _rows(old)).edits == ()


def test_clearing_the_residual_rating_and_a_measure_list_is_an_edit() -> None:
    old = _base()
    rows = _rows(old, residual_consequence="", residual_likelihood=" ", level_1="")
    new = _form(apply_register_edits(old, plan_register_import(old, rows).edits), "form-001")
    assert (new.residual_consequence, new.residual_likelihood) == (None, None)
    assert new.proposed.level_1 == ()
    assert new.proposed.level_2 == (PATROL,)


def test_an_edit_that_changes_nothing_leaves_the_reassessment_mark() -> None:
    old = _base(needs_reassessment=True)
    first = _form(old, "form-001")
    same = RegisterEdit(
        form_id=first.id,
        row=2,
        consequence=first.consequence,
        likelihood=first.likelihood,
        existing=("Hegn", "Lys"),
        level_1=(GATE.text,),
        level_2=(PATROL.text,),
        level_3=(),
        residual_consequence=first.residual_consequence,
        residual_likelihood=first.residual_likelihood,
    )
    assert apply_register_edits(old, (same,)) == old


def test_bad_values_are_all_reported_with_row_and_column() -> None:
    old = _base()
    first, second = old.sections.risk.forms
    rows = (
        _row(first, 2, likelihood="VI", consequence="7", residual_likelihood="x"),
        _row(second, 3, residual_consequence="0"),
        _row(replace(second, id="form-999"), 4),
        _row(first, 5),
        replace(_row(first, 6), form_id=SheetCell("B", "  ")),
    )
    plan = plan_register_import(old, rows)
    assert plan.edits == ()
    found = [(p.row, p.column, p.code, dict(p.params)) for p in plan.problems]
    assert found == [
        (2, "E", "REGISTER-BAD-CONSEQUENCE", {"value": "7", "form": "form-001"}),
        (2, "F", "REGISTER-BAD-LIKELIHOOD", {"value": "VI", "form": "form-001"}),
        (2, "M", "REGISTER-BAD-LIKELIHOOD", {"value": "x", "form": "form-001"}),
        (3, "L", "REGISTER-BAD-CONSEQUENCE", {"value": "0", "form": "form-002"}),
        (4, "B", "REGISTER-UNKNOWN-FORM", {"form": "form-999"}),
        (5, "B", "REGISTER-DUPLICATE-FORM", {"form": "form-001", "first_row": 2}),
        (6, "B", "REGISTER-NO-FORM-ID", {}),
    ]


def test_valid_edits_are_not_planned_when_another_row_has_a_problem() -> None:
    old = _base()
    first, second = old.sections.risk.forms
    plan = plan_register_import(
        old, (_row(first, 2, likelihood="I"), _row(second, 3, likelihood="0"))
    )
    assert plan.edits == ()
    assert [p.code for p in plan.problems] == ["REGISTER-BAD-LIKELIHOOD"]


def test_a_form_missing_from_the_sheet_is_absent_not_deleted() -> None:
    old = _base()
    first, _ = old.sections.risk.forms
    plan = plan_register_import(old, (_row(first, 2, consequence="4"),))
    assert plan.absent == ("form-002",)
    new = apply_register_edits(old, plan.edits)
    assert [f.id for f in new.sections.risk.forms] == ["form-001", "form-002"]
    assert _form(new, "form-001").consequence is Consequence.VERY_SERIOUS


def test_a_submitted_assessment_cannot_be_edited() -> None:
    old = replace(_base(), meta=Meta(state=LifecycleState.SUBMITTED))
    plan = plan_register_import(old, _rows(old, likelihood="I"))
    assert plan.edits == ()
    ((row, column, code, params),) = [(p.row, p.column, p.code, p.params) for p in plan.problems]
    assert (row, column, code, dict(params)) == (
        None,
        "",
        "REGISTER-NOT-EDITABLE",
        {"state": "submitted"},
    )


def test_applying_an_edit_of_an_unknown_form_is_refused() -> None:
    old = _base()
    edit = RegisterEdit("form-999", 2, None, None, (), (), (), (), None, None)
    with pytest.raises(InvalidValue) as raised:
        apply_register_edits(old, (edit,))
    assert raised.value.code == "REGISTER-UNKNOWN-FORM"


def test_a_row_without_a_cell_reads_as_empty_at_the_form_id_column() -> None:
    row = SheetRow(row=7, form_id=SheetCell("B", "form-001"), cells={})
    assert (row.text(F.LEVEL_1), row.column(F.LEVEL_1)) == ("", "B")
    assert row.column(F.CONSEQUENCE) == "B"
    assert replace(row, cells={F.LEVEL_1: SheetCell("I", "Hegn")}).column(F.LEVEL_1) == "I"
