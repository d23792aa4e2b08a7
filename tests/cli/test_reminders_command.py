"""`bolvaerk reminders` in a real installation: the due reminders once, to the console backend."""

from __future__ import annotations

from pathlib import Path

from tests.installation import bolvaerk, environment, script


def test_reminders_are_sent_once_a_day(tmp_path: Path) -> None:
    env = environment(tmp_path / "home")
    script("seed", env)  # the demo data: its portfolio has submit-by dates within the leads
    first = bolvaerk("reminders", env=env)
    summary = first.stdout.strip().splitlines()[-1]  # after the e-mails (console backend)
    assert summary.endswith(" reminders sent.")
    assert int(summary.split()[0]) > 0
    assert "konsulent@demo.bolvaerk.invalid" in first.stdout + first.stderr  # console e-mail
    again = bolvaerk("reminders", env=env)
    assert again.stdout.strip() == "0 reminders sent."


def test_a_bad_date_is_refused(tmp_path: Path) -> None:
    env = environment(tmp_path / "home")
    result = bolvaerk("reminders", "--today", "26-11-2026", env=env, check=False)
    assert result.returncode == 2
    assert "--today must be a date such as 2026-11-26" in result.stderr
