"""Use case: apply the edits of an XLSX risk register to the assessment file (import-xlsx).

All or nothing: the register is read, compared with the assessment, and every value that
cannot be applied is reported (row, column letter, reason). If there is any problem, nothing
is written. Otherwise the changed forms are applied, the file is saved atomically and the
changes are returned (diff_assessments). Forms missing from the sheet are left unchanged, never
deleted; the result lists them. Only the editable columns are read (ratings and measures).
A LoadError of the assessment file propagates as from every other command.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bolvaerk.adapters.file import load_assessment, save_assessment
from bolvaerk.adapters.xlsx_import import RegisterReadError, read_register
from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.loading import read_yaml, translations
from bolvaerk.domain.diff import Change, diff_assessments
from bolvaerk.domain.register_edits import (
    RegisterProblem,
    apply_register_edits,
    plan_register_import,
)

MESSAGES = CONTENT_DIR / "messages" / "register_import.yaml"


@dataclass(frozen=True, slots=True)
class ImportResult:
    changes: tuple[Change, ...]  # what changed in the assessment file (empty when refused)
    problems: tuple[RegisterProblem, ...]  # why it was refused (empty when applied)
    absent: tuple[str, ...] = ()  # ids of forms not in the sheet, left unchanged

    @property
    def saved(self) -> bool:
        return not self.problems and bool(self.changes)


def _assessment_id(identifier: str) -> str:
    """`pfsa-fjordby` from the workbook identifier `pfsa-fjordby@1` (ids never hold '@')."""
    return identifier.rpartition("@")[0] if "@" in identifier else identifier


def import_register(assessment_path: Path, xlsx_path: Path) -> ImportResult:
    old = load_assessment(assessment_path)
    try:
        sheet = read_register(xlsx_path)
    except RegisterReadError as error:
        return ImportResult(changes=(), problems=error.problems)
    if sheet.identifier and _assessment_id(sheet.identifier) != old.id:
        params = {"workbook": _assessment_id(sheet.identifier), "assessment": old.id}
        problem = RegisterProblem(None, "", "XLSX-OTHER-ASSESSMENT", params)
        return ImportResult(changes=(), problems=(problem,))
    plan = plan_register_import(old, sheet.rows)
    if plan.problems:
        return ImportResult(changes=(), problems=plan.problems, absent=plan.absent)
    new = apply_register_edits(old, plan.edits)
    changes = diff_assessments(old, new)
    if changes:
        save_assessment(new, assessment_path)
    return ImportResult(changes=changes, problems=(), absent=plan.absent)


@cache
def import_texts() -> dict[str, dict[str, str]]:
    """The messages of register_import.yaml: key -> {da, en}."""
    document = read_yaml(MESSAGES)
    return {
        key: translations(text, f"register_import.yaml:{key}") for key, text in document.items()
    }


class _Params(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message(key: str, lang: str, params: Mapping[str, object] | None = None) -> str:
    values = _Params(
        {
            name: ", ".join(str(v) for v in value) if isinstance(value, list | tuple) else value
            for name, value in (params or {}).items()
        }
    )
    return import_texts()[key][lang].format_map(values)


def problem_message(problem: RegisterProblem, lang: str) -> str:
    """`Række 4, kolonne F: »VI« er ikke en sandsynlighed ...`."""
    if problem.row is None:
        where = message("where.sheet", lang)
    elif problem.column:
        where = message("where.cell", lang, {"row": problem.row, "column": problem.column})
    else:
        where = message("where.row", lang, {"row": problem.row})
    return where + message(problem.code, lang, problem.params)
