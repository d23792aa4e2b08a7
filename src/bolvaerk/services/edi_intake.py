"""Taking in one received file: decrypt → verify the signature → identify and trust the
sender → check signing time, duplicates and replays → validate → write the payload to the inbox
→ signed receipt back. Whatever fails is quarantined with its reason and logged."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import hashes

from bolvaerk.adapters.edi import cms, container
from bolvaerk.adapters.edi.transport import folder
from bolvaerk.services import edi_checks, edi_log, edi_receipts, edi_records
from bolvaerk.services.edi_checks import PayloadCheck
from bolvaerk.services.edi_identity import EdiPaths, Identity
from bolvaerk.services.edi_partners import Partner, identify, list_partners
from bolvaerk.services.edi_records import Diagnosis, Outcome, exchange_lock
from bolvaerk.services.edi_texts import EdiError

Validator = Callable[[bytes], PayloadCheck]
CLOCK_SKEW = timedelta(minutes=5)
DEFAULT_REPLAY_DAYS = 7.0
_SHA256 = hashes.SHA256()


def receive_bytes(
    identity: Identity,
    data: bytes,
    name: str,
    *,
    validator: Validator | None = None,
    send_receipt: bool,
) -> tuple[Outcome, bytes | None]:
    """One received file under the exchange lock; the signed receipt (if one was made) is
    returned too, for the web inbox to answer with."""
    with exchange_lock(identity.paths):
        file = _Received(identity, data, name, send_receipt, Diagnosis())
        try:
            kind = cms.content_type(data)
        except cms.CmsError as error:
            return _reject(file, error.code, error.params), None
        if kind == "signed_data":
            return edi_receipts.take_receipt(identity, data, name), None
        return _take_message(file, validator)


@dataclass(slots=True)
class _Received:
    """One received file on its way through the checks."""

    identity: Identity
    data: bytes
    name: str
    send_receipt: bool
    diagnosis: Diagnosis


def _take_message(file: _Received, validator: Validator | None) -> tuple[Outcome, bytes | None]:
    identity, diagnosis = file.identity, file.diagnosis
    paths = identity.paths
    try:
        inner = container.unpack(cms.decrypt(file.data, identity.certificate, identity.key))
    except (cms.CmsError, container.ContainerError) as error:
        return _reject(file, error.code, error.params), None
    diagnosis.labels = {k: str(v) for k, v in asdict(inner.labels).items()}
    digest = hashlib.sha256(inner.payload).hexdigest()
    diagnosis.payload_sha256 = digest
    label_id = inner.labels.message_id
    now = datetime.now(UTC)
    try:
        signed = cms.verify(inner.signature, inner.payload)
        diagnosis.signer = signed.signer.subject.rfc4514_string()
        diagnosis.signing_time = signed.signing_time.isoformat()
        partner = identify(paths, signed.signer, signed.certificates, [signed.signing_time, now])
        _check_signing_time(signed.signing_time, now)
    except (cms.CmsError, EdiError) as error:
        claimed = _pinned_partner(paths, inner.signature)
        return _reject_with_receipt(
            file, error.code, error.params, inner.payload, claimed, message_id=label_id
        )
    diagnosis.partner = partner.name
    check = (validator or edi_checks.message_check)(inner.payload)
    message_id = check.message_id or label_id
    diagnosis.details = list(check.details)
    earlier = edi_records.earlier(paths, partner.name, message_id, digest)
    if earlier is not None:
        reason, first = earlier
        return _reject_with_receipt(
            file,
            reason,
            {"first": first.message_id, "at": first.received_at},
            inner.payload,
            partner,
            message_id=message_id,
            result="duplicate" if reason == "duplicate" else "rejected",
            first=first,
        )
    if not check.accepted:
        return _reject_with_receipt(
            file,
            "invalid-payload",
            {"reasons": ", ".join(check.reasons)},
            inner.payload,
            partner,
            message_id=message_id,
            reasons=check.reasons,
        )
    return _accept(file, partner, inner, message_id)


def _accept(
    file: _Received, partner: Partner, inner: container.Inner, message_id: str
) -> tuple[Outcome, bytes]:
    identity = file.identity
    paths = identity.paths
    digest = file.diagnosis.payload_sha256
    suffix = Path(inner.labels.filename).suffix
    safe_suffix = suffix and container.safe_name(suffix, "") == suffix.lstrip(".")
    target = folder.deliver(
        paths.inbox / container.safe_name(partner.name),
        f"{container.safe_name(message_id)}{suffix if safe_suffix else '.edi'}",
        inner.payload,
    )
    receipt = edi_receipts.new_receipt(
        identity, partner, message_id=message_id, payload_sha256=digest, result="accepted"
    )
    edi_records.remember(
        paths,
        edi_records.Seen(partner.name, message_id, digest, receipt.received_at, receipt.receipt_id),
    )
    edi_log.append(
        paths.log,
        "received",
        partner=partner.name,
        message_id=message_id,
        type=inner.labels.type,
        payload_sha256=digest,
        file=file.name,
        saved=str(target),
    )
    signed, where = edi_receipts.issue(identity, partner, receipt, send=file.send_receipt)
    outcome = Outcome(
        file=file.name,
        kind="message",
        status="accepted",
        partner=partner.name,
        message_id=message_id,
        saved=str(target),
        receipt=where,
    )
    return outcome, signed


def _reject_with_receipt(
    file: _Received,
    code: str,
    params: dict[str, object],
    payload: bytes,
    partner: Partner | None,
    *,
    message_id: str,
    result: str = "rejected",
    reasons: tuple[str, ...] = (),
    first: edi_records.Seen | None = None,
) -> tuple[Outcome, bytes | None]:
    """Quarantine; and when the sender is a partner we know (by its pinned certificate, or
    verified), tell it with a signed receipt sent to the endpoint in OUR directory."""
    outcome = _reject(file, code, params, payload=payload, status=result)
    if partner is None:
        return outcome, None
    receipt = edi_receipts.new_receipt(
        file.identity,
        partner,
        message_id=message_id,
        payload_sha256=file.diagnosis.payload_sha256,
        result=result,
        reasons=reasons or (code,),
        first=first,
    )
    signed, where = edi_receipts.issue(file.identity, partner, receipt, send=file.send_receipt)
    return replace(outcome, partner=partner.name, message_id=message_id, receipt=where), signed


def _reject(
    file: _Received,
    code: str,
    params: dict[str, object],
    *,
    payload: bytes | None = None,
    status: str = "rejected",
) -> Outcome:
    diagnosis = file.diagnosis
    paths = file.identity.paths
    kept = edi_records.quarantine(
        paths,
        file.data,
        name=file.name,
        code=code,
        params=params,
        diagnosis=diagnosis,
        payload=payload,
    )
    edi_log.append(
        paths.log,
        "rejected",
        file=file.name,
        reason=code,
        partner=diagnosis.partner,
        message_id=diagnosis.labels.get("message_id", ""),
        sha256=hashlib.sha256(file.data).hexdigest(),
        quarantined=kept.file.name,
    )
    return Outcome(
        file=file.name,
        kind="message",
        status=status,
        code=code,
        params=params,
        partner=diagnosis.partner,
        message_id=diagnosis.labels.get("message_id", ""),
        saved=str(kept.file),
        details=tuple(diagnosis.details),
    )


def _pinned_partner(paths: EdiPaths, signature: bytes) -> Partner | None:
    """The partner whose pinned certificate is in the signature, before it is verified: only
    used to address a rejection receipt to that partner's own endpoint."""
    try:
        carried = cms.carried_certificates(signature)
    except cms.CmsError:
        return None
    prints = {c.fingerprint(_SHA256) for c in carried}
    return next(
        (p for p in list_partners(paths) if p.certificate.fingerprint(_SHA256) in prints), None
    )


def _check_signing_time(signing_time: datetime, now: datetime) -> None:
    if signing_time > now + CLOCK_SKEW:
        raise EdiError("signed-in-future", exit_code=1, at=signing_time.isoformat())
    days = replay_days()
    if now - signing_time > timedelta(days=days):
        raise EdiError("replayed-old", exit_code=1, at=signing_time.isoformat(), days=int(days))


def replay_days() -> float:
    try:
        return float(os.environ.get("BOLVAERK_EDI_REPLAY_DAYS", DEFAULT_REPLAY_DAYS))
    except ValueError:
        return DEFAULT_REPLAY_DAYS
