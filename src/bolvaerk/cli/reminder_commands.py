"""reminders: send the reminder e-mails due today (for a daily systemd timer or cron job; the
reminders are recorded, so running it twice a day sends nothing twice)."""

from __future__ import annotations

from datetime import date

import typer

from bolvaerk.cli.output import LANG_OPTION, Lang, console, errors, pick_lang, text
from bolvaerk.services import webapp


def reminders(
    today: str = typer.Option(
        "", "--today", help="pretend today is this date (yyyy-mm-dd), e.g. to test the setup"
    ),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Send the reminders due today: before each facility's submit-by date and before its
    expiry, to its PFSO and its RSO's consultants. Settings come from the environment, as for
    `bolvaerk serve`."""
    language = pick_lang(lang)
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        errors.print(text("bad_today", language, value=today), markup=False)
        raise typer.Exit(2) from None
    try:
        webapp.setup_from_environment()
    except webapp.SettingsError as error:
        errors.print(text("settings_error", language, reason=error), markup=False)
        raise typer.Exit(2) from None
    from bolvaerk.services.reminders import send_due_reminders  # noqa: PLC0415 - after setup

    console.print(text("reminders_sent", language, count=send_due_reminders(day)), markup=False)


def register(app: typer.Typer) -> None:
    app.command()(reminders)
