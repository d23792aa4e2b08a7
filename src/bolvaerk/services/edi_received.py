"""Secure EDI in the web app, the port's side: the messages this installation received
(accepted into edi/inbox, or quarantined), who may see which, and for an ISPS pre-arrival
notification the ship's last ten calls against the facility's current security level.

Who sees what (documented in docs/edi.md):
- the PFSO of a facility operator: messages naming one of its facilities by GISIS number;
- the PSO of a port authority: those naming its facilities, and those for its ports (UN/LOCODE);
- the maritime authority (reviewer, approver): every message naming a facility or port it knows
  (it sees every facility);
- site administrators: everything, including messages that match no facility and quarantined
  files that could not even be decrypted.
Anyone else has no such pages (NotFound → 404), as does a message outside the user's scope.
The current security level of a facility is set by its PFSO or PSO (do_set_security_level).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from bolvaerk.adapters.db.models import Facility, OrgKind, Role
from bolvaerk.domain.edi import BerthNotification, Message, PreArrivalSecurity
from bolvaerk.domain.edi.values import facility_port
from bolvaerk.domain.findings import Finding
from bolvaerk.services import audit, edi_log, edi_messages
from bolvaerk.services.access import (
    AnyUser,
    NotFound,
    access_facility_by_id,
    membership,
    visible_facilities,
)
from bolvaerk.services.edi_identity import EdiPaths, edi_paths
from bolvaerk.services.edi_texts import edi_text

VIEWER_ROLES = frozenset(
    {Role.PFSO, Role.PSO, Role.AUTHORITY_REVIEWER, Role.AUTHORITY_APPROVER, Role.SITE_ADMIN}
)
LEVELS = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the message layer made of a payload: the message and its findings, or why not."""

    message: Message | None
    findings: tuple[Finding, ...] = ()
    error_code: str = ""
    error_text: dict[str, str] = field(default_factory=dict)  # da/en


@dataclass(frozen=True, slots=True)
class Received:
    """One received file: accepted (signature verified, sender a trusted partner) or kept in
    the quarantine with its reason."""

    key: str
    verified: bool
    received_at: str
    partner: str
    message_id: str
    type: str
    reason: str = ""  # the quarantine reason code
    reason_text: dict[str, str] = field(default_factory=dict)  # da/en
    signer: str = ""
    details: tuple[str, ...] = ()
    payload: Path | None = None

    def reason_in(self, lang: str) -> str:
        return self.reason_text.get(lang) or edi_text(self.reason, lang)

    @property
    def reading(self) -> Reading:
        return read_payload(self.payload)

    @property
    def port_and_facility(self) -> tuple[str, str]:
        return _where(self.reading.message)


def may_see_received(user: AnyUser) -> bool:
    member = membership(user)
    return member is not None and member.role in VIEWER_ROLES


def _is_admin(user: AnyUser) -> bool:
    member = membership(user)
    return member is not None and member.organisation.kind == OrgKind.SITE


# ------------------------------------------------------------------ the records on disk


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _accepted(paths: EdiPaths) -> list[Received]:
    found = []
    for entry in edi_log.entries(paths.log):
        if entry.get("event") != "received":
            continue
        saved = Path(str(entry.get("saved", "")))
        if not _inside(saved, paths.inbox):
            continue  # only payloads in our own inbox are shown
        found.append(
            Received(
                key=f"in-{entry.get('seq', '')}",
                verified=True,
                received_at=str(entry.get("at", "")),
                partner=str(entry.get("partner", "")),
                message_id=str(entry.get("message_id", "")),
                type=str(entry.get("type", "")),
                payload=saved if saved.is_file() else None,
            )
        )
    return found


