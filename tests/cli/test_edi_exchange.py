"""`bolvaerk edi init | cert | partner | send | receive | receipts | log` as a new user runs
them: two data folders are two parties; exit codes 0 ok, 1 rejected, 2 unusable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bolvaerk.cli.main import app
from bolvaerk.services.edi_identity import forget_loaded
from tests.edi_parties import PASSPHRASE, payloads

runner = CliRunner()


def run(home: Path, *args: str | Path, lang: str = "en", **env: str) -> tuple[int, str]:
    environment = {
        "COLUMNS": "300",
        "BOLVAERK_HOME": str(home),
        "BOLVAERK_EDI_PASSPHRASE": PASSPHRASE,
        "BOLVAERK_LANG": lang,
        **env,
    }
    result = runner.invoke(app, ["edi", *[str(a) for a in args]], env=environment)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


@pytest.fixture
def parties(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """The agent and the port, each initialised, having swapped certificates and drop folders."""
    agent, port = tmp_path / "agent", tmp_path / "port"
    agent_drop, port_drop = tmp_path / "to-agent", tmp_path / "to-port"
    for home, name in ((agent, "Nordic Agency"), (port, "Aarhus Port")):
        code, output = run(home, "init", "--name", name, "--bits", "2048")
        assert code == 0, output
        assert "fingerprint" in output
        assert (home / "edi" / "identity" / "request.csr").exists()
        assert b"ENCRYPTED PRIVATE KEY" in (home / "edi" / "identity" / "key.pem").read_bytes()
        assert run(home, "cert", "export", "-o", tmp_path / f"{name}.pem")[0] == 0
    code, output = run(
        agent, "partner", "add", "Aarhus Port", "--cert", tmp_path / "Aarhus Port.pem",
        "--outbox", port_drop,
    )  # fmt: skip
    assert code == 0, output
    code, output = run(
        port, "partner", "add", "Nordic Agency", "--cert", tmp_path / "Nordic Agency.pem",
        "--outbox", agent_drop,
    )  # fmt: skip
    assert code == 0, output
    return agent, port, agent_drop, port_drop


def test_a_message_there_and_the_receipt_back(parties, tmp_path):
    agent, port, agent_drop, port_drop = parties
    message = tmp_path / "isps.edi"
    message.write_bytes(payloads()["isps.edi"])
    code, output = run(agent, "send", message, "--to", "Aarhus Port")
    assert code == 0, output
    assert "Sent AGX-2026-000412 to Aarhus Port" in output
    assert "receipt has not come yet" in output
    code, output = run(agent, "receipts", "--overdue-hours", "0")
    assert code == 1
    assert "Receipt overdue: AGX-2026-000412" in output
    code, output = run(port, "receive", port_drop, lang="da")
    assert code == 0, output
    assert "Modtaget AGX-2026-000412 fra Nordic Agency" in output
    assert (port / "edi" / "inbox" / "Nordic_Agency" / "AGX-2026-000412.edi").read_bytes() == (
        message.read_bytes()
    )
    code, output = run(agent, "receive", agent_drop)
    assert code == 0, output
    assert "Receipt from Aarhus Port for AGX-2026-000412: accepted" in output
    assert run(agent, "receipts", "--overdue-hours", "0")[0] == 0
    code, output = run(agent, "log")
    assert " sent " in output
    assert " receipt-received " in output
    code, output = run(port, "log", "--verify")
    assert (code, "The log chain is intact: 2 entries") == (0, output.split(";")[0].strip())


def test_rejections_exit_1_with_the_reason(parties, tmp_path):
    agent, port, _agent_drop, port_drop = parties
    message = tmp_path / "berman.xml"
    message.write_bytes(payloads()["berman.xml"])
    assert run(agent, "send", message, "--to", "Aarhus Port")[0] == 0
    secured = next(port_drop.iterdir())
    data = secured.read_bytes()
    secured.write_bytes(data[:-300])
    code, output = run(port, "receive", secured)
    assert code == 1
    assert "Refused" in output
    assert "Quarantined" in output
    sidecar = next((port / "edi" / "quarantine").glob("*.json"))
    assert json.loads(sidecar.read_text(encoding="utf-8"))["reason"] in {"not-cms", "malformed"}
    # invalid before sending: nothing leaves, and the finding is named
    bad = tmp_path / "bad.xml"
    bad.write_bytes(payloads()["isps.xml"].replace(b"<IMOID>9074729<", b"<IMOID>9074720<"))
    code, output = run(agent, "send", bad, "--to", "Aarhus Port")
    assert code == 1
    assert "EDI-SHIP-01" in output
    assert "check digit" in output


def test_unusable_input_exits_2(parties, tmp_path):
    agent, port, _agent_drop, _port_drop = parties
    code, output = run(agent, "send", tmp_path / "missing.edi", "--to", "Aarhus Port")
    assert code == 2
    assert "cannot be read" in output
    message = tmp_path / "wasdis.edi"
    message.write_bytes(payloads()["wasdis.edi"])
    code, output = run(agent, "send", message, "--to", "Nobody")
    assert code == 2
    assert "known partners: Aarhus Port" in output
    forget_loaded()  # a new process: the key must be decrypted again
    code, output = run(
        agent,
        "send",
        message,
        "--to",
        "Aarhus Port",
        BOLVAERK_EDI_PASSPHRASE="wrong",  # noqa: S106
    )
    assert code == 2
    assert "Wrong passphrase" in output
    code, output = run(tmp_path / "nobody", "receive", tmp_path)
    assert code == 2
    assert "No EDI identity" in output
    code, output = run(port, "partner", "add", "X", "--cert", message, "--outbox", tmp_path)
    assert code == 2
    assert "certificate" in output.lower()
    code, output = run(port, "init", "--name", "Again")
    assert code == 2
    assert "--force" in output


def test_partner_directory_travels_signed(parties, tmp_path):
    agent, _port, _agent_drop, _port_drop = parties
    export = tmp_path / "partners.p7m"
    code, output = run(agent, "partner", "export", "-o", export)
    assert (code, output.strip()) == (0, f"Wrote 1 partners, signed, to {export}.")
    (agent / "edi" / "partners" / "aarhus-port.json").unlink()
    code, output = run(agent, "partner", "import", export)
    assert (code, output.strip()) == (0, "Imported 1 partners: Aarhus Port.")
    code, output = run(agent, "partner", "list")
    assert output.startswith("Aarhus Port: CN=Aarhus Port")
    # someone who does not know the signer refuses the file
    stranger = tmp_path / "stranger"
    assert run(stranger, "init", "--name", "Stranger", "--bits", "2048")[0] == 0
    code, output = run(stranger, "partner", "import", export)
    assert code == 1
    assert "not in the partner directory" in output
    tampered = bytearray(export.read_bytes())
    tampered[200] ^= 1
    export.write_bytes(bytes(tampered))
    code, _output = run(agent, "partner", "import", export, "--replace")
    assert code in {1, 2}


def test_log_verify_names_the_broken_entry(parties, tmp_path):
    agent, _port, _agent_drop, _port_drop = parties
    for name in ("isps.edi", "iftdgn.edi"):
        file = tmp_path / name
        file.write_bytes(payloads()[name])
        assert run(agent, "send", file, "--to", "Aarhus Port")[0] == 0
    log = agent / "edi" / "log.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("Aarhus Port", "Aarhus Havn")
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run(agent, "log", "--verify", lang="da")
    assert code == 1
    assert "brudt ved post 1 (postens indhold er ændret)" in output
