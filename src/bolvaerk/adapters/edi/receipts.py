"""Signed receipts (the AS2 MDN idea without an AS2 server): the receiver signs a small JSON
document naming what it received and what it decided, as a CMS SignedData with the JSON inside.

    {"format": "bolvaerk-edi-receipt/1", "receipt_id", "message_id", "sender", "receiver",
     "received_at", "payload_sha256", "result": accepted|rejected|duplicate, "reasons": [codes],
     "first_message_id", "first_received_at"}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from cryptography import x509

from bolvaerk.adapters.edi import cms

FORMAT = "bolvaerk-edi-receipt/1"
RESULTS = ("accepted", "rejected", "duplicate")


class ReceiptError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Receipt:
    receipt_id: str
    message_id: str
    sender: str  # who sent the message (the receipt goes back to them)
    receiver: str  # who received it and signs this receipt
    received_at: str
    payload_sha256: str
    result: str
    reasons: tuple[str, ...] = ()
    first_message_id: str = ""
    first_received_at: str = ""


def encode(receipt: Receipt) -> bytes:
    document = {"format": FORMAT, **asdict(receipt)}
    document["reasons"] = list(receipt.reasons)
    return json.dumps(document, ensure_ascii=True, sort_keys=True).encode("ascii")


def decode(data: bytes) -> Receipt:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise ReceiptError("receipt-syntax") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ReceiptError("receipt-syntax")
    fields = {name: document.get(name, "") for name in Receipt.__dataclass_fields__}
    reasons = fields.pop("reasons") or []
    if not all(isinstance(value, str) for value in fields.values()) or not (
        isinstance(reasons, list) and all(isinstance(r, str) for r in reasons)
    ):
        raise ReceiptError("receipt-syntax")
    if fields["result"] not in RESULTS:
        raise ReceiptError("receipt-syntax")
    return Receipt(reasons=tuple(reasons), **fields)


def sign(
    receipt: Receipt,
    certificate: x509.Certificate,
    key: cms.SIGNING_KEY,
    chain: Sequence[x509.Certificate] = (),
) -> bytes:
    return cms.sign(encode(receipt), certificate, key, detached=False, chain=chain)


def open_signed(data: bytes) -> tuple[Receipt, cms.Signed]:
    """The receipt and its verified signature (trust in the signer is the caller's step)."""
    signed = cms.verify(data)
    return decode(signed.content), signed
