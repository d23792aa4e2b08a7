"""The reply to a notification: acknowledgement or rejection with its errors (APERAK)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bolvaerk.domain.edi.values import Header, MessageType


class AckStatus(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class AckError:
    code: str  # the finding or syntax error code, e.g. EDI-SHIP-01
    path: str = ""  # the field, e.g. ship.imo_number
    text: str = ""


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    TYPE: ClassVar[MessageType] = MessageType.APERAK

    header: Header
    referenced_message_id: str
    referenced_type: MessageType
    status: AckStatus
    errors: tuple[AckError, ...] = ()
