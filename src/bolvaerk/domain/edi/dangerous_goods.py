"""Dangerous goods notification (IFTDGN, FAL form 7, EMSWe HZA)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from bolvaerk.domain.edi.values import Contact, Header, MessageType, Ship

IMDG_CLASSES = frozenset(
    {
        *(f"1.{division}" for division in range(1, 7)),
        "2.1",
        "2.2",
        "2.3",
        "3",
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
        "6.1",
        "6.2",
        "7",
        "8",
        "9",
    }
)
PACKING_GROUPS = frozenset({"I", "II", "III"})
# Classes whose entries carry a packing group in the IMDG dangerous goods list.
CLASSES_WITH_PACKING_GROUP = frozenset({"3", "4.1", "4.2", "4.3", "5.1", "6.1", "8", "9"})
_UN_NUMBER = re.compile(r"[0-9]{4}")


def is_un_number(value: str) -> bool:
    return _UN_NUMBER.fullmatch(value) is not None


class Operation(StrEnum):
    LOAD = "load"
    DISCHARGE = "discharge"
    TRANSIT = "transit"


@dataclass(frozen=True, slots=True)
class DangerousGoodsItem:
    un_number: str
    proper_shipping_name: str
    imdg_class: str
    operation: Operation
    gross_mass_kg: Decimal
    packing_group: str = ""
    subsidiary_risk: str = ""
    flashpoint_c: Decimal | None = None
    marine_pollutant: bool = False
    limited_quantity: bool = False
    net_mass_kg: Decimal | None = None
    packages: int | None = None
    package_type: str = ""
    equipment_id: str = ""  # container or trailer number
    stowage_position: str = ""
    ems: str = ""  # EmS schedules, e.g. F-E,S-E


@dataclass(frozen=True, slots=True)
class DangerousGoodsNotification:
    TYPE: ClassVar[MessageType] = MessageType.IFTDGN

    header: Header
    ship: Ship
    port: str
    eta: datetime
    emergency_contact: Contact
    voyage: str = ""
    items: tuple[DangerousGoodsItem, ...] = ()
