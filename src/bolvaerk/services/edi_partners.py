"""The partner directory: who we exchange with, their certificate, how to reach them (a drop
folder, an SFTP URL or an HTTPS inbox URL) and which CAs we trust for them. One JSON file per
partner under BOLVAERK_HOME/edi/partners; the whole directory travels as a signed file."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509

from bolvaerk.adapters.edi import certificates, cms
from bolvaerk.adapters.edi.transport import sftp
from bolvaerk.services.edi_identity import EdiPaths, Identity, own_certificate
from bolvaerk.services.edi_texts import EdiError

EXPIRY_WARNING_DAYS = 30
DIRECTORY_FORMAT = "bolvaerk-edi-partners/1"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Partner:
    name: str
    certificate: x509.Certificate
    ca_certificates: tuple[x509.Certificate, ...]
    endpoint: str
    ssh_key: str = ""
    added_at: str = ""

    @property
    def endpoint_kind(self) -> str:
        return endpoint_kind(self.endpoint)


def slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-")[:60] or "partner"


def endpoint_kind(endpoint: str) -> str:
    if endpoint.startswith("sftp://"):
        return "sftp"
    if endpoint.startswith(("https://", "http://")):
        return "https"
    return "folder"


def _check_endpoint(endpoint: str) -> str:
    kind = endpoint_kind(endpoint)
    if kind == "sftp":
        try:
            sftp.parse_url(endpoint)
        except sftp.SftpError as error:
            raise EdiError.wrap(error.code, error.params) from error
        return endpoint
    if kind == "https":
        return endpoint
    return str(Path(endpoint).expanduser().resolve())


def _split_chain(
    found: Sequence[x509.Certificate],
) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The partner's own certificate (not a CA, not the issuer of another) and the CAs around it."""
    subjects_issuing = {c.issuer for c in found if c.issuer != c.subject}
    leaves = [c for c in found if not _is_ca(c) and c.subject not in subjects_issuing]
    leaf = leaves[0] if leaves else found[0]
    return leaf, [c for c in found if c is not leaf and _is_ca(c)]


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except (x509.ExtensionNotFound, ValueError):
        return False


def read_certificate_file(path: Path, password: str | None = None) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EdiError("unreadable-file", file=str(path)) from error
    try:
        return certificates.load_certificates(data, password.encode() if password else None)
    except certificates.CertificateError as error:
        raise EdiError.wrap(error.code, {**error.params, "file": str(path)}) from error


