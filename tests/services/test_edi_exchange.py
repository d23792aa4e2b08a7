"""Two parties in two data folders exchange every message type both ways through the folder
drop, with signed receipts; each way of failing is refused with its reason, quarantined and
logged."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bolvaerk.adapters.edi import cms, container
from bolvaerk.services import edi_exchange, edi_log, edi_partners, edi_records
from bolvaerk.services.edi_identity import load_identity
from tests.edi_parties import (
    PASSPHRASE,
    Party,
    introduce,
    make_ca,
    make_party,
    payloads,
    replace_certificate,
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Party, Party]:
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    introduce(agent, port)
    introduce(port, agent)
    return agent, port


def send(sender: Party, receiver: Party, payload: bytes, tmp_path: Path, name: str = "m.edi"):
    file = tmp_path / name
    file.write_bytes(payload)
    return edi_exchange.send(sender.paths, file, receiver.name, passphrase=PASSPHRASE)


def receive(party: Party) -> list[edi_records.Outcome]:
    return edi_exchange.receive(party.paths, party.drop, passphrase=PASSPHRASE)


def quarantined_reasons(party: Party) -> list[str]:
    return [
        json.loads(p.read_text(encoding="utf-8"))["reason"]
        for p in sorted(party.paths.quarantine.glob("*.json"))
    ]


def test_every_message_type_both_ways_with_receipts(pair, tmp_path):
    agent, port = pair
    for index, (name, payload) in enumerate(sorted(payloads().items())):
        sender, receiver = (agent, port) if index % 2 == 0 else (port, agent)
        result = send(sender, receiver, payload, tmp_path, name)
        [outcome] = receive(receiver)
        assert outcome.ok, (name, outcome)
        assert outcome.partner == sender.name
        assert outcome.message_id == result.message_id
        assert Path(outcome.saved).read_bytes() == payload
        [receipt] = receive(sender)
        assert receipt.kind == "receipt"
        assert receipt.params["result"] == "accepted"
        record = edi_records.find_sent(sender.paths, receiver.name, result.message_id)
        assert record is not None
        assert record.receipt_result == "accepted"
        assert Path(record.receipt_file).exists()
    for party in pair:
        assert edi_records.overdue(party.paths, hours=0) == []
        assert edi_log.verify(party.paths.log).broken_at is None
        events = [e["event"] for e in edi_log.entries(party.paths.log)]
        assert events.count("sent") == 4
        assert events.count("received") == 4
        assert events.count("receipt-received") == 4
        assert not list(party.drop.iterdir())


def test_receipt_not_yet_back_is_listed_as_overdue(pair, tmp_path):
    agent, port = pair
    result = send(agent, port, payloads()["isps.edi"], tmp_path)
    later = datetime.now(UTC) + timedelta(hours=25)
    assert [r.message_id for r in edi_records.overdue(agent.paths, now=later)] == [
        result.message_id
    ]
    assert edi_records.overdue(agent.paths) == []  # the 24 h deadline has not passed yet
    receive(port)
    receive(agent)
    assert edi_records.overdue(agent.paths, now=later) == []


def test_duplicate_gets_a_receipt_naming_the_first(pair, tmp_path):
    agent, port = pair
    payload = payloads()["berman.xml"]
    first = send(agent, port, payload, tmp_path)
    receive(port)
    copy = next(port.paths.processed.iterdir()).read_bytes()
    send(agent, port, payload, tmp_path)
    [outcome] = receive(port)
    assert (outcome.status, outcome.code) == ("duplicate", "duplicate")
    assert outcome.params["first"] == first.message_id
    receipts = receive(agent)
    duplicate = [r for r in receipts if r.params["result"] == "duplicate"]
    assert duplicate[0].params["first"] == first.message_id
    # the very same secured file dropped again (a replay) is caught the same way
    (port.drop / "again.edi.p7m").write_bytes(copy)
    [replayed] = receive(port)
    assert replayed.code == "duplicate"
    assert quarantined_reasons(port) == ["duplicate", "duplicate"]
    assert len(list(port.paths.inbox.rglob("*.*"))) == 1


def test_replay_of_an_old_secured_file(pair, tmp_path, monkeypatch):
    agent, port = pair
    send(agent, port, payloads()["wasdis.edi"], tmp_path)
    monkeypatch.setenv("BOLVAERK_EDI_REPLAY_DAYS", str(1 / 86400))  # one second
    time.sleep(1.2)
    [outcome] = receive(port)
    assert outcome.code == "replayed-old"
    assert quarantined_reasons(port) == ["replayed-old"]


def test_invalid_message_is_refused_before_sending_and_after_receiving(pair, tmp_path):
    agent, port = pair
    bad = payloads()["isps.xml"].replace(b"<IMOID>9074729<", b"<IMOID>9074720<")  # check digit
    with pytest.raises(edi_exchange.EdiError) as refused:
        send(agent, port, bad, tmp_path)
    assert refused.value.code == "invalid-payload"
    assert refused.value.exit_code == 1
    # a sender without our checks gets its invalid message refused on arrival, with a receipt
    identity = load_identity(agent.paths, PASSPHRASE)
    labels = container.Labels("X-1", agent.name, port.name, "isps", "x.xml", "now")
    secured = edi_exchange.protect(
        identity, load_identity(port.paths, PASSPHRASE).certificate, bad, labels
    )
    (port.drop / "x.edi.p7m").write_bytes(secured)
    [outcome] = receive(port)
    assert outcome.code == "invalid-payload"
    assert outcome.details
    sidecar = json.loads(next(port.paths.quarantine.glob("*.json")).read_text(encoding="utf-8"))
    assert Path(port.paths.quarantine / sidecar["payload_file"]).read_bytes() == bad
    assert sidecar["text"]["da"].startswith("Beskeden er ugyldig")


def _secured(sender: Party, receiver: Party, payload: bytes, signed_payload: bytes) -> bytes:
    identity = load_identity(sender.paths, PASSPHRASE)
    signature = cms.sign(signed_payload, identity.certificate, identity.key, detached=True)
    labels = container.Labels("T-1", sender.name, receiver.name, "isps", "t.edi", "now")
    recipient = load_identity(receiver.paths, PASSPHRASE).certificate
    return cms.encrypt(container.pack(labels, payload, signature), [recipient])


def test_tampered_payload_is_refused(pair, tmp_path):
    agent, port = pair
    payload = payloads()["isps.edi"]
    (port.drop / "t.edi.p7m").write_bytes(_secured(agent, port, payload + b"X", payload))
    [outcome] = receive(port)
    assert outcome.code == "digest-mismatch"
    assert outcome.partner == agent.name  # known by its pinned certificate: it gets a receipt
    [receipt] = receive(agent)
    assert receipt.code == "unmatched-receipt"  # we never sent T-1; kept for diagnosis too


def test_flipped_ciphertext_and_truncated_file_are_refused(pair, tmp_path):
    agent, port = pair
    result = send(agent, port, payloads()["iftdgn.edi"], tmp_path)
    secured = (port.drop / result.file).read_bytes()
    (port.drop / result.file).unlink()
    flipped = bytearray(secured)
    flipped[-40] ^= 0x01
    (port.drop / "a-flipped.edi.p7m").write_bytes(bytes(flipped))
    (port.drop / "b-truncated.edi.p7m").write_bytes(secured[: len(secured) // 2])
    outcomes = receive(port)
    assert [o.status for o in outcomes] == ["rejected", "rejected"]
    assert outcomes[0].code in {"decrypt-failed", "container-syntax"}
    assert outcomes[1].code == "not-cms"
    assert len(list(port.paths.quarantine.glob("*.p7m"))) == 2
    log = list(edi_log.entries(port.paths.log))
    assert [e["reason"] for e in log if e["event"] == "rejected"] == [o.code for o in outcomes]


def test_wrong_recipient_key(tmp_path):
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    other = make_party(tmp_path, "Other Port")
    introduce(port, agent)
    # the agent's directory holds the wrong certificate for the port
    edi_partners.add_partner(
        agent.paths, port.name, other.paths.certificate, endpoint=str(port.drop)
    )
    send(agent, port, payloads()["isps.edi"], tmp_path)
    [outcome] = receive(port)
    assert outcome.code == "wrong-recipient"
    assert quarantined_reasons(port) == ["wrong-recipient"]


def test_unknown_sender(tmp_path):
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    introduce(agent, port)  # the port never added the agent
    send(agent, port, payloads()["isps.edi"], tmp_path)
    [outcome] = receive(port)
    assert (outcome.code, outcome.params["subject"]) == ("unknown-sender", "Nordic Agency")


def _trust_ca_for(port: Party, agent: Party, ca_certificate, tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(ca_certificate.public_bytes(cms.serialization.Encoding.PEM))
    edi_partners.add_partner(
        port.paths,
        agent.name,
        agent.paths.certificate,
        endpoint=str(agent.drop),
        ca_files=[ca_file],
        replace=True,
    )


@pytest.mark.parametrize(
    ("start", "days", "reason"),
    [(-400, 30, "expired"), (30, 365, "not-yet-valid")],
)
def test_certificate_outside_its_validity(pair, tmp_path, start, days, reason):
    agent, port = pair
    ca = make_ca()
    _trust_ca_for(port, agent, ca.certificate, tmp_path)  # so only the validity can fail
    identity = load_identity(agent.paths, PASSPHRASE)
    when = datetime.now(UTC) + timedelta(days=start)
    issued = ca.issue(identity.key.public_key(), agent.name, start=when, days=days)
    replace_certificate(agent, issued)
    send(agent, port, payloads()["isps.edi"], tmp_path)
    [outcome] = receive(port)
    assert outcome.code == reason
    assert outcome.params["subject"] == agent.name
    assert quarantined_reasons(port) == [reason]


def test_certificate_from_an_unknown_ca_and_from_a_trusted_one(pair, tmp_path):
    agent, port = pair
    trusted, unknown = make_ca("Trusted CA"), make_ca("Unknown CA")
    identity = load_identity(agent.paths, PASSPHRASE)
    _trust_ca_for(port, agent, trusted.certificate, tmp_path)
    replace_certificate(agent, unknown.issue(identity.key.public_key(), agent.name))
    send(agent, port, payloads()["isps.edi"], tmp_path, "one.edi")
    [outcome] = receive(port)
    assert outcome.code == "untrusted-ca"
    assert "Unknown CA" in str(outcome.params["issuer"])
    # a renewed certificate from the CA trusted for this partner is accepted without re-pinning
    replace_certificate(agent, trusted.issue(identity.key.public_key(), agent.name))
    send(agent, port, payloads()["berman.edi"], tmp_path, "two.edi")
    [accepted] = receive(port)
    assert accepted.ok, accepted


def test_log_verify_names_the_edited_line(pair, tmp_path):
    agent, port = pair
    send(agent, port, payloads()["isps.edi"], tmp_path)
    receive(port)
    receive(agent)
    lines = agent.paths.log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert edi_log.verify(agent.paths.log).broken_at is None
    entry = json.loads(lines[0])
    entry["partner"] = "Someone Else"
    lines[0] = json.dumps(entry)
    agent.paths.log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = edi_log.verify(agent.paths.log)
    assert (check.broken_at, check.reason, check.entries) == (1, "hash", 0)
    # recomputing the edited entry's own hash still breaks the link from the next one
    entry["hash"] = edi_log.entry_hash(entry)
    lines[0] = json.dumps(entry)
    agent.paths.log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = edi_log.verify(agent.paths.log)
    assert (check.broken_at, check.reason) == (2, "link")