def _quarantined(paths: EdiPaths) -> list[Received]:
    if not paths.quarantine.is_dir():
        return []
    found = []
    for sidecar in sorted(paths.quarantine.glob("*.json")):
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8"))
            labels = data.get("labels") or {}
            texts = data.get("text") or {}
        except (OSError, ValueError, AttributeError):
            continue
        payload_name = str(data.get("payload_file", ""))
        payload = paths.quarantine / payload_name if payload_name else None
        found.append(
            Received(
                key=f"q-{sidecar.stem}",
                verified=False,
                received_at=str(data.get("quarantined_at", "")),
                partner=str(data.get("partner", "")),
                message_id=str(labels.get("message_id", "")),
                type=str(labels.get("type", "")),
                reason=str(data.get("reason", "")),
                reason_text={k: str(v) for k, v in texts.items()},
                signer=str(data.get("signer", "")),
                details=tuple(str(d) for d in data.get("details", ())),
                payload=payload if payload and _inside(payload, paths.quarantine) else None,
            )
        )
    return found


def all_received(paths: EdiPaths | None = None) -> list[Received]:
    """Every received file of the installation, newest first."""
    where = paths or edi_paths()
    found = _accepted(where) + _quarantined(where)
    return sorted(found, key=lambda r: r.received_at, reverse=True)


def read_payload(path: Path | None) -> Reading:
    if path is None:
        return Reading(message=None)
    try:
        stamp = path.stat()
    except OSError:
        return Reading(message=None)
    return _read(str(path), stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=512)
def _read(path: str, _mtime: int, _size: int) -> Reading:
    """Parsed once per file version (the list page reads every payload for its facility)."""
    try:
        message, findings = edi_messages.parse_message(Path(path).read_bytes())
    except edi_messages.EdiInputError as error:
        texts = {lang: error.text(lang) for lang in ("da", "en")}
        return Reading(message=None, error_code=error.code, error_text=texts)
    except OSError:
        return Reading(message=None)
    return Reading(message=message, findings=findings)


def _where(message: Message | None) -> tuple[str, str]:
    """(UN/LOCODE of the port, GISIS facility number) a notification is for."""
    if isinstance(message, PreArrivalSecurity):
        return message.call.port.upper(), message.call.facility.upper()
    if isinstance(message, BerthNotification):
        return message.port.upper(), message.berth.upper()
    port = getattr(message, "port", "")
    return (port.upper() if isinstance(port, str) else ""), ""


# ------------------------------------------------------------------ who sees what


@dataclass(frozen=True, slots=True)
class Scope:
    everything: bool
    by_code: dict[str, Facility] = field(default_factory=dict)  # GISIS number -> facility
    ports: frozenset[str] = frozenset()  # UN/LOCODEs whose port-wide messages are in scope

    def facility_for(self, code: str) -> Facility | None:
        """The facility (of those in scope) a message names by its GISIS number."""
        return self.by_code.get(code) if code else None

    def sees(self, received: Received) -> bool:
        if self.everything:
            return True
        port, code = received.port_and_facility
        return self.facility_for(code) is not None or (bool(port) and port in self.ports)


def scope_of(user: AnyUser) -> Scope:
    """What the user's messages are: only facilities with a GISIS number are loaded (the
    authority sees every facility, so this stays one small query, not the whole portfolio)."""
    if not may_see_received(user):
        raise NotFound
    member = membership(user)
    assert member is not None  # noqa: S101 - may_see_received checked it
    visible = visible_facilities(user)
    by_code: dict[str, Facility] = {}
    for facility in visible.exclude(gisis_number="").order_by("pk"):
        by_code.setdefault(facility.gisis_number.upper(), facility)
    port_wide = member.role in {Role.PSO, Role.AUTHORITY_REVIEWER, Role.AUTHORITY_APPROVER}
    ports = (
        frozenset(
            u.upper() for u in visible.exclude(unlocode="").values_list("unlocode", flat=True)
        )
        if port_wide
        else frozenset()
    )
    return Scope(everything=_is_admin(user), by_code=by_code, ports=ports)


def received_for(user: AnyUser) -> list[tuple[Received, Facility | None]]:
    """The received files the user may see, newest first, each with the facility it names."""
    scope = scope_of(user)
    return [
        (received, scope.facility_for(received.port_and_facility[1]))
        for received in all_received()
        if scope.sees(received)
    ]


def access_received(user: AnyUser, key: str) -> tuple[Received, Facility | None]:
    for received, facility in received_for(user):
        if received.key == key:
            return received, facility
    raise NotFound


