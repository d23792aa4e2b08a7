"""Berth / arrival notification with ISPS and bunker data (BERMAN, EMSWe NOA)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from bolvaerk.domain.edi.values import Contact, Header, MessageType, Ship

# Bunker fuel names as commonly reported; anything else is reported by EDI-NOA-03 [inferred].
FUEL_TYPES = frozenset(
    {"HFO", "IFO", "MDO", "MGO", "LSFO", "VLSFO", "ULSFO", "LNG", "LPG", "METHANOL", "OTHER"}
)


@dataclass(frozen=True, slots=True)
class Bunker:
    fuel_type: str
    on_board_t: Decimal  # tonnes on board on arrival
    to_bunker_t: Decimal | None = None  # tonnes to be taken in at this call


@dataclass(frozen=True, slots=True)
class BerthNotification:
    TYPE: ClassVar[MessageType] = MessageType.BERMAN

    header: Header
    ship: Ship
    agent: Contact
    port: str  # UN/LOCODE
    eta: datetime
    berth: str = ""  # GISIS port facility number of the berth, e.g. DKAAR-0001
    etd: datetime | None = None
    voyage: str = ""
    previous_port: str = ""
    next_port: str = ""
    purpose: str = ""
    crew: int | None = None
    passengers: int | None = None
    draught_m: Decimal | None = None
    security_level: int = 1  # ISPS data of the call
    issc_valid: bool = True
    issc_expiry: date | None = None
    bunkers: tuple[Bunker, ...] = ()
