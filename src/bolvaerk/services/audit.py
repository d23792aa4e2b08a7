"""Writing the audit log. Every do_* function records what it changed here."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import QuerySet

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.services.access import AnyUser, membership, sees_everything, visible_facilities


def record(
    actor: AnyUser | None,
    action: str,
    obj: object,
    *,
    facility_id: int | None = None,
    details: dict[str, object] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "pk", "")),
        facility_id=facility_id,
        details=details or {},
    )


def visible_events(user: AnyUser) -> QuerySet[AuditEvent]:
    """The events of facilities the user may see (everything for the authority and admins)."""
    events = AuditEvent.objects.select_related("actor")
    member = membership(user)
    if member is None:
        return events.none()
    if sees_everything(member):
        return events
    return events.filter(facility_id__in=visible_facilities(user).values("pk"))
