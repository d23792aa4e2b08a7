"""The same exchange over SFTP (a real OpenSSH server on loopback, both ways) and over the web
app's HTTPS inbox (the receipt comes back in the answer)."""

from __future__ import annotations

import urllib.request

import pytest

from bolvaerk.services import edi_exchange, edi_log, edi_records
from bolvaerk.services.edi_delivery import SSH_KEY_ENV
from tests.edi_parties import PASSPHRASE, introduce, make_party, payloads
from tests.edi_sshd import running_sshd


def test_both_ways_over_sftp_with_receipts_over_sftp(tmp_path, monkeypatch):
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    with running_sshd(tmp_path / "sshd") as server:
        monkeypatch.setenv(SSH_KEY_ENV, str(server.client_key))
        introduce(agent, port, server.url(port.drop))
        introduce(port, agent, server.url(agent.drop))
        messages = payloads()
        for sender, receiver, name in (
            (agent, port, "isps.edi"),
            (port, agent, "berman.xml"),
            (agent, port, "wasdis.xml"),
            (port, agent, "iftdgn.edi"),
        ):
            file = tmp_path / name
            file.write_bytes(messages[name])
            result = edi_exchange.send(sender.paths, file, receiver.name, passphrase=PASSPHRASE)
            assert result.delivered_to == f"{receiver.drop}/{result.file}"
            [outcome] = edi_exchange.receive(receiver.paths, receiver.drop, passphrase=PASSPHRASE)
            assert outcome.ok, outcome
            assert outcome.receipt.startswith(str(sender.drop))
            [receipt] = edi_exchange.receive(sender.paths, sender.drop, passphrase=PASSPHRASE)
            assert receipt.params["result"] == "accepted"
        # the first connection recorded the server's host key, later ones checked it
        sent = [e for e in edi_log.entries(agent.paths.log) if e["event"] == "sent"]
        assert sent[0]["new_host_key"].startswith("SHA256:")
        assert sent[1]["new_host_key"] == ""
    for party in (agent, port):
        assert all(r.receipt_result == "accepted" for r in edi_records.load_sent(party.paths))


@pytest.fixture
def port_behind_the_web_app(tmp_path, monkeypatch, live_server):
    agent = make_party(tmp_path, "Nordic Agency")
    port = make_party(tmp_path, "Aarhus Port")
    monkeypatch.setenv("BOLVAERK_HOME", str(port.home))
    monkeypatch.setenv("BOLVAERK_EDI_PASSPHRASE", PASSPHRASE)
    introduce(agent, port, f"{live_server.url}/edi/inbox")
    introduce(port, agent)  # receipts to the agent go back in the HTTP answer
    return agent, port, f"{live_server.url}/edi/inbox"


def test_https_inbox_answers_with_the_signed_receipt(port_behind_the_web_app, tmp_path):
    agent, port, _url = port_behind_the_web_app
    for name, payload in sorted(payloads().items()):
        if name.endswith(".xml"):
            continue  # the same ids as the EDIFACT forms: see below
        file = tmp_path / name
        file.write_bytes(payload)
        result = edi_exchange.send(agent.paths, file, port.name, passphrase=PASSPHRASE)
        assert result.receipt is not None, name
        assert (result.receipt.kind, result.receipt.params["result"]) == ("receipt", "accepted")
        record = edi_records.find_sent(agent.paths, port.name, result.message_id)
        assert record is not None
        assert record.receipt_result == "accepted"
    assert len(list((port.paths.inbox / "Nordic_Agency").iterdir())) == 4
    # the same file again: refused as a duplicate, and the signed receipt says so
    result = edi_exchange.send(agent.paths, tmp_path / "isps.edi", port.name, passphrase=PASSPHRASE)
    assert result.receipt.params["result"] == "duplicate"
    # the same message id with other content (the XML form): refused, the receipt says why
    xml = tmp_path / "isps.xml"
    xml.write_bytes(payloads()["isps.xml"])
    result = edi_exchange.send(agent.paths, xml, port.name, passphrase=PASSPHRASE)
    assert (result.receipt.params["result"], result.receipt.details) == ("rejected", ("id-reused",))


def test_https_inbox_refuses_strangers_and_garbage_alike(port_behind_the_web_app, tmp_path):
    _agent, port, url = port_behind_the_web_app
    stranger = make_party(tmp_path, "Stranger")
    introduce(stranger, port, url)
    file = tmp_path / "isps.edi"
    file.write_bytes(payloads()["isps.edi"])
    with pytest.raises(edi_exchange.EdiError) as refused:
        edi_exchange.send(stranger.paths, file, port.name, passphrase=PASSPHRASE)
    assert (refused.value.code, refused.value.exit_code) == ("http-status", 1)
    assert refused.value.params["detail"] == "refused"
    request = urllib.request.Request(url, data=b"garbage", method="POST")  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as garbage:
        urllib.request.urlopen(request)  # noqa: S310
    with garbage.value as answer:
        assert (answer.code, answer.read()) == (400, b"refused\n")
    with pytest.raises(urllib.error.HTTPError) as get:
        urllib.request.urlopen(url)  # noqa: S310
    with get.value as answer:
        assert answer.code == 405
    reasons = [e["reason"] for e in edi_log.entries(port.paths.log) if e["event"] == "rejected"]
    assert reasons == ["unknown-sender", "not-cms"]
