"""Background jobs: Django's task framework (django-tasks, database backend), so one queue runs on
SQLite for the demo and on PostgreSQL in production; `bolvaerk serve` and `bolvaerk demo` start a
worker (`db_worker`) beside the web server. See docs/adr/0008-job-queue.md.

The framework leaves retries to the backend and the database backend has none, so every job goes
through `run_job`, which on failure queues the next attempt with a growing delay (the failed
attempt stays in the table with its traceback). A job is a plain function in bolvaerk.services
taking JSON-able keyword arguments; it must be safe to run again (idempotent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from django_tasks_db.models import DBTaskResult

JOB_PACKAGE = "bolvaerk.services."
DEFAULT_ATTEMPTS = 3
BACKOFF_SECONDS = (15, 120, 600)  # before the 2nd, 3rd, 4th ... attempt


class UnknownJobError(ValueError):
    """The job path is not a function of bolvaerk.services (never import arbitrary code)."""


def _function(target: str) -> Any:  # noqa: ANN401 - whatever the job function is
    if not target.startswith(JOB_PACKAGE):
        raise UnknownJobError(target)
    return import_string(target)


def _delay(attempt: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS)) - 1])


@task()
def run_job(
    target: str, kwargs: dict[str, Any], attempt: int = 1, max_attempts: int = DEFAULT_ATTEMPTS
) -> Any:  # noqa: ANN401 - the job's own JSON-able result
    function = _function(target)
    try:
        return function(**kwargs)
    except Exception:
        if attempt < max_attempts:
            run_job.using(run_after=timezone.now() + _delay(attempt)).enqueue(
                target, kwargs, attempt + 1, max_attempts
            )
        raise


def enqueue(target: str, *, max_attempts: int = DEFAULT_ATTEMPTS, **kwargs: object) -> str:
    """Queue the job `target` (dotted path of a function in bolvaerk.services); returns its id."""
    _function(target)  # fail now, in the request, for a wrong path
    result = run_job.enqueue(target, kwargs, 1, max_attempts)
    return str(result.id)


@dataclass(frozen=True, slots=True)
class JobRow:
    id: str
    target: str
    attempt: int
    max_attempts: int
    status: str
    enqueued_at: datetime
    run_after: datetime | None
    finished_at: datetime | None
    error: str  # the exception of a failed attempt, one line
    traceback: str


def _row(result: DBTaskResult[..., object]) -> JobRow:
    args = list(result.args_kwargs.get("args", []))
    target = str(args[0]) if args else result.task_path
    attempt = int(args[2]) if len(args) > 2 else 1
    max_attempts = int(args[3]) if len(args) > 3 else DEFAULT_ATTEMPTS
    return JobRow(
        id=str(result.id),
        target=target.removeprefix(JOB_PACKAGE),
        attempt=attempt,
        max_attempts=max_attempts,
        status=str(result.status),
        enqueued_at=result.enqueued_at,
        run_after=None if result.run_after.year >= 9999 else result.run_after,  # 9999: no delay
        finished_at=result.finished_at,
        error=(result.exception_class_path or "").rsplit(".", 1)[-1],
        traceback=result.traceback or "",
    )


def recent_jobs(limit: int = 200, status: str | None = None) -> list[JobRow]:
    """The newest jobs, for the site administrator's job page."""
    results = DBTaskResult.objects.order_by("-enqueued_at")
    if status:
        results = results.filter(status=status)
    return [_row(result) for result in results[:limit]]


def job(job_id: str) -> JobRow | None:
    result = DBTaskResult.objects.filter(pk=job_id).first()
    return None if result is None else _row(result)
