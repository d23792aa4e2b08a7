"""The folder drop and the HTTPS client's refusals (the HTTPS exchange itself is in
tests/services/test_edi_exchange_transports.py)."""

from __future__ import annotations

import pytest

from bolvaerk.adapters.edi.transport import folder, https


def test_write_then_rename_and_part_files_are_ignored(tmp_path):
    drop = tmp_path / "drop"
    written = folder.deliver(drop, "b.edi.p7m", b"secured")
    assert written.read_bytes() == b"secured"
    (drop / ".a.edi.p7m.part").write_bytes(b"half")  # another writer, still busy
    (drop / "c.edi.p7m.part").write_bytes(b"half")
    (drop / "sub").mkdir()
    folder.deliver(drop, "a.edi.p7m", b"first")
    assert [p.name for p in folder.ready_files(drop)] == ["a.edi.p7m", "b.edi.p7m"]
    folder.deliver(drop, "a.edi.p7m", b"replaced whole")
    assert (drop / "a.edi.p7m").read_bytes() == b"replaced whole"


@pytest.mark.parametrize(
    "url", ["http://partner.example/edi/inbox", "ftp://127.0.0.1/x", "file:///etc/passwd"]
)
def test_https_client_refuses_plain_http_away_from_this_machine(url):
    with pytest.raises(https.HttpsError) as refused:
        https.post(url, b"x")
    assert refused.value.code == "insecure-url"


def test_https_client_names_an_unreachable_inbox():
    with pytest.raises(https.HttpsError) as failed:
        https.post("http://127.0.0.1:9/edi/inbox", b"x", timeout=2)
    assert failed.value.code == "unreachable"
