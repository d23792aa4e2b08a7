"""Rules every message shares: header, ship identity, UN/LOCODEs and facility numbers,
non-negative quantities (anchors-edi.md §1.1 "validation rules worth implementing")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from bolvaerk.domain.edi.berth import BerthNotification
from bolvaerk.domain.edi.dangerous_goods import DangerousGoodsNotification
from bolvaerk.domain.edi.engine import EdiRule, blank, registrar
from bolvaerk.domain.edi.isps import PreArrivalSecurity
from bolvaerk.domain.edi.reply import Acknowledgement
from bolvaerk.domain.edi.values import (
    SUPPORTED_VERSIONS,
    MessageFunction,
    facility_port,
    imo_check_digit,
    is_country,
    is_imo_shaped,
    is_locode,
)
from bolvaerk.domain.edi.waste import WasteNotification
from bolvaerk.domain.enums import Severity
from bolvaerk.domain.rules.base import Hit

RULES: list[EdiRule] = []
rule = registrar(RULES)

E, W = Severity.ERROR, Severity.WARNING
Notification = (
    PreArrivalSecurity | BerthNotification | WasteNotification | DangerousGoodsNotification
)
Message = Notification | Acknowledgement
NOTIFICATIONS = (
    PreArrivalSecurity,
    BerthNotification,
    WasteNotification,
    DangerousGoodsNotification,
)
ALL = (*NOTIFICATIONS, Acknowledgement)
_MESSAGE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,34}")


@rule("EDI-HDR-01", applies_to=ALL, source="UNH/BGM 1004 an..35", variants={"main": E, "format": E})
def message_id(m: Message) -> Iterator[Hit]:
    value = m.header.message_id
    if blank(value):
        yield Hit("header.message_id")
    elif not _MESSAGE_ID.fullmatch(value):
        yield Hit("header.message_id", "format", {"value": value})


@rule("EDI-HDR-02", applies_to=ALL, source="UNB S002/S003", variants={"main": E, "same": E})
def parties(m: Message) -> Iterator[Hit]:
    for name in ("sender", "recipient"):
        if blank(getattr(m.header, name)):
            yield Hit(f"header.{name}")
    if not blank(m.header.sender) and m.header.sender == m.header.recipient:
        yield Hit("header.recipient", "same", {"value": m.header.sender})


@rule(
    "EDI-HDR-03",
    applies_to=ALL,
    source="BGM 1225 message function; RFF+ACW",
    variants={"main": E, "original": W},
)
def function(m: Message) -> Iterator[Hit]:
    h = m.header
    if h.function is not MessageFunction.ORIGINAL and blank(h.previous_message_id):
        yield Hit("header.previous_message_id", params={"function": h.function.value})
    if h.function is MessageFunction.ORIGINAL and not blank(h.previous_message_id):
        yield Hit("header.previous_message_id", "original")


@rule("EDI-HDR-04", applies_to=ALL, source="bolvaerk layout versions", variants={"main": E})
def version(m: Message) -> Iterator[Hit]:
    if m.header.version not in SUPPORTED_VERSIONS:
        yield Hit("header.version", params={"value": m.header.version, "known": "1"})


@rule(
    "EDI-SHIP-01",
    applies_to=NOTIFICATIONS,
    source="IMO Res. A.1117(30): seven digits, the last a check digit",
    variants={"main": E, "format": E, "check": E},
)
def imo_number(m: Notification) -> Iterator[Hit]:
    value = m.ship.imo_number
    if blank(value):
        yield Hit("ship.imo_number")
    elif not is_imo_shaped(value):
        yield Hit("ship.imo_number", "format", {"value": value})
    elif imo_check_digit(value) != int(value[6]):
        yield Hit("ship.imo_number", "check", {"value": value, "digit": imo_check_digit(value)})


@rule(
    "EDI-SHIP-02",
    applies_to=NOTIFICATIONS,
    source="FAL box 1.2, 1.4",
    variants={"main": E, "flag": E},
)
def ship_name_and_flag(m: Notification) -> Iterator[Hit]:
    if blank(m.ship.name):
        yield Hit("ship.name")
    if m.ship.flag and not is_country(m.ship.flag):
        yield Hit("ship.flag", "flag", {"value": m.ship.flag})


def _ports(m: Notification) -> Iterator[tuple[str, str, bool]]:
    """(path, value, required) of every UN/LOCODE field of a notification."""
    yield "ship.port_of_registry", m.ship.port_of_registry, False
    if isinstance(m, PreArrivalSecurity):
        yield "call.port", m.call.port, True
        for index, call in enumerate(m.last_calls):
            yield f"last_calls[{index}].port", call.port, True
        return
    yield "port", m.port, True
    if isinstance(m, BerthNotification):
        yield "previous_port", m.previous_port, False
        yield "next_port", m.next_port, False
    elif isinstance(m, WasteNotification):
        yield "last_delivery_port", m.last_delivery_port, False
        yield "next_port", m.next_port, False
        for index, item in enumerate(m.items):
            yield f"items[{index}].port_for_remaining", item.port_for_remaining, False


@rule(
    "EDI-LOC-01",
    applies_to=NOTIFICATIONS,
    source="UN/LOCODE: country + three letters or digits 2-9",
    variants={"main": E, "format": E},
)
def locodes(m: Notification) -> Iterator[Hit]:
    for path, value, required in _ports(m):
        if blank(value):
            if required:
                yield Hit(path)
        elif not is_locode(value):
            yield Hit(path, "format", {"value": value})


def _facilities(m: PreArrivalSecurity | BerthNotification) -> Iterator[tuple[str, str, str]]:
    """(path, facility number, port) of every port facility field."""
    if isinstance(m, BerthNotification):
        yield "berth", m.berth, m.port
        return
    yield "call.facility", m.call.facility, m.call.port
    for index, call in enumerate(m.last_calls):
        yield f"last_calls[{index}].facility", call.facility, call.port


@rule(
    "EDI-LOC-02",
    applies_to=(PreArrivalSecurity, BerthNotification),
    source="GISIS port facility number: UN/LOCODE-NNNN (EMSWe DE-014-05)",
    variants={"main": E, "port": E},
)
def facilities(m: PreArrivalSecurity | BerthNotification) -> Iterator[Hit]:
    for path, value, port in _facilities(m):
        if blank(value):
            continue
        found = facility_port(value)
        if found is None:
            yield Hit(path, params={"value": value})
        elif found != port:
            yield Hit(path, "port", {"value": value, "port": port})


def _quantities(m: Notification) -> Iterator[tuple[str, Decimal | int | None]]:
    yield "ship.gross_tonnage", m.ship.gross_tonnage
    if isinstance(m, BerthNotification):
        yield "crew", m.crew
        yield "passengers", m.passengers
        yield "draught_m", m.draught_m
        for index, bunker in enumerate(m.bunkers):
            yield f"bunkers[{index}].on_board_t", bunker.on_board_t
            yield f"bunkers[{index}].to_bunker_t", bunker.to_bunker_t
    elif isinstance(m, WasteNotification):
        for index, item in enumerate(m.items):
            for name in ("to_deliver_m3", "max_storage_m3", "retained_m3"):
                yield f"items[{index}].{name}", getattr(item, name)
            yield f"items[{index}].generated_until_next_m3", item.generated_until_next_m3
    elif isinstance(m, DangerousGoodsNotification):
        for index, dg in enumerate(m.items):
            yield f"items[{index}].gross_mass_kg", dg.gross_mass_kg
            yield f"items[{index}].net_mass_kg", dg.net_mass_kg
            yield f"items[{index}].packages", dg.packages


@rule(
    "EDI-QTY-01",
    applies_to=NOTIFICATIONS,
    source="quantities, masses and counts cannot be negative",
    variants={"main": E},
)
def non_negative(m: Notification) -> Iterator[Hit]:
    for path, value in _quantities(m):
        if value is not None and value < 0:
            yield Hit(path, params={"value": value})
