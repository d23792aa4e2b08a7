"""render, import-xlsx and package as a user calls them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from bolvaerk.cli.main import app

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small base as a draft renewal (import-xlsx refuses approved assessments)."""
    folder = tmp_path_factory.mktemp("docs")
    source = Path(__file__).parents[1] / "cases" / "bases" / "pfsa-small.yaml"
    target = folder / "small.yaml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("fmt", "suffix", "magic"),
    [
        ("docx", ".docx", b"PK"),
        ("html", ".html", b"<!DOCTYPE"),
        ("xlsx", ".xlsx", b"PK"),
        ("heatmap", ".svg", b"<svg"),
        ("heatmap", ".png", b"\x89PNG"),
    ],
)
def test_render_writes_each_format(small: Path, fmt: str, suffix: str, magic: bytes) -> None:
    out = small.parent / f"out-{fmt}{suffix}"
    code, output = run("render", small, "--format", fmt, "-o", out, "--lang", "en")
    assert code == 0, output
    assert magic.lower() in out.read_bytes()[:300].lower()


def test_render_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("id: [", encoding="utf-8")
    code, output = run(
        "render", broken, "--format", "html", "-o", tmp_path / "x.html", "--lang", "en"
    )
    assert code == 2
    assert "FILE-SYNTAX" in output
    assert not (tmp_path / "x.html").exists()


def test_import_xlsx_applies_an_edit_and_refuses_a_bad_one(small: Path) -> None:
    register = small.parent / "register.xlsx"
    assert run("render", small, "--format", "xlsx", "-o", register)[0] == 0
    workbook = openpyxl.load_workbook(register)
    sheet = workbook.worksheets[0]
    sheet["F2"] = "VI"
    bad = small.parent / "bad.xlsx"
    workbook.save(bad)
    before = small.read_bytes()
    code, output = run("import-xlsx", small, bad, "--lang", "en")
    assert code == 1
    assert "Row 2, column F" in output
    assert small.read_bytes() == before
    sheet["F2"] = "II"
    good = small.parent / "good.xlsx"
    workbook.save(good)
    code, output = run("import-xlsx", small, good, "--lang", "en")
    assert code == 0, output
    assert "likelihood" in output
    assert "likelihood: II" in small.read_text(encoding="utf-8")


def test_package_refuses_errors_and_packs_a_draft(tmp_path: Path) -> None:
    defects = tmp_path / "defects.yaml"
    assert run("new", "pfsa", "--defects", "-o", defects)[0] == 0
    code, output = run("package", defects, "-o", tmp_path / "p.zip", "--lang", "en")
    assert code == 1
    assert "No package" in output
    assert not (tmp_path / "p.zip").exists()
    code, output = run("package", defects, "-o", tmp_path / "p.zip", "--draft", "--lang", "en")
    assert code == 0, output
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["draft"] is True
        assert "defects.yaml" in archive.namelist()
