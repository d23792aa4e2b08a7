"""The message check the exchange runs on a payload before sending and after receiving: the
message layer (services/edi_messages) reads and validates it and names its id and type."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PayloadCheck:
    accepted: bool
    reasons: tuple[str, ...] = ()  # finding or reading codes (EDI-...)
    message_id: str | None = None
    message_type: str | None = None
    details: tuple[str, ...] = ()  # the same, as English sentences for people and receipts


def message_check(payload: bytes) -> PayloadCheck:
    """Read and validate every message of the file with the EDI message layer; errors (not
    warnings) reject. An interchange of several messages is named by its first message id."""
    from bolvaerk.services import edi_messages  # noqa: PLC0415 - the layer is large; load on use

    try:
        messages = edi_messages.read_messages(payload)
    except edi_messages.EdiInputError as error:
        return PayloadCheck(accepted=False, reasons=(error.code,), details=(error.text("en"),))
    if not messages:
        return PayloadCheck(accepted=False, reasons=("empty",), details=("no message",))
    errors = [
        (index, finding)
        for index, findings in enumerate(edi_messages.validate_all(messages))
        for finding in findings
        if finding.severity.value == "error"
    ]
    first = edi_messages.message_id(messages[0])
    several = len(messages) > 1
    return PayloadCheck(
        accepted=not errors,
        reasons=tuple(dict.fromkeys(f.code for _, f in errors)),
        message_id=f"{first}+{len(messages) - 1}" if several else first,
        message_type=str(edi_messages.message_type(messages[0]).value),
        details=tuple(
            f"{f'[{i + 1}] ' if several else ''}{f.path}: {edi_messages.finding_text(f, 'en')}"
            for i, f in errors
        ),
    )


def any_bytes(payload: bytes) -> PayloadCheck:
    """No message check: for payloads the message layer does not know (opaque files)."""
    return PayloadCheck(accepted=bool(payload), reasons=() if payload else ("empty",))
