"""Receipts both ways: signing and sending ours for a received message, and checking, matching
and keeping the ones partners send back for our messages."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from bolvaerk.adapters.edi import cms, receipts
from bolvaerk.adapters.edi.container import RECEIPT_SUFFIX, safe_name
from bolvaerk.adapters.edi.transport import folder
from bolvaerk.services import edi_log, edi_records
from bolvaerk.services.edi_delivery import deliver
from bolvaerk.services.edi_identity import Identity
from bolvaerk.services.edi_partners import Partner, identify
from bolvaerk.services.edi_records import Diagnosis, Outcome
from bolvaerk.services.edi_texts import EdiError


def new_receipt(
    identity: Identity,
    partner: Partner,
    *,
    message_id: str,
    payload_sha256: str,
    result: str,
    reasons: tuple[str, ...] = (),
    first: edi_records.Seen | None = None,
) -> receipts.Receipt:
    return receipts.Receipt(
        receipt_id=str(uuid.uuid4()),
        message_id=message_id,
        sender=partner.name,
        receiver=identity.name,
        received_at=datetime.now(UTC).isoformat(timespec="seconds"),
        payload_sha256=payload_sha256,
        result=result,
        reasons=reasons,
        first_message_id=first.message_id if first else "",
        first_received_at=first.received_at if first else "",
    )


def issue(
    identity: Identity, partner: Partner, receipt: receipts.Receipt, *, send: bool
) -> tuple[bytes, str]:
    """Sign the receipt, log it and (when `send`) deliver it through the partner's endpoint.
    The web inbox answers a POST with it instead (send=False); an undeliverable receipt waits
    in receipts-out. Returns the signed bytes and where they went."""
    signed = receipts.sign(receipt, identity.certificate, identity.key, identity.chain)
    name = f"{safe_name(identity.name)}--{safe_name(receipt.message_id)}{RECEIPT_SUFFIX}"
    where = "returned"
    if send:
        try:
            where = deliver(identity.paths, partner, name, signed).where
        except EdiError as error:
            where = str(folder.deliver(identity.paths.outgoing_receipts, name, signed))
            edi_log.append(
                identity.paths.log,
                "receipt-undelivered",
                partner=partner.name,
                message_id=receipt.message_id,
                reason=error.code,
                kept=where,
            )
    edi_log.append(
        identity.paths.log,
        "receipt-issued",
        partner=partner.name,
        message_id=receipt.message_id,
        receipt_id=receipt.receipt_id,
        result=receipt.result,
        reasons=list(receipt.reasons),
        payload_sha256=receipt.payload_sha256,
        receipt_sha256=hashlib.sha256(signed).hexdigest(),
        to=where,
    )
    return signed, where


def take_receipt(identity: Identity, data: bytes, name: str) -> Outcome:
    """Verify a partner's receipt, match it to our sent message and keep it."""
    paths = identity.paths
    diagnosis = Diagnosis()
    try:
        receipt, signed = receipts.open_signed(data)
        diagnosis.signer = signed.signer.subject.rfc4514_string()
        diagnosis.signing_time = signed.signing_time.isoformat()
        partner = identify(
            paths, signed.signer, signed.certificates, [signed.signing_time, datetime.now(UTC)]
        )
    except (cms.CmsError, receipts.ReceiptError, EdiError) as error:
        return _refuse(
            identity, data, name, code=error.code, params=error.params, diagnosis=diagnosis
        )
    diagnosis.partner = partner.name
    diagnosis.payload_sha256 = receipt.payload_sha256
    record = edi_records.find_sent(paths, partner.name, receipt.message_id)
    if record is None:
        return _refuse(
            identity,
            data,
            name,
            code="unmatched-receipt",
            params={"message_id": receipt.message_id},
            diagnosis=diagnosis,
        )
    if record.payload_sha256 != receipt.payload_sha256:
        return _refuse(
            identity,
            data,
            name,
            code="receipt-digest-mismatch",
            params={"message_id": receipt.message_id},
            diagnosis=diagnosis,
        )
    stored = folder.deliver(
        paths.receipts,
        f"{safe_name(partner.name)}--{safe_name(receipt.message_id)}{RECEIPT_SUFFIX}",
        data,
    )
    edi_records.attach_receipt(
        paths,
        record,
        result=receipt.result,
        reasons=receipt.reasons,
        receipt_file=stored,
        first_message_id=receipt.first_message_id,
    )
    edi_log.append(
        paths.log,
        "receipt-received",
        partner=partner.name,
        message_id=receipt.message_id,
        receipt_id=receipt.receipt_id,
        result=receipt.result,
        reasons=list(receipt.reasons),
        payload_sha256=receipt.payload_sha256,
        receipt_sha256=hashlib.sha256(data).hexdigest(),
    )
    return Outcome(
        file=name,
        kind="receipt",
        status="accepted",
        partner=partner.name,
        message_id=receipt.message_id,
        saved=str(stored),
        params={"result": receipt.result, "first": receipt.first_message_id},
        details=receipt.reasons,
    )


def _refuse(
    identity: Identity,
    data: bytes,
    name: str,
    *,
    code: str,
    params: dict[str, object],
    diagnosis: Diagnosis,
) -> Outcome:
    kept = edi_records.quarantine(
        identity.paths, data, name=name, code=code, params=params, diagnosis=diagnosis
    )
    edi_log.append(
        identity.paths.log,
        "receipt-rejected",
        file=name,
        reason=code,
        partner=diagnosis.partner,
        sha256=hashlib.sha256(data).hexdigest(),
        quarantined=kept.file.name,
    )
    return Outcome(
        file=name,
        kind="receipt",
        status="rejected",
        code=code,
        params=params,
        partner=diagnosis.partner,
        saved=str(kept.file),
    )
