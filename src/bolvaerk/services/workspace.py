"""Use cases of the web workspace. `do_*` change state, check permissions first and write the
audit log; reads go through access_* (services.access)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

from django.contrib.auth.models import User
from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord, AssessmentVersion, Facility, ReviewComment
from bolvaerk.adapters.file import decode, encode
from bolvaerk.adapters.file.io import dump_yaml, parse_text
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.diff import diff_assessments
from bolvaerk.domain.enums import AssessmentKind, LifecycleState
from bolvaerk.domain.lifecycle import Action, apply
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, NotFound, permissions
from bolvaerk.services.assessments import new_assessment
from bolvaerk.services.facility_status import refresh_facility_status
from bolvaerk.services.validation import Report, check_assessment


class NotAllowed(Exception):  # noqa: N818 - the condition, shown to the user as a message
    """The user may see the object but not do this to it (e.g. edit a submitted assessment)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def current_version(record: AssessmentRecord) -> AssessmentVersion:
    return record.versions.get(number=record.current_version)


# Versions never change once written, so a decoded version (and its findings) can be kept in
# the process. The key is the version row's id and creation time: unique even where a test
# database reuses ids after a rollback. A grid page of 900 crosses spends most of its time
# decoding and validating without this (benchmarks/web.py).
VersionKey = tuple[int, datetime]


def _version_key(record: AssessmentRecord) -> VersionKey:
    pk, created = (
        AssessmentVersion.objects.filter(assessment_id=record.pk, number=record.current_version)
        .values_list("pk", "created_at")
        .get()
    )
    return (pk, created)


@lru_cache(maxsize=16)
def _decoded(key: VersionKey) -> Assessment:
    document = AssessmentVersion.objects.values_list("document", flat=True).get(pk=key[0])
    return decode(Assessment, document)


@lru_cache(maxsize=16)
def _checked(key: VersionKey) -> Report:
    return check_assessment(_decoded(key))


def load(record: AssessmentRecord) -> Assessment:
    """The current version of the assessment (decoded once per version and process)."""
    return _decoded(_version_key(record))


def report_for(record: AssessmentRecord) -> Report:
    """The findings of the current version (computed once per version and process)."""
    return _checked(_version_key(record))


def store_version(
    user: AnyUser | None, record: AssessmentRecord, assessment: Assessment, summary: str
) -> AssessmentVersion:
    record.current_version += 1
    record.state = assessment.meta.state.value
    record.approved_on = assessment.meta.approved
    record.save()
    refresh_facility_status(record.facility_id)
    return AssessmentVersion.objects.create(
        assessment=record,
        number=record.current_version,
        document=encode(assessment),
        created_by=user if isinstance(user, User) else None,
        summary=summary[:300],
    )


@transaction.atomic
def do_create_assessment(
    user: AnyUser, facility: Facility, kind: AssessmentKind, lang: str = "da"
) -> AssessmentRecord:
    if not permissions(user, facility).create:
        raise NotAllowed("create")
    assessment = new_assessment(kind, lang)
    assessment = replace(
        assessment,
        front_page=replace(
            assessment.front_page,
            port=facility.port,
            facility=facility.name,
            unlocode=facility.unlocode,
        ),
    )
    record = AssessmentRecord.objects.create(
        facility=facility, document_id=assessment.id, kind=kind.value
    )
    store_version(user, record, assessment, "created")
    audit.record(
        user, "assessment.created", record, facility_id=facility.pk, details={"kind": kind.value}
    )
    return record


@transaction.atomic
def do_save_assessment(user: AnyUser, record: AssessmentRecord, new: Assessment) -> list[str]:
    """Save an edited assessment as a new version; returns the changed paths (audited)."""
    state = LifecycleState(record.state)
    if not permissions(user, record.facility, state).edit:
        raise NotAllowed("edit")
    old = load(record)
    if new.id != old.id or new.meta.state != old.meta.state:
        raise NotAllowed("identity")  # id and state change only through their own use cases
    changes = diff_assessments(old, new)
    if not changes:
        return []
    paths = [change.path for change in changes]
    store_version(user, record, new, ", ".join(paths))
    audit.record(
        user,
        "assessment.saved",
        record,
        facility_id=record.facility_id,
        details={
            "version": record.current_version,
            "changes": [c.path for c in changes][:50],
            "old": [c.old for c in changes][:50],
            "new": [c.new for c in changes][:50],
        },
    )
    return paths


@transaction.atomic
def do_transition(
    user: AnyUser, record: AssessmentRecord, action: Action, *, on: date | None = None
) -> None:
    state = LifecycleState(record.state)
    if action not in permissions(user, record.facility, state).actions:
        raise NotAllowed(f"action.{action.value}")
    updated = apply(load(record), action, on=on)
    store_version(
        user, record, updated, f"{action.value}: {state.value} -> {updated.meta.state.value}"
    )
    audit.record(
        user,
        f"assessment.{action.value}",
        record,
        facility_id=record.facility_id,
        details={
            "from": state.value,
            "to": updated.meta.state.value,
            "on": on.isoformat() if on else None,
        },
    )


@transaction.atomic
def do_record_police_review(
    user: AnyUser, record: AssessmentRecord, review_date: date, representative: str
) -> None:
    if not permissions(user, record.facility, LifecycleState(record.state)).police_review:
        raise NotAllowed("police_review")
    old = load(record)
    intro = old.sections.introduction
    police = replace(
        intro.police,
        review_date=review_date,
        representative=representative or intro.police.representative,
        confirmation_emailed=True,
    )
    new = replace(old, sections=replace(old.sections, introduction=replace(intro, police=police)))
    store_version(user, record, new, "police review recorded")
    audit.record(
        user,
        "assessment.police_review",
        record,
        facility_id=record.facility_id,
        details={"date": review_date.isoformat()},
    )


@transaction.atomic
def do_comment(user: AnyUser, record: AssessmentRecord, path: str, text: str) -> ReviewComment:
    if not permissions(user, record.facility, LifecycleState(record.state)).comment:
        raise NotAllowed("comment")
    if not isinstance(user, User):
        raise NotAllowed("comment")
    comment = ReviewComment.objects.create(
        assessment=record, path=path, text=text.strip(), author=user
    )
    audit.record(
        user, "comment.added", comment, facility_id=record.facility_id, details={"path": path}
    )
    return comment


@transaction.atomic
def do_set_comment_resolved(user: AnyUser, comment: ReviewComment, *, resolved: bool) -> None:
    record = comment.assessment
    if not permissions(user, record.facility, LifecycleState(record.state)).comment:
        raise NotAllowed("comment")
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    action = "comment.resolved" if resolved else "comment.reopened"
    audit.record(user, action, comment, facility_id=record.facility_id)


def export_yaml(record: AssessmentRecord) -> str:
    return dump_yaml(current_version(record).document)


@transaction.atomic
def do_import_yaml(user: AnyUser, record: AssessmentRecord, text: str) -> list[str]:
    """Replace the assessment with an uploaded file of the same assessment; a file that does not
    load raises LoadError and nothing changes."""
    new = decode(Assessment, parse_text(text, as_json=False))
    old = load(record)
    if new.id != old.id:
        raise NotAllowed("import_other_assessment")
    new = replace(new, meta=replace(new.meta, state=old.meta.state, approved=old.meta.approved))
    return do_save_assessment(user, record, new)


def record_by_document(document_id: str) -> AssessmentRecord:
    try:
        return AssessmentRecord.objects.get(document_id=document_id)
    except AssessmentRecord.DoesNotExist:
        raise NotFound from None
