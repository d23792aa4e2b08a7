"""AS2 signatures and MDNs: the signed multipart/report receipt (RFC 3798 / 8098 fields,
RFC 4130 §7.4) that answers every AS2 message, its check on the sender's side, and the
signature check both directions share (cms.verify on the exact part bytes, CRLF fallback)."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from bolvaerk.adapters.edi import certificates, cms
from bolvaerk.adapters.edi.transport import as2_mime as mime
from bolvaerk.adapters.edi.transport.as2_mime import CRLF, MimeError, header

AS2_VERSION = "1.2"
PROCESSED = "processed"
_MODE = "automatic-action/MDN-sent-automatically"


class As2Error(Exception):
    """A request that cannot be answered, or an MDN the sender refuses; `code` names why."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


class DispositionError(Exception):
    """Inside receive (never raised to callers): the disposition modifier (RFC 4130
    §7.4.3) and our reason code."""

    def __init__(self, modifier: str, reason: str) -> None:
        super().__init__(modifier, reason)
        self.modifier = modifier
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Mdn:
    message_id: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class MdnResult:
    original_message_id: str
    disposition: str
    mic: str

    @property
    def processed(self) -> bool:
        return self.disposition == PROCESSED


def mic_of(content: bytes) -> str:
    return base64.b64encode(hashlib.sha256(content).digest()).decode("ascii") + ", sha-256"


def new_message_id() -> str:
    return f"<{uuid.uuid4()}@bolvaerk>"


def signed_parts(inner: Message, body: bytes) -> tuple[bytes, bytes]:
    """(signed content part, DER signature) of a multipart/signed entity."""
    try:
        raw = mime.parts(inner, body)
        if len(raw) != 2:
            raise MimeError(f"{len(raw)} parts")
        signature_headers, signature_body = mime.split_entity(raw[1])
        if signature_headers.get_content_type() not in mime.SIGNATURE_TYPES:
            raise MimeError("the second part is not a PKCS#7 signature")
        return raw[0], mime.decode_body(signature_headers, signature_body)
    except MimeError as error:
        raise DispositionError("integrity-check-failed", "as2-mime") from error


def verify_signed(signature: bytes, content: bytes) -> tuple[cms.Signed, bytes]:
    """The verified signature and the exact bytes it covers (as received, or canonicalised
    to CRLF when a gateway turned the line endings into bare LF)."""
    try:
        return cms.verify(signature, content), content
    except cms.CmsError as error:
        canonical = mime.canonical(content)
        if error.code == "digest-mismatch" and canonical != content:
            try:
                return cms.verify(signature, canonical), canonical
            except cms.CmsError:
                pass
        modifier = (
            "integrity-check-failed"
            if error.code in {"digest-mismatch", "bad-signature", "malformed", "no-content"}
            else "insufficient-message-security"
        )
        raise DispositionError(modifier, error.code) from error


def build_mdn(
    *,
    original_message_id: str,
    sender_id: str,
    our_id: str,
    disposition: str,
    mic: str | None,
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey,
    chain: Sequence[x509.Certificate] = (),
) -> Mdn:
    """A signed multipart/report MDN (RFC 3798 / 8098 fields, RFC 4130 §7.4)."""
    text = (
        f"The AS2 message {original_message_id} from {sender_id} was received; "
        f"disposition: {disposition}.\r\n"
    ).encode("utf-8", "replace")
    lines = [
        "Reporting-UA: bolvaerk",
        f"Original-Recipient: rfc822; {mime.quote_name(our_id)}",
        f"Final-Recipient: rfc822; {mime.quote_name(our_id)}",
        f"Original-Message-ID: {original_message_id}",
        *([f"Received-Content-MIC: {mic}"] if mic else []),
        f"Disposition: {_MODE}; {disposition}",
    ]
    notification = "\r\n".join(lines).encode("utf-8", "replace") + CRLF
    report_type, report_body = mime.multipart(
        "report",
        [
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: 7bit\r\n\r\n" + text,
            b"Content-Type: message/disposition-notification\r\n"
            b"Content-Transfer-Encoding: 7bit\r\n\r\n" + notification,
        ],
        report_type="disposition-notification",
    )
    report = mime.entity(report_type, report_body)
    signature = cms.sign(report, certificate, key, detached=True, chain=chain)
    signed_type, body = mime.multipart_signed(report, signature)
    message_id = new_message_id()
    headers = {
        "AS2-Version": AS2_VERSION,
        "AS2-From": mime.quote_name(our_id),
        "AS2-To": mime.quote_name(sender_id),
        "Message-ID": message_id,
        "Date": format_datetime(datetime.now(UTC)),
        "MIME-Version": "1.0",
        "Content-Type": signed_type,
    }
    return Mdn(message_id=message_id, headers=headers, body=body)


def verify_mdn(
    headers: Mapping[str, str],
    body: bytes,
    *,
    message_id: str,
    mic: str,
    partner_certificate: x509.Certificate,
) -> MdnResult:
    """Check an MDN for the message we sent (its id and the MIC we computed): signed by the
    partner, about that message, and, when processed, with that MIC. Raises As2Error naming
    what does not fit."""
    try:
        outer, outer_body = mime.split_entity(mime.entity(header(headers, "Content-Type"), body))
        if outer.get_content_type() != "multipart/signed":
            raise As2Error("as2-mdn-unsigned", found=outer.get_content_type())
        report, signature = _signed_parts_mdn(outer, outer_body)
    except MimeError as error:
        raise As2Error("as2-mdn-syntax", detail=str(error)) from error
    try:
        verified, report = verify_signed(signature, report)
    except DispositionError as failure:
        raise As2Error("as2-mdn-signature", reason=failure.reason) from failure
    if certificates.fingerprint(verified.signer) != certificates.fingerprint(partner_certificate):
        raise As2Error("as2-mdn-signer", subject=certificates.common_name(verified.signer))
    notification = _notification(report)
    original = str(notification.get("Original-Message-ID", "")).strip()
    if original != message_id:
        raise As2Error("as2-mdn-other-message", found=original, expected=message_id)
    disposition = str(notification.get("Disposition", "")).partition(";")[2].strip()
    disposition = " ".join(disposition.split())
    received = " ".join(str(notification.get("Received-Content-MIC", "")).split())
    if disposition == PROCESSED and _mic_value(received) != _mic_value(mic):
        raise As2Error("as2-mic-mismatch", expected=mic, received=received or "-")
    return MdnResult(original_message_id=original, disposition=disposition, mic=received)


def _signed_parts_mdn(outer: Message, body: bytes) -> tuple[bytes, bytes]:
    try:
        return signed_parts(outer, body)
    except DispositionError as failure:
        raise MimeError("not a signed MDN") from failure


def _notification(report: bytes) -> Message:
    try:
        headers, body = mime.split_entity(report)
        for part in mime.parts(headers, body):
            part_headers, part_body = mime.split_entity(part)
            if part_headers.get_content_type() == "message/disposition-notification":
                return mime.fields(mime.decode_body(part_headers, part_body))
    except MimeError as error:
        raise As2Error("as2-mdn-syntax", detail=str(error)) from error
    raise As2Error("as2-mdn-syntax", detail="no message/disposition-notification part")


def _mic_value(mic: str) -> tuple[str, str]:
    """(digest, algorithm); 'sha-256' (RFC 5751) and 'sha256' (pyas2lib writes it) are one."""
    digest, _, algorithm = mic.partition(",")
    return digest.strip(), algorithm.strip().lower().replace("-", "")
