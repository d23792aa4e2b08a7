"""X.509 certificates: reading every format people are sent (PEM, DER, P7B, P12), describing
them in words, and deciding whether to trust one (pinned, or chained to a trusted CA)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import NameOID

from bolvaerk.adapters.edi.cms import CmsError, check_public_key

MAX_CHAIN = 6
_WEAK_HASHES = (hashes.SHA1, hashes.MD5)


class CertificateError(Exception):
    """A certificate file or chain was refused; `code` names the reason."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    subject: str
    issuer: str
    fingerprint: str
    not_before: datetime
    not_after: datetime
    self_signed: bool


def load_certificates(data: bytes, password: bytes | None = None) -> list[x509.Certificate]:
    """Every certificate in a PEM (one or more, or a PEM PKCS#7), DER, P7B or P12 file."""
    stripped = data.lstrip()
    if stripped.startswith(b"-----BEGIN PKCS7-----"):
        return _or_error(lambda: pkcs7.load_pem_pkcs7_certificates(stripped), "p7b")
    if stripped.startswith(b"-----BEGIN"):
        return _or_error(lambda: x509.load_pem_x509_certificates(stripped), "pem")
    for loader in (_der_certificate, _der_p7b):
        try:
            return loader(data)
        except ValueError:
            continue
    try:
        bundle = pkcs12.load_pkcs12(data, password)
    except ValueError as error:
        text = str(error).lower()
        code = "p12-password" if "password" in text or "mac" in text else "unknown-format"
        raise CertificateError(code) from error
    found = [bundle.cert.certificate] if bundle.cert else []
    found += [extra.certificate for extra in bundle.additional_certs]
    if not found:
        raise CertificateError("empty")
    return found


def _der_certificate(data: bytes) -> list[x509.Certificate]:
    return [x509.load_der_x509_certificate(data)]


def _der_p7b(data: bytes) -> list[x509.Certificate]:
    return pkcs7.load_der_pkcs7_certificates(data)


def _or_error(load: Callable[[], list[x509.Certificate]], kind: str) -> list[x509.Certificate]:
    try:
        found = load()
    except ValueError as error:
        raise CertificateError("unreadable", kind=kind) from error
    if not found:
        raise CertificateError("empty")
    return list(found)


def to_pem(certificates: Sequence[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certificates)


def from_pem(text: str) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(text.encode("ascii")) if text.strip() else []


@lru_cache(maxsize=1024)
def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, as colon-separated hex (what people compare by phone).
    Cached (certificates are equal when their DER is): trust checks ask it of the same few
    certificates for every message."""
    digest = hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2)).upper()


def common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else certificate.subject.rfc4514_string()


def describe(certificate: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        fingerprint=fingerprint(certificate),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        self_signed=certificate.issuer == certificate.subject,
    )


def check_algorithms(certificate: x509.Certificate) -> None:
    """Key size and the certificate's own signature hash meet modern defaults."""
    try:
        check_public_key(certificate)
    except CmsError as error:
        raise CertificateError(error.code, **error.params) from error
    try:
        algorithm = certificate.signature_hash_algorithm
    except UnsupportedAlgorithm as error:
        oid = certificate.signature_algorithm_oid.dotted_string
        raise CertificateError("weak-certificate-hash", algorithm=oid) from error
    if isinstance(algorithm, _WEAK_HASHES):
        raise CertificateError("weak-certificate-hash", algorithm=algorithm.name)


def check_valid_at(certificate: x509.Certificate, moment: datetime) -> None:
    if moment < certificate.not_valid_before_utc:
        raise CertificateError(
            "not-yet-valid",
            subject=common_name(certificate),
            date=_day(certificate.not_valid_before_utc),
        )
    if moment > certificate.not_valid_after_utc:
        raise CertificateError(
            "expired", subject=common_name(certificate), date=_day(certificate.not_valid_after_utc)
        )


def days_left(certificate: x509.Certificate, now: datetime | None = None) -> int:
    moment = now or datetime.now(UTC)
    return (certificate.not_valid_after_utc - moment).days


def check_trust(
    certificate: x509.Certificate,
    *,
    pinned: Sequence[x509.Certificate],
    anchors: Sequence[x509.Certificate],
    intermediates: Sequence[x509.Certificate],
    moments: Sequence[datetime],
) -> None:
    """Trusted when the certificate is pinned, or chains (each link verified, each CA valid and
    marked as a CA) to one of the anchors; valid at every moment given (signing time and now)."""
    check_algorithms(certificate)
    for moment in moments:
        check_valid_at(certificate, moment)
    prints = {fingerprint(c) for c in pinned}
    if fingerprint(certificate) in prints:
        return
    anchor_prints = {fingerprint(c) for c in anchors}
    pool = [*anchors, *intermediates]
    current = certificate
    for _ in range(MAX_CHAIN):
        issuer = _issuer_of(current, pool)
        if issuer is None:
            break
        check_algorithms(issuer)
        for moment in moments:
            check_valid_at(issuer, moment)
        if fingerprint(issuer) in anchor_prints:
            return
        if issuer.subject == issuer.issuer:
            break  # a self-signed certificate that is not an anchor ends the chain untrusted
        current = issuer
    raise CertificateError(
        "untrusted-ca", subject=common_name(certificate), issuer=certificate.issuer.rfc4514_string()
    )


def _issuer_of(
    certificate: x509.Certificate, pool: Sequence[x509.Certificate]
) -> x509.Certificate | None:
    for candidate in pool:
        if candidate.subject != certificate.issuer or candidate == certificate:
            continue
        if not _is_ca(candidate):
            continue
        try:
            certificate.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue  # not this issuer: try the next
        return candidate
    return None


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except (x509.ExtensionNotFound, ValueError):
        return False
    return bool(constraints.value.ca)


def _day(moment: datetime) -> str:
    return moment.date().isoformat()
