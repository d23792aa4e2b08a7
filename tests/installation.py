"""A real installation driven from a subprocess, for the tests of `bolvaerk serve`, `backup` and
`restore`, which need data in a database that another process can reach (pytest-django's test
database is private to the test process).

    python -m tests.installation seed      # migrate; the demo data, a draft with an uploaded
                                           # annex file, a comment, a queued job
    python -m tests.installation inspect   # everything it holds, as canonical JSON on stdout
    python -m tests.installation probe     # add one organisation (new primary keys must not clash)

The environment names the installation (BOLVAERK_HOME, DATABASE_URL, BOLVAERK_EMBEDDED or
BOLVAERK_SECRET_KEY), exactly as for the bolvaerk commands. Helpers for the tests follow.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BOLVAERK = ROOT / ".venv" / "bin" / "bolvaerk"
PG_SERVER = os.environ.get("BOLVAERK_TEST_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
# the smallest PNG there is (1x1), so the upload passes the type check by content
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


# ---------------------------------------------------------------- run in the subprocess


def _seed() -> None:
    from django.contrib.auth.models import User  # noqa: PLC0415 - after django.setup()
    from django.core.files.base import ContentFile  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from bolvaerk.adapters.db.models import AssessmentRecord  # noqa: PLC0415
    from bolvaerk.domain.enums import AnnexKind, AssessmentKind  # noqa: PLC0415
    from bolvaerk.services import jobs  # noqa: PLC0415
    from bolvaerk.services.annexes import (  # noqa: PLC0415
        AnnexFields,
        do_add_annex,
        do_upload_annex_file,
    )
    from bolvaerk.services.demo_data import do_seed_demo  # noqa: PLC0415
    from bolvaerk.services.workspace import do_comment, do_create_assessment  # noqa: PLC0415

    call_command("migrate", interactive=False, verbosity=0)
    do_seed_demo(Path(os.environ["BOLVAERK_HOME"]))
    consultant = User.objects.get(username="konsulent")
    facility = AssessmentRecord.objects.filter(kind="pfsa").order_by("pk")[0].facility
    draft = do_create_assessment(consultant, facility, AssessmentKind.PFSA)
    annex = do_add_annex(
        consultant,
        draft,
        AnnexFields(
            number="A1",
            name="Havnekort",
            kind=AnnexKind.MAP_PORT,
            electronic=True,
            registered_letter_sent=None,
        ),
    )
    do_upload_annex_file(consultant, draft, annex, ContentFile(PNG, name="havnekort.png"))
    do_comment(consultant, draft, "sections.2", "Kortet skal vise adgangsvejene.")
    jobs.enqueue(
        "bolvaerk.services.facility_status.refresh_facility_status", facility_id=facility.pk
    )


def _rows(model: Any, *exclude: str) -> list[dict[str, Any]]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname not in exclude]
    return list(model._default_manager.order_by("pk").values(*fields))


def _inspect() -> dict[str, Any]:
    from django.contrib.auth.models import User  # noqa: PLC0415 - after django.setup()
    from django.core.files.storage import default_storage  # noqa: PLC0415
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from bolvaerk.adapters.db import models  # noqa: PLC0415

    uploads = Path(default_storage.path(""))
    passwords = {}
    users_file = Path(os.environ.get("BOLVAERK_LOGINS", "-"))
    if users_file.is_file():
        for line in users_file.read_text(encoding="utf-8").splitlines():
            username, password = line.split("\t")[:2]
            passwords[username] = User.objects.get(username=username).check_password(password)
    events = _rows(models.AuditEvent)
    return {
        "users": _rows(User, "last_login"),
        "logins": passwords,
        "organisations": _rows(models.Organisation),
        "memberships": _rows(models.Membership),
        "facilities": _rows(models.Facility),
        "records": _rows(models.AssessmentRecord),
        "versions": _rows(models.AssessmentVersion),
        "comments": _rows(models.ReviewComment),
        "audit": [e for e in events if not e["action"].startswith("backup.")],
        "backup_events": [e["action"] for e in events if e["action"].startswith("backup.")],
        "reminders": _rows(models.ReminderSent),
        "tokens": _rows(models.ApiToken),
        "jobs": _rows(DBTaskResult, "worker_ids"),
        "files": {
            p.relative_to(uploads).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(uploads.rglob("*"))
            if p.is_file()
        }
        if uploads.is_dir()
        else {},
    }


def _probe() -> None:
    from bolvaerk.adapters.db.models import OrgKind  # noqa: PLC0415 - after django.setup()
    from bolvaerk.services.people import do_create_organisation  # noqa: PLC0415

    do_create_organisation(None, "Ny Havn efter gendannelsen", OrgKind.PORT_AUTHORITY)


def main() -> None:
    import django  # noqa: PLC0415
    from django.core.serializers.json import DjangoJSONEncoder  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bolvaerk.web.settings")
    django.setup()
    command = sys.argv[1]
    if command == "seed":
        _seed()
    elif command == "inspect":
        print(json.dumps(_inspect(), cls=DjangoJSONEncoder, sort_keys=True))
    elif command == "probe":
        _probe()


# ---------------------------------------------------------------- helpers for the tests


def environment(home: Path, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment of an embedded installation in `home` (no settings module of the tests)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOLVAERK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env |= {"BOLVAERK_HOME": str(home), "BOLVAERK_EMBEDDED": "true", "BOLVAERK_LANG": "en"}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env | extra


def run(
    args: list[str], env: dict[str, str], *, check: bool = True, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - our own commands
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def script(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "tests.installation", command], env)


def inspect(env: dict[str, str]) -> dict[str, Any]:
    return json.loads(script("inspect", env).stdout)


def bolvaerk(
    *args: str | Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    return run([str(BOLVAERK), *map(str, args)], env, check=check)


def postgres_reachable() -> bool:
    import psycopg  # noqa: PLC0415

    try:
        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@contextmanager
def fresh_postgres(prefix: str = "bolvaerk_t") -> Iterator[str]:
    """A new, empty PostgreSQL database for the block; dropped after (its URL)."""
    import psycopg  # noqa: PLC0415

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    main()
