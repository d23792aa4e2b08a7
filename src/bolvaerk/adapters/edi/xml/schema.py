"""The XSD of each message type, generated from the model so that it cannot drift from it.

Records become complex types with a sequence in field order; str fields and fields with a
default are optional (minOccurs 0), tuples repeat, enums are enumerations, dates and
date-times must carry the lexical form the model reads (a date-time with a UTC offset).
Content rules (IMO check digit, UN/LOCODE ...) are not in the XSD: they are findings, the same
for both forms.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache

from lxml import etree

from bolvaerk.adapters.edi.tree import fields_of, is_record
from bolvaerk.adapters.edi.xml.names import element_name
from bolvaerk.domain.edi import MESSAGE_CLASSES

NAMESPACE = "urn:bolvaerk:edi:1"
XS = "http://www.w3.org/2001/XMLSchema"
ROOTS: dict[str, type] = {cls.__name__: cls for cls in MESSAGE_CLASSES.values()}
_BUILTIN = {str: "xs:string", int: "xs:integer", Decimal: "xs:decimal", bool: "xs:boolean"}
_PATTERNS = {
    date: ("DateType", "xs:date", r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    datetime: (
        "DateTimeType",
        "xs:dateTime",
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+\-][0-9]{2}:[0-9]{2})",
    ),
}


def _xs(name: str) -> str:
    return f"{{{XS}}}{name}"


def _type_name(kind: type) -> str:
    if kind in _BUILTIN:
        return _BUILTIN[kind]
    if kind in _PATTERNS:
        return f"bv:{_PATTERNS[kind][0]}"
    return f"bv:{kind.__name__}Type"


def schema_document(cls: type) -> etree._Element:
    root = etree.Element(
        _xs("schema"),
        nsmap={"xs": XS, "bv": NAMESPACE},
        targetNamespace=NAMESPACE,
        elementFormDefault="qualified",
        version="1",
    )
    etree.SubElement(root, _xs("element"), name=cls.__name__, type=_type_name(cls))
    done: set[type] = set()
    _declare(root, cls, done)
    return root


def _declare(root: etree._Element, kind: type, done: set[type]) -> None:
    if kind in done or kind in _BUILTIN:
        return
    done.add(kind)
    if kind in _PATTERNS:
        name, base, pattern = _PATTERNS[kind]
        simple = etree.SubElement(root, _xs("simpleType"), name=name)
        restriction = etree.SubElement(simple, _xs("restriction"), base=base)
        etree.SubElement(restriction, _xs("pattern"), value=pattern)
    elif issubclass(kind, Enum):
        simple = etree.SubElement(root, _xs("simpleType"), name=f"{kind.__name__}Type")
        restriction = etree.SubElement(simple, _xs("restriction"), base="xs:string")
        for member in kind:
            etree.SubElement(restriction, _xs("enumeration"), value=str(member.value))
    elif is_record(kind):
        complex_type = etree.SubElement(root, _xs("complexType"), name=f"{kind.__name__}Type")
        sequence = etree.SubElement(complex_type, _xs("sequence"))
        for field in fields_of(kind):
            attributes = {"name": element_name(kind, field.name), "type": _type_name(field.kind)}
            if field.kind is str or field.optional or not field.required:
                attributes["minOccurs"] = "0"
            if field.repeated:
                attributes["maxOccurs"] = "unbounded"
            etree.SubElement(sequence, _xs("element"), attributes)
            _declare(root, field.kind, done)


@cache
def compiled_schema(cls: type) -> etree.XMLSchema:
    return etree.XMLSchema(schema_document(cls))
