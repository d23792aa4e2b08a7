"""Rules of the waste and dangerous goods notifications and of the reply
(Directive (EU) 2019/883 Annex 2, EMSWe WAS/HZA, IMDG Code; anchors-edi.md §1.4-1.6)."""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.edi.dangerous_goods import (
    CLASSES_WITH_PACKING_GROUP,
    IMDG_CLASSES,
    PACKING_GROUPS,
    DangerousGoodsNotification,
    is_un_number,
)
from bolvaerk.domain.edi.engine import EdiRule, blank, registrar
from bolvaerk.domain.edi.reply import Acknowledgement, AckStatus
from bolvaerk.domain.edi.waste import DESCRIBED_TYPES, WASTE_TYPES, WasteNotification
from bolvaerk.domain.enums import Severity
from bolvaerk.domain.rules.base import Hit

RULES: list[EdiRule] = []
rule = registrar(RULES)

E, W = Severity.ERROR, Severity.WARNING
WASTE = (WasteNotification,)
DG = (DangerousGoodsNotification,)


@rule("EDI-WAS-01", applies_to=WASTE, source="Directive 2019/883 Annex 2", variants={"main": E})
def waste_items(m: WasteNotification) -> Iterator[Hit]:
    if not m.items:
        yield Hit("items")


@rule(
    "EDI-WAS-02",
    applies_to=WASTE,
    source="EMSWe WAS DE-071-01 code list",
    variants={"main": E, "description": E},
)
def waste_types(m: WasteNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        path = f"items[{index}]"
        if item.waste_type not in WASTE_TYPES:
            yield Hit(f"{path}.waste_type", params={"value": item.waste_type, "seq": index + 1})
        elif item.waste_type in DESCRIBED_TYPES and blank(item.description):
            yield Hit(f"{path}.description", "description", {"seq": index + 1})


@rule(
    "EDI-WAS-03",
    applies_to=WASTE,
    source="Directive 2019/883 art. 7(4): sufficient dedicated storage capacity",
    variants={"main": W},
)
def storage(m: WasteNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        needed = item.retained_m3 + item.generated_until_next_m3
        if needed > item.max_storage_m3:
            params = {"seq": index + 1, "needed": needed, "capacity": item.max_storage_m3}
            yield Hit(f"items[{index}].retained_m3", params=params)


@rule("EDI-WAS-04", applies_to=WASTE, source="one row per waste type", variants={"main": W})
def duplicate_types(m: WasteNotification) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for index, item in enumerate(m.items):
        if item.waste_type in seen:
            params = {"value": item.waste_type, "seq": index + 1, "first": seen[item.waste_type]}
            yield Hit(f"items[{index}].waste_type", params=params)
        else:
            seen[item.waste_type] = index + 1


@rule("EDI-DG-01", applies_to=DG, source="FAL form 7; IFTDGN DGS", variants={"main": E})
def dg_items(m: DangerousGoodsNotification) -> Iterator[Hit]:
    if not m.items:
        yield Hit("items")


@rule(
    "EDI-DG-02",
    applies_to=DG,
    source="IFTDGN DGS 7124 UN number: four digits",
    variants={"main": E, "name": E},
)
def un_numbers(m: DangerousGoodsNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        if not is_un_number(item.un_number):
            path = f"items[{index}].un_number"
            yield Hit(path, params={"value": item.un_number, "seq": index + 1})
        if blank(item.proper_shipping_name):
            yield Hit(f"items[{index}].proper_shipping_name", "name", {"seq": index + 1})


@rule(
    "EDI-DG-03",
    applies_to=DG,
    source="IMDG Code 2.0-2.9: classes and divisions",
    variants={"main": E, "subsidiary": E},
)
def imdg_classes(m: DangerousGoodsNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        path = f"items[{index}]"
        if item.imdg_class not in IMDG_CLASSES:
            yield Hit(f"{path}.imdg_class", params={"value": item.imdg_class, "seq": index + 1})
        for part in filter(None, (p.strip() for p in item.subsidiary_risk.split(","))):
            if part not in IMDG_CLASSES:
                yield Hit(f"{path}.subsidiary_risk", "subsidiary", {"value": part})


@rule(
    "EDI-DG-04",
    applies_to=DG,
    source="IMDG Code 2.0.1.3 packing groups; DGS 339A",
    variants={"main": E, "missing": W},
)
def packing_groups(m: DangerousGoodsNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        path = f"items[{index}].packing_group"
        if item.packing_group and item.packing_group not in PACKING_GROUPS:
            yield Hit(path, params={"value": item.packing_group, "seq": index + 1})
        elif not item.packing_group and item.imdg_class in CLASSES_WITH_PACKING_GROUP:
            yield Hit(path, "missing", {"seq": index + 1, "class": item.imdg_class})


@rule(
    "EDI-DG-05",
    applies_to=DG,
    source="FAL form 7: net mass is part of the gross mass",
    variants={"main": E},
)
def masses(m: DangerousGoodsNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        if item.net_mass_kg is not None and item.net_mass_kg > item.gross_mass_kg:
            params = {"seq": index + 1, "net": item.net_mass_kg, "gross": item.gross_mass_kg}
            yield Hit(f"items[{index}].net_mass_kg", params=params)


@rule(
    "EDI-DG-06",
    applies_to=DG,
    source="IMDG Code 5.4.1.5.6; DGS 7106 flashpoint",
    variants={"main": W},
)
def flashpoints(m: DangerousGoodsNotification) -> Iterator[Hit]:
    for index, item in enumerate(m.items):
        if item.imdg_class == "3" and item.flashpoint_c is None:
            yield Hit(f"items[{index}].flashpoint_c", params={"seq": index + 1})


@rule(
    "EDI-DG-07",
    applies_to=DG,
    source="IMDG Code 5.4.3.2: 24-hour emergency response number",
    variants={"main": E},
)
def emergency_contact(m: DangerousGoodsNotification) -> Iterator[Hit]:
    contact = m.emergency_contact
    if blank(contact.phone) and blank(contact.mobile):
        yield Hit("emergency_contact.phone")


@rule(
    "EDI-ACK-01",
    applies_to=(Acknowledgement,),
    source="APERAK: a rejection names its errors",
    variants={"main": E, "accepted": W, "reference": E},
)
def reply(m: Acknowledgement) -> Iterator[Hit]:
    if blank(m.referenced_message_id):
        yield Hit("referenced_message_id", "reference")
    if m.status is AckStatus.REJECTED and not m.errors:
        yield Hit("errors")
    elif m.status is AckStatus.ACCEPTED and m.errors:
        yield Hit("errors", "accepted", {"count": len(m.errors)})
