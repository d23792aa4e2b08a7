"""The XML form: lossless, any namespace prefix, XSD validation errors with the field path,
secure parsing (no DTD, no entities, no network), and the published XSD of every type."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import pytest
from lxml import etree

from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.tree import fields_of, from_tree, scalar
from bolvaerk.adapters.edi.xml import NAMESPACE, read_xml, schema_document, write_xml
from bolvaerk.adapters.edi.xml.names import element_name
from bolvaerk.adapters.edi.xml.schema import compiled_schema
from bolvaerk.domain.edi import MESSAGE_CLASSES, Header, MessageType, Ship
from bolvaerk.services.edi_messages import example

KINDS = list(MessageType)


def _error(data: bytes) -> EdiFormatError:
    with pytest.raises(EdiFormatError) as raised:
        read_xml(data)
    return raised.value


@pytest.mark.parametrize("kind", KINDS)
def test_the_examples_read_and_write_identically(kind: MessageType) -> None:
    data = write_xml(example(kind))
    assert write_xml(read_xml(data)) == data
    assert compiled_schema(MESSAGE_CLASSES[kind]).validate(etree.fromstring(data))


def _prefixed(data: bytes, prefix: str) -> bytes:
    text = data.decode()
    text = text.replace(f'xmlns="{NAMESPACE}"', f'xmlns:{prefix}="{NAMESPACE}"')
    text = re.sub(r"<(/?)(?=[A-Z])", rf"<\1{prefix}:", text)
    return text.encode()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("prefix", ["bv", "ns0", "emswe"])
def test_any_namespace_prefix_reads_the_same(kind: MessageType, prefix: str) -> None:
    data = _prefixed(write_xml(example(kind)), prefix)
    assert f"<{prefix}:Header>".encode() in data
    assert read_xml(data) == example(kind)


def test_mixed_prefixes_and_comments_read_the_same() -> None:
    data = write_xml(example(MessageType.WASDIS)).decode()
    data = data.replace("<Ship>", f'<!-- ship --><x:Ship xmlns:x="{NAMESPACE}">')
    data = data.replace("</Ship>", "</x:Ship>")
    assert read_xml(data.encode()) == example(MessageType.WASDIS)


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("<ArrivalDate>2026-11-17", "<ArrivalDate>2026-11-1x", "last_calls[1].arrival"),
        (
            "<ISPSSecurityLevelCode>1</ISPSSecurityLevelCode>\n  <Itin",
            "<ISPSSecurityLevelCode>one</ISPSSecurityLevelCode>\n  <Itin",
            "security_level",
        ),
        ("<TypeCode>FULL</TypeCode>", "<TypeCode>PERMANENT</TypeCode>", "issc.type"),
        ("<GrossTonnageMeasure>8450", "<GrossTonnageMeasure>8.450,5", "ship.gross_tonnage"),
        ("<Name>NORDIC STAR</Name>", "<Name>NORDIC STAR</Name><Colour>red</Colour>", "ship.Colour"),
        (
            "<EstimatedArrivalDateTime>2026-11-26T14:00:00+01:00",
            "<EstimatedArrivalDateTime>2026-11-26T14:00:00",
            "call.eta",
        ),
    ],
)
def test_schema_errors_name_the_field(old: str, new: str, path: str) -> None:
    data = write_xml(example(MessageType.ISPS)).decode()
    assert old in data
    error = _error(data.replace(old, new, 1).encode())
    assert error.code == "EDI-XML-SCHEMA"
    assert error.params["path"] == path
    assert error.params["line"] > 1
    assert error.params["detail"]


def test_a_missing_required_element_is_reported() -> None:
    data = write_xml(example(MessageType.BERMAN)).decode()
    data = re.sub(
        r"\s*<EstimatedArrivalDateTime>[^<]*</EstimatedArrivalDateTime>", "", data, count=1
    )
    error = _error(data.encode())
    assert error.code == "EDI-XML-SCHEMA"
    assert "EstimatedArrivalDateTime" in str(error.params["detail"])


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "EDI-XML-SYNTAX"),
        (b"<BerthNotification", "EDI-XML-SYNTAX"),
        (b'<?xml version="1.0" encoding="nope"?><x/>', "EDI-XML-SYNTAX"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "EDI-XML-DTD"),
        (
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
            "EDI-XML-DTD",
        ),
        (b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>', "EDI-XML-DTD"),
        (b"<x>&undefined;</x>", "EDI-XML-SYNTAX"),
        (b'<BerthNotification xmlns="urn:other"/>', "EDI-XML-ROOT"),
        (f'<Invoice xmlns="{NAMESPACE}"/>'.encode(), "EDI-XML-ROOT"),
        (f'<Acknowledgement xmlns="{NAMESPACE}"/>'.encode(), "EDI-XML-SCHEMA"),
    ],
)
def test_hostile_and_broken_documents(data: bytes, code: str) -> None:
    assert _error(data).code == code


def test_billion_laughs_is_refused_quickly() -> None:
    lol = b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    assert _error(lol + b"]><l>&j;</l>").code in ("EDI-XML-DTD", "EDI-XML-SYNTAX")


def test_writing_refuses_control_characters_and_naive_times() -> None:
    message = example(MessageType.APERAK)
    bad = message.__class__(**{**_fields(message), "referenced_message_id": "A\x01B"})
    with pytest.raises(EdiFormatError) as raised:
        write_xml(bad)
    assert (raised.value.code, raised.value.params["path"]) == (
        "EDI-XML-CHARACTER",
        "referenced_message_id",
    )
    naive = Header("M", "A", "B", datetime(2026, 11, 24, 12, 0))  # noqa: DTZ001 - the point
    with pytest.raises(EdiFormatError) as raised:
        write_xml(message.__class__(**{**_fields(message), "header": naive}))
    assert (raised.value.code, raised.value.params["path"]) == ("EDI-VALUE", "header.prepared_at")


def _fields(message: object) -> dict[str, object]:
    return {f.name: getattr(message, f.name) for f in fields_of(type(message))}


@pytest.mark.parametrize("kind", KINDS)
def test_the_published_xsd_is_a_schema_with_unique_names(kind: MessageType) -> None:
    document = schema_document(MESSAGE_CLASSES[kind])
    etree.XMLSchema(document)  # compiles
    names = document.xpath(
        "//xs:complexType/@name", namespaces={"xs": etree.QName(document).namespace}
    )
    assert len(names) == len(set(names))
    for sequence in document.iter("{http://www.w3.org/2001/XMLSchema}sequence"):
        elements = [e.get("name") for e in sequence]
        assert len(elements) == len(set(elements))


def test_element_names_fall_back_to_camel_case() -> None:
    assert element_name(Ship, "imo_number") == "IMOID"
    assert element_name(Ship, "some_new_field") == "SomeNewField"


def test_tree_scalars() -> None:
    assert scalar(bool, "1", "x") is True
    assert scalar(Decimal, "+.5", "x") == Decimal("0.5")
    assert scalar(datetime, "2026-11-24T12:00:00Z", "x").utcoffset() is not None
    for kind, value in ((int, "1.5"), (bool, "yes"), (MessageType, "edifact")):
        with pytest.raises(EdiFormatError):
            scalar(kind, value, "x")
    with pytest.raises(EdiFormatError) as raised:
        from_tree(Header, {"message_id": "M"})
    assert raised.value.params["path"] == "prepared_at"
