"""The demo data: one user per role, the example PFSA and PSA, and a portfolio worth looking at."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from bolvaerk.adapters.db.models import AssessmentRecord, Facility
from bolvaerk.services.demo_data import do_seed_demo
from bolvaerk.services.demo_portfolio import PORTFOLIO
from bolvaerk.services.reminders import send_due_reminders

pytestmark = pytest.mark.django_db


def test_the_demo_portfolio_has_overdue_near_and_distant_facilities(tmp_path: Path) -> None:
    logins = do_seed_demo(tmp_path)
    assert len(logins) == 6
    today = timezone.localdate()
    assert Facility.objects.count() == 2 + len(PORTFOLIO)
    # the example PFSA and PSA (approved in 2021) and two of the portfolio are overdue
    assert Facility.objects.filter(submit_by__lt=today).count() == 4
    assert (
        Facility.objects.filter(submit_by__gte=today, submit_by__lte=today + timedelta(90)).count()
        == 4
    )
    assert Facility.objects.filter(approved_on__isnull=True).count() == 1  # Køge: a draft
    assert AssessmentRecord.objects.filter(state="approved").count() == 2 + len(PORTFOLIO) - 1
    assert do_seed_demo(tmp_path) == []  # once


def test_the_demo_reminders_go_to_the_demo_consultant(tmp_path: Path) -> None:
    do_seed_demo(tmp_path)
    sent = send_due_reminders()
    assert sent > 0
    assert {m.to[0] for m in mail.outbox} == {"konsulent@demo.bolvaerk.invalid"}
