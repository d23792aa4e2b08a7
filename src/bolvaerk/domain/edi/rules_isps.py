"""Rules of the ISPS data: the pre-arrival security information and the ISPS and bunker part of
the berth notification (SOLAS XI-2/9, MSC.1/Circ.1305; anchors-edi.md §1.1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from bolvaerk.domain.edi.berth import FUEL_TYPES, BerthNotification
from bolvaerk.domain.edi.engine import EdiRule, blank, registrar
from bolvaerk.domain.edi.isps import MAX_LAST_CALLS, PreArrivalSecurity
from bolvaerk.domain.edi.values import Contact, is_country
from bolvaerk.domain.enums import Severity
from bolvaerk.domain.rules.base import Hit

RULES: list[EdiRule] = []
rule = registrar(RULES)

E, W = Severity.ERROR, Severity.WARNING
ISPS = (PreArrivalSecurity,)
WITH_ISPS = (PreArrivalSecurity, BerthNotification)
LEVELS = frozenset({1, 2, 3})
NOTICE = timedelta(hours=24)  # IMO minimum; many ports ask 48 h [anchors-edi.md §1.1]


@rule("EDI-ISPS-01", applies_to=WITH_ISPS, source="ISPS Code A/2.1.9-11", variants={"main": E})
def security_levels(m: PreArrivalSecurity | BerthNotification) -> Iterator[Hit]:
    if m.security_level not in LEVELS:
        yield Hit("security_level", params={"value": m.security_level})
    if isinstance(m, PreArrivalSecurity):
        for index, call in enumerate(m.last_calls):
            if call.security_level not in LEVELS:
                path = f"last_calls[{index}].security_level"
                yield Hit(path, params={"value": call.security_level})


@rule(
    "EDI-ISPS-02",
    applies_to=ISPS,
    source="SOLAS XI-2/9.2.1.3: the last ten calls",
    variants={"main": E, "reason": W},
)
def last_call_count(m: PreArrivalSecurity) -> Iterator[Hit]:
    count = len(m.last_calls)
    if count > MAX_LAST_CALLS:
        yield Hit("last_calls", params={"count": count})
    elif count < MAX_LAST_CALLS and blank(m.missing_calls_reason):
        yield Hit("missing_calls_reason", "reason", {"count": count})


@rule(
    "EDI-ISPS-03",
    applies_to=ISPS,
    source="FAL box 3.3: calls newest first, each with arrival and departure",
    variants={"main": E, "order": E, "overlap": E, "after_eta": E},
)
def last_call_order(m: PreArrivalSecurity) -> Iterator[Hit]:
    eta = m.call.eta.date()
    for index, call in enumerate(m.last_calls):
        path = f"last_calls[{index}]"
        if call.departure < call.arrival:
            yield Hit(f"{path}.departure", params={"seq": index + 1})
        if call.departure > eta:
            yield Hit(f"{path}.departure", "after_eta", {"seq": index + 1, "eta": eta})
    for index, (newer, older) in enumerate(zip(m.last_calls, m.last_calls[1:], strict=False)):
        path = f"last_calls[{index + 1}]"
        if older.arrival > newer.arrival:
            yield Hit(f"{path}.arrival", "order", {"seq": index + 2})
        elif older.departure > newer.arrival:
            yield Hit(f"{path}.departure", "overlap", {"seq": index + 2, "newer": index + 1})


def _expiry(m: PreArrivalSecurity | BerthNotification) -> tuple[str, bool, date | None]:
    if isinstance(m, BerthNotification):
        return "issc_expiry", m.issc_valid, m.issc_expiry
    return "issc.expiry", m.issc.valid, m.issc.expiry


@rule(
    "EDI-ISPS-04",
    applies_to=WITH_ISPS,
    source="FAL box 3.1.1; anchors-edi.md §1.1 (expiry >= ETA, else warn)",
    variants={"main": W, "missing": E},
)
def issc_expiry(m: PreArrivalSecurity | BerthNotification) -> Iterator[Hit]:
    path, valid, expiry = _expiry(m)
    eta = (m.call.eta if isinstance(m, PreArrivalSecurity) else m.eta).date()
    if expiry is None:
        if valid:
            yield Hit(path, "missing")
    elif expiry < eta:
        yield Hit(path, params={"expiry": expiry, "eta": eta})


@rule(
    "EDI-ISPS-05",
    applies_to=ISPS,
    source="FAL box 3.1.2 (DE-030-02/03); DE-030-04",
    variants={"main": E, "issuer": E},
)
def issc_validity(m: PreArrivalSecurity) -> Iterator[Hit]:
    if not m.issc.valid and blank(m.issc.no_valid_reason):
        yield Hit("issc.no_valid_reason")
    if m.issc.issuer and not is_country(m.issc.issuer):
        yield Hit("issc.issuer", "issuer", {"value": m.issc.issuer})


@rule(
    "EDI-ISPS-06",
    applies_to=ISPS,
    source="SOLAS XI-2/9.2.1.4; FAL box 3.3.1",
    variants={"main": E, "non_isps": E},
)
def additional_measures(m: PreArrivalSecurity) -> Iterator[Hit]:
    for index, call in enumerate(m.last_calls):
        if not blank(call.additional_measures):
            continue
        path = f"last_calls[{index}].additional_measures"
        if blank(call.facility):
            yield Hit(path, "non_isps", {"seq": index + 1, "port": call.port})
        elif call.security_level > 1:
            yield Hit(path, params={"seq": index + 1, "level": call.security_level})


@rule("EDI-ISPS-07", applies_to=ISPS, source="EMSWe DE-023-08", variants={"main": W})
def higher_level_reason(m: PreArrivalSecurity) -> Iterator[Hit]:
    if m.security_level > 1 and blank(m.higher_level_reason):
        yield Hit("higher_level_reason", params={"level": m.security_level})


def _contact(path: str, contact: Contact) -> Iterator[Hit]:
    if blank(contact.family_name) and blank(contact.organisation):
        yield Hit(path)
    if not contact.reachable:
        yield Hit(path, "reach")


@rule(
    "EDI-ISPS-08",
    applies_to=ISPS,
    source="FAL box 1.11: CSO 24-hour contact (DE-031-xx)",
    variants={"main": E, "reach": E},
)
def cso(m: PreArrivalSecurity) -> Iterator[Hit]:
    yield from _contact("cso", m.cso)


@rule(
    "EDI-ISPS-09",
    applies_to=ISPS,
    source="SOLAS XI-2/9.2.1; MSC.1/Circ.1305 (24 h, ports often 48 h)",
    variants={"main": W, "after": E},
)
def notice(m: PreArrivalSecurity) -> Iterator[Hit]:
    lead = m.call.eta - m.header.prepared_at
    hours = int(lead.total_seconds() // 3600)
    if lead <= timedelta(0):
        yield Hit("header.prepared_at", "after")
    elif lead < NOTICE:
        yield Hit("header.prepared_at", params={"hours": hours})


@rule(
    "EDI-ISPS-10",
    applies_to=ISPS,
    source="SOLAS XI-2/9.2.1.5; FAL box 3.4",
    variants={"main": E, "measures": W},
)
def ship_to_ship(m: PreArrivalSecurity) -> Iterator[Hit]:
    for index, activity in enumerate(m.ship_to_ship):
        path = f"ship_to_ship[{index}]"
        if activity.end < activity.start:
            yield Hit(f"{path}.end", params={"seq": index + 1})
        if blank(activity.measures):
            yield Hit(f"{path}.measures", "measures", {"seq": index + 1})


@rule(
    "EDI-NOA-01",
    applies_to=(BerthNotification,),
    source="BERMAN DTM 132/133",
    variants={"main": E},
)
def departure_after_arrival(m: BerthNotification) -> Iterator[Hit]:
    if m.etd is not None and m.etd <= m.eta:
        yield Hit("etd")


@rule(
    "EDI-NOA-02",
    applies_to=(BerthNotification,),
    source="BERMAN NAD+AG with CTA/COM",
    variants={"main": E, "reach": E},
)
def agent(m: BerthNotification) -> Iterator[Hit]:
    yield from _contact("agent", m.agent)


@rule(
    "EDI-NOA-03",
    applies_to=(BerthNotification,),
    source="PROTECT action point: bunker data in BERMAN [inferred code list]",
    variants={"main": W},
)
def fuel_types(m: BerthNotification) -> Iterator[Hit]:
    for index, bunker in enumerate(m.bunkers):
        if bunker.fuel_type not in FUEL_TYPES:
            path = f"bunkers[{index}].fuel_type"
            yield Hit(path, params={"value": bunker.fuel_type, "known": tuple(sorted(FUEL_TYPES))})
