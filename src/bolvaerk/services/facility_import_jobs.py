"""Running a facility import from the web: the uploaded file is stored under the data folder
(`facility-imports/<id>.<csv|xlsx>` in Django's default storage, beside a small JSON of who
uploaded it), then imported directly when small or by a background job when large
(services.jobs). The outcome is written to `facility-imports/<id>.result.json`, which the
import page shows.

The job is idempotent: a second run finds the result file, or else the audit event of the import
(written in the import's own transaction), and imports nothing again. A run that finds neither
imports; a crash before the commit leaves nothing behind, so the retry starts afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.services import jobs
from bolvaerk.services.access import AnyUser
from bolvaerk.services.facility_import import (
    IMPORTED,
    ImportOutcome,
    Problem,
    do_import_facilities,
    may_import_facilities,
)
from bolvaerk.services.facility_table import SUFFIXES
from bolvaerk.services.workspace import NotAllowed

FOLDER = "facility-imports"
MAX_BYTES = 10 * 1024 * 1024
DIRECT_BYTES = 64 * 1024  # files up to this size (some 500-1,000 rows) import in the request
JOB = "bolvaerk.services.facility_import_jobs.run_import"
_ID = re.compile(r"^[0-9a-f]{32}$")


class ImportFileError(Exception):
    """The upload is refused before anything is stored: code "type" or "size"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class ImportStatus:
    import_id: str
    file_name: str
    outcome: ImportOutcome | None  # None while the job has not finished
    job: jobs.JobRow | None  # the background job (None when imported directly)


def _name(import_id: str, suffix: str) -> str:
    return f"{FOLDER}/{import_id}{suffix}"


def _write_json(name: str, data: dict[str, object]) -> None:
    """Replace the file atomically (a job reading it meanwhile sees the old or the new one)."""
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _read_json(name: str) -> dict[str, object] | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as stored:
        data = json.loads(stored.read().decode())
    return data if isinstance(data, dict) else None


def start_import(
    user: AnyUser,
    file_name: str,
    data: bytes,
    *,
    create_organisations: bool = False,
    background: bool | None = None,
) -> str:
    """Store the upload and import it (directly, or as a job when `background` or the file is
    large); returns the import id for import_status."""
    if not may_import_facilities(user):
        raise NotAllowed("import")
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError("type")
    if len(data) > MAX_BYTES:
        raise ImportFileError("size")
    import_id = secrets.token_hex(16)
    stored = default_storage.save(_name(import_id, suffix), ContentFile(data))
    meta: dict[str, object] = {
        "user": getattr(user, "pk", None),
        "file_name": PurePath(file_name.replace("\\", "/")).name[:200],
        "stored": stored,
        "sha256": hashlib.sha256(data).hexdigest(),
        "create_organisations": create_organisations,
        "job": None,
    }
    _write_json(_name(import_id, ".json"), meta)  # before the job can start
    if background is None:
        background = len(data) > DIRECT_BYTES
    if background:
        meta["job"] = jobs.enqueue(JOB, import_id=import_id)
        _write_json(_name(import_id, ".json"), meta)
    else:
        run_import(import_id)
    return import_id


def run_import(import_id: str) -> dict[str, object]:
    """The job: import the stored upload once; returns the outcome as JSON."""
    result_name = _name(import_id, ".result.json")
    done = _read_json(result_name)
    if done is not None:
        return done
    meta = _read_json(_name(import_id, ".json"))
    if meta is None:
        raise FileNotFoundError(import_id)  # the job of a deleted upload: nothing to do
    event = AuditEvent.objects.filter(action=IMPORTED, object_id=import_id).first()
    if event is not None:  # imported, but the result was not written: write it from the event
        created = event.details.get("created_organisations", [])
        outcome = ImportOutcome(
            int(event.details["count"]), (), str(event.details["sha256"]), tuple(created)
        )
    else:
        outcome = _import(import_id, meta)
    result = outcome.as_json()
    _write_json(result_name, result)
    return result


def _import(import_id: str, meta: dict[str, object]) -> ImportOutcome:
    user_id = meta["user"]
    users = User.objects.select_related("membership__organisation")
    user = users.filter(pk=user_id).first() if isinstance(user_id, int) else None
    with default_storage.open(str(meta["stored"]), "rb") as stored:
        data = stored.read()
    if user is None:
        return ImportOutcome(0, (Problem(None, "", "not_allowed"),), str(meta["sha256"]))
    try:
        return do_import_facilities(
            user,
            str(meta["file_name"]),
            data,
            create_organisations=bool(meta["create_organisations"]),
            import_id=import_id,
        )
    except NotAllowed:  # the user lost the right between the upload and the job
        return ImportOutcome(0, (Problem(None, "", "not_allowed"),), str(meta["sha256"]))


def import_status(user: AnyUser, import_id: str) -> ImportStatus | None:
    """The import's state for the user who started it; None for anyone else or a wrong id."""
    if not _ID.match(import_id):
        return None
    meta = _read_json(_name(import_id, ".json"))
    if meta is None or meta.get("user") != getattr(user, "pk", None):
        return None
    result = _read_json(_name(import_id, ".result.json"))
    job_id = meta.get("job")
    return ImportStatus(
        import_id=import_id,
        file_name=str(meta.get("file_name", "")),
        outcome=None if result is None else ImportOutcome.from_json(result),
        job=jobs.job(str(job_id)) if job_id else None,
    )
