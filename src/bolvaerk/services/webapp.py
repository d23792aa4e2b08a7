"""Starting the web application: settings from the environment, migrations, demo data."""

from __future__ import annotations

import os
from pathlib import Path

import django
from django.core.management import call_command


def setup(home: Path, *, embedded: bool) -> None:
    """Configure Django for the data folder `home` (embedded: SQLite and a generated key)."""
    os.environ["BOLVAERK_HOME"] = str(home)
    if embedded:
        os.environ.setdefault("BOLVAERK_EMBEDDED", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bolvaerk.web.settings")
    django.setup()


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def seed_demo(home: Path) -> list[tuple[str, str, str, str]]:
    from bolvaerk.services.demo_data import do_seed_demo  # noqa: PLC0415 - needs Django set up

    return [(d.username, d.password, d.role, d.organisation) for d in do_seed_demo(home)]


def serve_development(port: int) -> None:
    """Django's own server, for the single-user demo (production: `bolvaerk serve`, later)."""
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
