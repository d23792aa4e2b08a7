"""Starting the web application: settings from the environment, migrations, demo data, and the
servers (the development server for the demo, gunicorn for `bolvaerk serve`), each with one job
worker beside it (services/serving.py)."""

from __future__ import annotations

import os
from pathlib import Path

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import DatabaseError, connections

from bolvaerk.services import serving


class SettingsError(Exception):
    """The environment does not give a usable configuration; the message names the variable."""


def setup(home: Path, *, embedded: bool) -> None:
    """Configure Django for the data folder `home` (embedded: SQLite and a generated key)."""
    os.environ["BOLVAERK_HOME"] = str(home)
    if embedded:
        os.environ.setdefault("BOLVAERK_EMBEDDED", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bolvaerk.web.settings")
    django.setup()


def setup_from_environment() -> None:
    """Configure Django from the environment as it is (production), and reach the database.
    Raises SettingsError with a message for the operator instead of a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bolvaerk.web.settings")
    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise SettingsError(str(error)) from None
    try:
        connections["default"].ensure_connection()
    except DatabaseError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise SettingsError(
            f"the database (DATABASE_URL or the SQLite file in BOLVAERK_HOME) cannot be reached: "
            f"{first_line}"
        ) from None


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def collect_static() -> Path:
    """Copy the static files, with hashed names, into STATIC_ROOT for whitenoise to serve."""
    from django.conf import settings  # noqa: PLC0415 - read after setup

    if settings.STATIC_ROOT is None:
        raise SettingsError("BOLVAERK_STATIC_ROOT must name a folder (collectstatic writes there)")
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def seed_demo(home: Path) -> list[tuple[str, str, str, str]]:
    from bolvaerk.services.demo_data import do_seed_demo  # noqa: PLC0415 - needs Django set up

    return [(d.username, d.password, d.role, d.organisation) for d in do_seed_demo(home)]


def serve_development(port: int) -> None:
    """Django's own server for the single-user demo, with a job worker beside it."""
    connections.close_all()  # the worker is another process with its own connection
    with serving.job_worker():
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


def serve_production(workers: int, bind: str) -> int:
    """gunicorn with `workers` processes on `bind` and one job worker, until SIGTERM or SIGINT;
    returns the exit code (0 after a signal)."""
    connections.close_all()  # the children open their own
    return serving.supervise([serving.worker_command(), serving.gunicorn_command(workers, bind)])
