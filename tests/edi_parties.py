"""Two (or more) EDI parties in their own data folders, and a small test CA, for the exchange
tests. Everything is real: keys, certificates, files; RSA-2048 keeps key generation quick."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from bolvaerk.services import edi_identity, edi_partners
from bolvaerk.services.edi_identity import EdiPaths

PASSPHRASE = "correct horse battery staple"  # noqa: S105 - a test identity's passphrase
MESSAGE_TYPES = ("isps", "berman", "wasdis", "iftdgn")


@dataclass(frozen=True)
class Party:
    name: str
    home: Path
    paths: EdiPaths
    drop: Path  # the folder partners deliver into (its "inbox drop")

    @property
    def identity(self) -> edi_identity.Identity:
        return edi_identity.load_identity(self.paths, PASSPHRASE)


def make_party(root: Path, name: str) -> Party:
    home = root / name.lower().replace(" ", "-")
    paths = edi_identity.init_identity(name, PASSPHRASE, home=home, bits=2048)
    drop = home / "drop"
    drop.mkdir(parents=True)
    return Party(name=name, home=home, paths=paths, drop=drop)


def introduce(party: Party, other: Party, endpoint: str | None = None, **options: object) -> None:
    """`party` adds `other` to its directory, delivering to other's drop folder by default."""
    edi_partners.add_partner(
        party.paths,
        other.name,
        other.paths.certificate,
        endpoint=endpoint or str(other.drop),
        **options,  # type: ignore[arg-type]
    )


def payloads() -> dict[str, bytes]:
    """Every message type's shipped example in both forms: 'isps.edi', 'isps.xml', …"""
    from bolvaerk.services import edi_messages  # noqa: PLC0415

    found = {}
    for kind in MESSAGE_TYPES:
        message = edi_messages.example(kind)
        found[f"{kind}.edi"] = edi_messages.to_edifact(message)
        found[f"{kind}.xml"] = edi_messages.to_xml(message)
    return found


# ------------------------------------------------------------------ a small CA


@dataclass(frozen=True)
class Authority:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    def issue(
        self,
        public_key: rsa.RSAPublicKey,
        name: str,
        *,
        start: datetime | None = None,
        days: int = 365,
    ) -> x509.Certificate:
        begin = start or datetime.now(UTC) - timedelta(hours=1)
        return (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(begin)
            .not_valid_after(begin + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(self.key, hashes.SHA256())
        )


def make_ca(name: str = "Test Port CA") -> Authority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC) - timedelta(days=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(key=key, certificate=certificate)


def replace_certificate(party: Party, certificate: x509.Certificate) -> None:
    """Put a certificate for the party's own key in place as is (even expired: for tests of
    what the receiver does with it)."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

    party.paths.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
