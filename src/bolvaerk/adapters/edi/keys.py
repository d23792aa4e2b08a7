"""Key pairs for people who know no PKI: one RSA key, a self-signed certificate and a CSR.

The private key is written encrypted with the user's passphrase (PKCS#8, the best encryption
cryptography offers) and loaded once per process: a key load with its consistency checks costs
about 100 signatures (anchors-edi §4), so `load_private_key` caches by file and modification time.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_KEY_BITS = 3072
DEFAULT_VALID_DAYS = 730
_BACKDATE = timedelta(minutes=5)  # tolerate a partner's clock a little behind ours


class PrivateKeyError(Exception):
    """The private key could not be used; `code` names why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class NewIdentity:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    request: x509.CertificateSigningRequest


def generate(
    name: str,
    *,
    bits: int = DEFAULT_KEY_BITS,
    days: int = DEFAULT_VALID_DAYS,
    now: datetime | None = None,
) -> NewIdentity:
    """An RSA key, a self-signed certificate for signing and key encipherment, and a CSR that a
    CA can sign instead when a partner wants a CA-issued certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    start = (now or datetime.now(UTC)) - _BACKDATE
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    request = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(subject)
        .add_extension(_key_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return NewIdentity(key=key, certificate=certificate, request=request)


def _key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=True,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def encrypted_pem(key: rsa.RSAPrivateKey, passphrase: str) -> bytes:
    if not passphrase:
        raise PrivateKeyError("empty-passphrase")
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def write_private(path: Path, data: bytes) -> None:
    """Create the file readable by its owner only, before any byte is written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


_cache: dict[tuple[str, int, int], rsa.RSAPrivateKey] = {}
_lock = threading.Lock()


def load_private_key(path: Path, passphrase: str | None) -> rsa.RSAPrivateKey:
    """The key at `path`, decrypted once per process (cached by path, mtime and size)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise PrivateKeyError("key-missing", file=str(path)) from error
    cache_key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _cache.get(cache_key)
        if cached is not None:
            return cached
        if not passphrase:
            raise PrivateKeyError("passphrase-needed")
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), passphrase.encode("utf-8"))
        except (ValueError, TypeError) as error:
            raise PrivateKeyError("bad-passphrase", file=str(path)) from error
        if not isinstance(key, rsa.RSAPrivateKey):
            raise PrivateKeyError("not-rsa", file=str(path))
        _cache[cache_key] = key
        return key


def is_loaded(path: Path) -> bool:
    """Whether the key is cached already (so no passphrase is needed to use it)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size) in _cache


def forget_keys() -> None:
    """Drop cached keys (tests switch identities; a long-running process after a key change)."""
    with _lock:
        _cache.clear()


def pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def request_pem(request: x509.CertificateSigningRequest) -> bytes:
    return request.public_bytes(serialization.Encoding.PEM)
