"""Reminder e-mails before a facility's submit-by date (expiry - 3 months) and before its expiry
(approval + 5 years), to the facility's PFSO and its RSO's consultants (for a port: the PSO).

Each reminder is recorded (ReminderSent) before it is sent, in the same transaction, under a
unique constraint: a job that runs twice, or two workers at once, send it once. Only the
tightest lead that applies is sent (a job that did not run for weeks does not send a backlog).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from bolvaerk.adapters.db.models import Facility, Membership, ReminderKind, ReminderSent, Role
from bolvaerk.domain.dates import format_dk_date
from bolvaerk.services import audit

# Days before the due date; the settings (BOLVAERK_REMINDER_DAYS_SUBMIT / _EXPIRY) override.
DEFAULT_LEADS: dict[str, tuple[int, ...]] = {
    ReminderKind.SUBMIT_BY: (60, 14),
    ReminderKind.EXPIRY: (30, 7),
}
_RECIPIENT_ROLES = (Role.PFSO, Role.CONSULTANT, Role.LEAD_CONSULTANT, Role.PSO)


def leads(kind: str) -> tuple[int, ...]:
    configured: dict[str, tuple[int, ...]] = getattr(settings, "BOLVAERK_REMINDER_LEADS", {})
    return tuple(sorted(configured.get(kind, DEFAULT_LEADS[kind]), reverse=True))


def lead_for(days_left: int, kind_leads: tuple[int, ...]) -> int | None:
    """The tightest lead that applies `days_left` before the due date (None: not yet/too late)."""
    if days_left < 0:
        return None
    applicable = [lead for lead in kind_leads if days_left <= lead]
    return min(applicable) if applicable else None


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    language: str


def _recipients(facilities: list[Facility]) -> dict[int, list[Recipient]]:
    """Per facility: the operator's PFSO, the RSO's consultants, for a port the port's PSO."""
    org_ids = {f.operator_id for f in facilities} | {f.rso_id for f in facilities if f.rso_id}
    org_ids |= {f.port_authority_id for f in facilities if f.port_authority_id and f.is_port}
    members = Membership.objects.filter(
        organisation_id__in=org_ids, role__in=_RECIPIENT_ROLES, user__is_active=True
    ).exclude(user__email="")
    by_org: dict[int, list[Recipient]] = defaultdict(list)
    for member in members.values("organisation_id", "role", "user__email", "language"):
        by_org[member["organisation_id"]].append(
            Recipient(member["user__email"], member["language"])
        )
    result: dict[int, list[Recipient]] = {}
    for facility in facilities:
        people = list(by_org.get(facility.operator_id, []))
        people += by_org.get(facility.rso_id or 0, [])
        if facility.is_port:
            people += by_org.get(facility.port_authority_id or 0, [])
        unique = {r.email: r for r in people}
        result[facility.pk] = sorted(unique.values(), key=lambda r: r.email)
    return result


def _message(facility: Facility, kind: str, due: date, days_left: int) -> tuple[str, str]:
    values = {
        "facility": facility.name,
        "port": facility.port,
        "date": format_dk_date(due),
        "days": days_left,
    }
    if kind == ReminderKind.SUBMIT_BY:
        subject = gettext("Submit the renewed assessment of %(facility)s by %(date)s") % values
        body = gettext(
            "The approved security assessment of %(facility)s (%(port)s) expires in three "
            "months after %(date)s. Submit the renewed assessment to the maritime authority "
            "no later than %(date)s (%(days)s days from today)."
        )
    else:
        subject = gettext("The assessment of %(facility)s expires on %(date)s") % values
        body = gettext(
            "The approved security assessment of %(facility)s (%(port)s) expires on %(date)s "
            "(%(days)s days from today). Without a new approval the facility has no valid "
            "assessment after that date."
        )
    return subject, body % values


def _send_one(
    facility: Facility, *, kind: str, due: date, lead: int, to: Recipient, today: date
) -> bool:
    """Record and send one reminder; False when it was sent before (by any run or worker)."""
    try:
        with transaction.atomic():
            sent = ReminderSent.objects.create(
                facility=facility, kind=kind, due_on=due, lead_days=lead, recipient=to.email
            )
            with translation.override(to.language):
                subject, body = _message(facility, kind, due, (due - today).days)
            # Sent inside the transaction: a failing mail server rolls the record back, so the
            # next run (the job's retry) tries again.
            send_mail(subject, body, None, [to.email])
            audit.record(
                None,
                "reminder.sent",
                sent,
                facility_id=facility.pk,
                details={"kind": kind, "due": due.isoformat(), "lead_days": lead, "to": to.email},
            )
    except IntegrityError:
        return False
    return True


def due_facilities(kind: str, today: date) -> list[tuple[Facility, date, int]]:
    """(facility, due date, lead) for the facilities with a reminder of `kind` due today."""
    kind_leads = leads(kind)
    if not kind_leads:
        return []
    field = "submit_by" if kind == ReminderKind.SUBMIT_BY else "expires_on"
    horizon = date.fromordinal(today.toordinal() + max(kind_leads))
    window = Q(**{f"{field}__gte": today, f"{field}__lte": horizon})
    found = []
    for facility in Facility.objects.filter(window).order_by(field, "pk"):
        due: date = getattr(facility, field)
        lead = lead_for((due - today).days, kind_leads)
        if lead is not None:
            found.append((facility, due, lead))
    return found


def send_due_reminders(today: date | None = None) -> int:
    """Send every reminder due `today` (default: the local date); returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for kind in (ReminderKind.SUBMIT_BY, ReminderKind.EXPIRY):
        due = due_facilities(kind, today)
        people = _recipients([facility for facility, _, _ in due])
        for facility, due_on, lead in due:
            for recipient in people[facility.pk]:
                sent += _send_one(
                    facility, kind=kind, due=due_on, lead=lead, to=recipient, today=today
                )
    return sent


def reminder_job(today: str | None = None) -> int:
    """The background job (services.jobs): idempotent, so a retry or a second run is harmless."""
    return send_due_reminders(date.fromisoformat(today) if today else None)
