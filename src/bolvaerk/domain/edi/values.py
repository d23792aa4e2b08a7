"""What every EDI message shares: its type, header, ship and contacts, and the code checks.

Identifiers are kept as the sender wrote them (str), so a wrong IMO number or UN/LOCODE can be
represented and reported as a finding instead of failing to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class MessageType(StrEnum):
    ISPS = "isps"  # ISPS pre-arrival security information (SOLAS XI-2/9, EMSWe SEC)
    BERMAN = "berman"  # berth / arrival notification with ISPS and bunker data (EMSWe NOA)
    WASDIS = "wasdis"  # waste notification (Directive (EU) 2019/883, EMSWe WAS)
    IFTDGN = "iftdgn"  # dangerous goods notification (FAL form 7, EMSWe HZA)
    APERAK = "aperak"  # acknowledgement or rejection of one of the above


class MessageFunction(StrEnum):
    ORIGINAL = "original"
    REPLACE = "replace"
    CANCEL = "cancel"


SUPPORTED_VERSIONS = frozenset({"1"})


@dataclass(frozen=True, slots=True)
class Header:
    """The envelope of every message; the type is the message's class (TYPE)."""

    message_id: str
    sender: str
    recipient: str
    prepared_at: datetime
    function: MessageFunction = MessageFunction.ORIGINAL
    previous_message_id: str = ""  # the message a replace or cancel refers to
    version: str = "1"  # bolvaerk's layout version of the message


@dataclass(frozen=True, slots=True)
class Ship:
    imo_number: str
    name: str
    call_sign: str = ""
    flag: str = ""  # ISO 3166-1 alpha-2
    port_of_registry: str = ""  # UN/LOCODE
    ship_type: str = ""
    gross_tonnage: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A person reachable around the clock (CSO, agent, emergency contact)."""

    family_name: str = ""
    given_name: str = ""
    organisation: str = ""
    phone: str = ""
    mobile: str = ""
    email: str = ""

    @property
    def reachable(self) -> bool:
        return any(value.strip() for value in (self.phone, self.mobile, self.email))


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    imo_number: str = ""  # IMO unique company identification number


_LOCODE = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")
_FACILITY = re.compile(r"([A-Z]{2}[A-Z2-9]{3})-[0-9]{4}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_IMO = re.compile(r"[0-9]{7}")


def is_locode(value: str) -> bool:
    return _LOCODE.fullmatch(value) is not None


def facility_port(value: str) -> str | None:
    """The UN/LOCODE of a GISIS port facility number such as DKAAR-0001; None if malformed."""
    match = _FACILITY.fullmatch(value)
    return match.group(1) if match else None


def is_country(value: str) -> bool:
    return _COUNTRY.fullmatch(value) is not None


def is_imo_shaped(value: str) -> bool:
    return _IMO.fullmatch(value) is not None


def imo_check_digit(value: str) -> int:
    """The check digit of a seven-digit IMO ship number: the first six digits weighted 7..2."""
    weighted = zip(value[:6], range(7, 1, -1), strict=True)
    return sum(int(digit) * weight for digit, weight in weighted) % 10
