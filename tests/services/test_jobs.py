"""The job queue: real worker, retries with a delay, failures kept with their error."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bolvaerk.adapters.db.models import Organisation, OrgKind
from bolvaerk.services import jobs

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits on its own connection

CALLS: list[str] = []


def flaky(name: str, fail_times: int) -> str:
    """A job that fails its first `fail_times` runs (counted in the database, like real state)."""
    CALLS.append(name)
    if CALLS.count(name) <= fail_times:
        raise ConnectionError("mail server not reachable")
    Organisation.objects.get_or_create(name=name, kind=OrgKind.RSO)
    return name


def _run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def _make_due_now() -> None:
    """Skip the back-off delay of queued retries (the worker only takes jobs that are due)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(1))


@pytest.fixture(autouse=True)
def _jobs_may_live_in_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    # this test module stands in for a services module: allow its functions as jobs
    monkeypatch.setattr(jobs, "JOB_PACKAGE", "tests.services.test_jobs.")
    CALLS.clear()


def test_a_failing_job_is_retried_until_it_succeeds() -> None:
    jobs.enqueue("tests.services.test_jobs.flaky", name="Retry ApS", fail_times=2)
    _run_worker()
    rows = jobs.recent_jobs()
    assert [r.status for r in rows] == ["READY", "FAILED"]  # retry waits for its delay
    assert rows[0].attempt == 2
    assert rows[0].run_after is not None
    assert rows[0].run_after > timezone.now() + timedelta(seconds=10)
    assert rows[1].error == "ConnectionError"
    assert "mail server not reachable" in rows[1].traceback
    _make_due_now()
    _run_worker()
    _make_due_now()
    _run_worker()
    statuses = sorted(r.status for r in jobs.recent_jobs())
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert Organisation.objects.filter(name="Retry ApS").exists()


def test_a_job_that_keeps_failing_stops_after_its_attempts() -> None:
    jobs.enqueue("tests.services.test_jobs.flaky", max_attempts=2, name="Never", fail_times=9)
    for _ in range(4):
        _make_due_now()
        _run_worker()
    rows = jobs.recent_jobs()
    assert [(r.status, r.attempt) for r in rows] == [("FAILED", 2), ("FAILED", 1)]


def test_only_functions_of_the_services_can_be_jobs() -> None:
    with pytest.raises(jobs.UnknownJobError):
        jobs.enqueue("os.system", command="true")
