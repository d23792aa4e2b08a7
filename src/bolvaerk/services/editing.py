"""Editing an assessment part by part (the web editor): each save is one new version through
workspace.do_save_assessment, so permissions, the read-only states and the audit log apply.

A save from a form names the version the form was loaded from (`base`) and the part it edits;
services.conflicts decides whether it merges into the current version or is refused."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import AnyUser, permissions
from bolvaerk.services.conflicts import Conflict, Part, find_conflict, record_conflict
from bolvaerk.services.workspace import NotAllowed, do_save_assessment, load

Edit = Callable[[Assessment], Assessment]


def lock(record: AssessmentRecord) -> None:
    """Hold the record's row until the transaction ends, then read it afresh: two saves of one
    assessment run one after the other (PostgreSQL row lock; SQLite's IMMEDIATE transactions
    already let one writer in at a time)."""
    AssessmentRecord.objects.select_for_update().filter(pk=record.pk).values_list("pk").get()
    record.refresh_from_db()


def do_edit_assessment(
    user: AnyUser,
    record: AssessmentRecord,
    edit: Edit,
    *,
    base: int | None = None,
    part: Part | None = None,
) -> list[str]:
    """Apply `edit` to the current version and save the result; returns the changed paths.

    The edit gets the version current inside the transaction, so it changes only its own part.
    With `base` (the version a form was loaded from) and `part`, a save is refused with
    Conflict when someone changed the part after `base`; the refusal is audited. Without
    them (edits that do not come from a loaded form) the edit always applies."""
    try:
        return _edit(user, record, edit, base, part)
    except Conflict as conflict:
        record_conflict(user, record, conflict)
        raise


@transaction.atomic
def _edit(
    user: AnyUser, record: AssessmentRecord, edit: Edit, base: int | None, part: Part | None
) -> list[str]:
    lock(record)
    if not permissions(user, record.facility, LifecycleState(record.state)).edit:
        raise NotAllowed("edit")
    current = load(record)
    if base is not None:
        if not 1 <= base <= record.current_version:
            raise NotAllowed("base_version")
        conflict = find_conflict(record, base, current, part or Part(()), edit)
        if conflict is not None:
            raise conflict
    return do_save_assessment(user, record, edit(current))
