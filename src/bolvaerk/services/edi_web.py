"""Secure EDI in the web app, the ship agent's side: fill an ISPS pre-arrival security
notification, check it with the EDI rules, send it signed and encrypted to a partner.

The web app is one installation with one EDI identity (BOLVAERK_HOME/edi, made with
`bolvaerk edi init`; the key's passphrase in BOLVAERK_EDI_PASSPHRASE). Who may send: members of
a ship-agent organisation (role "agent") and site administrators; for anyone else the pages do
not exist (NotFound → 404). The port's side (received messages) is services/edi_received.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from bolvaerk.adapters.db.models import OrgKind, Role
from bolvaerk.domain.edi import Header, PreArrivalSecurity
from bolvaerk.domain.findings import Finding
from bolvaerk.services import (
    audit,
    edi_exchange,
    edi_identity,
    edi_messages,
    edi_partners,
    edi_records,
)
from bolvaerk.services.access import AnyUser, NotFound, membership
from bolvaerk.services.edi_identity import EdiPaths, edi_paths
from bolvaerk.services.edi_records import Outcome, SentRecord
from bolvaerk.services.edi_texts import EdiError, edi_text

PLACEHOLDER = "-"  # sender/recipient while checking without a chosen partner


def may_send(user: AnyUser) -> bool:
    member = membership(user)
    if member is None:
        return False
    agent = member.organisation.kind == OrgKind.SHIP_AGENT and member.role == Role.AGENT
    return agent or member.role == Role.SITE_ADMIN


@dataclass(frozen=True, slots=True)
class PartnerChoice:
    name: str
    transport: str  # folder, sftp, https


@dataclass(frozen=True, slots=True)
class SendSetup:
    """What the send page needs: our identity (if any) and the partners we can send to."""

    folder: str
    identity: str  # "" when the installation has no EDI identity yet
    partners: tuple[PartnerChoice, ...]
    problem: str = ""  # an EdiError code when the directory cannot be read


def installation_paths() -> EdiPaths:
    """The installation's EDI folder: BOLVAERK_HOME/edi, the same the /edi/inbox uses."""
    return edi_paths()


def access_send_setup(user: AnyUser) -> SendSetup:
    if not may_send(user):
        raise NotFound
    paths = installation_paths()
    try:
        name = edi_identity.identity_name(paths)
    except EdiError:
        return SendSetup(folder=str(paths.root), identity="", partners=())
    try:
        partners = tuple(
            PartnerChoice(p.name, p.endpoint_kind) for p in edi_partners.list_partners(paths)
        )
    except EdiError as error:
        return SendSetup(str(paths.root), name, (), problem=error.code)
    return SendSetup(folder=str(paths.root), identity=name, partners=partners)


def new_message_id(now: datetime) -> str:
    """ISPS-<UTC time>-<random>: unique per send, within EDI-HDR-01's 35 characters."""
    return f"ISPS-{now.astimezone(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3).upper()}"


def with_header(
    message: PreArrivalSecurity, *, sender: str, recipient: str, now: datetime
) -> PreArrivalSecurity:
    """The message with the header the exchange fills in: id, parties, prepared-at (now)."""
    header = Header(
        message_id=new_message_id(now),
        sender=sender or PLACEHOLDER,
        recipient=recipient or PLACEHOLDER,
        prepared_at=now.astimezone(UTC).replace(microsecond=0),
    )
    return replace(message, header=header)


def check_notification(
    user: AnyUser, message: PreArrivalSecurity, partner: str
) -> tuple[Finding, ...]:
    """The EDI rules' findings for the notification as it would be sent now."""
    setup = access_send_setup(user)
    draft = with_header(message, sender=setup.identity, recipient=partner, now=datetime.now(UTC))
    return edi_messages.validate(draft)


