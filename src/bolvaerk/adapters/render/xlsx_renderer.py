"""The XLSX risk register: sheet 1 one row per risk form, sheet 2 the grid 6.2.1.

The register is made to be edited in Excel or LibreOffice and read back by
bolvaerk.adapters.xlsx_import: row 1 holds the column titles (the import finds the columns by
title, in Danish or English), column B the form id (the key; grey, narrow, never hidden). The
ratings have drop-down lists (1-5, I-V); measures are one per line in their cell. The colour
columns are derived: they are filled again when the register is rendered after an import.

Deterministic: the workbook's created/modified times are the document's date, and the archive
is rewritten by normalise_zip, so the same Document gives the same bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

from bolvaerk.adapters.render.colours import FILLS, text_colour
from bolvaerk.adapters.render.registry import Renderer, register
from bolvaerk.adapters.render.reproducible import normalise_zip
from bolvaerk.domain.document.model import Align, Cell, Document, RegisterRow, RegisterView, Table
from bolvaerk.domain.enums import Colour, Consequence, Likelihood

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = "D9D9D9"
KEY_FILL = "F2F2F2"  # the form id column: looks locked
KEY_TEXT = "7F7F7F"
FONT = "Calibri"  # Excel's default; LibreOffice shows the metric-compatible Carlito
LINE_HEIGHT = 15.0  # points per line of 11 pt text
_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORBIDDEN_IN_SHEET_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

Value = str | int | None


@dataclass(frozen=True, slots=True)
class _Column:
    width: float
    value: Callable[[RegisterRow, dict[Colour, str]], Value]
    colour: Callable[[RegisterRow], Colour | None] | None = None  # filled cells
    centre: bool = False
    key: bool = False  # the form id


def _lines(texts: tuple[str, ...]) -> str:
    return "\n".join(texts)


def _consequence(value: Consequence | None) -> int | None:
    return int(value) if value is not None else None


def _likelihood(value: Likelihood | None) -> str | None:
    return value.value if value is not None else None


def _colour_name(value: Colour | None, names: dict[Colour, str]) -> str | None:
    return names.get(value, value.value) if value is not None else None


# In the order of RegisterView.columns (RegisterRow's fields).
COLUMNS: tuple[_Column, ...] = (
    _Column(6, lambda r, _: r.number, centre=True),
    _Column(11, lambda r, _: r.form_id, key=True),
    _Column(30, lambda r, _: r.vulnerability),
    _Column(30, lambda r, _: r.threat),
    _Column(12, lambda r, _: _consequence(r.consequence), centre=True),
    _Column(15, lambda r, _: _likelihood(r.likelihood), centre=True),
    _Column(11, lambda r, n: _colour_name(r.colour, n), lambda r: r.colour, centre=True),
    _Column(40, lambda r, _: _lines(r.existing)),
    _Column(40, lambda r, _: _lines(r.level_1)),
    _Column(40, lambda r, _: _lines(r.level_2)),
    _Column(40, lambda r, _: _lines(r.level_3)),
    _Column(12, lambda r, _: _consequence(r.residual_consequence), centre=True),
    _Column(15, lambda r, _: _likelihood(r.residual_likelihood), centre=True),
    _Column(
        11,
        lambda r, n: _colour_name(r.residual_colour, n),
        lambda r: r.residual_colour,
        centre=True,
    ),
    _Column(12, lambda r, _: "X" if r.needs_reassessment else None, centre=True),
)
CONSEQUENCE_COLUMNS = (5, 12)  # 1-based: E and L
LIKELIHOOD_COLUMNS = (6, 13)  # F and M
GRID_FIRST_WIDTH = 40.0
GRID_WIDTH = 6.5
THREAT_TABLE = "6.1"  # its numbers head the grid's columns


def sheet_title(text: str, fallback: str) -> str:
    """A valid sheet name: no []:*?/\\ and at most 31 characters."""
    title = " ".join(text.translate(_FORBIDDEN_IN_SHEET_TITLE).split())[:31].strip()
    return title or fallback


def _font(
    *, bold: bool = False, italic: bool = False, size: float = 11, color: str = "000000"
) -> Font:
    return Font(name=FONT, bold=bold, italic=italic, size=size, color=color)


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _row_height(values: list[Value], widths: list[float]) -> float:
    """An estimate of the lines a row needs, so wrapped measures show without resizing."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if isinstance(value, str) and value:
            per_line = max(1, int(width * 1.1))
            needed = sum(max(1, math.ceil(len(line) / per_line)) for line in value.split("\n"))
            lines = max(lines, needed)
    return lines * LINE_HEIGHT


def _header(
    ws: Worksheet, row: int, titles: tuple[str, ...], *, grid: bool = False, rotate: bool = False
) -> None:
    """Bold titles on grey; in the grid, the threat columns centred (rotated when long)."""
    for index, title in enumerate(titles, 1):
        cell = ws.cell(row=row, column=index, value=title)
        cell.font = _font(bold=True, size=9 if rotate else 11)
        cell.fill = _fill(HEADER_FILL)
        cell.border = BORDER
        threat = grid and index > 1
        cell.alignment = Alignment(
            wrap_text=True,
            vertical="bottom" if threat and rotate else "center",
            horizontal="center" if threat else "left",
            text_rotation=90 if threat and rotate else 0,
        )


