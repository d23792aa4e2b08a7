"""Editing an assessment part by part (the web editor): each save is one new version through
workspace.do_save_assessment, so permissions, the read-only states and the audit log apply."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.assessment import Assessment
from bolvaerk.services.access import AnyUser
from bolvaerk.services.workspace import do_save_assessment, load

Edit = Callable[[Assessment], Assessment]


@transaction.atomic
def do_edit_assessment(user: AnyUser, record: AssessmentRecord, edit: Edit) -> list[str]:
    """Apply `edit` to the current version and save the result; returns the changed paths.
    The edit gets the version current inside the transaction, so it changes only its own part."""
    record.refresh_from_db()
    return do_save_assessment(user, record, edit(load(record)))
