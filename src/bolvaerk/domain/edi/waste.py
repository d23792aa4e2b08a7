"""Waste notification with quantities per waste category (WASDIS, EMSWe WAS).

Quantities are in m3 as in Annex 2 of Directive (EU) 2019/883. The waste type codes are those
of the EMSWe WAS formality (anchors-edi.md §1.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from bolvaerk.domain.edi.values import Header, MessageType, Ship

WASTE_TYPES = frozenset(
    {
        *(str(code) for code in range(101, 106)),  # MARPOL I: oily wastes
        *(str(code) for code in range(201, 205)),  # MARPOL II: noxious liquid substances
        "401",  # MARPOL IV: sewage
        *(str(code) for code in range(501, 512)),  # MARPOL V: garbage
        "601",  # MARPOL VI: ozone-depleting substances
        "602",  # MARPOL VI: exhaust gas cleaning residues
        "991",  # passively fished waste
        "999",  # other
    }
)
DESCRIBED_TYPES = frozenset({"999"})  # "other" needs a description


@dataclass(frozen=True, slots=True)
class WasteItem:
    waste_type: str
    to_deliver_m3: Decimal
    max_storage_m3: Decimal
    retained_m3: Decimal
    generated_until_next_m3: Decimal
    description: str = ""
    port_for_remaining: str = ""  # UN/LOCODE where the retained waste will be delivered


@dataclass(frozen=True, slots=True)
class WasteNotification:
    TYPE: ClassVar[MessageType] = MessageType.WASDIS

    header: Header
    ship: Ship
    port: str
    eta: datetime
    last_delivery_port: str = ""
    last_delivery_date: date | None = None
    next_port: str = ""
    items: tuple[WasteItem, ...] = ()
