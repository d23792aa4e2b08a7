"""Edits made in the spreadsheet risk register, checked and applied to the assessment.

The register (one row per 7.2 form) is read back as text, cell by cell, with each cell's
column letter (`SheetRow`). `plan_register_import` turns the rows into `RegisterEdit`s, one per
form whose editable values differ from the assessment, and into `RegisterProblem`s for every
value that cannot be applied. `apply_register_edits` applies the edits.

Rules of the import:
- Only the editable columns are read: consequence, likelihood, existing measures, proposed
  measures at levels 1, 2 and 3, residual consequence and likelihood. The other columns (number,
  vulnerability, threat, colours) are derived from the assessment and are ignored.
- A form missing from the sheet is NOT deleted: only edits apply. Its id is listed in
  `RegisterPlan.absent` so the user can see it was left alone.
- A measure cell holds one measure per line. Editing a cell replaces that list; a measure whose
  text is unchanged keeps its catalogue id and type.
- A form that changes is no longer marked `needs_reassessment`: someone has looked at it.
- Every problem is reported (row, column letter, code, params), not only the first; the caller
  applies nothing when there is any problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Consequence, Likelihood
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.lifecycle import EDITABLE
from bolvaerk.domain.risk_forms import Measure, ProposedMeasures, RiskForm


class RegisterField(StrEnum):
    """The editable columns of the register; the value is the RiskForm field it sets."""

    CONSEQUENCE = "consequence"
    LIKELIHOOD = "likelihood"
    EXISTING = "existing"
    LEVEL_1 = "level_1"
    LEVEL_2 = "level_2"
    LEVEL_3 = "level_3"
    RESIDUAL_CONSEQUENCE = "residual_consequence"
    RESIDUAL_LIKELIHOOD = "residual_likelihood"


@dataclass(frozen=True, slots=True)
class SheetCell:
    column: str  # column letter, e.g. "F"
    text: str  # the cell's value as text; "" when empty


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One non-empty row of the register sheet, as the spreadsheet reader found it."""

    row: int  # 1-based row number in the sheet
    form_id: SheetCell
    cells: Mapping[RegisterField, SheetCell]  # a missing field is an empty cell

    def text(self, name: RegisterField) -> str:
        cell = self.cells.get(name)
        return cell.text if cell is not None else ""

    def column(self, name: RegisterField) -> str:
        cell = self.cells.get(name)
        return cell.column if cell is not None else self.form_id.column


@dataclass(frozen=True, slots=True)
class RegisterProblem:
    row: int | None  # None for a problem of the whole sheet or assessment
    column: str  # column letter; "" when the problem has no cell
    code: str
    params: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class RegisterEdit:
    """The editable values of one form as the sheet gives them."""

    form_id: str
    row: int
    consequence: Consequence | None
    likelihood: Likelihood | None
    existing: tuple[str, ...]
    level_1: tuple[str, ...]
    level_2: tuple[str, ...]
    level_3: tuple[str, ...]
    residual_consequence: Consequence | None
    residual_likelihood: Likelihood | None


@dataclass(frozen=True, slots=True)
class RegisterPlan:
    edits: tuple[RegisterEdit, ...]  # one per form that changes
    problems: tuple[RegisterProblem, ...]  # apply nothing when there is any
    absent: tuple[str, ...]  # ids of forms not in the sheet (left unchanged)


