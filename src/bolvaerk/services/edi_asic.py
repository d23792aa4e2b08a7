"""ASiC-E containers for EMSWe single-window submissions: build one signed with this data
folder's identity, or check one against an expected signer (ours, a partner's, or a certificate
file). Building is recorded in the EDI audit log; checking changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography import x509

from bolvaerk.adapters.edi import certificates
from bolvaerk.services import edi_identity, edi_log, edi_partners
from bolvaerk.services.edi_identity import EdiPaths
from bolvaerk.services.edi_texts import EdiError

if TYPE_CHECKING:
    from bolvaerk.adapters.edi.asic import Container

MAX_FILE = 128 * 1024 * 1024  # no container to read or file to pack is larger


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class AsicSummary:
    file: Path
    objects: tuple[ObjectInfo, ...]
    signer: str
    fingerprint: str
    signing_time: datetime


def build_container(
    paths: EdiPaths, files: Sequence[Path], target: Path, *, passphrase: str | None
) -> AsicSummary:
    """Sign the files into an ASiC-E container at `target` with our identity."""
    from bolvaerk.adapters.edi import asic  # noqa: PLC0415 - pyHanko costs ~0.7 s to import

    identity = edi_identity.load_identity(paths, passphrase)
    contents = [(file.name, _read(file)) for file in files]
    try:
        data = asic.build(contents, identity.certificate, identity.key, chain=identity.chain)
        container = asic.read(data, [identity.certificate])  # what we hand over must open
    except asic.AsicError as error:
        raise EdiError.wrap(error.code, dict(error.params)) from error
    try:
        target.write_bytes(data)
    except OSError as error:
        raise EdiError("unreadable-file", file=str(target)) from error
    summary = _summary(target, container)
    edi_log.append(
        paths.log,
        "asic-created",
        file=str(target),
        objects=[o.name for o in summary.objects],
        sha256=[o.sha256 for o in summary.objects],
        signer=summary.signer,
    )
    return summary


def check_container(
    paths: EdiPaths, file: Path, *, cert_file: Path | None = None, partner: str | None = None
) -> AsicSummary:
    """Open and check a container; the signer must be the expected one: the certificate in
    `cert_file`, the partner's, or else our own. A refusal is an EdiError with exit code 1."""
    from bolvaerk.adapters.edi import asic  # noqa: PLC0415 - pyHanko costs ~0.7 s to import

    expected = _expected(paths, cert_file, partner)
    data = _read(file)
    try:
        container = asic.read(data, expected)
    except asic.AsicError as error:
        raise EdiError.wrap(error.code, {**error.params, "file": str(file)}, exit_code=1) from error
    return _summary(file, container)


def _expected(
    paths: EdiPaths, cert_file: Path | None, partner: str | None
) -> list[x509.Certificate]:
    if cert_file is not None:
        return edi_partners.read_certificate_file(cert_file)[:1]
    if partner is not None:
        return [edi_partners.get_partner(paths, partner).certificate]
    return [edi_identity.own_certificate(paths)]


def _read(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_FILE:
            raise EdiError("too-large", file=str(file), size=size, limit=MAX_FILE)
        return file.read_bytes()
    except OSError as error:
        raise EdiError("unreadable-file", file=str(file)) from error


def _summary(file: Path, container: Container) -> AsicSummary:
    return AsicSummary(
        file=file,
        objects=tuple(
            ObjectInfo(o.name, o.media_type, len(o.content), o.sha256) for o in container.objects
        ),
        signer=certificates.common_name(container.signer),
        fingerprint=certificates.fingerprint(container.signer),
        signing_time=container.signing_time,
    )
