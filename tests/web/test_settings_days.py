"""Reminder lead days from the environment: typed, and loud when wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from bolvaerk.web.settings_env import env_days


def test_days_are_read_as_a_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOLVAERK_REMINDER_DAYS_SUBMIT", "90, 30,7")
    assert env_days("BOLVAERK_REMINDER_DAYS_SUBMIT", (60, 14)) == (90, 30, 7)
    monkeypatch.setenv("BOLVAERK_REMINDER_DAYS_SUBMIT", "")
    assert env_days("BOLVAERK_REMINDER_DAYS_SUBMIT", (60, 14)) == (60, 14)


def test_a_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOLVAERK_REMINDER_DAYS_EXPIRY", "30,soon")
    with pytest.raises(ImproperlyConfigured, match="BOLVAERK_REMINDER_DAYS_EXPIRY must be whole"):
        env_days("BOLVAERK_REMINDER_DAYS_EXPIRY", (30, 7))