class SendRefused(Exception):  # noqa: N818 - a refusal the page shows, not a crash
    """The notification was not sent: rule errors (findings) or an exchange error (code)."""

    def __init__(
        self,
        *,
        findings: tuple[Finding, ...] = (),
        code: str = "",
        params: dict[str, object] | None = None,
    ) -> None:
        super().__init__(code or "findings")
        self.findings = findings
        self.code = code
        self.params = params or {}

    def text(self, lang: str) -> str:
        return edi_text(self.code, lang, **self.params) if self.code else ""


@dataclass(frozen=True, slots=True)
class SendOutcome:
    message_id: str
    partner: str
    delivered_to: str
    transport: str
    receipt: str  # accepted, rejected, duplicate; "waiting" until a receipt comes back
    receipt_reasons: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()  # the warnings it was sent with


@dataclass(frozen=True, slots=True)
class SentMessage:
    """What the audit log records an EDI send against (its object id is the message id)."""

    pk: str


def do_send_notification(
    user: AnyUser, message: PreArrivalSecurity, partner_name: str, *, form: str = "xml"
) -> SendOutcome:
    """Validate, sign, encrypt and deliver to the partner through the exchange service; the
    receipt comes back at once from an HTTPS inbox, later through a folder or SFTP drop."""
    setup = access_send_setup(user)
    if not setup.identity:
        raise SendRefused(code="no-identity", params={"folder": setup.folder})
    paths = installation_paths()
    try:
        partner = edi_partners.get_partner(paths, partner_name)
    except EdiError as error:
        raise SendRefused(code=error.code, params=error.params) from error
    ready = with_header(
        message, sender=setup.identity, recipient=partner.name, now=datetime.now(UTC)
    )
    findings = edi_messages.validate(ready)
    if edi_messages.has_errors(findings):
        raise SendRefused(findings=findings)
    chosen = edi_messages.Form.EDIFACT if form == "edifact" else edi_messages.Form.XML
    suffix = ".edi" if chosen is edi_messages.Form.EDIFACT else ".xml"
    try:
        payload = edi_messages.serialise(ready, chosen)
    except edi_messages.EdiInputError as error:
        raise SendRefused(code=error.code, params=error.params) from error
    with tempfile.TemporaryDirectory(prefix="bolvaerk-edi-") as folder:
        file = Path(folder) / f"{ready.header.message_id}{suffix}"
        file.write_bytes(payload)
        try:
            result = edi_exchange.send(paths, file, partner.name)
        except EdiError as error:
            _audit(user, "edi.send_failed", ready, partner.name, reason=error.code)
            raise SendRefused(code=error.code, params=error.params) from error
    receipt, reasons = _receipt_state(result.receipt)
    outcome = SendOutcome(
        message_id=result.message_id,
        partner=result.partner,
        delivered_to=result.delivered_to,
        transport=partner.endpoint_kind,
        receipt=receipt,
        receipt_reasons=reasons,
        findings=findings,
    )
    _audit(user, "edi.sent", ready, partner.name, receipt=outcome.receipt, form=chosen.value)
    return outcome


def _receipt_state(receipt: Outcome | None) -> tuple[str, tuple[str, ...]]:
    """The partner's verdict from its receipt (accepted, rejected, duplicate), "waiting" when
    none came back yet, "receipt-refused" when the receipt itself did not verify."""
    if receipt is None:
        return "waiting", ()
    if not receipt.ok:
        return "receipt-refused", (receipt.code,)
    return str(receipt.params.get("result", "")), tuple(receipt.details)


def _audit(
    user: AnyUser, action: str, message: PreArrivalSecurity, partner: str, **extra: str
) -> None:
    audit.record(
        user,
        action,
        SentMessage(message.header.message_id),
        details={
            "message_id": message.header.message_id,
            "type": "isps",
            "partner": partner,
            "ship": message.ship.name,
            "imo_number": message.ship.imo_number,
            "port": message.call.port,
            "facility": message.call.facility,
            **extra,
        },
    )


def sent_messages(user: AnyUser) -> list[SentRecord]:
    """The installation's sent messages and their receipt state, newest first."""
    if not may_send(user):
        raise NotFound
    records = edi_records.load_sent(installation_paths())
    return sorted(records, key=lambda r: r.sent_at, reverse=True)
