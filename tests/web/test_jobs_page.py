"""The job page: site administrators see the queue and can queue the reminders; nobody else."""

from __future__ import annotations

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent, OrgKind, Role
from bolvaerk.services.people import do_create_organisation, do_create_user
from tests.personas import PASSWORD, build_cast

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _site_admin() -> Client:
    site = do_create_organisation(None, "bolvaerk drift", OrgKind.SITE)
    do_create_user(None, "root", PASSWORD, site, Role.SITE_ADMIN, language="en")
    return _client("root")


def test_the_site_admin_queues_reminders_and_sees_the_job() -> None:
    build_cast()
    admin = _site_admin()
    page = admin.get("/ops/jobs/")
    assert page.status_code == 200
    assert b"No jobs." in page.content
    response = admin.post("/ops/jobs/reminders/", follow=True)
    assert b"Reminder job queued" in response.content
    assert b"reminders.reminder_job" in response.content
    assert b"ready" in response.content
    assert AuditEvent.objects.filter(action="job.queued").count() == 1
    assert admin.get("/ops/jobs/?status=FAILED").content.count(b"reminder_job") == 0


@pytest.mark.parametrize("username", ["anne", "bo", "carl", "eva", "finn", "olga"])
def test_everyone_else_gets_not_found(username: str) -> None:
    build_cast()
    client = _client(username)
    assert client.get("/ops/jobs/").status_code == 404
    assert client.post("/ops/jobs/reminders/").status_code == 404
    assert AuditEvent.objects.filter(action="job.queued").count() == 0
