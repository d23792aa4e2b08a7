"""SFTP drop (paramiko): upload as `.name.part`, then rename, like the folder drop and like
port community systems ask (Portbase: upload to tmp, then move).

Host keys: the partner's server key is kept in a known_hosts file under the identity. An
unknown host is accepted once and recorded (like OpenSSH's `accept-new`), with its fingerprint
returned so it can be shown and logged; a changed key is refused."""

from __future__ import annotations

import base64
import hashlib
import posixpath
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import paramiko

DEFAULT_PORT = 22
TIMEOUT = 20.0


class SftpError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class SftpTarget:
    user: str
    host: str
    port: int
    directory: str


@dataclass(frozen=True, slots=True)
class Delivery:
    remote_path: str
    new_host_key: str | None  # fingerprint of a host key seen (and recorded) for the first time


def parse_url(url: str) -> SftpTarget:
    """sftp://user@host[:port]/path (an absolute path on the server)."""
    parts = urlsplit(url)
    if parts.scheme != "sftp" or not parts.hostname or not parts.username:
        raise SftpError("bad-sftp-url", url=url)
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError as error:
        raise SftpError("bad-sftp-url", url=url) from error
    return SftpTarget(
        user=unquote(parts.username),
        host=parts.hostname,
        port=port,
        directory=unquote(parts.path) or "/",
    )


class _RecordNewHost(paramiko.MissingHostKeyPolicy):
    def __init__(self) -> None:
        self.fingerprint: str | None = None

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        client.get_host_keys().add(hostname, key.get_name(), key)
        self.fingerprint = host_key_fingerprint(key)


def _load_key(path: Path, passphrase: str | None) -> paramiko.PKey:
    try:
        return paramiko.PKey.from_path(path, passphrase)
    except (OSError, paramiko.SSHException, ValueError) as error:
        raise SftpError("ssh-key-unreadable", file=str(path), detail=str(error)[:120]) from error


def host_key_fingerprint(key: paramiko.PKey) -> str:
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def deliver(
    url: str,
    filename: str,
    data: bytes,
    *,
    known_hosts: Path,
    key_file: Path | None = None,
    key_passphrase: str | None = None,
) -> Delivery:
    target = parse_url(url)
    pkey = _load_key(key_file, key_passphrase) if key_file else None
    client = paramiko.SSHClient()
    known_hosts.parent.mkdir(parents=True, exist_ok=True)
    known_hosts.touch(exist_ok=True)
    client.load_host_keys(str(known_hosts))
    policy = _RecordNewHost()
    client.set_missing_host_key_policy(policy)
    try:
        client.connect(
            target.host,
            port=target.port,
            username=target.user,
            pkey=pkey,
            look_for_keys=pkey is None,
            allow_agent=pkey is None,
            timeout=TIMEOUT,
            banner_timeout=TIMEOUT,
            auth_timeout=TIMEOUT,
        )
        if policy.fingerprint is not None:
            client.save_host_keys(str(known_hosts))
        remote = posixpath.join(target.directory, filename)
        temporary = posixpath.join(target.directory, f".{filename}.part")
        with client.open_sftp() as sftp:
            sftp.putfo(BytesIO(data), temporary, confirm=True)
            try:
                sftp.posix_rename(temporary, remote)
            except OSError:
                sftp.rename(temporary, remote)  # servers without the posix-rename extension
    except paramiko.BadHostKeyException as error:
        raise SftpError("host-key-changed", host=target.host) from error
    except paramiko.AuthenticationException as error:
        raise SftpError("sftp-auth", user=target.user, host=target.host) from error
    except (paramiko.SSHException, OSError, EOFError) as error:
        raise SftpError("sftp-failed", host=target.host, detail=str(error)[:200]) from error
    finally:
        client.close()
    return Delivery(remote_path=remote, new_host_key=policy.fingerprint)
