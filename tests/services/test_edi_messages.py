"""The EDI message service: its API, and a Danish and English text for every rule variant and
every error code the readers and writers can raise."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

import bolvaerk
from bolvaerk.content.messages import edi_cli_texts, edi_error_texts, edi_rule_texts
from bolvaerk.domain.edi import EDI_RULES, AckStatus, MessageType, validate_message
from bolvaerk.services import edi_messages
from bolvaerk.services.edi_messages import EdiInputError, Form
from tests.casework import load_case_files
from tests.edi_casework import patched_message

SRC = Path(bolvaerk.__file__).parent
LANGUAGES = ("da", "en")


def test_every_rule_variant_has_a_title_and_messages_in_both_languages() -> None:
    texts = edi_rule_texts()
    declared = {(r.spec.code, v) for r in EDI_RULES for v in r.spec.variants}
    written = {(code, v) for code, text in texts.items() for v in text.messages}
    assert declared == written
    assert all(texts[code].title[lang] for code, _ in declared for lang in LANGUAGES)


def test_every_error_code_in_the_code_has_a_text() -> None:
    sources = [*(SRC / "adapters" / "edi").rglob("*.py"), SRC / "services" / "edi_messages.py"]
    used: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        if "EdiFormatError" in text or "EdiInputError" in text:
            used |= set(re.findall(r'"((?:EDI|EDIFACT)-[A-Z][A-Z0-9-]+)"', text))
    used -= {rule.spec.code for rule in EDI_RULES}
    assert used, "no codes found"
    assert sorted(used - set(edi_error_texts())) == []


def _unfilled(message: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(message) if name]


def test_the_messages_of_every_case_format_completely() -> None:
    checked = 0
    for entry in load_case_files("edi").values():
        for case in entry["fires"]:
            for finding in validate_message(patched_message(case)):
                for lang in LANGUAGES:
                    text = edi_messages.finding_text(finding, lang)
                    assert not re.search(r"\{\w+\}", text), (finding, text)
                    checked += 1
    assert checked > 100


def test_the_cli_texts_are_complete() -> None:
    assert {"written", "unusable", "summary", "clean", "rejected"} <= set(edi_cli_texts())


def test_an_error_reads_in_both_languages_with_its_place() -> None:
    data = edi_messages.to_edifact(edi_messages.example("isps")).replace(b"UNT+75", b"UNT+70")
    with pytest.raises(EdiInputError) as raised:
        edi_messages.read_message(data)
    assert raised.value.text("da").endswith("(segment 76, linje 77, kolonne 1, tegn 2018)")
    assert "UNT gives 70 segments" in raised.value.text("en")


@pytest.mark.parametrize("kind", list(MessageType))
def test_both_forms_read_to_the_same_message(kind: MessageType) -> None:
    message = edi_messages.example(kind)
    for form in Form:
        data = edi_messages.serialise(message, form)
        assert edi_messages.detect_form(b"\xef\xbb\xbf  \n" + data) is form
        parsed, findings = edi_messages.parse_message(data)
        assert parsed == message
        assert findings == ()
    assert edi_messages.message_type(message) is kind
    assert edi_messages.message_id(message) == message.header.message_id
    assert edi_messages.sender(message) == message.header.sender
    assert edi_messages.recipient(message) == message.header.recipient


def test_unknown_forms_and_interchanges_with_two_messages() -> None:
    for data in (b"", b"{}", b"PK\x03\x04"):
        with pytest.raises(EdiInputError) as raised:
            edi_messages.read_message(data)
        assert raised.value.code == "EDI-FORM"
    assert edi_messages.detect_form(b"\xff\xfe<\x00") is Form.XML
    one = edi_messages.to_edifact(edi_messages.example("wasdis")).decode("latin-1")
    head, _, rest = one.partition("UNH+1+")
    body = "UNH+1+" + rest.partition("UNZ+")[0]
    second = re.sub(r"UNT\+(\d+)\+1'", r"UNT+\1+2'", body.replace("UNH+1+", "UNH+2+"))
    two = head + body + second
    two += "UNZ+2+AGXW0412'\n"
    assert len(edi_messages.read_messages(two.encode("latin-1"))) == 2
    with pytest.raises(EdiInputError) as raised:
        edi_messages.read_message(two.encode("latin-1"))
    assert (raised.value.code, raised.value.params) == ("EDI-ONE-MESSAGE", {"count": 2})
    with pytest.raises(EdiInputError) as raised:
        edi_messages.detect_form(b"hello")
    assert raised.value.code == "EDI-FORM"


def test_writing_errors_become_input_errors() -> None:
    with pytest.raises(EdiInputError) as raised:
        edi_messages.to_edifact(edi_messages.example("isps"), "UNOA")
    assert raised.value.code == "EDIFACT-WRITE-CHARSET"
    assert "UNOA" in raised.value.text("en")


def test_the_acknowledgement_of_a_rejected_message() -> None:
    message = edi_messages.example("isps")
    data = edi_messages.to_xml(message).replace(b"9074729", b"9074728")
    parsed, findings = edi_messages.parse_message(data)
    assert edi_messages.has_errors(findings)
    reply = edi_messages.acknowledgement(
        parsed, findings, message_id="R-1", prepared_at=datetime(2026, 11, 24, 12, 5, 7, 99, UTC)
    )
    assert reply.status is AckStatus.REJECTED
    assert [e.code for e in reply.errors] == ["EDI-SHIP-01"]
    assert reply.header.sender == message.header.recipient
    assert reply.header.prepared_at.microsecond == 0
    assert edi_messages.validate(reply) == ()
    for form in Form:
        assert edi_messages.read_message(edi_messages.serialise(reply, form)) == reply
    accepted = edi_messages.acknowledgement(
        message, (), message_id="R-2", prepared_at=datetime(2026, 11, 24, tzinfo=UTC)
    )
    assert accepted.status is AckStatus.ACCEPTED


@pytest.mark.parametrize("kind", list(MessageType))
def test_the_published_schema_validates_the_example(kind: MessageType) -> None:
    schema = etree.XMLSchema(etree.fromstring(edi_messages.schema(kind)))
    assert schema.validate(etree.fromstring(edi_messages.to_xml(edi_messages.example(kind))))


def test_every_text_block_of_edi_yaml_is_exactly_danish_and_english() -> None:
    import yaml  # noqa: PLC0415 - only this test reads the raw file

    document = yaml.safe_load((SRC / "content" / "messages" / "edi.yaml").read_text("utf-8"))
    blocks: list[dict[str, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "da" in node or "en" in node:
                blocks.append(node)
            else:
                for value in node.values():
                    walk(value)

    walk(document)
    assert len(blocks) > 100
    assert [b for b in blocks if set(b) != {"da", "en"} or b["da"] == b["en"] == ""] == []


def test_the_docs_list_every_rule() -> None:
    docs = (SRC.parent.parent / "docs" / "edi.md").read_text("utf-8")
    assert [r.spec.code for r in EDI_RULES if f"| {r.spec.code} |" not in docs] == []
