"""The EDI identity of this data folder: one key pair and certificate under BOLVAERK_HOME/edi.

Two data folders are two parties. The private key is stored encrypted with a passphrase (from
BOLVAERK_EDI_PASSPHRASE or asked for by the CLI; never stored) and loaded once per process."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bolvaerk.adapters.edi import certificates, keys
from bolvaerk.services.edi_texts import EdiError

PASSPHRASE_ENV = "BOLVAERK_EDI_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
MIN_PASSPHRASE = 8
_DER, _SPKI = Encoding.DER, PublicFormat.SubjectPublicKeyInfo


@dataclass(frozen=True, slots=True)
class EdiPaths:
    """Where everything of one party lives; created on first use."""

    root: Path

    @property
    def key(self) -> Path:
        return self.root / "identity" / "key.pem"

    @property
    def certificate(self) -> Path:
        return self.root / "identity" / "certificate.pem"

    @property
    def chain(self) -> Path:
        return self.root / "identity" / "chain.pem"

    @property
    def request(self) -> Path:
        return self.root / "identity" / "request.csr"

    @property
    def settings(self) -> Path:
        return self.root / "identity" / "identity.json"

    @property
    def partners(self) -> Path:
        return self.root / "partners"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def sent(self) -> Path:
        return self.root / "sent"

    @property
    def receipts(self) -> Path:
        return self.root / "receipts"

    @property
    def processed(self) -> Path:
        return self.root / "processed"

    @property
    def outgoing_receipts(self) -> Path:
        return self.root / "receipts-out"

    @property
    def seen(self) -> Path:
        return self.root / "seen.jsonl"

    @property
    def log(self) -> Path:
        return self.root / "log.jsonl"

    @property
    def known_hosts(self) -> Path:
        return self.root / "known_hosts"

    @property
    def lock(self) -> Path:
        return self.root / ".lock"


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey
    paths: EdiPaths
    chain: tuple[x509.Certificate, ...] = ()  # CA certificates sent along with signatures


def edi_paths(home: Path | None = None) -> EdiPaths:
    """BOLVAERK_HOME/edi, or ~/.bolvaerk/edi when BOLVAERK_HOME is not set."""
    if home is None:
        value = os.environ.get("BOLVAERK_HOME")
        home = Path(value) if value else Path.home() / ".bolvaerk"
    return EdiPaths(root=home / "edi")


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def init_identity(
    name: str,
    passphrase: str,
    *,
    home: Path | None = None,
    bits: int = keys.DEFAULT_KEY_BITS,
    force: bool = False,
) -> EdiPaths:
    """Make the key pair, the self-signed certificate and the CSR. Refuses to replace an
    existing identity unless forced (partners hold its certificate)."""
    paths = edi_paths(home)
    name = name.strip()
    if not name or len(name) > 64:
        raise EdiError("bad-name", exit_code=2, name=name)
    if len(passphrase) < MIN_PASSPHRASE:
        raise EdiError("short-passphrase", exit_code=2, minimum=MIN_PASSPHRASE)
    if paths.key.exists() and not force:
        raise EdiError("identity-exists", exit_code=2, folder=str(paths.root))
    new = keys.generate(name, bits=bits)
    keys.write_private(paths.key, keys.encrypted_pem(new.key, passphrase))
    paths.certificate.write_bytes(keys.pem(new.certificate))
    paths.request.write_bytes(keys.request_pem(new.request))
    paths.settings.write_text(
        json.dumps(
            {"name": name, "created_at": datetime.now(UTC).isoformat(timespec="seconds")},
            indent=2,
        ),
        encoding="utf-8",
    )
    for folder in (paths.partners, paths.inbox, paths.quarantine, paths.sent, paths.receipts):
        folder.mkdir(parents=True, exist_ok=True)
    return paths


def identity_name(paths: EdiPaths) -> str:
    try:
        return str(json.loads(paths.settings.read_text(encoding="utf-8"))["name"])
    except (OSError, ValueError, KeyError) as error:
        raise EdiError("no-identity", exit_code=2, folder=str(paths.root)) from error


def own_certificate(paths: EdiPaths) -> x509.Certificate:
    try:
        return certificates.load_certificates(paths.certificate.read_bytes())[0]
    except (OSError, certificates.CertificateError) as error:
        raise EdiError("no-identity", exit_code=2, folder=str(paths.root)) from error


_identities: dict[tuple[str, int, int], Identity] = {}


def load_identity(paths: EdiPaths, passphrase: str | None = None) -> Identity:
    """Name, certificate and decrypted key; the key is decrypted once per process."""
    try:
        stamp = (paths.key.stat().st_mtime_ns, paths.certificate.stat().st_mtime_ns)
    except OSError as error:
        raise EdiError("no-identity", exit_code=2, folder=str(paths.root)) from error
    cached = _identities.get((str(paths.root), *stamp))
    if cached is not None:
        return cached
    name = identity_name(paths)
    certificate = own_certificate(paths)
    try:
        key = keys.load_private_key(paths.key, passphrase or passphrase_from_env())
    except keys.PrivateKeyError as error:
        raise EdiError(error.code, exit_code=2, env=PASSPHRASE_ENV, **error.params) from error
    chain = own_chain(paths)
    found = Identity(name=name, certificate=certificate, key=key, paths=paths, chain=chain)
    _identities[(str(paths.root), *stamp)] = found
    return found


def own_chain(paths: EdiPaths) -> tuple[x509.Certificate, ...]:
    try:
        return tuple(certificates.from_pem(paths.chain.read_text(encoding="ascii")))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as error:
        raise EdiError("no-identity", exit_code=2, folder=str(paths.root)) from error


def install_certificate(paths: EdiPaths, source: Path) -> certificates.CertificateInfo:
    """Use a certificate a CA issued for our CSR (PEM, DER, P7B or P12 with its chain): its
    public key must be ours. The self-signed one is kept as certificate-self-signed.pem."""
    try:
        found = certificates.load_certificates(source.read_bytes())
    except OSError as error:
        raise EdiError("unreadable-file", file=str(source)) from error
    except certificates.CertificateError as error:
        raise EdiError.wrap(error.code, {**error.params, "file": str(source)}) from error
    current = own_certificate(paths)
    ours = current.public_key().public_bytes(_DER, _SPKI)
    mine = [c for c in found if c.public_key().public_bytes(_DER, _SPKI) == ours]
    if not mine:
        raise EdiError("not-our-key", file=str(source))
    leaf = mine[0]
    try:
        certificates.check_algorithms(leaf)
        certificates.check_valid_at(leaf, datetime.now(UTC))
    except certificates.CertificateError as error:
        raise EdiError.wrap(error.code, {**error.params, "file": str(source)}) from error
    backup = paths.certificate.with_name("certificate-self-signed.pem")
    if current.issuer == current.subject and not backup.exists():
        backup.write_bytes(keys.pem(current))
    chain = [c for c in found if c is not leaf]
    paths.chain.write_text(certificates.to_pem(chain), encoding="ascii")
    paths.certificate.write_bytes(keys.pem(leaf))
    return certificates.describe(leaf)


def needs_passphrase(paths: EdiPaths) -> bool:
    """True when the key is not loaded yet and no passphrase is in the environment."""
    return paths.key.exists() and not keys.is_loaded(paths.key) and passphrase_from_env() is None


def forget_loaded() -> None:
    _identities.clear()
    keys.forget_keys()


def export_certificate(paths: EdiPaths, target: Path) -> certificates.CertificateInfo:
    """Write our certificate (PEM) for a partner; the CSR sits next to it for a CA."""
    certificate = own_certificate(paths)
    target.write_bytes(keys.pem(certificate))
    return certificates.describe(certificate)


def describe_own(paths: EdiPaths) -> certificates.CertificateInfo:
    return certificates.describe(own_certificate(paths))
