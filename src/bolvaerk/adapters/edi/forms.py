"""The two forms of a message behind one small interface for the services: detect the form of
some bytes, read them, write a message in either form, and the XSD of a type."""

from __future__ import annotations

from typing import Any

from lxml import etree

from bolvaerk.adapters.edi.edifact import read_edifact, write_edifact
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.xml import read_xml, schema_document, write_xml

__all__ = [
    "EdiFormatError",
    "edifact_interchange",
    "form_of",
    "from_edifact",
    "from_xml",
    "xml_document",
    "xsd_document",
]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def form_of(data: bytes) -> str:
    """'edifact' or 'xml' by the first characters (a byte-order mark and blanks skipped)."""
    head = data[:16]
    for bom in _BOMS:
        if head.startswith(bom):
            return "xml" if bom != _BOMS[0] else form_of(data[len(bom) :])
    stripped = data.lstrip()
    if stripped.startswith(b"<"):
        return "xml"
    if stripped[:3] in (b"UNA", b"UNB"):
        return "edifact"
    raise EdiFormatError("EDI-FORM", start=repr(data[:12]))


def from_xml(data: bytes) -> Any:  # noqa: ANN401 - one of the message classes
    return read_xml(data)


def from_edifact(data: bytes) -> tuple[Any, ...]:
    return read_edifact(data)


def xml_document(message: object) -> bytes:
    return write_xml(message)


def edifact_interchange(message: object, charset: str | None = None) -> bytes:
    return write_edifact(message, charset)


def xsd_document(cls: type) -> bytes:
    return bytes(
        etree.tostring(
            schema_document(cls), xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
    )
