"""The SFTP drop against a real OpenSSH server on loopback (started here)."""

from __future__ import annotations

from pathlib import Path

import paramiko
import pytest

from bolvaerk.adapters.edi.transport import sftp
from tests.edi_sshd import running_sshd


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_sshd(tmp_path_factory.mktemp("sshd")) as running:
        yield running


def test_upload_is_renamed_into_place_and_the_host_key_recorded(server, tmp_path):
    target = tmp_path / "drop"
    target.mkdir()
    known_hosts = tmp_path / "known_hosts"
    first = sftp.deliver(
        server.url(target), "a.edi.p7m", b"x" * 70_000,
        known_hosts=known_hosts, key_file=server.client_key,
    )  # fmt: skip
    assert first.remote_path == f"{target}/a.edi.p7m"
    assert (target / "a.edi.p7m").read_bytes() == b"x" * 70_000
    assert [p.name for p in target.iterdir()] == ["a.edi.p7m"]  # no .part left behind
    assert first.new_host_key == sftp.host_key_fingerprint(server.host_key)
    assert known_hosts.read_text(encoding="ascii").count("ssh-ed25519") == 1
    second = sftp.deliver(
        server.url(target), "b.edi.p7m", b"y", known_hosts=known_hosts, key_file=server.client_key
    )
    assert second.new_host_key is None


def test_a_changed_host_key_is_refused(server, tmp_path):
    known_hosts = tmp_path / "known_hosts"
    impostor = paramiko.RSAKey.generate(2048)
    entry = paramiko.HostKeys()
    entry.add(f"[127.0.0.1]:{server.port}", "ssh-ed25519", server.host_key)
    entry.save(str(known_hosts))
    # replace the recorded key with another one of the same type: the server no longer matches
    text = known_hosts.read_text(encoding="ascii")
    other = paramiko.Ed25519Key.from_private_key_file(str(server.client_key))
    known_hosts.write_text(text.replace(server.host_key.get_base64(), other.get_base64()))
    with pytest.raises(sftp.SftpError) as refused:
        sftp.deliver(
            server.url(tmp_path), "c", b"z", known_hosts=known_hosts, key_file=server.client_key
        )
    assert refused.value.code == "host-key-changed"
    assert impostor.get_bits() == 2048


def test_wrong_login_key_and_bad_urls(server, tmp_path):
    stranger = tmp_path / "stranger"
    paramiko.RSAKey.generate(2048).write_private_key_file(str(stranger))
    with pytest.raises(sftp.SftpError) as refused:
        sftp.deliver(
            server.url(tmp_path), "d", b"z", known_hosts=tmp_path / "kh", key_file=stranger
        )
    assert refused.value.code == "sftp-auth"
    for url in ("sftp://host/path", "https://u@h/p", "sftp://u@h:notaport/p"):
        with pytest.raises(sftp.SftpError) as bad:
            sftp.parse_url(url)
        assert bad.value.code == "bad-sftp-url"
    assert sftp.parse_url("sftp://agent@127.0.0.1:2222/srv/drop") == sftp.SftpTarget(
        "agent", "127.0.0.1", 2222, "/srv/drop"
    )


def test_missing_remote_folder_is_a_clear_failure(server, tmp_path):
    with pytest.raises(sftp.SftpError) as failed:
        sftp.deliver(
            server.url(tmp_path / "nowhere"), "e", b"z",
            known_hosts=tmp_path / "kh", key_file=server.client_key,
        )  # fmt: skip
    assert failed.value.code == "sftp-failed"
    assert not Path(tmp_path / "nowhere").exists()