def _data_validations(ws: Worksheet, last_row: int) -> None:
    for columns, choices in (
        (CONSEQUENCE_COLUMNS, ",".join(str(int(c)) for c in Consequence)),
        (LIKELIHOOD_COLUMNS, ",".join(lk.value for lk in Likelihood)),
    ):
        validation = DataValidation(
            type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
        )
        for column in columns:
            letter = get_column_letter(column)
            validation.add(f"{letter}2:{letter}{max(last_row, 2)}")
        ws.add_data_validation(validation)


def _page_setup(ws: Worksheet, document: Document, title_rows: str, *, wide: bool) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if wide else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0 if wide else 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows

    def escape(text: str) -> str:
        return text.replace("&", "&&")

    ws.oddHeader.center.text = escape(document.marking)
    if document.draft_marking:
        ws.oddHeader.right.text = escape(document.draft_marking)
    ws.oddFooter.left.text = escape(document.identifier)
    page = document.page_label.replace("&", "&&").format(page="&P", pages="&N")
    ws.oddFooter.right.text = page


def _register_sheet(ws: Worksheet, view: RegisterView, document: Document) -> None:
    titles = view.columns[: len(COLUMNS)]
    columns = COLUMNS[: len(titles)]
    names = dict(view.colour_names)
    widths = [column.width for column in columns]
    _header(ws, 1, titles)
    for row_index, row in enumerate(view.rows, 2):
        values = [column.value(row, names) for column in columns]
        for index, (column, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = ws.cell(row=row_index, column=index, value=value)
            cell.border = BORDER
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal="center" if column.centre else None
            )
            colour = column.colour(row) if column.colour is not None else None
            if colour is not None:
                cell.fill = _fill(FILLS[colour])
                cell.font = _font(color=text_colour(colour))
            if column.key:
                cell.fill = _fill(KEY_FILL)
                cell.font = _font(color=KEY_TEXT, size=9)
        ws.row_dimensions[row_index].height = _row_height(values, widths)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = _row_height(list(titles), widths) + 4
    last_row = len(view.rows) + 1
    last_column = get_column_letter(len(columns))
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{last_column}{last_row}"
    _data_validations(ws, last_row)
    _page_setup(ws, document, "1:1", wide=True)


_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def _grid_title(table: Table) -> str:
    """`Skema 6.2.1` from the caption `Skema 6.2.1 Sammenfatning ...`."""
    head, found, _ = table.caption.partition(table.key)
    return sheet_title(head + found if found else table.caption, table.key)


def _grid_cell(ws: Worksheet, row: int, column: int, cell: Cell) -> None:
    target = ws.cell(row=row, column=column, value=cell.text or None)
    target.border = BORDER
    target.alignment = Alignment(wrap_text=True, vertical="center", horizontal=_ALIGN[cell.align])
    target.font = _font(bold=cell.bold, italic=cell.empty)
    if cell.fill is not None:
        target.fill = _fill(FILLS[cell.fill])
        target.font = _font(bold=cell.bold, color=text_colour(cell.fill))


def _legend(ws: Worksheet, first_row: int, threats: Table) -> None:
    """The threats' numbers and names (skema 6.1) under the grid, whose columns show numbers;
    each line overflows into the empty cells to its right."""
    ws.cell(row=first_row, column=1, value=threats.caption).font = _font(bold=True)
    for index, cells in enumerate(threats.rows, first_row + 1):
        ws.cell(row=index, column=1, value="  ".join(cell.text for cell in cells[:2]))


def _grid_sheet(ws: Worksheet, table: Table, document: Document) -> None:
    ws.cell(row=1, column=1, value=table.caption).font = _font(bold=True, size=12)
    longest = max((len(column.title) for column in table.columns[1:]), default=0)
    rotate = longest > 4
    _header(ws, 2, tuple(column.title for column in table.columns), grid=True, rotate=rotate)
    ws.row_dimensions[2].height = min(260.0, max(60.0, longest * 2.2)) if rotate else 30.0
    widths = [GRID_FIRST_WIDTH] + [GRID_WIDTH] * (len(table.columns) - 1)
    for row_index, cells in enumerate(table.rows, 3):
        for column_index, cell in enumerate(cells, 1):
            _grid_cell(ws, row_index, column_index, cell)
        texts: list[Value] = [cell.text for cell in cells]
        ws.row_dimensions[row_index].height = _row_height(texts, widths[: len(texts)])
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    threats = next((t for t in document.tables() if t.key == THREAT_TABLE), None)
    if threats is not None:
        _legend(ws, len(table.rows) + 4, threats)
    ws.freeze_panes = "B3"
    _page_setup(ws, document, "2:2", wide=False)


def _properties(workbook: Workbook, document: Document) -> None:
    moment = datetime.combine(document.created, time())  # naive: read as UTC
    properties = workbook.properties
    properties.created = moment
    properties.modified = moment
    properties.creator = "bolvaerk"
    properties.lastModifiedBy = None
    properties.title = document.title
    properties.subject = document.subject
    properties.identifier = document.identifier
    properties.language = document.language
    properties.keywords = document.marking


def render_xlsx(document: Document, assets: Path | None) -> bytes:  # noqa: ARG001 - no images
    workbook = Workbook()
    first = workbook.active
    if document.register is not None:
        first.title = sheet_title(document.register.title, "Register")
        _register_sheet(first, document.register, document)
    if document.grid is not None:
        grid = first if document.register is None else workbook.create_sheet()
        grid.title = _grid_title(document.grid)
        _grid_sheet(grid, document.grid, document)
    _properties(workbook, document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()  # save_workbook would stamp "now"
    return normalise_zip(buffer.getvalue(), document.created)


register(Renderer("xlsx", ".xlsx", MEDIA_TYPE, render_xlsx))
