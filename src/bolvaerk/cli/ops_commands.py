"""serve, backup, restore: running an installation. All three read the settings from the
environment as the web application does (docs/operations.md) and stop with a clear message, not a
traceback, when a setting is missing or wrong."""

from __future__ import annotations

from pathlib import Path

import typer

from bolvaerk.cli.output import LANG_OPTION, Lang, console, errors, pick_lang, text
from bolvaerk.services import webapp


def _setup(language: str) -> None:
    try:
        webapp.setup_from_environment()
    except webapp.SettingsError as error:
        errors.print(text("settings_error", language, reason=error), markup=False)
        raise typer.Exit(2) from None


def _check_bind(bind: str, language: str) -> None:
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        errors.print(text("bad_bind", language, value=bind), markup=False)
        raise typer.Exit(2)


def serve(
    workers: int = typer.Option(2, "--workers", help="gunicorn worker processes"),
    bind: str = typer.Option("127.0.0.1:8000", "--bind", help="host:port to listen on"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Run the web application in production: migrate, collect the static files, then gunicorn
    with several workers and one background job worker until SIGTERM or Ctrl-C. Settings come
    from the environment (BOLVAERK_SECRET_KEY, DATABASE_URL, ...: docs/operations.md)."""
    language = pick_lang(lang)
    if workers < 1:
        errors.print(text("bad_workers", language, value=workers), markup=False)
        raise typer.Exit(2)
    _check_bind(bind, language)
    _setup(language)
    webapp.migrate()
    try:
        console.print(text("serve_static", language, folder=webapp.collect_static()), markup=False)
    except webapp.SettingsError as error:
        errors.print(text("settings_error", language, reason=error), markup=False)
        raise typer.Exit(2) from None
    console.print(text("serve_url", language, bind=bind, workers=workers), markup=False)
    code = webapp.serve_production(workers, bind)
    if code:
        errors.print(text("serve_failed", language, code=code), markup=False)
        raise typer.Exit(1)
    console.print(text("serve_stopped", language), markup=False)


def _refused(error: Exception, language: str) -> typer.Exit:
    code = getattr(error, "code", "load")
    params = getattr(error, "params", {})
    errors.print(text(f"backup_{code}", language, **params), markup=False)
    return typer.Exit(1)


def backup(
    output: Path = typer.Option(..., "-o", "--output", help="the archive to write (.tar.gz)"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Back up the database (as database-neutral JSON) and the uploaded files into one archive
    with a manifest of counts and SHA-256 sums. Secrets are not in it."""
    language = pick_lang(lang)
    if not output.parent.resolve().is_dir():
        errors.print(text("backup_no_folder", language, folder=output.parent), markup=False)
        raise typer.Exit(2)
    _setup(language)
    from bolvaerk.services.backup import BackupError, do_backup  # noqa: PLC0415 - needs Django

    try:
        manifest = do_backup(output)
    except BackupError as error:
        raise _refused(error, language) from None
    console.print(
        text(
            "backup_written",
            language,
            file=output,
            size=output.stat().st_size,
            rows=sum(manifest.counts.values()),
            files=len(manifest.files()),
        ),
        markup=False,
    )


def restore(
    archive: Path = typer.Argument(..., help="the archive written by bolvaerk backup"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Restore a backup into an EMPTY data folder and database (refused otherwise): migrate,
    load every row in one transaction, restore the files, check counts and checksums."""
    language = pick_lang(lang)
    _setup(language)
    from bolvaerk.services.backup import BackupError  # noqa: PLC0415 - needs Django
    from bolvaerk.services.restore import do_restore  # noqa: PLC0415 - needs Django

    try:
        report = do_restore(archive)
    except BackupError as error:
        raise _refused(error, language) from None
    manifest = report.manifest
    console.print(
        text(
            "restored",
            language,
            file=archive,
            created=manifest.created_at[:19].replace("T", " "),
            version=manifest.version,
            rows=sum(manifest.counts.values()),
            files=len(manifest.files()),
        ),
        markup=False,
    )
    if report.migrated_forward:
        console.print(text("restored_forward", language), markup=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(backup)
    app.command()(restore)