def add_partner(
    paths: EdiPaths,
    name: str,
    certificate_file: Path,
    *,
    endpoint: str,
    ca_files: Sequence[Path] = (),
    password: str | None = None,
    ssh_key: str = "",
    replace: bool = False,
) -> Partner:
    name = name.strip()
    if not name or len(name) > 64:
        raise EdiError("bad-name", name=name)
    target = paths.partners / f"{slug(name)}.json"
    if target.exists() and not replace:
        raise EdiError("partner-exists", name=name)
    leaf, chain = _split_chain(read_certificate_file(certificate_file, password))
    for ca_file in ca_files:
        chain += read_certificate_file(ca_file)
    for certificate in (leaf, *chain):
        try:
            certificates.check_algorithms(certificate)
            certificates.check_valid_at(certificate, datetime.now(UTC))
        except certificates.CertificateError as error:
            raise EdiError.wrap(
                error.code, {**error.params, "file": str(certificate_file)}
            ) from error
    partner = Partner(
        name=name,
        certificate=leaf,
        ca_certificates=tuple(chain),
        endpoint=_check_endpoint(endpoint),
        ssh_key=str(Path(ssh_key).expanduser().resolve()) if ssh_key else "",
        added_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    save_partner(paths, partner)
    return partner


def save_partner(paths: EdiPaths, partner: Partner) -> None:
    paths.partners.mkdir(parents=True, exist_ok=True)
    (paths.partners / f"{slug(partner.name)}.json").write_text(
        json.dumps(_to_json(partner), indent=2, ensure_ascii=False), encoding="utf-8"
    )


def _to_json(partner: Partner) -> dict[str, str]:
    return {
        "name": partner.name,
        "certificate": certificates.to_pem([partner.certificate]),
        "ca_certificates": certificates.to_pem(partner.ca_certificates),
        "endpoint": partner.endpoint,
        "ssh_key": partner.ssh_key,
        "added_at": partner.added_at,
    }


def _from_json(document: object, where: str) -> Partner:
    try:
        if not isinstance(document, dict):
            raise TypeError(where)
        return Partner(
            name=str(document["name"]),
            certificate=certificates.from_pem(str(document["certificate"]))[0],
            ca_certificates=tuple(certificates.from_pem(str(document.get("ca_certificates", "")))),
            endpoint=str(document["endpoint"]),
            ssh_key=str(document.get("ssh_key", "")),
            added_at=str(document.get("added_at", "")),
        )
    except (KeyError, IndexError, TypeError, ValueError) as error:
        raise EdiError("partner-damaged", file=where) from error


def describe_partner(partner: Partner) -> dict[str, object]:
    """The facts a person checks: subject, fingerprint, end of validity, endpoint."""
    info = certificates.describe(partner.certificate)
    return {
        "subject": info.subject,
        "fingerprint": info.fingerprint,
        "not_after": info.not_after.date().isoformat(),
        "endpoint": partner.endpoint,
    }


def list_partners(paths: EdiPaths) -> list[Partner]:
    if not paths.partners.is_dir():
        return []
    found = []
    for path in sorted(paths.partners.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise EdiError("partner-damaged", file=str(path)) from error
        found.append(_from_json(document, str(path)))
    return found


def get_partner(paths: EdiPaths, name: str) -> Partner:
    for partner in list_partners(paths):
        if partner.name == name or slug(partner.name) == slug(name):
            return partner
    known = ", ".join(p.name for p in list_partners(paths)) or "-"
    raise EdiError("unknown-partner", name=name, known=known)


def identify(
    paths: EdiPaths,
    signer: x509.Certificate,
    carried: Sequence[x509.Certificate],
    moments: Sequence[datetime],
) -> Partner:
    """The partner who signed: by pinned certificate, or by name with a certificate chained to
    a CA trusted for that partner. Raises EdiError(exit 1) naming the reason otherwise."""
    partners = list_partners(paths)
    signer_print = certificates.fingerprint(signer)
    pinned = [p for p in partners if certificates.fingerprint(p.certificate) == signer_print]
    named = [
        p
        for p in partners
        if certificates.common_name(p.certificate) == certificates.common_name(signer)
    ]
    candidates = pinned or named
    if not candidates:
        raise EdiError("unknown-sender", exit_code=1, subject=certificates.common_name(signer))
    partner = candidates[0]
    try:
        certificates.check_trust(
            signer,
            pinned=[partner.certificate],
            anchors=partner.ca_certificates,
            intermediates=carried,
            moments=moments,
        )
    except certificates.CertificateError as error:
        raise EdiError(error.code, exit_code=1, partner=partner.name, **error.params) from error
    return partner


@dataclass(frozen=True, slots=True)
class ExpiryWarning:
    who: str
    days_left: int
    not_after: str


def expiry_warnings(
    paths: EdiPaths, *, within_days: int = EXPIRY_WARNING_DAYS, now: datetime | None = None
) -> list[ExpiryWarning]:
    """Our own and our partners' certificates that expire within `within_days` (or have)."""
    moment = now or datetime.now(UTC)
    pairs: list[tuple[str, x509.Certificate]] = []
    if paths.certificate.exists():
        pairs.append(("", own_certificate(paths)))
    pairs += [(p.name, p.certificate) for p in list_partners(paths)]
    return [
        ExpiryWarning(who, left, certificate.not_valid_after_utc.date().isoformat())
        for who, certificate in pairs
        if (left := certificates.days_left(certificate, moment)) <= within_days
    ]


def export_directory(identity: Identity, target: Path) -> int:
    """The whole directory as one CMS-signed file (JSON inside), signed by us."""
    partners = list_partners(identity.paths)
    document = {
        "format": DIRECTORY_FORMAT,
        "exported_by": identity.name,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "partners": [_to_json(p) for p in partners],
    }
    content = json.dumps(document, ensure_ascii=True, indent=1).encode("ascii")
    signed = cms.sign(
        content, identity.certificate, identity.key, detached=False, chain=identity.chain
    )
    target.write_bytes(signed)
    return len(partners)


def import_directory(paths: EdiPaths, source: Path, *, replace: bool = False) -> list[str]:
    """Partners from a signed directory file. Its signer must be us (a backup) or a partner we
    already trust (e.g. a port community system sharing its members); else it is refused."""
    try:
        signed = cms.verify(source.read_bytes())
    except OSError as error:
        raise EdiError("unreadable-file", file=str(source)) from error
    except cms.CmsError as error:
        raise EdiError(error.code, exit_code=1, **error.params) from error
    now = datetime.now(UTC)
    if certificates.fingerprint(signed.signer) != certificates.fingerprint(own_certificate(paths)):
        identify(paths, signed.signer, signed.certificates, [signed.signing_time, now])
    try:
        document = json.loads(signed.content)
        entries = document["partners"] if document.get("format") == DIRECTORY_FORMAT else None
    except (ValueError, AttributeError, KeyError) as error:
        raise EdiError("partner-damaged", file=str(source)) from error
    if not isinstance(entries, list):
        raise EdiError("partner-damaged", file=str(source))
    added = []
    for entry in entries:
        partner = _from_json(entry, str(source))
        if (paths.partners / f"{slug(partner.name)}.json").exists() and not replace:
            continue
        save_partner(paths, partner)
        added.append(partner.name)
    return added
