"""A real OpenSSH server on loopback for the SFTP tests: Debian's /usr/sbin/sshd with a
temporary host key, config and authorized_keys, for the current user (scripts/system-deps
--dev installs openssh-server). Skips with the reason when sshd cannot start."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import paramiko
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

SSHD = Path("/usr/sbin/sshd")


@dataclass(frozen=True)
class SshServer:
    port: int
    user: str
    client_key: Path  # an OpenSSH private key allowed to log in
    host_key: paramiko.PKey

    def url(self, directory: Path) -> str:
        return f"sftp://{self.user}@127.0.0.1:{self.port}{directory}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _write_key(path: Path) -> ed25519.Ed25519PrivateKey:
    key = ed25519.Ed25519PrivateKey.generate()
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    return key


def _public_line(key: ed25519.Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode("ascii")
    )


@contextmanager
def running_sshd(folder: Path) -> Iterator[SshServer]:
    if not SSHD.exists():
        pytest.skip("sshd is not installed (scripts/system-deps --dev installs openssh-server)")
    folder.mkdir(parents=True, exist_ok=True)
    host_key_file, client_key_file = folder / "host_key", folder / "client_key"
    _write_key(host_key_file)
    client = _write_key(client_key_file)
    authorized = folder / "authorized_keys"
    authorized.write_text(_public_line(client) + "\n", encoding="ascii")
    authorized.chmod(0o600)
    port = _free_port()
    user = getpass.getuser()
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"HostKey {host_key_file}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {folder / 'sshd.pid'}",
                "ListenAddress 127.0.0.1",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "Subsystem sftp internal-sftp",
                "LogLevel ERROR",
            ]
        )
        + "\n",
        encoding="ascii",
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
    log = folder / "sshd.log"
    with log.open("wb") as log_handle:
        process = subprocess.Popen(  # noqa: S603 - fixed binary, our own arguments
            [str(SSHD), "-D", "-e", "-f", str(config), "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=log_handle,
        )
    try:
        _wait_for(port, process, log)
        host_key = paramiko.Ed25519Key.from_private_key_file(str(host_key_file))
        yield SshServer(port=port, user=user, client_key=client_key_file, host_key=host_key)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            reason = log.read_text(encoding="utf-8", errors="replace").strip()[:300]
            pytest.skip(f"sshd could not start: {reason or process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.skip("sshd did not listen within 10 s")
