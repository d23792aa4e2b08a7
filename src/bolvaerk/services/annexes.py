"""The annex register in the web workspace (maps of 2.1/2.2, org charts of 4.1/4.2, company
annexes): add, edit and remove annexes and upload their files. Each change is one new version
through editing.do_edit_assessment (permissions, read-only states, the audit log apply); an upload
is stored with Django's default storage in `annexes/<record pk>/` and audited with its SHA-256.
That folder is also the assets folder the renderers read the maps, charts and logo from.

Optimistic locking (`base`: the version the user's row was loaded from): the part of an edit,
an upload or a removal is the annex itself (by id); the part of a new annex is the annexes that
got its number after `base` (added or renumbered meanwhile), so two people adding different
annexes both succeed, and adding a number someone else has just added is refused once."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AnnexKind, LifecycleState
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, permissions
from bolvaerk.services.annex_locking import annex_prefix, audits_conflicts, numbered_since, paired
from bolvaerk.services.conflicts import Conflict, Part
from bolvaerk.services.editing import do_edit_assessment
from bolvaerk.services.workspace import NotAllowed, load

MAX_BYTES = 20 * 1024 * 1024
# accepted suffixes and how a file of each type begins (checked, not trusted from the name)
ACCEPTED = {".pdf": "pdf", ".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".svg": "svg"}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "svg": "image/svg+xml",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class AnnexFileError(Exception):
    """The uploaded file is refused: code is "type" (not pdf/png/jpg/svg) or "size" (too big)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class UnknownAnnex(Exception):  # noqa: N818 - the web answers with a message
    """No annex with that id in the current version."""


@dataclass(frozen=True, slots=True)
class AnnexFields:
    """What the user typed for one annex (the file is uploaded separately)."""

    number: str
    name: str
    kind: AnnexKind
    electronic: bool
    registered_letter_sent: date | None


@dataclass(frozen=True, slots=True)
class SavedRow:
    """What saving one row of the register did."""

    annex_id: str
    changed: bool  # the annex's fields changed (always for a new annex)
    stored: str  # the stored name of the uploaded file; "" without an upload


def folder_name(record: AssessmentRecord) -> str:
    """The storage name of the record's annex folder."""
    return f"annexes/{record.pk}"


def assets_folder(record: AssessmentRecord) -> Path:
    """The record's annex folder on disk: the uploaded maps, charts and logo."""
    return Path(default_storage.path(folder_name(record)))


