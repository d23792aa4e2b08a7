"""Rendering large documents in the background (services.jobs): a DOCX or PDF of a 900-cross
assessment takes seconds to minutes, longer than a request should. The file of each version,
format and language is rendered once into the data folder (renders/) and served from there;
a new version makes a new file, so a stored file is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.adapters.file.io import write_bytes
from bolvaerk.services import audit, jobs
from bolvaerk.services.access import AnyUser
from bolvaerk.services.downloads import DOWNLOAD_FORMATS, Download, UnknownFormat, render_bytes
from bolvaerk.services.messages import LANGUAGES
from bolvaerk.services.render import renderer
from bolvaerk.services.workspace import load

RENDER_JOB = "bolvaerk.services.render_jobs.render_job"
# Above this many risk forms a download is rendered by the worker (about 2 s of PDF at 300).
BACKGROUND_FROM_CROSSES = 300


@dataclass(frozen=True, slots=True)
class RenderStatus:
    ready: bool
    failed: bool  # every attempt of the job failed
    filename: str


def renders_in_background(record: AssessmentRecord) -> bool:
    return len(load(record).sections.risk.forms) >= BACKGROUND_FROM_CROSSES


def _name(record: AssessmentRecord, version: int, fmt: str, lang: str) -> str:
    return f"{record.document_id}-v{version}-{lang}{renderer(fmt).suffix}"


def _path(record: AssessmentRecord, version: int, fmt: str, lang: str) -> Path:
    return Path(default_storage.path(f"renders/{record.pk}/{_name(record, version, fmt, lang)}"))


def _language(record: AssessmentRecord, lang: str | None) -> str:
    return lang or load(record).meta.language


def _check(fmt: str, lang: str | None) -> None:
    if fmt not in DOWNLOAD_FORMATS or (lang is not None and lang not in LANGUAGES):
        raise UnknownFormat(fmt)


def render_job(record_id: int, version: int, fmt: str, lang: str) -> str:
    """The job: render the record's current version into its file (idempotent: once)."""
    record = AssessmentRecord.objects.get(pk=record_id)
    path = _path(record, version, fmt, lang)
    if record.current_version != version or path.exists():
        return path.name  # superseded by a newer version, or already rendered
    write_bytes(path, render_bytes(record, fmt, lang).data)
    return path.name


def _job_state(record: AssessmentRecord, version: int, fmt: str, lang: str) -> tuple[bool, bool]:
    """(a job for this file is waiting or running, every attempt so far failed)."""
    wanted = {"record_id": record.pk, "version": version, "fmt": fmt, "lang": lang}
    rows = DBTaskResult.objects.filter(args_kwargs__args__0=RENDER_JOB).values_list(
        "status", "args_kwargs"
    )
    statuses = [status for status, call in rows if call["args"][1] == wanted]
    pending = any(s in {"READY", "RUNNING"} for s in statuses)
    return pending, bool(statuses) and not pending and "SUCCESSFUL" not in statuses


def do_request_render(
    user: AnyUser, record: AssessmentRecord, fmt: str, lang: str | None
) -> RenderStatus:
    """Start (once) the background rendering of the current version; the caller has checked
    that the user may see the record (access_assessment_by_id)."""
    _check(fmt, lang)
    language = _language(record, lang)
    version = record.current_version
    name = _name(record, version, fmt, language)
    if _path(record, version, fmt, language).exists():
        return RenderStatus(ready=True, failed=False, filename=name)
    pending, failed = _job_state(record, version, fmt, language)
    if not pending and not failed:
        job_id = jobs.enqueue(
            RENDER_JOB, record_id=record.pk, version=version, fmt=fmt, lang=language
        )
        audit.record(
            user,
            "document.render_queued",
            record,
            facility_id=record.facility_id,
            details={"format": fmt, "lang": language, "version": version, "job": job_id},
        )
    return RenderStatus(ready=False, failed=failed, filename=name)


def rendered(record: AssessmentRecord, fmt: str, lang: str | None) -> Download | None:
    """The rendered file of the current version, when the worker has made it."""
    _check(fmt, lang)
    language = _language(record, lang)
    path = _path(record, record.current_version, fmt, language)
    if not path.exists():
        return None
    return Download(path.read_bytes(), path.name, renderer(fmt).media_type)
