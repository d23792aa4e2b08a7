"""Reminders before the submit-by date and expiry: right people, right lead, sent once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

from bolvaerk.adapters.db.models import AssessmentRecord, AuditEvent, Facility, ReminderSent
from bolvaerk.domain.dates import expiry_date, submit_by_date
from bolvaerk.services import jobs
from bolvaerk.services.facility_status import refresh_facility_status
from bolvaerk.services.reminders import lead_for, send_due_reminders
from tests.personas import Cast, build_cast

pytestmark = pytest.mark.django_db

APPROVED = date(2021, 6, 15)
SUBMIT_BY = submit_by_date(APPROVED)  # 15-03-2026
EXPIRY = expiry_date(APPROVED)  # 15-06-2026


def _approved_cast() -> Cast:
    cast = build_cast()
    AssessmentRecord.objects.filter(pk=cast.record.pk).update(
        state="approved", approved_on=APPROVED
    )
    refresh_facility_status(cast.facility.pk)
    User.objects.filter(username="anne").update(email="anne@rso.example")
    User.objects.filter(username="bo").update(email="bo@terminal.example")
    User.objects.filter(username="olga").update(email="olga@other.example")  # not a party
    return cast


def test_the_tightest_applicable_lead_is_chosen() -> None:
    assert lead_for(61, (60, 14)) is None
    assert lead_for(60, (60, 14)) == 60
    assert lead_for(15, (60, 14)) == 60
    assert lead_for(14, (60, 14)) == 14
    assert lead_for(0, (60, 14)) == 14
    assert lead_for(-1, (60, 14)) is None


def test_the_facility_columns_follow_the_approval() -> None:
    cast = _approved_cast()
    facility = Facility.objects.get(pk=cast.facility.pk)
    assert (facility.approved_on, facility.submit_by, facility.expires_on) == (
        APPROVED,
        date(2026, 3, 15),
        date(2026, 6, 15),
    )
    assert facility.assessment_state == "approved"


def test_reminders_go_to_the_pfso_and_the_rso_once() -> None:
    _approved_cast()
    assert send_due_reminders(SUBMIT_BY - timedelta(days=61)) == 0
    assert send_due_reminders(SUBMIT_BY - timedelta(days=60)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["anne@rso.example", "bo@terminal.example"]
    assert "Færgeterminalen" in mail.outbox[0].subject
    assert "15-03-2026" in mail.outbox[0].subject
    # the next days in the same lead send nothing more; the next lead does
    assert send_due_reminders(SUBMIT_BY - timedelta(days=59)) == 0
    assert send_due_reminders(SUBMIT_BY - timedelta(days=14)) == 2
    assert send_due_reminders(SUBMIT_BY - timedelta(days=3)) == 0
    assert ReminderSent.objects.count() == 4
    assert AuditEvent.objects.filter(action="reminder.sent").count() == 4


def test_a_late_run_sends_only_the_tightest_reminder() -> None:
    _approved_cast()
    assert send_due_reminders(SUBMIT_BY - timedelta(days=5)) == 2
    assert set(ReminderSent.objects.values_list("lead_days", flat=True)) == {14}


def test_expiry_reminders_after_the_submit_by_date() -> None:
    _approved_cast()
    sent = send_due_reminders(EXPIRY - timedelta(days=20))
    assert sent == 2
    assert set(ReminderSent.objects.values_list("kind", "lead_days")) == {("expiry", 30)}
    assert "expires on 15-06-2026" in mail.outbox[0].subject
    assert send_due_reminders(EXPIRY + timedelta(days=1)) == 0  # expired: nothing to remind


def test_reminders_are_in_the_recipients_language() -> None:
    cast = _approved_cast()
    cast.bo.membership.language = "da"
    cast.bo.membership.save()
    send_due_reminders(SUBMIT_BY - timedelta(days=10))
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["anne@rso.example"].startswith("Submit the renewed assessment")
    assert subjects["bo@terminal.example"].startswith("Indsend")


def test_users_without_e_mail_or_inactive_get_nothing() -> None:
    _approved_cast()
    User.objects.filter(username="anne").update(is_active=False)
    User.objects.filter(username="bo").update(email="")
    assert send_due_reminders(SUBMIT_BY - timedelta(days=10)) == 0


@pytest.mark.django_db(transaction=True)  # the worker commits on its own connection
def test_the_reminder_job_run_twice_by_the_worker_sends_once() -> None:
    _approved_cast()
    day = (SUBMIT_BY - timedelta(days=10)).isoformat()
    first = jobs.enqueue("bolvaerk.services.reminders.reminder_job", today=day)
    second = jobs.enqueue("bolvaerk.services.reminders.reminder_job", today=day)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert len(mail.outbox) == 2
    done = {row.id: row for row in jobs.recent_jobs()}
    assert done[first].status == done[second].status == "SUCCESSFUL"


def test_the_leads_come_from_the_settings(settings: object) -> None:
    _approved_cast()
    settings.BOLVAERK_REMINDER_LEADS = {"submit_by": (100,), "expiry": ()}  # type: ignore[attr-defined]
    assert send_due_reminders(SUBMIT_BY - timedelta(days=61)) == 2
    assert set(ReminderSent.objects.values_list("lead_days", flat=True)) == {100}
    assert send_due_reminders(EXPIRY - timedelta(days=5)) == 0  # no expiry reminders at all
