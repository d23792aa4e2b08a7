"""AS2 (RFC 4130) for partners who insist: an S/MIME message over HTTP with a signed MDN back.

Sending: the payload as a base64 MIME part -> multipart/signed with our detached CMS signature
(SHA-256) -> application/pkcs7-mime enveloped-data (AES-256-CBC, RSA) as the HTTP body, with
AS2-From, AS2-To, Message-ID and a request for a signed MDN with a SHA-256 MIC. Receiving:
decrypt, verify (signer = the partner's pinned certificate), compute the MIC over the signed
part, and answer with a signed multipart/report MDN whose disposition says `processed` or
`processed/error: <reason>`. The sender checks the MDN's signature, original message id and MIC.
CMS work is `cms.py` (cryptography signs/encrypts, asn1crypto + cryptography verify); MIME is
`as2_mime.py`. Synchronous MDNs only: an asynchronous MDN URL is not honoured.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from bolvaerk.adapters.edi import certificates, cms
from bolvaerk.adapters.edi.transport import as2_mime as mime
from bolvaerk.adapters.edi.transport.as2_mdn import (
    AS2_VERSION,
    PROCESSED,
    As2Error,
    DispositionError,
    Mdn,
    build_mdn,
    mic_of,
    new_message_id,
    signed_parts,
    verify_signed,
)
from bolvaerk.adapters.edi.transport.as2_mime import MimeError, header

MDN_OPTIONS = (
    "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256"
)
ENVELOPE_TYPE = 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"'


@dataclass(frozen=True, slots=True)
class As2Message:
    """What goes over HTTP (headers, body) and what the sender keeps to check the MDN."""

    message_id: str
    sender_id: str
    receiver_id: str
    headers: dict[str, str]
    body: bytes
    mic: str  # "<base64 SHA-256>, sha-256" over the signed MIME part


@dataclass(frozen=True, slots=True)
class Inbound:
    """A received AS2 message: the disposition, the payload when processed, and the MDN."""

    message_id: str
    sender_id: str
    receiver_id: str
    disposition: str  # "processed" or "processed/error: <modifier>"
    reason: str  # our code of why, "" when processed
    payload: bytes | None
    filename: str
    content_type: str
    mic: str | None
    signer: x509.Certificate | None
    mdn_requested: bool
    mdn: Mdn

    @property
    def ok(self) -> bool:
        return self.disposition == PROCESSED


def build_message(
    payload: bytes,
    *,
    filename: str,
    sender_id: str,
    receiver_id: str,
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey,
    partner_certificate: x509.Certificate,
    chain: Sequence[x509.Certificate] = (),
    content_type: str = "application/edifact",
    mdn_to: str = "",
    subject: str = "EDI message",
) -> As2Message:
    """Sign, then encrypt for the partner; the headers request a signed SHA-256 MDN."""
    content = mime.attachment(payload, content_type, filename)
    signature = cms.sign(content, certificate, key, detached=True, chain=chain)
    signed_type, signed_body = mime.multipart_signed(content, signature)
    envelope = cms.encrypt(mime.entity(signed_type, signed_body), [partner_certificate])
    message_id = new_message_id()
    headers = {
        "AS2-Version": AS2_VERSION,
        "AS2-From": mime.quote_name(sender_id),
        "AS2-To": mime.quote_name(receiver_id),
        "Message-ID": message_id,
        "Subject": subject,
        "Date": format_datetime(datetime.now(UTC)),
        "MIME-Version": "1.0",
        "Content-Type": ENVELOPE_TYPE,
        "Content-Transfer-Encoding": "binary",
        "Content-Disposition": 'attachment; filename="smime.p7m"',
        "Disposition-Notification-To": mdn_to or sender_id,
        "Disposition-Notification-Options": MDN_OPTIONS,
    }
    return As2Message(message_id, sender_id, receiver_id, headers, envelope, mic_of(content))


def receive_message(
    headers: Mapping[str, str],
    body: bytes,
    *,
    our_id: str,
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey,
    partners: Mapping[str, x509.Certificate],
    chain: Sequence[x509.Certificate] = (),
    require_encryption: bool = True,
    now: datetime | None = None,
) -> Inbound:
    """Open an AS2 request and answer it with a signed MDN, whatever the outcome. Only a
    request without Message-ID, AS2-From or AS2-To raises As2Error (there is no one to answer)."""
    message_id = header(headers, "Message-ID")
    sender_id = mime.unquote_name(header(headers, "AS2-From"))
    receiver_id = mime.unquote_name(header(headers, "AS2-To"))
    missing = [n for n, v in (("Message-ID", message_id), ("AS2-From", sender_id)) if not v]
    if not receiver_id:
        missing.append("AS2-To")
    if missing:
        raise As2Error("as2-headers", missing=", ".join(missing))
    found: dict[str, object] = {}
    try:
        if receiver_id != our_id:
            raise DispositionError("authentication-failed", "as2-not-for-us")
        partner = partners.get(sender_id)
        if partner is None:
            raise DispositionError("authentication-failed", "as2-unknown-partner")
        _open(
            headers,
            body,
            certificate=certificate,
            key=key,
            partner=partner,
            require_encryption=require_encryption,
            now=now,
            found=found,
        )
        disposition, reason = PROCESSED, ""
    except DispositionError as failure:
        disposition, reason = f"{PROCESSED}/error: {failure.modifier}", failure.reason
    mic = found.get("mic")
    mdn = build_mdn(
        original_message_id=message_id,
        sender_id=sender_id,
        our_id=our_id,
        disposition=disposition,
        mic=str(mic) if mic else None,
        certificate=certificate,
        key=key,
        chain=chain,
    )
    payload = found.get("payload") if disposition == PROCESSED else None
    signer = found.get("signer")
    return Inbound(
        message_id=message_id,
        sender_id=sender_id,
        receiver_id=receiver_id,
        disposition=disposition,
        reason=reason,
        payload=payload if isinstance(payload, bytes) else None,
        filename=str(found.get("filename", "")),
        content_type=str(found.get("content_type", "")),
        mic=str(mic) if mic else None,
        signer=signer if isinstance(signer, x509.Certificate) else None,
        mdn_requested=bool(header(headers, "Disposition-Notification-To")),
        mdn=mdn,
    )


def _open(
    headers: Mapping[str, str],
    body: bytes,
    *,
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey,
    partner: x509.Certificate,
    require_encryption: bool,
    now: datetime | None,
    found: dict[str, object],
) -> None:
    """Decrypt, verify, decode: fills `found` (mic, signer, payload, …) or raises the
    DispositionError the MDN reports."""
    outer_entity = mime.entity(
        header(headers, "Content-Type"), body, header(headers, "Content-Transfer-Encoding")
    )
    encrypted = False
    try:
        outer, outer_body = mime.split_entity(outer_entity)
        signed = outer_entity
        if outer.get_content_type() in {"application/pkcs7-mime", "application/x-pkcs7-mime"}:
            if str(outer.get_param("smime-type", "")).lower() != "enveloped-data":
                raise DispositionError("unexpected-processing-error", "as2-unsupported")
            try:
                signed = cms.decrypt(mime.decode_body(outer, outer_body), certificate, key)
            except cms.CmsError as error:
                raise DispositionError("decryption-failed", error.code) from error
            encrypted = True
        elif require_encryption:
            raise DispositionError("insufficient-message-security", "as2-not-encrypted")
        inner, inner_body = mime.split_entity(signed)
    except MimeError as error:
        # AES-CBC has no integrity of its own: a damaged envelope decrypts to garbage
        modifier = "decryption-failed" if encrypted else "unexpected-processing-error"
        raise DispositionError(modifier, "as2-mime") from error
    if "Content-Type" not in inner:
        modifier = "decryption-failed" if encrypted else "unexpected-processing-error"
        raise DispositionError(modifier, "as2-mime")
    if inner.get_content_type() != "multipart/signed":
        raise DispositionError("insufficient-message-security", "as2-not-signed")
    content, signature = signed_parts(inner, inner_body)
    verified, content = verify_signed(signature, content)
    if certificates.fingerprint(verified.signer) != certificates.fingerprint(partner):
        raise DispositionError("authentication-failed", "as2-wrong-signer")
    try:
        for moment in (verified.signing_time, now or datetime.now(UTC)):
            certificates.check_valid_at(verified.signer, moment)
    except certificates.CertificateError as error:
        raise DispositionError("authentication-failed", error.code) from error
    found.update(mic=mic_of(content), signer=verified.signer)
    try:
        part_headers, part_body = mime.split_entity(content)
        found["payload"] = mime.decode_body(part_headers, part_body)
    except MimeError as error:
        raise DispositionError("unexpected-processing-error", "as2-mime") from error
    found["filename"] = part_headers.get_filename() or ""
    found["content_type"] = part_headers.get_content_type()
