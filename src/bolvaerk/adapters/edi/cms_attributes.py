"""The signed attributes of a CMS SignerInfo that verification reads: content types, signing
times and message digests. A signer such as cryptography or OpenSSL writes them in one plain
DER form, which is read with asn1crypto's bare DER parser; anything else is read by
asn1crypto's classes, which accept every form they know (and were the only reading before;
the bare reading is several times quicker, as the classes look up a specification for every
value, and gives the same values, see tests/adapters/edi/test_fast_paths.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from asn1crypto import core as asn1_core  # type: ignore[import-untyped]
from asn1crypto import parser as asn1_parser


def oid(dotted: str) -> bytes:
    """The encoded contents of an object identifier (compared as bytes: asn1crypto's .native
    costs tens of microseconds per value)."""
    return bytes(asn1_core.ObjectIdentifier(dotted).contents)


DATA = oid("1.2.840.113549.1.7.1")
CONTENT_TYPE = oid("1.2.840.113549.1.9.3")
MESSAGE_DIGEST = oid("1.2.840.113549.1.9.4")
SIGNING_TIME = oid("1.2.840.113549.1.9.5")

_Attributes = tuple[list[bytes], list[datetime], list[bytes]]
# the signed attributes we read and the universal tags of their values' plain form
_PLAIN_TAGS = {CONTENT_TYPE: (6,), SIGNING_TIME: (23, 24), MESSAGE_DIGEST: (4,)}
_TIMES = {23: asn1_core.UTCTime, 24: asn1_core.GeneralizedTime}


def _attributes(attributes: Any) -> _Attributes:  # noqa: ANN401 - asn1crypto value
    """Content types (OID contents), signing times and message digests of the signed
    attributes, read by asn1crypto's classes (any form they accept)."""
    found: dict[bytes, Any] = {}
    for attribute in attributes:
        found.setdefault(bytes(attribute["type"].contents), []).extend(attribute["values"])
    return (
        [bytes(v.contents) for v in found.get(CONTENT_TYPE, ())],
        [v.native for v in found.get(SIGNING_TIME, ())],
        [bytes(v.contents) for v in found.get(MESSAGE_DIGEST, ())],
    )


def _plain_attributes(attributes: Any) -> _Attributes | None:  # noqa: ANN401 - asn1crypto value
    """The same, read with asn1crypto's bare DER parser when the attributes are exactly the
    three a CMS signer writes (content type, signing time, message digest) in their plain
    form: several times quicker than the classes, which look up a specification for every
    value. None for anything else, which _attributes then reads."""
    found: dict[bytes, list[tuple[int, bytes, bytes]]] = {}
    try:
        for attribute in _children(attributes.contents):
            if attribute[:3] != (0, 1, 16):
                return None
            kind, values = _children(attribute[4])
            tags = _PLAIN_TAGS.get(kind[4]) if kind[:3] == (0, 0, 6) else None
            if tags is None or values[:3] != (0, 1, 17):
                return None
            for value in _children(values[4]):
                if value[0] != 0 or value[1] != 0 or value[2] not in tags:
                    return None
                found.setdefault(kind[4], []).append((value[2], value[3], value[4]))
        return (
            [body for _, _, body in found.get(CONTENT_TYPE, ())],
            [
                _TIMES[tag].load(head + body).native
                for tag, head, body in found.get(SIGNING_TIME, ())
            ],
            [body for _, _, body in found.get(MESSAGE_DIGEST, ())],
        )
    except (ValueError, TypeError):
        return None


def _children(data: bytes) -> list[tuple[int, int, int, bytes, bytes, bytes]]:
    """The DER values one after another in data (class, method, tag, header, body, trailer)."""
    found = []
    while data:
        value = asn1_parser.parse(data)
        if value[5]:  # an indefinite length (BER): not the plain form
            raise ValueError("indefinite length")
        found.append(value)
        data = data[len(value[3]) + len(value[4]) :]
    return found


def signed_attributes(attributes: Any) -> _Attributes:  # noqa: ANN401 - asn1crypto value
    """Content types (OID contents), signing times and message digests, in that order."""
    return _plain_attributes(attributes) or _attributes(attributes)