def received_for_facility(user: AnyUser, facility: Facility) -> list[Received]:
    """The received files that name this facility by its GISIS number (empty for users who
    may not see received messages)."""
    if not may_see_received(user) or not facility.gisis_number:
        return []
    return [r for r, f in received_for(user) if f is not None and f.pk == facility.pk]


# ------------------------------------------------------------------ the comparison


@dataclass(frozen=True, slots=True)
class CallRow:
    seq: int
    port: str
    facility: str  # "" = not an ISPS port facility
    arrival: str
    departure: str
    level: int
    measures: str
    above: bool  # the ship's level there was above the facility's current level
    non_isps: bool

    @property
    def flagged(self) -> bool:
        return self.above or self.non_isps


@dataclass(frozen=True, slots=True)
class Comparison:
    facility_level: int | None  # None when no facility of ours is matched
    ship_level: int
    rows: tuple[CallRow, ...]

    @property
    def flagged(self) -> int:
        return sum(1 for row in self.rows if row.flagged)


def compare_calls(message: PreArrivalSecurity, facility: Facility | None) -> Comparison:
    level = facility.security_level if facility is not None else None
    rows = tuple(
        CallRow(
            seq=index + 1,
            port=call.port,
            facility=call.facility,
            arrival=call.arrival.isoformat(),
            departure=call.departure.isoformat(),
            level=call.security_level,
            measures=call.additional_measures,
            above=level is not None and call.security_level > level,
            non_isps=not call.facility.strip(),
        )
        for index, call in enumerate(message.last_calls)
    )
    return Comparison(facility_level=level, ship_level=message.security_level, rows=rows)


# ------------------------------------------------------------------ the facility's level


def may_set_level(user: AnyUser, facility: Facility) -> bool:
    member = membership(user)
    if member is None:
        return False
    org = member.organisation
    pfso = org.kind == OrgKind.FACILITY_OPERATOR and facility.operator_id == org.pk
    pso = org.kind == OrgKind.PORT_AUTHORITY and facility.port_authority_id == org.pk
    return (pfso and member.role == Role.PFSO) or (pso and member.role == Role.PSO)


def level_facilities(user: AnyUser) -> list[Facility]:
    """The facilities whose level the user sets (the PFSO's and the PSO's own)."""
    member = membership(user)
    if member is None or member.role not in {Role.PFSO, Role.PSO}:
        return []
    return [f for f in visible_facilities(user) if may_set_level(user, f)]


class LevelRefused(Exception):  # noqa: N818 - shown next to the field
    def __init__(self, field: str, code: str) -> None:
        super().__init__(field, code)
        self.field = field
        self.code = code


def access_level_facility(user: AnyUser, facility_id: int) -> Facility:
    """The facility for its EDI page (any party to it may look; NotFound for others)."""
    return access_facility_by_id(user, facility_id)


@transaction.atomic
def do_set_security_level(
    user: AnyUser, facility_id: int, level: int, gisis_number: str
) -> Facility | None:
    """Set the facility's current ISPS level and GISIS number. None when the user is a party
    who may not change them (the page answers 403); NotFound for outsiders."""
    facility = access_facility_by_id(user, facility_id)
    if not may_set_level(user, facility):
        return None
    facility = Facility.objects.select_for_update().get(pk=facility.pk)
    code = gisis_number.strip().upper()
    if level not in LEVELS:
        raise LevelRefused("security_level", "level")
    if code and facility_port(code) is None:
        raise LevelRefused("gisis_number", "format")
    if code and facility.unlocode and facility_port(code) != facility.unlocode.upper():
        raise LevelRefused("gisis_number", "port")
    old = {"security_level": facility.security_level, "gisis_number": facility.gisis_number}
    new = {"security_level": level, "gisis_number": code}
    if old == new:
        return facility
    facility.security_level, facility.gisis_number = level, code
    facility.save(update_fields=["security_level", "gisis_number"])
    audit.record(
        user,
        "facility.edi_settings",
        facility,
        facility_id=facility.pk,
        details={"old": old, "new": new},
    )
    return facility


def parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
