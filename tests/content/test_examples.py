"""The shipped example files: clean, complete, and the worked example of the guide as form 1."""

from __future__ import annotations

from collections import Counter

import pytest

from bolvaerk.adapters.file import load_assessment
from bolvaerk.domain.enums import AssessmentKind, Colour, Severity
from bolvaerk.domain.grid import build_grid
from bolvaerk.services.assessments import example_path
from bolvaerk.services.context import rule_context
from bolvaerk.services.validation import check_assessment


@pytest.mark.parametrize("kind", [AssessmentKind.PFSA, AssessmentKind.PSA])
def test_the_examples_have_no_errors_and_no_warnings(kind: AssessmentKind) -> None:
    report = check_assessment(load_assessment(example_path(kind)))
    assert report.problems == ()
    assert [(f.code, f.path) for f in report.findings if f.severity is not Severity.INFO] == []


def test_the_pfsa_example_is_a_complete_ferry_terminal() -> None:
    a = load_assessment(example_path(AssessmentKind.PFSA))
    items = a.sections.assets.items
    sv = [i for i in items if i.in_grid]
    assert 12 <= len(sv) <= 20
    assert any(i.port_office and i.in_grid for i in items)
    cyber_items = [i for i in items if i.category.value == "5.5"]
    assert cyber_items
    assert all(i.cyber is not None and i.cyber.is_filled for i in cyber_items)
    risk_classes = Counter(
        c.risk_class.value for c in a.sections.description.companies if c.risk_class
    )
    assert risk_classes["column_2"] >= 1
    assert any(c.electricity_class.value == "class_1" for c in a.sections.description.companies)
    grid = build_grid(a, rule_context(a).risk_model)
    assert grid.cross_count == len(a.sections.risk.forms)
    assert [row.id for row in grid.rows] == [i.id for i in sv]
    assert all(any(grid.cell(i.id, t.id) for t in grid.columns) for i in sv)


def test_form_1_is_the_worked_example_of_the_guide() -> None:
    a = load_assessment(example_path(AssessmentKind.PFSA))
    form = a.sections.risk.forms[0]
    item = a.sections.assets.by_id()[form.item]
    threat = a.sections.threats.by_id()[form.threat]
    assert (form.number, item.name) == (1, "Opmarch område til løstrailere")
    assert threat.name == "Uautoriseret adgang med henblik på smugling af personer eller våben"
    cell = build_grid(a, rule_context(a).risk_model).cell(form.item, form.threat)
    assert cell is not None
    assert cell.rating is not None
    assert cell.residual is not None
    assert (int(cell.rating.consequence), cell.rating.likelihood.value) == (3, "III")
    assert (cell.rating.colour, cell.rating.acceptable) == (Colour.YELLOW, False)
    assert (cell.residual.likelihood.value, cell.residual.colour) == ("II", Colour.GREEN)
    assert form.proposed.level_1
    assert form.proposed.level_2
    assert form.proposed.level_3


def test_the_defects_example_shows_its_defects() -> None:
    report = check_assessment(load_assessment(example_path(AssessmentKind.PFSA, defects=True)))
    codes = {f.code for f in report.findings if f.severity is Severity.ERROR}
    assert {"R-7-08", "R-5-10", "R-1-03", "R-FP-07", "R-FP-02", "R-2-04"} <= codes
