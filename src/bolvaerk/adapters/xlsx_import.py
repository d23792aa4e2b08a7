"""Reading the XLSX risk register back: the rows of sheet "Risikoregister" / "Risk register".

The sheet is found by its title and its columns by the titles in row 1, in Danish or English
(the titles the register renderer writes, from content/documents/labels.yaml); a column may be
moved and columns may be added (they are ignored). Every non-empty row below the titles becomes
a SheetRow: the form id and the editable cells as text, each with its column letter.

A workbook that is not a register raises RegisterReadError with the problems found (no sheet of
that name, missing or repeated column titles, a file that is not a workbook).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from bolvaerk.content import LANGUAGES
from bolvaerk.content.labels import template_labels
from bolvaerk.domain.document.register import REGISTER_COLUMNS
from bolvaerk.domain.register_edits import RegisterField, RegisterProblem, SheetCell, SheetRow

FORM_ID = "form_id"
# The register's columns by label key (register.<key>), in the renderer's order.
REQUIRED_COLUMNS = REGISTER_COLUMNS  # the renderer's columns, in its order
OPTIONAL_COLUMNS = ("reassess",)


class RegisterReadError(Exception):
    """The workbook is not a risk register; `problems` says why (row 1 or no row)."""

    def __init__(self, problems: Iterable[RegisterProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(", ".join(problem.code for problem in self.problems))


@dataclass(frozen=True, slots=True)
class RegisterSheet:
    language: str  # the language of the sheet's titles
    identifier: str  # the workbook's identifier property (assessment id@revision); "" if none
    rows: tuple[SheetRow, ...]


def _normal(text: object) -> str:
    return " ".join(str(text).split()).casefold() if text is not None else ""


@cache
def register_titles() -> dict[str, dict[str, str]]:
    """The register's sheet title ("title") and column titles, by key and language."""
    labels = template_labels()
    keys = ("title", *REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    return {key: labels[f"register.{key}"] for key in keys}


def cell_text(value: object) -> str:
    """A cell's value as the text a user sees: 3 for 3.0, "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _open(path: Path) -> Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it does not read (e.g. LibreOffice's); harmless
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, data_only=True)
    except FileNotFoundError:
        problem = RegisterProblem(None, "", "XLSX-NOT-FOUND", {"file": str(path)})
        raise RegisterReadError([problem]) from None
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        params = {"file": str(path), "detail": str(error) or type(error).__name__}
        raise RegisterReadError([RegisterProblem(None, "", "XLSX-UNREADABLE", params)]) from None
    return workbook


def _find_sheet(sheets: list[Worksheet]) -> tuple[Worksheet, str]:
    titles = register_titles()["title"]
    for sheet in sheets:
        for lang in LANGUAGES:
            if _normal(sheet.title) == _normal(titles[lang]):
                return sheet, lang
    params = {"expected": " / ".join(titles.values()), "sheets": [s.title for s in sheets]}
    raise RegisterReadError([RegisterProblem(None, "", "XLSX-NO-REGISTER-SHEET", params)])


def _columns(sheet: Worksheet, lang: str) -> dict[str, int]:
    """Column index (1-based) of every known title in row 1."""
    by_title = {
        _normal(text): key for key, texts in register_titles().items() for text in texts.values()
    }
    found: dict[str, int] = {}
    problems: list[RegisterProblem] = []
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        key = by_title.get(_normal(cell.value))
        if key is None or key == "title":
            continue
        if key in found:
            params = {"title": cell_text(cell.value), "first": get_column_letter(found[key])}
            problems.append(RegisterProblem(1, cell.column_letter, "XLSX-DUPLICATE-COLUMN", params))
        else:
            found[key] = cell.column
    missing = [register_titles()[key][lang] for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        params = {"sheet": sheet.title, "columns": missing}
        problems.insert(0, RegisterProblem(1, "", "XLSX-MISSING-COLUMNS", params))
    if problems:
        raise RegisterReadError(problems)
    return found


def _read(cells: dict[int, object], column: int) -> SheetCell:
    return SheetCell(
        get_column_letter(column), cell_text(getattr(cells.get(column), "value", None))
    )


def _sheet_rows(sheet: Worksheet, columns: dict[str, int]) -> tuple[SheetRow, ...]:
    editable = {name: columns[name.value] for name in RegisterField}
    rows: list[SheetRow] = []
    for found in sheet.iter_rows(min_row=2):
        cells: dict[int, object] = {cell.column: cell for cell in found}
        if all(not _read(cells, column).text.strip() for column in columns.values()):
            continue
        rows.append(
            SheetRow(
                row=found[0].row,
                form_id=_read(cells, columns[FORM_ID]),
                cells={name: _read(cells, column) for name, column in editable.items()},
            )
        )
    return tuple(rows)


def read_register(path: Path) -> RegisterSheet:
    """The rows of the register sheet of the workbook at `path`; RegisterReadError if the
    workbook is not a register."""
    workbook = _open(path)
    sheet, lang = _find_sheet(workbook.worksheets)
    columns = _columns(sheet, lang)
    identifier = workbook.properties.identifier or ""
    return RegisterSheet(language=lang, identifier=identifier, rows=_sheet_rows(sheet, columns))
