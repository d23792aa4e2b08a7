"""Operations use cases for site administrators: the job queue page and starting jobs by hand."""

from __future__ import annotations

from bolvaerk.adapters.db.models import OrgKind, Role
from bolvaerk.services import audit, jobs
from bolvaerk.services.access import AnyUser, NotFound, membership
from bolvaerk.services.jobs import JobRow

REMINDER_JOB = "bolvaerk.services.reminders.reminder_job"


def is_site_admin(user: AnyUser) -> bool:
    member = membership(user)
    return (
        member is not None
        and member.organisation.kind == OrgKind.SITE
        and member.role == Role.SITE_ADMIN
    )


def access_jobs(user: AnyUser, status: str | None = None) -> list[JobRow]:
    """The job queue, for site administrators only (others: NotFound, like any hidden page)."""
    if not is_site_admin(user):
        raise NotFound
    return jobs.recent_jobs(status=status or None)


def do_queue_reminders(user: AnyUser) -> str:
    """Queue the reminder job now (it also runs daily from `bolvaerk reminders` in cron)."""
    if not is_site_admin(user):
        raise NotFound
    job_id = jobs.enqueue(REMINDER_JOB)
    audit.record(user, "job.queued", user, details={"job": REMINDER_JOB, "id": job_id})
    return job_id
