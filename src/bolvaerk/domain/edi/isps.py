"""ISPS pre-arrival security information (SOLAS XI-2/9.2.1, MSC.1/Circ.1305, EMSWe SEC).

Field names follow the FAL security report boxes and the EMSWe SEC data elements
(anchors-edi.md §1.1); the XML adapter gives them EMSWe-shaped element names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from bolvaerk.domain.edi.values import Company, Contact, Header, MessageType, Ship

MAX_LAST_CALLS = 10


class IsscType(StrEnum):
    FULL = "FULL"
    INTERIM = "INTERIM"


@dataclass(frozen=True, slots=True)
class Issc:
    """International Ship Security Certificate (box 3.1, DE-030-xx)."""

    valid: bool
    type: IsscType = IsscType.FULL
    issuer: str = ""  # issuing government, ISO 3166-1 alpha-2
    rso_name: str = ""  # recognised security organisation that issued it, if any
    expiry: date | None = None
    identifier: str = ""
    no_valid_reason: str = ""  # required when valid is false


@dataclass(frozen=True, slots=True)
class Arrival:
    """The call being announced (box 2.x): port, GISIS port facility number, ETA, purpose."""

    port: str
    eta: datetime
    facility: str = ""
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class PortCall:
    """One of the last ten calls at port facilities (box 3.3, DE-023-xx), newest first.

    A call without a facility number was at a place that is not an ISPS port facility.
    """

    port: str
    arrival: date
    departure: date
    security_level: int
    facility: str = ""
    additional_measures: str = ""  # box 3.3.1: special or additional measures, DoS


@dataclass(frozen=True, slots=True)
class ShipToShip:
    """A ship-to-ship activity in the period of the last ten calls (box 3.4, DE-028-xx)."""

    location: str  # UN/LOCODE, or a place name or position
    start: date
    end: date
    activity: str = ""
    measures: str = ""  # the security procedures kept during the activity


@dataclass(frozen=True, slots=True)
class PreArrivalSecurity:
    TYPE: ClassVar[MessageType] = MessageType.ISPS

    header: Header
    ship: Ship
    company: Company
    cso: Contact  # company security officer, 24-hour contact (box 1.11)
    call: Arrival
    issc: Issc
    ssp_on_board: bool  # approved ship security plan on board (box 3.1.2.1)
    security_level: int  # the ship's current security level (box 3.2)
    higher_level_reason: str = ""
    last_calls: tuple[PortCall, ...] = ()
    missing_calls_reason: str = ""  # why fewer than ten calls are reported
    ship_to_ship: tuple[ShipToShip, ...] = ()
    other_matters: str = ""  # stowaways, rescued persons, other practical security information
    agent: Contact | None = None  # the agent submitting on the master's behalf
