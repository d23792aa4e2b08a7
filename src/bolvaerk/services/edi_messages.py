"""EDI messages: read, check, write and convert port-call notifications (EDIFACT and XML).

The public API (what the CLI and the exchange services use):

    read_message(data: bytes) -> Message            the one message in a file (form detected)
    read_messages(data: bytes) -> tuple[Message, ...]   every message of an EDIFACT interchange
    parse_message(data: bytes) -> (Message, findings)    read_message + validate
    detect_form(data: bytes) -> Form                  Form.EDIFACT or Form.XML (by content)
    validate(message) -> tuple[Finding, ...]         the EDI rules (domain/edi), sorted
    validate_all(messages) -> one tuple of findings per message
    to_edifact(message, charset=None) -> bytes       one message in one interchange (UNA..UNZ)
    to_xml(message) -> bytes                          UTF-8 XML in urn:bolvaerk:edi:1
    serialise(message, form) -> bytes
    example(message_type) -> Message                  the shipped good example of a type
    acknowledgement(message, findings, *, message_id, prepared_at) -> Acknowledgement
    message_type(m), message_id(m), sender(m), recipient(m)
    schema(message_type) -> bytes                     the XSD we publish for a type
    finding_text(finding, lang), has_errors(findings)

Every reading or writing problem is an EdiInputError (code, params, .text(lang)); the readers
raise nothing else, whatever the bytes. Findings are domain Findings (code EDI-..., severity,
path, params); their da/en texts are in content/messages/edi.yaml.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bolvaerk.adapters.edi.edifact.syntax import paused_gc
from bolvaerk.adapters.edi.errors import EdiFormatError
from bolvaerk.adapters.edi.forms import (
    edifact_interchange,
    form_of,
    from_edifact,
    from_xml,
    xml_document,
    xsd_document,
)
from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.messages import edi_error_texts
from bolvaerk.domain.edi import (
    MESSAGE_CLASSES,
    AckError,
    Acknowledgement,
    AckStatus,
    Header,
    Message,
    MessageType,
    validate_message,
)
from bolvaerk.domain.findings import Finding
from bolvaerk.domain.findings import has_errors as _has_errors
from bolvaerk.services.messages import edi_finding_message

__all__ = [
    "EdiInputError",
    "Form",
    "Message",
    "MessageType",
    "acknowledgement",
    "detect_form",
    "example",
    "finding_text",
    "has_errors",
    "message_id",
    "message_type",
    "parse_message",
    "read_message",
    "read_messages",
    "recipient",
    "schema",
    "sender",
    "serialise",
    "to_edifact",
    "to_xml",
    "validate",
    "validate_all",
]


class Form(StrEnum):
    EDIFACT = "edifact"
    XML = "xml"


class EdiInputError(ValueError):
    """Bytes that are not a usable message, or a message that cannot be written in a form."""

    def __init__(self, code: str, params: dict[str, object]) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def text(self, lang: str) -> str:
        """The message in Danish or English, with where it is (segment, line, column)."""
        template = edi_error_texts()[self.code][lang]
        return _fill(template, self.params) + self.location(lang)

    def location(self, lang: str) -> str:
        names = _PLACE[lang]
        parts = [
            f"{names[key]} {self.params[key]}"
            for key in ("segment", "line", "column", "position")
            if self.params.get(key) not in (None, "", 0)
        ]
        return f" ({', '.join(parts)})" if parts else ""


_PLACE = {
    "da": {"segment": "segment", "line": "linje", "column": "kolonne", "position": "tegn"},
    "en": {"segment": "segment", "line": "line", "column": "column", "position": "character"},
}


def _fill(template: str, params: dict[str, object]) -> str:
    class _Keep(dict[str, object]):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return template.format_map(_Keep(params))


def _input_error(error: EdiFormatError) -> EdiInputError:
    return EdiInputError(error.code, dict(error.params))


def detect_form(data: bytes) -> Form:
    try:
        return Form(form_of(data))
    except EdiFormatError as error:
        raise _input_error(error) from None


def read_messages(data: bytes) -> tuple[Message, ...]:
    try:
        if form_of(data) == Form.XML:
            return (from_xml(data),)
        return from_edifact(data)
    except EdiFormatError as error:
        raise _input_error(error) from None


def read_message(data: bytes) -> Message:
    messages = read_messages(data)
    if len(messages) != 1:
        raise EdiInputError("EDI-ONE-MESSAGE", {"count": len(messages)})
    return messages[0]


def validate(message: Message) -> tuple[Finding, ...]:
    return validate_message(message)


def validate_all(messages: tuple[Message, ...]) -> tuple[tuple[Finding, ...], ...]:
    """The findings of each message of an interchange. The cyclic garbage collector is paused
    meanwhile, as while reading: the rules make many small objects and no cycles."""
    with paused_gc():
        return tuple(validate_message(message) for message in messages)


def parse_message(data: bytes) -> tuple[Message, tuple[Finding, ...]]:
    message = read_message(data)
    return message, validate(message)


def has_errors(findings: tuple[Finding, ...]) -> bool:
    return _has_errors(findings)


def to_edifact(message: Message, charset: str | None = None) -> bytes:
    try:
        return edifact_interchange(message, charset)
    except EdiFormatError as error:
        raise _input_error(error) from None


def to_xml(message: Message) -> bytes:
    try:
        return xml_document(message)
    except EdiFormatError as error:
        raise _input_error(error) from None


def serialise(message: Message, form: Form) -> bytes:
    return to_xml(message) if form is Form.XML else to_edifact(message)


def message_type(message: Message) -> MessageType:
    return message.TYPE


def message_id(message: Message) -> str:
    return message.header.message_id


def sender(message: Message) -> str:
    return message.header.sender


def recipient(message: Message) -> str:
    return message.header.recipient


def example(kind: MessageType | str) -> Message:
    """The shipped example of a type (content/examples/edi/<type>.xml)."""
    path = CONTENT_DIR / "examples" / "edi" / f"{MessageType(kind).value}.xml"
    return read_message(path.read_bytes())


def schema(kind: MessageType | str) -> bytes:
    return xsd_document(MESSAGE_CLASSES[MessageType(kind)])


def acknowledgement(
    message: Message,
    findings: tuple[Finding, ...],
    *,
    message_id: str,
    prepared_at: datetime,
) -> Acknowledgement:
    """The APERAK reply to a message: rejected with its errors when findings hold any."""
    errors = tuple(
        AckError(code=f.code, path=f.path, text=finding_text(f, "en"))
        for f in findings
        if f.severity.value == "error"
    )
    return Acknowledgement(
        header=Header(
            message_id=message_id,
            sender=message.header.recipient,
            recipient=message.header.sender,
            prepared_at=prepared_at.replace(microsecond=0),
        ),
        referenced_message_id=message.header.message_id,
        referenced_type=message.TYPE,
        status=AckStatus.REJECTED if errors else AckStatus.ACCEPTED,
        errors=errors,
    )


def finding_text(finding: Finding, lang: str) -> str:
    return edi_finding_message(finding, lang)