def safe_file_name(name: str) -> str:
    """The base name with everything but A-Z a-z 0-9 . _ - replaced by "-"; never hidden/empty."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("-", base).strip("-.")
    return cleaned or "annex"


def file_type(name: str, head: bytes) -> str:
    """The accepted type of a file by its suffix and its first bytes; AnnexFileError if not."""
    kind = ACCEPTED.get(PurePath(name).suffix.lower())
    starts = {
        "pdf": head.startswith(b"%PDF"),
        "png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "jpg": head.startswith(b"\xff\xd8\xff"),
        "svg": b"<svg" in head.lower(),
    }
    if kind is None or not starts[kind]:
        raise AnnexFileError("type")
    return kind


def annex_by_id(assessment: Assessment, annex_id: str) -> Annex:
    for annex in assessment.annexes:
        if annex.id == annex_id:
            return annex
    raise UnknownAnnex(annex_id)


def annex_file_path(record: AssessmentRecord, annex_id: str) -> Path:
    """The stored file of an annex of the current version (the caller checked access through
    access_*); UnknownAnnex when there is no such annex or its file is not stored."""
    annex = annex_by_id(load(record), annex_id)
    folder = assets_folder(record).resolve()
    name = annex.file.strip()
    path = (folder / name).resolve()
    if not name or folder not in path.parents or not path.is_file():
        raise UnknownAnnex(annex_id)
    return path


def _check_may_edit(user: AnyUser, record: AssessmentRecord) -> None:
    if not permissions(user, record.facility, LifecycleState(record.state)).edit:
        raise NotAllowed("edit")


def _new_id(assessment: Assessment) -> str:
    taken = {annex.id for annex in assessment.annexes}
    while (made := f"annex-{secrets.token_hex(3)}") in taken:
        continue
    return made


def _with_fields(annex: Annex, fields: AnnexFields) -> Annex:
    return replace(
        annex,
        number=fields.number.strip(),
        name=fields.name.strip(),
        kind=fields.kind,
        electronic=fields.electronic,
        registered_letter_sent=fields.registered_letter_sent,
    )


def _replace_annex(assessment: Assessment, annex_id: str, new: Annex | None) -> Assessment:
    """The assessment with the annex `annex_id` replaced by `new` (removed when None)."""
    annex_by_id(assessment, annex_id)  # raises UnknownAnnex
    annexes = [new if a.id == annex_id else a for a in assessment.annexes]
    return replace(assessment, annexes=tuple(a for a in annexes if a is not None))


@audits_conflicts
def do_add_annex(
    user: AnyUser, record: AssessmentRecord, fields: AnnexFields, *, base: int | None = None
) -> str:
    """Add an annex at the end of the register; returns its id. With `base`, refused as a
    Conflict when an annex of the same number was added after it."""
    _check_may_edit(user, record)
    made: list[str] = []

    def edit(current: Assessment) -> Assessment:
        annex = _with_fields(Annex(id=_new_id(current)), fields)
        made.append(annex.id)
        return replace(current, annexes=(*current.annexes, annex))

    part = numbered_since(record, base, fields.number)
    try:
        do_edit_assessment(user, record, edit, base=base, part=part)
    except Conflict as conflict:
        raise paired(conflict, part, lambda theirs: _with_fields(theirs, fields)) from None
    audit.record(
        user,
        "annex.added",
        record,
        facility_id=record.facility_id,
        details={"annex": made[-1], "number": fields.number, "name": fields.name},
    )
    return made[-1]


@audits_conflicts
def do_edit_annex(
    user: AnyUser,
    record: AssessmentRecord,
    annex_id: str,
    fields: AnnexFields,
    *,
    base: int | None = None,
) -> list[str]:
    """Change an annex's number, name, kind and delivery; returns the changed paths. With
    `base`, refused as a Conflict when someone changed or removed the annex after it."""
    _check_may_edit(user, record)
    return do_edit_assessment(
        user,
        record,
        lambda current: _replace_annex(
            current, annex_id, _with_fields(annex_by_id(current, annex_id), fields)
        ),
        base=base,
        part=Part((annex_prefix(annex_id),)),
    )


@audits_conflicts
def do_remove_annex(
    user: AnyUser, record: AssessmentRecord, annex_id: str, *, base: int | None = None
) -> None:
    """Take an annex out of the register. Its file stays stored: older versions name it. With
    `base`, refused as a Conflict when someone changed the annex after it."""
    _check_may_edit(user, record)
    removed = annex_by_id(load(record), annex_id)
    do_edit_assessment(
        user,
        record,
        lambda current: _replace_annex(current, annex_id, None),
        base=base,
        part=Part((annex_prefix(annex_id),)),
    )
    audit.record(
        user,
        "annex.removed",
        record,
        facility_id=record.facility_id,
        details={"annex": annex_id, "number": removed.number, "file": removed.file},
    )


@audits_conflicts
def do_upload_annex_file(
    user: AnyUser,
    record: AssessmentRecord,
    annex_id: str,
    upload: File[bytes],
    *,
    base: int | None = None,
) -> str:
    """Store an uploaded file as the annex's file; returns the stored file name. The old file
    stays stored (older versions name it); a name already taken gets a suffix, never overwritten.
    With `base`, refused as a Conflict when someone changed the annex after it."""
    _check_may_edit(user, record)
    annex_by_id(load(record), annex_id)
    if upload.size > MAX_BYTES:
        raise AnnexFileError("size")
    name = safe_file_name(upload.name or "")
    upload.seek(0)
    file_type(name, upload.read(1024))
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = default_storage.save(f"{folder_name(record)}/{name}", upload)
    stored_name = PurePath(stored).name
    try:
        with transaction.atomic():
            do_edit_assessment(
                user,
                record,
                lambda current: _replace_annex(
                    current, annex_id, replace(annex_by_id(current, annex_id), file=stored_name)
                ),
                base=base,
                part=Part((annex_prefix(annex_id),)),
            )
            audit.record(
                user,
                "annex.file_uploaded",
                record,
                facility_id=record.facility_id,
                details={
                    "annex": annex_id,
                    "file": stored_name,
                    "sha256": digest.hexdigest(),
                    "bytes": upload.size,
                },
            )
    except Exception:
        default_storage.delete(stored)  # nothing names it
        raise
    return stored_name


@audits_conflicts
def do_save_annex_row(
    user: AnyUser,
    record: AssessmentRecord,
    annex_id: str | None,
    fields: AnnexFields,
    upload: File[bytes] | None,
    *,
    base: int | None,
) -> SavedRow:
    """Save one row of the register as its form posted it: add the annex (annex_id None) or
    edit it, then store the upload. One transaction: the row's save takes the record's lock,
    so the upload follows it with nothing in between and needs no check of its own; a
    conflict or a refused file saves nothing."""
    _check_may_edit(user, record)
    if annex_id is None:
        annex_id = do_add_annex(user, record, fields, base=base)
        changed = True
    else:
        changed = bool(do_edit_annex(user, record, annex_id, fields, base=base))
    stored = do_upload_annex_file(user, record, annex_id, upload) if upload else ""
    return SavedRow(annex_id=annex_id, changed=changed, stored=stored)