def measure_lines(text: str) -> tuple[str, ...]:
    """The measures of a cell: one per line, blank lines and surrounding spaces dropped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def parse_consequence(text: str) -> Consequence | None:
    """A consequence 1-5 from cell text; None for an empty cell; ValueError otherwise."""
    value = text.strip()
    if not value:
        return None
    if value not in {str(int(c)) for c in Consequence}:
        raise ValueError(value)
    return Consequence(int(value))


def parse_likelihood(text: str) -> Likelihood | None:
    """A likelihood I-V from cell text (any case); None for an empty cell; ValueError otherwise."""
    value = text.strip().upper()
    if not value:
        return None
    return Likelihood(value)


_PARSERS: dict[RegisterField, tuple[Callable[[str], object], str]] = {
    RegisterField.CONSEQUENCE: (parse_consequence, "REGISTER-BAD-CONSEQUENCE"),
    RegisterField.LIKELIHOOD: (parse_likelihood, "REGISTER-BAD-LIKELIHOOD"),
    RegisterField.RESIDUAL_CONSEQUENCE: (parse_consequence, "REGISTER-BAD-CONSEQUENCE"),
    RegisterField.RESIDUAL_LIKELIHOOD: (parse_likelihood, "REGISTER-BAD-LIKELIHOOD"),
}


def _rating_problem(row: SheetRow, name: RegisterField) -> RegisterProblem | None:
    parse, code = _PARSERS[name]
    try:
        parse(row.text(name))
    except ValueError:
        params = {"value": row.text(name).strip(), "form": row_id(row)}
        return RegisterProblem(row.row, row.column(name), code, params)
    return None


def row_id(row: SheetRow) -> str:
    return row.form_id.text.strip()


def _row_problems(
    row: SheetRow, known: set[str], first_rows: dict[str, int]
) -> list[RegisterProblem]:
    form_id = row_id(row)
    where = (row.row, row.form_id.column)
    if not form_id:
        return [RegisterProblem(*where, "REGISTER-NO-FORM-ID")]
    if form_id not in known:
        return [RegisterProblem(*where, "REGISTER-UNKNOWN-FORM", {"form": form_id})]
    if form_id in first_rows:
        params = {"form": form_id, "first_row": first_rows[form_id]}
        return [RegisterProblem(*where, "REGISTER-DUPLICATE-FORM", params)]
    first_rows[form_id] = row.row
    found = (_rating_problem(row, name) for name in _PARSERS)
    return [problem for problem in found if problem is not None]


def check_register_rows(
    assessment: Assessment, rows: tuple[SheetRow, ...]
) -> tuple[RegisterProblem, ...]:
    """Every value of the rows that cannot be applied to the assessment."""
    problems: list[RegisterProblem] = []
    if assessment.meta.state not in EDITABLE:
        params = {"state": assessment.meta.state.value}
        problems.append(RegisterProblem(None, "", "REGISTER-NOT-EDITABLE", params))
    known = {form.id for form in assessment.sections.risk.forms}
    first_rows: dict[str, int] = {}
    for row in rows:
        problems.extend(_row_problems(row, known, first_rows))
    return tuple(problems)


def edit_of(row: SheetRow) -> RegisterEdit:
    """The values of a row that check_register_rows found valid."""
    return RegisterEdit(
        form_id=row_id(row),
        row=row.row,
        consequence=parse_consequence(row.text(RegisterField.CONSEQUENCE)),
        likelihood=parse_likelihood(row.text(RegisterField.LIKELIHOOD)),
        existing=measure_lines(row.text(RegisterField.EXISTING)),
        level_1=measure_lines(row.text(RegisterField.LEVEL_1)),
        level_2=measure_lines(row.text(RegisterField.LEVEL_2)),
        level_3=measure_lines(row.text(RegisterField.LEVEL_3)),
        residual_consequence=parse_consequence(row.text(RegisterField.RESIDUAL_CONSEQUENCE)),
        residual_likelihood=parse_likelihood(row.text(RegisterField.RESIDUAL_LIKELIHOOD)),
    )


def _measures(old: tuple[Measure, ...], texts: tuple[str, ...]) -> tuple[Measure, ...]:
    """The new list of measures: unchanged when the lines are the same; else one measure per
    line, reusing an old measure (catalogue id, type) whose text is the same."""
    if measure_lines("\n".join(m.text for m in old)) == texts:
        return old
    unused = list(old)
    result: list[Measure] = []
    for text in texts:
        same = next((m for m in unused if m.text.strip() == text), None)
        if same is None:
            result.append(Measure(text=text))
        else:
            unused.remove(same)
            result.append(same)
    return tuple(result)


def edited_form(form: RiskForm, edit: RegisterEdit) -> RiskForm:
    """The form with the edit's values (needs_reassessment untouched)."""
    proposed = ProposedMeasures(
        level_1=_measures(form.proposed.level_1, edit.level_1),
        level_2=_measures(form.proposed.level_2, edit.level_2),
        level_3=_measures(form.proposed.level_3, edit.level_3),
    )
    return replace(
        form,
        consequence=edit.consequence,
        likelihood=edit.likelihood,
        existing_measures=_measures(form.existing_measures, edit.existing),
        proposed=proposed,
        residual_consequence=edit.residual_consequence,
        residual_likelihood=edit.residual_likelihood,
    )


def plan_register_import(assessment: Assessment, rows: tuple[SheetRow, ...]) -> RegisterPlan:
    """The edits the rows make (only forms whose values change), or the problems that stop
    the import. Forms not in the sheet are listed as absent, never deleted."""
    problems = check_register_rows(assessment, rows)
    forms = {form.id: form for form in assessment.sections.risk.forms}
    in_sheet = {row_id(row) for row in rows}
    absent = tuple(form.id for form in assessment.sections.risk.forms if form.id not in in_sheet)
    if problems:
        return RegisterPlan(edits=(), problems=problems, absent=absent)
    edits = tuple(
        edit
        for edit in (edit_of(row) for row in rows)
        if edited_form(forms[edit.form_id], edit) != forms[edit.form_id]
    )
    return RegisterPlan(edits=edits, problems=(), absent=absent)


def apply_register_edits(assessment: Assessment, edits: tuple[RegisterEdit, ...]) -> Assessment:
    """The assessment with the edits applied; a changed form no longer needs reassessment.
    InvalidValue for an edit of a form the assessment does not have (check the rows first)."""
    by_id = {edit.form_id: edit for edit in edits}
    known = {form.id for form in assessment.sections.risk.forms}
    for edit in edits:
        if edit.form_id not in known:
            raise InvalidValue(
                "REGISTER-UNKNOWN-FORM", f"sections.7.forms[{edit.form_id}]", {"form": edit.form_id}
            )
    forms: list[RiskForm] = []
    for form in assessment.sections.risk.forms:
        found = by_id.get(form.id)
        new = form if found is None else edited_form(form, found)
        forms.append(new if new == form else replace(new, needs_reassessment=False))
    risk = replace(assessment.sections.risk, forms=tuple(forms))
    return replace(assessment, sections=replace(assessment.sections, risk=risk))
