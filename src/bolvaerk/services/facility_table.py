"""Reading an uploaded table (CSV or XLSX) into rows of text, numbered as in the file.

CSV: UTF-8 (with or without BOM), else Windows-1252 as Danish Excel saves it; the delimiter
(comma, semicolon or tab) is detected. XLSX: the first sheet, read with openpyxl (read-only,
no formulas evaluated: the cached values). The header is row 1; blank rows are skipped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from openpyxl import load_workbook  # type: ignore[import-untyped]

SUFFIXES = (".csv", ".xlsx")


class TableReadError(Exception):
    """The file is not a readable CSV or XLSX table."""


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]  # as written, stripped
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number in the file, cells)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(lines: Iterable[Iterable[object]]) -> Table:
    header: tuple[str, ...] | None = None
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = tuple(_text(value) for value in line)
        if header is None:
            header = cells
            continue
        if any(cells):
            rows.append((number, cells))
    if header is None:
        return Table(header=(), rows=())
    while header and not header[-1]:  # trailing empty header cells of spreadsheets
        header = header[:-1]
    return Table(header=header, rows=tuple(rows))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    try:
        return _table(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise TableReadError(str(error)) from error


def _sheet_rows(data: bytes) -> Iterator[tuple[object, ...]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableReadError(str(error)) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def read_xlsx(data: bytes) -> Table:
    return _table(_sheet_rows(data))


def read_table(file_name: str, data: bytes) -> Table:
    """The table of a .csv or .xlsx file; TableReadError for anything else or a broken file."""
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xlsx" and data.startswith(b"PK"):
        return read_xlsx(data)
    if suffix == ".csv" and not data.startswith(b"PK"):
        return read_csv(data)
    raise TableReadError(f"not a CSV or XLSX file: {file_name}")
