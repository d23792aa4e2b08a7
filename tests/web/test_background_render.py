"""Large assessments are rendered by the worker: the download queues one job, waits, serves."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.services import jobs, render_jobs
from tests.personas import PASSWORD, build_cast

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits on its own connection

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _everything_is_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_jobs, "BACKGROUND_FROM_CROSSES", 0)


def test_a_large_download_is_made_once_by_the_worker_then_served() -> None:
    cast = build_cast()
    client = Client()
    assert client.login(username="bo", password=PASSWORD)
    url = f"/assessments/{cast.record.pk}/download/?format=xlsx&lang=en"
    waiting = client.get(url)
    assert waiting.status_code == 200
    assert b"made in the background" in waiting.content
    assert b'hx-trigger="every 2s"' in waiting.content
    client.get(url)  # asking again queues nothing more
    assert [j.target for j in jobs.recent_jobs()] == ["render_jobs.render_job"]
    assert AuditEvent.objects.filter(action="document.render_queued").count() == 1
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    done = client.get(url)
    assert done.status_code == 200
    assert done["Content-Type"] == XLSX
    assert done["Content-Disposition"].endswith(f'-v{cast.record.current_version}-en.xlsx"')
    assert done.content[:2] == b"PK"


def test_outsiders_cannot_queue_or_fetch() -> None:
    cast = build_cast()
    client = Client()
    assert client.login(username="olga", password=PASSWORD)
    assert client.get(f"/assessments/{cast.record.pk}/download/?format=pdf").status_code == 404
    assert jobs.recent_jobs() == []


def test_an_unknown_format_is_not_found() -> None:
    cast = build_cast()
    client = Client()
    assert client.login(username="bo", password=PASSWORD)
    assert client.get(f"/assessments/{cast.record.pk}/download/?format=exe").status_code == 404
    assert jobs.recent_jobs() == []
