"""Secure EDI messages: typed port-call notifications and their rules (pure).

One model per notification (anchors-edi.md §0.1), serialised to EDIFACT and XML by the
adapters; `validate_message` runs every EDI rule that applies and returns Findings.
"""

from __future__ import annotations

from bolvaerk.domain.edi.berth import BerthNotification, Bunker
from bolvaerk.domain.edi.dangerous_goods import DangerousGoodsItem, DangerousGoodsNotification
from bolvaerk.domain.edi.engine import EdiRule
from bolvaerk.domain.edi.isps import Arrival, Issc, IsscType, PortCall, PreArrivalSecurity
from bolvaerk.domain.edi.reply import AckError, Acknowledgement, AckStatus
from bolvaerk.domain.edi.rules_cargo import RULES as _CARGO
from bolvaerk.domain.edi.rules_common import RULES as _COMMON
from bolvaerk.domain.edi.rules_isps import RULES as _ISPS
from bolvaerk.domain.edi.values import Company, Contact, Header, MessageFunction, MessageType, Ship
from bolvaerk.domain.edi.waste import WasteItem, WasteNotification
from bolvaerk.domain.findings import SEVERITY_ORDER, Finding

Message = (
    PreArrivalSecurity
    | BerthNotification
    | WasteNotification
    | DangerousGoodsNotification
    | Acknowledgement
)
MESSAGE_CLASSES: dict[MessageType, type[Message]] = {
    MessageType.ISPS: PreArrivalSecurity,
    MessageType.BERMAN: BerthNotification,
    MessageType.WASDIS: WasteNotification,
    MessageType.IFTDGN: DangerousGoodsNotification,
    MessageType.APERAK: Acknowledgement,
}
EDI_RULES: tuple[EdiRule, ...] = (*_COMMON, *_ISPS, *_CARGO)

__all__ = [
    "EDI_RULES",
    "MESSAGE_CLASSES",
    "AckError",
    "AckStatus",
    "Acknowledgement",
    "Arrival",
    "BerthNotification",
    "Bunker",
    "Company",
    "Contact",
    "DangerousGoodsItem",
    "DangerousGoodsNotification",
    "Header",
    "Issc",
    "IsscType",
    "Message",
    "MessageFunction",
    "MessageType",
    "PortCall",
    "PreArrivalSecurity",
    "Ship",
    "WasteItem",
    "WasteNotification",
    "validate_message",
]


def validate_message(message: Message) -> tuple[Finding, ...]:
    """Every rule that applies to the message's class; findings sorted by severity, path."""
    findings = [
        Finding(
            code=rule.spec.code,
            severity=rule.spec.variants[hit.variant],
            path=hit.path,
            variant=hit.variant,
            params=hit.params,
        )
        for rule in EDI_RULES
        if isinstance(message, rule.applies_to)
        for hit in rule.check(message)
    ]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.path, f.code))
    return tuple(findings)
