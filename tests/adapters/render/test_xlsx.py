"""The XLSX register read back with openpyxl: sheets, titles, rows, fills, drop-downs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest

from bolvaerk.adapters.render.colours import FILLS
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.adapters.render.xlsx_renderer import MEDIA_TYPE, render_xlsx, sheet_title
from bolvaerk.domain.enums import Colour
from bolvaerk.services.documents import build_document
from tests.adapters.render.sample_document import GRID, REGISTER, sample_document

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "src" / "bolvaerk" / "content" / "examples" / "pfsa-example.yaml"
ARTEFACTS = ROOT / "build" / "test-artefacts"


def _open(data: bytes) -> Any:  # openpyxl is untyped
    return openpyxl.load_workbook(io.BytesIO(data))


def _fill(cell: Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else ""


def _values(sheet: Any) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


@pytest.fixture(scope="module")
def sample() -> Any:
    return _open(render_xlsx(sample_document(), None))


def test_the_renderer_is_registered_as_xlsx() -> None:
    renderer = renderer_for("xlsx")
    assert (renderer.suffix, renderer.media_type) == (".xlsx", MEDIA_TYPE)
    assert renderer.render is render_xlsx


def test_sheet_one_is_the_register_and_sheet_two_the_grid(sample: Any) -> None:
    assert sample.sheetnames == ["Risikoregister", "Skema 6.2.1"]


def test_the_register_has_one_row_per_form_with_its_values(sample: Any) -> None:
    rows = _values(sample.worksheets[0])
    assert rows[0] == REGISTER.columns
    assert rows[1] == (
        1,
        "form-001",
        "Opmarch område til løstrailere",
        "Uautoriseret adgang med henblik på smugling af personer eller våben",
        3,
        "III",
        "Gul",
        "Området er indhegnet og skiltet\nBelyst i mørke",
        "Port med adgangskontrolsystem",
        "Patruljering hver fjerde time",
        "Permanent vagt",
        3,
        "II",
        "Grøn",
    )
    assert [row[1] for row in rows[1:]] == ["form-001", "form-002"]


def test_colours_are_fills_with_the_translated_name(sample: Any) -> None:
    sheet = sample.worksheets[0]
    assert (sheet["G2"].value, _fill(sheet["G2"])) == ("Gul", FILLS[Colour.YELLOW])
    assert (sheet["N2"].value, _fill(sheet["N2"])) == ("Grøn", FILLS[Colour.GREEN])
    red = replace(REGISTER.rows[0], colour=Colour.RED)
    document = replace(sample_document(), register=replace(REGISTER, rows=(red,)))
    cell = _open(render_xlsx(document, None)).worksheets[0]["G2"]
    assert (cell.value, _fill(cell), str(cell.font.color.rgb)[-6:]) == ("Rød", "FF0000", "FFFFFF")


def test_a_reassessment_column_marks_the_forms_to_reassess() -> None:
    rows = (replace(REGISTER.rows[0], needs_reassessment=True), REGISTER.rows[1])
    view = replace(REGISTER, columns=(*REGISTER.columns, "Skal genvurderes"), rows=rows)
    sheet = _open(render_xlsx(replace(sample_document(), register=view), None)).worksheets[0]
    assert [row[14] for row in _values(sheet)] == ["Skal genvurderes", "X", None]


def test_the_form_id_column_is_visible_narrow_and_grey(sample: Any) -> None:
    sheet = sample.worksheets[0]
    column = sheet.column_dimensions["B"]
    assert not column.hidden
    assert column.width < sheet.column_dimensions["C"].width
    assert _fill(sheet["B2"]) == "F2F2F2"


def test_the_header_is_bold_frozen_and_filtered(sample: Any) -> None:
    sheet = sample.worksheets[0]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:N3"


def test_ratings_have_drop_down_lists(sample: Any) -> None:
    validations = {
        str(v.sqref): (v.type, v.formula1, v.showErrorMessage)
        for v in sample.worksheets[0].data_validations.dataValidation
    }
    assert validations == {
        "E2:E3 L2:L3": ("list", '"1,2,3,4,5"', True),
        "F2:F3 M2:M3": ("list", '"I,II,III,IV,V"', True),
    }


def test_measures_are_one_per_line_in_wrapped_cells(sample: Any) -> None:
    cell = sample.worksheets[0]["H2"]
    assert cell.value.split("\n") == ["Området er indhegnet og skiltet", "Belyst i mørke"]
    assert cell.alignment.wrap_text
    assert sample.worksheets[0].row_dimensions[2].height >= 30


def test_sheet_two_is_the_grid_with_coloured_crosses(sample: Any) -> None:
    sheet = sample.worksheets[1]
    rows = _values(sheet)
    assert rows[0][0] == GRID.caption
    assert rows[1] == tuple(column.title for column in GRID.columns)
    assert rows[2:] == [tuple(cell.text or None for cell in row) for row in GRID.rows]
    assert [_fill(cell) for cell in sheet[3]] == ["", FILLS[Colour.YELLOW], "", FILLS[Colour.GREEN]]
    assert sheet["B2"].alignment.text_rotation == 90  # long threat names stand on end
    assert sheet.freeze_panes == "B3"


def test_the_marking_and_draft_are_in_the_page_header() -> None:
    sheet = _open(render_xlsx(sample_document(draft=True), None)).worksheets[0]
    assert sheet.oddHeader.center.text == "FORTROLIGT når udfyldt"
    assert sheet.oddHeader.right.text == "KLADDE"
    assert sheet.oddFooter.right.text == "Side &P af &N"


def test_the_same_document_gives_the_same_bytes_dated_by_the_document() -> None:
    first = render_xlsx(sample_document(), None)
    assert render_xlsx(sample_document(), None) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2021, 5, 1, 0, 0, 0)}
    properties = _open(first).properties
    day = datetime(2021, 5, 1)  # noqa: DTZ001 - openpyxl reads the stamp as naive UTC
    assert (properties.created, properties.modified) == (day, day)
    assert properties.identifier == "pfsa-fjordby@1"


def test_a_document_without_register_or_grid_gives_a_plain_workbook() -> None:
    only_grid = _open(render_xlsx(replace(sample_document(), register=None), None))
    assert only_grid.sheetnames == ["Skema 6.2.1"]
    empty = _open(render_xlsx(replace(sample_document(), register=None, grid=None), None))
    assert len(empty.sheetnames) == 1


def test_sheet_titles_are_made_valid() -> None:
    assert sheet_title("Risiko: [register]/2021?", "x") == "Risiko register 2021"
    assert sheet_title("x" * 40, "y") == "x" * 31
    assert sheet_title("[]", "Register") == "Register"


def test_the_example_facility_renders_in_both_languages() -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for lang, titles in (("da", ["Risikoregister", "Skema 6.2.1"]), ("en", ["Risk register"])):
        document, _ = build_document(EXAMPLE, lang)
        data = render_xlsx(document, None)
        (ARTEFACTS / f"pfsa-example-{lang}.xlsx").write_bytes(data)
        workbook = _open(data)
        assert workbook.sheetnames[: len(titles)] == titles
        register = workbook.worksheets[0]
        assert register.max_row == len(document.register.rows) + 1  # type: ignore[union-attr]
        # form 1 is the worked example: yellow before, green after the level-1 measures
        assert register["B2"].value == "form-001"
        assert (_fill(register["G2"]), _fill(register["N2"])) == (
            FILLS[Colour.YELLOW],
            FILLS[Colour.GREEN],
        )
        grid = workbook.worksheets[1]
        assert grid["A1"].value.startswith(("Skema 6.2.1", "Table 6.2.1"))
