"""Reading the XLSX register back: rows with cell coordinates, or why it is not a register."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from bolvaerk.adapters.render.xlsx_renderer import render_xlsx
from bolvaerk.adapters.xlsx_import import (
    RegisterReadError,
    cell_text,
    read_register,
    register_titles,
)
from bolvaerk.domain.register_edits import RegisterField
from bolvaerk.services.documents import build_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "bolvaerk" / "content" / "examples" / "pfsa-example.yaml"
F = RegisterField


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("register")
    paths = {}
    for lang in ("da", "en"):
        document, _ = build_document(EXAMPLE, lang)
        paths[lang] = folder / f"register-{lang}.xlsx"
        paths[lang].write_bytes(render_xlsx(document, None))
    return paths


def _edited(source: Path, target: Path, edit: Any) -> Path:  # openpyxl is untyped
    workbook = openpyxl.load_workbook(source)
    edit(workbook.worksheets[0])
    workbook.save(target)
    return target


def _codes(error: pytest.ExceptionInfo[RegisterReadError]) -> list[str]:
    return [problem.code for problem in error.value.problems]


def test_it_reads_every_form_row_with_its_cells(rendered: dict[str, Path]) -> None:
    sheet = read_register(rendered["da"])
    assert (sheet.language, sheet.identifier) == ("da", "pfsa-fjordby-faergeterminal-2021@1")
    assert len(sheet.rows) == 39
    first = sheet.rows[0]
    assert (first.row, first.form_id.column, first.form_id.text) == (2, "B", "form-001")
    assert (first.cells[F.CONSEQUENCE].column, first.text(F.CONSEQUENCE)) == ("E", "3")
    assert (first.cells[F.LIKELIHOOD].column, first.text(F.LIKELIHOOD)) == ("F", "III")
    assert first.cells[F.LEVEL_2].column == "J"
    assert first.text(F.LEVEL_1).split("\n") == [
        "Bommen udskiftes med en port med adgangskontrolsystem, så kun autoriserede personer "
        "får adgang",
        "Strategisk placerede kameraer med bevægelsessensorer",
    ]
    assert (first.cells[F.RESIDUAL_LIKELIHOOD].column, first.text(F.RESIDUAL_LIKELIHOOD)) == (
        "M",
        "II",
    )


def test_an_english_register_reads_the_same_rows(rendered: dict[str, Path]) -> None:
    english = read_register(rendered["en"])
    assert english.language == "en"
    assert english.rows == read_register(rendered["da"]).rows


def test_columns_are_found_by_title_when_moved_or_added(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    def insert_notes(sheet: Any) -> None:
        sheet.insert_cols(1)
        sheet["A1"] = "Noter"
        sheet["A2"] = "ring til PFSO"
        sheet.insert_rows(3)  # an empty row is skipped

    sheet = read_register(_edited(rendered["da"], tmp_path / "moved.xlsx", insert_notes))
    first = sheet.rows[0]
    assert (first.form_id.column, first.cells[F.CONSEQUENCE].column) == ("C", "F")
    assert [row.row for row in sheet.rows[:2]] == [2, 4]
    assert len(sheet.rows) == 39


def test_a_row_with_text_but_no_id_is_read(rendered: dict[str, Path], tmp_path: Path) -> None:
    def add_row(sheet: Any) -> None:
        sheet["C45"] = "Ny kaj"
        sheet["F45"] = "II"

    sheet = read_register(_edited(rendered["da"], tmp_path / "added.xlsx", add_row))
    last = sheet.rows[-1]
    assert (last.row, last.form_id.text, last.text(F.LIKELIHOOD)) == (45, "", "II")


def test_a_missing_file_and_a_file_that_is_not_a_workbook_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RegisterReadError) as missing:
        read_register(tmp_path / "none.xlsx")
    assert _codes(missing) == ["XLSX-NOT-FOUND"]
    text = tmp_path / "register.xlsx"
    text.write_text("Nr.;Id\n1;form-001\n", encoding="utf-8")
    with pytest.raises(RegisterReadError) as unreadable:
        read_register(text)
    assert _codes(unreadable) == ["XLSX-UNREADABLE"]
    assert unreadable.value.problems[0].params["file"] == str(text)


def test_a_workbook_without_a_register_sheet_is_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Ark1"
    workbook.save(tmp_path / "other.xlsx")
    with pytest.raises(RegisterReadError) as error:
        read_register(tmp_path / "other.xlsx")
    (problem,) = error.value.problems
    assert problem.code == "XLSX-NO-REGISTER-SHEET"
    assert problem.params == {"expected": "Risikoregister / Risk register", "sheets": ["Ark1"]}
    assert str(error.value) == "XLSX-NO-REGISTER-SHEET"


def test_changed_and_repeated_column_titles_are_refused(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    def break_titles(sheet: Any) -> None:
        sheet["F1"] = "Sandsynlig"  # renamed: Sandsynlighed (I-V) is missing
        sheet["P1"] = "Sårbarhed"  # a second vulnerability column

    with pytest.raises(RegisterReadError) as error:
        read_register(_edited(rendered["da"], tmp_path / "titles.xlsx", break_titles))
    missing, duplicate = error.value.problems
    assert (missing.row, missing.code) == (1, "XLSX-MISSING-COLUMNS")
    assert missing.params["columns"] == [register_titles()["likelihood"]["da"]]
    assert (duplicate.row, duplicate.column, duplicate.code) == (1, "P", "XLSX-DUPLICATE-COLUMN")
    assert duplicate.params == {"title": "Sårbarhed", "first": "C"}


def test_cell_values_read_as_the_text_a_user_sees() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(3.5) == "3.5"
    assert cell_text(4) == "4"
    assert cell_text(date(2021, 5, 1)) == "2021-05-01"
    assert cell_text(datetime(2021, 5, 1, 12, 0)) == "2021-05-01T12:00:00"  # noqa: DTZ001
    assert cell_text("II") == "II"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_register_saved_by_libreoffice_reads_the_same(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [  # noqa: S607 - soffice from PATH
            "soffice",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path),
            str(rendered["da"]),
        ],
        capture_output=True,
        check=False,
        timeout=120,
    )
    saved = tmp_path / rendered["da"].name
    if not saved.exists():
        pytest.skip(f"LibreOffice Calc cannot convert here: {result.stderr.decode()[-200:]}")
    assert read_register(saved) == read_register(rendered["da"])
