"""import-xlsx with real edits: render the register, edit it with openpyxl, import it back."""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

import bolvaerk.adapters.xlsx_import
import bolvaerk.domain.register_edits
import bolvaerk.services.register_import
from bolvaerk.adapters.file import load_assessment, save_assessment
from bolvaerk.adapters.render.xlsx_renderer import render_xlsx
from bolvaerk.domain.enums import LifecycleState, Likelihood
from bolvaerk.domain.register_edits import RegisterProblem
from bolvaerk.domain.risk_forms import Measure
from bolvaerk.services.assessments import example_path
from bolvaerk.services.documents import build_document
from bolvaerk.services.register_import import (
    import_register,
    import_texts,
    message,
    problem_message,
)

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "cases" / "bases" / "pfsa-small.yaml"
NEW_PATROL = "Patruljering af havnevagt hver anden time."


def _copy(source: Path, folder: Path, **meta: object) -> Path:
    """The assessment saved in the canonical form bolvaerk writes (so a diff shows only edits)."""
    assessment = load_assessment(source)
    target = folder / source.name
    save_assessment(replace(assessment, meta=replace(assessment.meta, **meta)), target)  # type: ignore[arg-type]
    return target


def _register(assessment_path: Path, edit: Any, lang: str = "da") -> Path:  # openpyxl
    """The rendered register of the assessment, edited in openpyxl like a user in Excel."""
    document, _ = build_document(assessment_path, lang)
    path = assessment_path.with_suffix(".xlsx")
    path.write_bytes(render_xlsx(document, None))
    workbook = openpyxl.load_workbook(path)
    edit(workbook.worksheets[0])
    workbook.save(path)
    return path


def _nothing(sheet: Any) -> None:
    pass


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return _copy(SMALL, tmp_path)


def test_edited_likelihood_and_measure_change_the_file_exactly_there(small: Path) -> None:
    before = small.read_text(encoding="utf-8")

    def edit(sheet: Any) -> None:
        assert (sheet["B3"].value, sheet["F3"].value) == ("form-002", "II")
        sheet["F3"] = "III"
        assert sheet["B2"].value == "form-001"
        sheet["J2"] = NEW_PATROL

    result = import_register(small, _register(small, edit))
    assert (result.problems, result.saved) == ((), True)
    assert {(c.path, c.old, c.new) for c in result.changes} == {
        ("sections.7.forms[form-002].likelihood", "II", "III"),
        (
            "sections.7.forms[form-001].proposed.level_2",
            "Patruljering af havnevagt hver fjerde time.",
            NEW_PATROL,
        ),
    }
    after = small.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-        - text: Patruljering af havnevagt hver fjerde time.",
        "-          catalogue: patrol_4h",
        "-          type: organisational",
        f"+        - text: {NEW_PATROL}",
        "+          catalogue: null",
        "+          type: null",
        "-      likelihood: II",
        "+      likelihood: III",
    ]
    saved = load_assessment(small)
    form_1, form_2 = saved.sections.risk.forms[:2]
    assert form_2.likelihood is Likelihood.III
    assert form_1.proposed.level_2 == (Measure(NEW_PATROL),)
    assert form_1.proposed.level_1 == load_assessment(SMALL).sections.risk.forms[0].proposed.level_1


def test_bad_edits_are_refused_with_row_column_and_reason(small: Path) -> None:
    before = small.read_bytes()

    def edit(sheet: Any) -> None:
        sheet["F2"] = "VI"
        sheet["E3"] = 7
        sheet["B4"] = "form-999"
        sheet["J5"] = "Vagt ved porten"  # a valid edit: not applied either

    result = import_register(small, _register(small, edit))
    assert (result.changes, result.saved) == ((), False)
    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (2, "F", "REGISTER-BAD-LIKELIHOOD"),
        (3, "E", "REGISTER-BAD-CONSEQUENCE"),
        (4, "B", "REGISTER-UNKNOWN-FORM"),
    ]
    assert small.read_bytes() == before
    danish = [problem_message(p, "da") for p in result.problems]
    assert danish[0] == (
        "Række 2, kolonne F: »VI« er ikke en sandsynlighed (form-001); skriv I, II, III, IV "
        "eller V, eller lad feltet stå tomt."
    )
    assert danish[1].startswith("Række 3, kolonne E: »7« er ikke en konsekvens (form-002)")
    english = problem_message(result.problems[2], "en")
    assert english.startswith("Row 4, column B: The id “form-999” does not exist")


def test_an_unchanged_register_changes_nothing_and_writes_nothing(small: Path) -> None:
    register = _register(small, _nothing)
    stamp = small.stat().st_mtime_ns
    result = import_register(small, register)
    assert (result.changes, result.problems, result.absent, result.saved) == ((), (), (), False)
    assert small.stat().st_mtime_ns == stamp


