"""The secured file: one CMS EnvelopedData whose content is a small JSON document

    {"format": "bolvaerk-edi-secured/1", "message_id", "sender", "recipient", "type",
     "filename", "created_at", "payload": base64, "signature": base64 (detached CMS)}

The detached signature covers the payload bytes exactly, so a partner can check it with any CMS
tool (`openssl cms -verify -binary -content payload`). The other fields are labels for people
and file names: what the receiver trusts comes from the signature (signer, signing time,
payload digest), never from these labels (see docs/edi-security.md)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

FORMAT = "bolvaerk-edi-secured/1"
SUFFIX = ".edi.p7m"
RECEIPT_SUFFIX = ".receipt.p7s"
_LABELS = ("message_id", "sender", "recipient", "type", "filename", "created_at")
MAX_LABEL = 200


class ContainerError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Labels:
    message_id: str
    sender: str
    recipient: str
    type: str
    filename: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Inner:
    labels: Labels
    payload: bytes
    signature: bytes


def pack(labels: Labels, payload: bytes, signature: bytes) -> bytes:
    """The JSON document, byte for byte what json.dumps(ensure_ascii, compact) writes for it.
    Only the labels go through the encoder: the base64 parts need no escaping, and the
    encoder's character-by-character scan of them cost more than the rest of packing."""
    document = {"format": FORMAT}
    document.update({name: getattr(labels, name) for name in _LABELS})
    head = json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return b"".join(
        (
            head[:-1],  # without its closing brace
            b',"payload":"',
            base64.b64encode(payload),
            b'","signature":"',
            base64.b64encode(signature),
            b'"}',
        )
    )


def unpack(data: bytes) -> Inner:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise ContainerError("container-syntax") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise ContainerError("container-format", found=str(found)[:40])
    values: dict[str, str] = {}
    for name in _LABELS:
        value = document.get(name)
        if not isinstance(value, str) or len(value) > MAX_LABEL:
            raise ContainerError("container-field", field=name)
        values[name] = value
    try:
        payload = base64.b64decode(str(document.get("payload")), validate=True)
        signature = base64.b64decode(str(document.get("signature")), validate=True)
    except (ValueError, binascii.Error) as error:
        raise ContainerError("container-field", field="payload/signature") from error
    return Inner(labels=Labels(**values), payload=payload, signature=signature)


def safe_name(text: str, fallback: str = "message") -> str:
    """A file-name-safe rendering of a label (labels are untrusted until verified)."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in text)
    kept = kept.strip("._")[:80]
    return kept or fallback
