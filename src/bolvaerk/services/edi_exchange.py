"""Send and receive secured EDI files between two parties.

send: validate → detached CMS signature over the payload → secured file (CMS envelope for the
partner) → deliver → record, and take the receipt when the transport answers with one.
receive: a file or a drop folder, each file taken in by services/edi_intake (decrypt, verify,
trust, replay check, validate, store, receipt). Whatever fails is quarantined with its reason
and logged; nothing is dropped or half done."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509

from bolvaerk.adapters.edi import cms, container
from bolvaerk.adapters.edi.transport import folder
from bolvaerk.services import edi_checks, edi_log, edi_receipts, edi_records
from bolvaerk.services.edi_delivery import deliver
from bolvaerk.services.edi_identity import EdiPaths, Identity, edi_paths, load_identity
from bolvaerk.services.edi_intake import Validator, receive_bytes
from bolvaerk.services.edi_partners import get_partner
from bolvaerk.services.edi_records import Outcome, exchange_lock
from bolvaerk.services.edi_texts import EdiError

MAX_FILE = 64 << 20
RECEIPT_TYPE = "application/pkcs7-signature"


@dataclass(frozen=True, slots=True)
class InboxAnswer:
    """The web inbox's answer to a POSTed file."""

    status: int
    body: bytes
    content_type: str


@dataclass(frozen=True, slots=True)
class SendResult:
    message_id: str
    partner: str
    file: str
    delivered_to: str
    receipt: Outcome | None
    new_host_key: str | None


# ------------------------------------------------------------------ protection (pure, in memory)


def protect(
    identity: Identity, recipient: x509.Certificate, payload: bytes, labels: container.Labels
) -> bytes:
    """The secured file: the payload and its detached signature, enveloped for the recipient."""
    signature = cms.sign(
        payload, identity.certificate, identity.key, detached=True, chain=identity.chain
    )
    inner = container.pack(labels, payload, signature)
    return cms.encrypt(inner, [recipient])


def unprotect(identity: Identity, data: bytes) -> tuple[container.Inner, cms.Signed]:
    """Decrypt and verify (no trust decision yet). Raises CmsError or ContainerError."""
    inner = container.unpack(cms.decrypt(data, identity.certificate, identity.key))
    return inner, cms.verify(inner.signature, inner.payload)


# ------------------------------------------------------------------ send


def send(
    paths: EdiPaths,
    file: Path,
    partner_name: str,
    *,
    passphrase: str | None = None,
    validator: Validator | None = None,
) -> SendResult:
    try:
        payload = file.read_bytes()
    except OSError as error:
        raise EdiError("unreadable-file", file=str(file)) from error
    partner = get_partner(paths, partner_name)
    check = (validator or edi_checks.message_check)(payload)
    if not check.accepted:
        raise EdiError(
            "invalid-payload", exit_code=1, reasons=", ".join(check.reasons), details=check.details
        )
    identity = load_identity(paths, passphrase)
    now = datetime.now(UTC)
    message_id = check.message_id or f"{container.safe_name(identity.name)}-{now:%Y%m%dT%H%M%S%fZ}"
    labels = container.Labels(
        message_id=message_id,
        sender=identity.name,
        recipient=partner.name,
        type=check.message_type or "payload",
        filename=file.name[: container.MAX_LABEL],
        created_at=now.isoformat(timespec="seconds"),
    )
    secured = protect(identity, partner.certificate, payload, labels)
    name = (
        f"{container.safe_name(identity.name)}--{container.safe_name(message_id)}{container.SUFFIX}"
    )
    digest = hashlib.sha256(payload).hexdigest()
    record = edi_records.SentRecord(
        message_id=message_id,
        partner=partner.name,
        payload_sha256=digest,
        sent_at=now.isoformat(timespec="seconds"),
        file=name,
        endpoint=partner.endpoint,
    )
    # Recorded before delivery: a receipt that comes back at once must find its message.
    edi_records.save_sent(paths, record)
    delivered = deliver(paths, partner, name, secured)
    edi_log.append(
        paths.log,
        "sent",
        partner=partner.name,
        message_id=message_id,
        type=labels.type,
        payload_sha256=digest,
        file_sha256=hashlib.sha256(secured).hexdigest(),
        to=delivered.where,
        new_host_key=delivered.new_host_key or "",
    )
    receipt = None
    if delivered.answer is not None:
        with exchange_lock(paths):
            receipt = edi_receipts.take_receipt(identity, delivered.answer, f"{name}.answer")
    return SendResult(
        message_id, partner.name, name, delivered.where, receipt, delivered.new_host_key
    )


# ------------------------------------------------------------------ receive


def receive(
    paths: EdiPaths,
    path: Path,
    *,
    passphrase: str | None = None,
    validator: Validator | None = None,
) -> list[Outcome]:
    """A secured file or receipt, or every complete file in a drop folder (those are moved
    out of the folder once handled: to `processed/`, or copied to the quarantine)."""
    if not path.exists():
        raise EdiError("unreadable-file", file=str(path))
    identity = load_identity(paths, passphrase)
    if path.is_file():
        return [receive_file(identity, path, validator=validator)]
    outcomes = []
    for file in folder.ready_files(path):
        outcomes.append(receive_file(identity, file, validator=validator))
        target = paths.processed / file.name
        if outcomes[-1].ok:
            paths.processed.mkdir(parents=True, exist_ok=True)
            file.replace(
                target if not target.exists() else target.with_name(f"{os.getpid()}-{target.name}")
            )
        else:
            file.unlink()  # its exact bytes are in the quarantine
    return outcomes


def receive_file(identity: Identity, file: Path, *, validator: Validator | None = None) -> Outcome:
    try:
        size = file.stat().st_size
        data = file.read_bytes() if size <= MAX_FILE else b""
    except OSError as error:
        raise EdiError("unreadable-file", file=str(file)) from error
    if size > MAX_FILE:
        raise EdiError("too-large", file=str(file), size=size, limit=MAX_FILE)
    outcome, _ = receive_bytes(identity, data, file.name, validator=validator, send_receipt=True)
    return outcome


def inbox(data: bytes, *, home: Path | None = None) -> InboxAnswer:
    """A secured file or receipt POSTed to /edi/inbox, taken in with this installation's
    identity (BOLVAERK_HOME, key passphrase in BOLVAERK_EDI_PASSPHRASE). A message from a known
    partner is answered with the signed receipt (accepted or rejected); anything else gets one
    plain 400 whatever the cause, so the answer is no oracle (the reason is in the quarantine)."""
    try:
        identity = load_identity(edi_paths(home))
    except EdiError:
        return InboxAnswer(503, b"EDI inbox not configured\n", "text/plain")
    if not data or len(data) > MAX_FILE:
        return InboxAnswer(400, b"refused\n", "text/plain")
    name = f"inbox-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}{container.SUFFIX}"
    outcome, receipt = receive_bytes(identity, data, name, send_receipt=False)
    if receipt is not None:
        return InboxAnswer(200, receipt, RECEIPT_TYPE)
    if outcome.kind == "receipt" and outcome.ok:
        return InboxAnswer(200, b"receipt accepted\n", "text/plain")
    return InboxAnswer(400, b"refused\n", "text/plain")