def test_a_deleted_row_leaves_its_form_alone(small: Path) -> None:
    def edit(sheet: Any) -> None:
        assert sheet["B4"].value == "form-003"
        sheet.delete_rows(4)
        sheet["E2"] = 4  # form-001 consequence

    result = import_register(small, _register(small, edit))
    assert result.absent == ("form-003",)
    assert [c.path for c in result.changes] == ["sections.7.forms[form-001].consequence"]
    assert [f.id for f in load_assessment(small).sections.risk.forms] == [
        "form-001",
        "form-002",
        "form-003",
        "form-004",
        "form-005",
    ]
    assert message("IMPORT-ABSENT", "da", {"count": 1, "forms": result.absent}) == (
        "1 risikovurderinger står ikke i regnearket og er uændrede (rækker slettes ikke): form-003."
    )


def test_an_edited_form_no_longer_needs_reassessment(small: Path) -> None:
    assessment = load_assessment(small)
    forms = tuple(replace(f, needs_reassessment=True) for f in assessment.sections.risk.forms)
    risk = replace(assessment.sections.risk, forms=forms)
    save_assessment(replace(assessment, sections=replace(assessment.sections, risk=risk)), small)

    def edit(sheet: Any) -> None:
        sheet["H6"] = "Hegn og kamera.\nBelysning om natten."  # form-005 existing measures

    result = import_register(small, _register(small, edit, lang="en"))
    assert result.saved
    flags = {f.id: f.needs_reassessment for f in load_assessment(small).sections.risk.forms}
    assert flags == {
        "form-001": True,
        "form-002": True,
        "form-003": True,
        "form-004": True,
        "form-005": False,
    }
    existing = load_assessment(small).sections.risk.forms[4].existing_measures
    assert [m.text for m in existing] == ["Hegn og kamera.", "Belysning om natten."]
    assert existing[0].type is not None  # the unchanged measure kept its type


def test_a_register_of_another_assessment_is_refused(small: Path, tmp_path: Path) -> None:
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = _copy(SMALL, other_folder)
    save_assessment(replace(load_assessment(other), id="pfsa-other"), other)
    before = small.read_bytes()
    (problem,) = import_register(small, _register(other, _nothing)).problems
    assert (problem.code, dict(problem.params)) == (
        "XLSX-OTHER-ASSESSMENT",
        {"workbook": "pfsa-other", "assessment": "pfsa-small"},
    )
    assert small.read_bytes() == before
    assert problem_message(problem, "en").startswith("The workbook was made from")


def test_a_workbook_that_is_not_a_register_is_refused(small: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "book.xlsx")
    before = small.read_bytes()
    (problem,) = import_register(small, tmp_path / "book.xlsx").problems
    assert (problem.row, problem.code) == (None, "XLSX-NO-REGISTER-SHEET")
    assert problem_message(problem, "da").startswith(
        "Regnearket har intet ark med navnet Risikoregister / Risk register; det har arkene Sheet."
    )
    assert small.read_bytes() == before


def test_the_approved_example_cannot_be_edited_but_reads_back_unchanged(tmp_path: Path) -> None:
    example = tmp_path / "example.yaml"
    shutil.copyfile(example_path(load_assessment(SMALL).kind), example)
    register = _register(example, lambda sheet: sheet.__setitem__("F2", "I"))
    (problem,) = import_register(example, register).problems
    assert problem.code == "REGISTER-NOT-EDITABLE"
    assert problem_message(problem, "en") == (
        "The assessment has the state “approved” and cannot be changed; reopen it as a draft first."
    )
    (tmp_path / "draft").mkdir()
    draft = _copy(example, tmp_path / "draft", state=LifecycleState.DRAFT)
    result = import_register(draft, _register(draft, _nothing))
    assert (result.changes, result.problems, result.absent) == ((), (), ())


def _codes_in(module: object) -> set[str]:
    source = Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8")
    return set(re.findall(r'"((?:REGISTER|XLSX|IMPORT)-[A-Z-]+)"', source))


def test_every_problem_code_has_a_message_in_both_languages() -> None:
    codes = set().union(
        *(
            _codes_in(module)
            for module in (
                bolvaerk.domain.register_edits,
                bolvaerk.adapters.xlsx_import,
                bolvaerk.services.register_import,
            )
        )
    )
    assert "REGISTER-BAD-LIKELIHOOD" in codes
    assert codes <= set(import_texts())
    for texts in import_texts().values():
        assert set(texts) == {"da", "en"}


def test_problem_messages_name_their_place() -> None:
    row_only = RegisterProblem(7, "", "REGISTER-NO-FORM-ID")
    assert problem_message(row_only, "da").startswith("Række 7: Rækken har intet id.")
    sheet = RegisterProblem(
        1,
        "",
        "XLSX-MISSING-COLUMNS",
        {"sheet": "Risk register", "columns": ["Threat", "Likelihood (I-V)"]},
    )
    assert problem_message(sheet, "en") == (
        "Row 1: The sheet “Risk register” lacks the columns Threat, Likelihood (I-V) in its "
        "first row; the column titles must not be changed."
    )
    assert message("IMPORT-REFUSED", "en", {}) == (
        "Nothing was changed: fix {count} problem(s) in the spreadsheet and import it again."
    )
