"""Carrying an approved assessment forward in the web: renewal (and, in major_change.py, a major
change) starts a new assessment record for the same facility from the approved version.

Rules: the core's renew (domain/renewal.py) makes the new draft: same element ids (so the diff
against the approved version shows what changed), a new assessment id pointing back to the old
one (meta.previous), every risk form marked for re-assessment until it is saved again. The old
record and its approved version are not touched. Only someone who may create assessments for
the facility starts one; only from an approved assessment; and only once: while a successor is
open (not yet approved), starting another is refused and names it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from bolvaerk.adapters.db.models import AssessmentRecord, AssessmentVersion
from bolvaerk.adapters.file import decode
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import ApplicationReason, LifecycleState
from bolvaerk.domain.renewal import renew
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, permissions
from bolvaerk.services.assessments import new_id
from bolvaerk.services.workspace import NotAllowed, current_version, load, store_version


class AlreadyOpen(NotAllowed):
    """A renewal or major change of this assessment is already under way: `successor`."""

    def __init__(self, successor: AssessmentRecord) -> None:
        super().__init__("already_open")
        self.successor = successor


@dataclass(frozen=True, slots=True)
class FormMark:
    """A risk form still to be re-assessed."""

    id: str
    number: int
    item: str  # the item's name
    threat: str  # the threat's name


@dataclass(frozen=True, slots=True)
class RenewalStatus:
    reason: ApplicationReason | None  # F10 of the current version
    previous: AssessmentRecord | None  # the record this one was carried forward from
    to_reassess: tuple[FormMark, ...]
    forms: int  # all risk forms
    successor: AssessmentRecord | None  # an open renewal or major change of this record


def successor_of(record: AssessmentRecord) -> AssessmentRecord | None:
    """The open (not approved) record that was carried forward from this one, if any."""
    found = (
        AssessmentVersion.objects.filter(
            assessment__facility_id=record.facility_id,
            number=F("assessment__current_version"),  # one document per record, not all
            document__meta__previous=record.document_id,
        )
        .exclude(assessment__state=LifecycleState.APPROVED.value)
        .order_by("assessment_id")
        .values_list("assessment_id", flat=True)
        .first()
    )
    return None if found is None else AssessmentRecord.objects.get(pk=found)


def forms_to_reassess(assessment: Assessment) -> tuple[FormMark, ...]:
    items = {item.id: item.name for item in assessment.sections.assets.items}
    threats = {threat.id: threat.name for threat in assessment.sections.threats.threats}
    return tuple(
        FormMark(
            form.id, form.number, items.get(form.item, form.item), threats.get(form.threat, "")
        )
        for form in sorted(assessment.sections.risk.forms, key=lambda f: f.number)
        if form.needs_reassessment
    )


def renewal_status(record: AssessmentRecord) -> RenewalStatus:
    assessment = load(record)
    previous = None
    if assessment.meta.previous:
        previous = (
            AssessmentRecord.objects.select_related("facility")
            .filter(document_id=assessment.meta.previous, facility_id=record.facility_id)
            .first()
        )
    return RenewalStatus(
        reason=assessment.front_page.application_reason,
        previous=previous,
        to_reassess=forms_to_reassess(assessment),
        forms=len(assessment.sections.risk.forms),
        successor=successor_of(record) if record.state == LifecycleState.APPROVED.value else None,
    )


def may_carry_forward(user: AnyUser, record: AssessmentRecord) -> bool:
    """May the user start a renewal or major change of this (approved) assessment?"""
    return (
        record.state == LifecycleState.APPROVED.value and permissions(user, record.facility).create
    )


def check_carry_forward(user: AnyUser, record: AssessmentRecord) -> AssessmentRecord:
    """The approved record, locked against a second start at the same time; NotAllowed with the
    reason when the user may not start one now."""
    if not permissions(user, record.facility).create:
        raise NotAllowed("create")
    locked = (
        AssessmentRecord.objects.select_for_update().select_related("facility").get(pk=record.pk)
    )
    if locked.state != LifecycleState.APPROVED.value:
        raise NotAllowed("not_approved")
    successor = successor_of(locked)
    if successor is not None:
        raise AlreadyOpen(successor)
    return locked


def carried_forward(record: AssessmentRecord) -> tuple[Assessment, int]:
    """The core's renewal draft of the record's approved (current) version, and its number."""
    version = current_version(record)
    approved = decode(Assessment, version.document)
    return renew(approved, new_id=new_id(approved.kind)), version.number


def start_record(
    user: AnyUser, source: AssessmentRecord, draft: Assessment, summary: str
) -> AssessmentRecord:
    record = AssessmentRecord.objects.create(
        facility=source.facility, document_id=draft.id, kind=draft.kind.value
    )
    store_version(user, record, draft, summary)
    return record


@transaction.atomic
def do_renew(user: AnyUser, record: AssessmentRecord) -> AssessmentRecord:
    """Start the renewal of an approved assessment: a new draft record; the old one unchanged."""
    source = check_carry_forward(user, record)
    draft, number = carried_forward(source)
    renewed = start_record(user, source, draft, f"renewal of {source.document_id} v{number}")
    audit.record(
        user,
        "assessment.renewed",
        renewed,
        facility_id=source.facility_id,
        details={
            "source_record": source.pk,
            "source_document": source.document_id,
            "source_version": number,
            "to_reassess": len(draft.sections.risk.forms),
        },
    )
    return renewed
