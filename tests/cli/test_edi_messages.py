"""`bolvaerk edi new | validate | convert` and `bolvaerk schema edi-TYPE` as a user calls them
(Typer's runner, real files in tmp_path). Exit codes: 0 ok, 1 errors found, 2 unusable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from bolvaerk.cli.main import app

runner = CliRunner()
TYPES = ["isps", "berman", "wasdis", "iftdgn", "aperak"]


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.mark.parametrize("kind", TYPES)
def test_new_validate_and_convert_both_ways(tmp_path: Path, kind: str) -> None:
    edi, xml = tmp_path / f"{kind}.edi", tmp_path / f"{kind}.xml"
    assert run("edi", "new", kind, "--example", "-o", edi, "--lang", "en") == (
        0,
        f"Written: {edi}\n",
    )
    assert run("edi", "new", kind, "--example", "-o", xml)[0] == 0
    code, output = run("edi", "validate", edi, "--lang", "en")
    assert code == 0, output
    assert "The message can be sent." in output
    back_xml, back_edi = tmp_path / "back.xml", tmp_path / "back.edi"
    assert run("edi", "convert", edi, "--to", "xml", "-o", back_xml)[0] == 0
    assert back_xml.read_bytes() == xml.read_bytes()
    assert run("edi", "convert", xml, "--to", "edifact", "-o", back_edi)[0] == 0
    assert back_edi.read_bytes() == edi.read_bytes()


def test_validate_shows_findings_in_danish_and_exits_1(tmp_path: Path) -> None:
    xml = tmp_path / "isps.xml"
    run("edi", "new", "isps", "--example", "-o", xml)
    text = xml.read_text(encoding="utf-8").replace("9074729", "9074728")
    xml.write_text(text.replace("<ISPSSecurityLevelCode>2<", "<ISPSSecurityLevelCode>4<"), "utf-8")
    code, output = run("edi", "validate", xml, "--lang", "da")
    assert code == 1
    assert "EDI-SHIP-01" in output
    assert "forkert kontrolciffer" in output
    assert "EDI-ISPS-01" in output
    assert "Meddelelsen har fejl og ville blive afvist." in output
    code, output = run("edi", "validate", xml, "--format", "json", "--lang", "en")
    rows = json.loads(output)
    assert code == 1
    assert {r["code"] for r in rows} >= {"EDI-SHIP-01", "EDI-ISPS-01"}
    assert all(r["message"] for r in rows)


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    xml = tmp_path / "wasdis.xml"
    run("edi", "new", "wasdis", "--example", "-o", xml)
    xml.write_text(xml.read_text("utf-8").replace(">15<", ">5<"), "utf-8")
    code, output = run("edi", "validate", xml, "--lang", "en")
    assert code == 0
    assert "EDI-WAS-03" in output
    assert "0 errors, 1 warnings" in output


def test_unusable_input_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    edi = tmp_path / "isps.edi"
    run("edi", "new", "isps", "--example", "-o", edi)
    edi.write_bytes(edi.read_bytes().replace(b"UNT+75", b"UNT+74"))
    code, output = run("edi", "validate", edi, "--lang", "en")
    assert code == 2
    assert "EDIFACT-UNT-COUNT" in output
    assert "segment 76, line 77" in output
    assert "Traceback" not in output
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x00\x01 not a message")
    assert run("edi", "validate", garbage)[0] == 2
    assert run("edi", "convert", garbage, "--to", "xml", "-o", tmp_path / "o.xml")[0] == 2
    assert run("edi", "validate", tmp_path / "missing.edi")[0] == 2


def test_new_needs_example_a_known_suffix_and_no_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "x.edi"
    assert run("edi", "new", "isps", "-o", target)[0] == 2
    assert run("edi", "new", "isps", "--example", "-o", tmp_path / "x.txt")[0] == 2
    code, _ = run("edi", "new", "isps", "--example", "-o", tmp_path / "x.txt", "--format", "xml")
    assert code == 0
    assert (tmp_path / "x.txt").read_bytes().startswith(b"<?xml")
    assert run("edi", "new", "isps", "--example", "-o", target)[0] == 0
    code, output = run("edi", "new", "isps", "--example", "-o", target, "--lang", "en")
    assert code == 2
    assert "--force" in output
    assert run("edi", "new", "isps", "--example", "-o", target, "--force")[0] == 0


def test_convert_reports_content_errors_but_converts(tmp_path: Path) -> None:
    xml = tmp_path / "berman.xml"
    run("edi", "new", "berman", "--example", "-o", xml)
    xml.write_text(xml.read_text("utf-8").replace("DKAAR-0001", "DKAAR-1"), "utf-8")
    out = tmp_path / "berman.edi"
    code, output = run("edi", "convert", xml, "--to", "edifact", "-o", out, "--lang", "en")
    assert code == 0
    assert "(1 errors in the content)" in output
    assert b"LOC+60+DKAAR+DKAAR-1'" in out.read_bytes()


@pytest.mark.parametrize("kind", TYPES)
def test_schema_prints_the_xsd(tmp_path: Path, kind: str) -> None:
    code, output = run("schema", f"edi-{kind}")
    assert code == 0
    etree.XMLSchema(etree.fromstring(output.encode("utf-8")))
    target = tmp_path / f"{kind}.xsd"
    assert run("schema", f"edi-{kind}", "-o", target)[0] == 0
    assert target.read_text("utf-8") == output
