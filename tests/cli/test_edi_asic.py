"""`bolvaerk edi asic | asic-verify` as a ship agent uses them for an EMSWe single window:
exit codes 0 ok, 1 refused container, 2 unusable input; the build is in the audit log."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bolvaerk.cli.main import app
from bolvaerk.content import CONTENT_DIR
from tests.edi_parties import PASSPHRASE

runner = CliRunner()
EXAMPLE = CONTENT_DIR / "examples" / "edi" / "isps.xml"


def run(home: Path, *args: str | Path, lang: str = "en") -> tuple[int, str]:
    environment = {
        "COLUMNS": "300",
        "BOLVAERK_HOME": str(home),
        "BOLVAERK_EDI_PASSPHRASE": PASSPHRASE,
        "BOLVAERK_LANG": lang,
    }
    result = runner.invoke(app, ["edi", *[str(a) for a in args]], env=environment)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    home = tmp_path / "agent"
    code, output = run(home, "init", "--name", "Nordic Agency", "--bits", "2048")
    assert code == 0, output
    return home


def test_build_verify_and_the_log(agent, tmp_path):
    out = tmp_path / "isps.asice"
    attachment = tmp_path / "dos.pdf"
    attachment.write_bytes(b"%PDF-1.4 declaration of security")
    code, output = run(agent, "asic", EXAMPLE, attachment, "-o", out)
    assert code == 0, output
    assert "signed by Nordic Agency" in output
    assert "isps.xml (text/xml" in output
    assert "dos.pdf (application/pdf" in output
    code, output = run(agent, "asic-verify", out, lang="da")
    assert code == 0, output
    assert "er i orden" in output
    assert "dataobjekter: 2" in output
    entries = [json.loads(line) for line in (agent / "edi" / "log.jsonl").read_text().splitlines()]
    assert [e["event"] for e in entries] == ["asic-created"]
    assert entries[0]["objects"] == ["isps.xml", "dos.pdf"]
    assert run(agent, "log", "--verify")[0] == 0


def test_a_partner_checks_against_our_certificate(agent, tmp_path):
    out = tmp_path / "isps.asice"
    assert run(agent, "asic", EXAMPLE, "-o", out)[0] == 0
    port = tmp_path / "port"
    assert run(port, "init", "--name", "Aarhus Port", "--bits", "2048")[0] == 0
    certificate = tmp_path / "agent.pem"
    assert run(agent, "cert", "export", "-o", certificate)[0] == 0
    # by default the signer must be the port itself: refused, saying who signed
    code, output = run(port, "asic-verify", out)
    assert code == 1
    assert "signed by Nordic Agency, not by the expected signer (Aarhus Port)" in output
    code, output = run(port, "asic-verify", out, "--cert", certificate)
    assert code == 0, output
    code, output = run(
        port, "partner", "add", "Nordic Agency", "--cert", certificate, "--outbox", tmp_path
    )
    assert code == 0, output
    code, output = run(port, "asic-verify", out, "--partner", "Nordic Agency")
    assert code == 0, output
    assert (
        run(port, "asic-verify", out, "--partner", "Nordic Agency", "--cert", certificate)[0] == 2
    )


def test_a_tampered_container_is_refused_with_its_reason(agent, tmp_path):
    out = tmp_path / "isps.asice"
    assert run(agent, "asic", EXAMPLE, "-o", out)[0] == 0
    changed = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace(b"AGX-2026-000412", b"AGX-2026-000413"))
    tampered = tmp_path / "tampered.asice"
    tampered.write_bytes(changed.getvalue())
    code, output = run(agent, "asic-verify", tampered)
    assert code == 1
    assert "isps.xml was changed after signing" in output


def test_unusable_input_is_exit_code_2(agent, tmp_path):
    code, output = run(agent, "asic", tmp_path / "missing.xml", "-o", tmp_path / "x.asice")
    assert code == 2
    assert "cannot be read" in output
    assert not (tmp_path / "x.asice").exists()
    code, output = run(tmp_path / "nobody", "asic", EXAMPLE, "-o", tmp_path / "x.asice")
    assert code == 2
    assert "No EDI identity" in output
