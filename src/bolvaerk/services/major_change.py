"""The major-change wizard (R-FP-10): TS's seven examples (a)-(g) as yes/no questions.

Rules: when no example applies, nothing changes. When any applies, the assessment gets reason
F10 = "Større ændring" and the ticked examples, as a new version:
- on an approved assessment, a new draft record is carried forward from the approved version as
  renewal does (web_renewal.py), with that reason; its risk forms are marked for re-assessment
  when a ticked question says so (content/lists/major_changes.yaml), else left unmarked;
- on an editable assessment (draft, in review, returned), the current draft gets the reason;
- a submitted assessment waits for the authority: refused.
The answers and the description are audited (`assessment.major_change`); which sections to
revisit per question is content (PROPOSAL: bolvaerk's reading of the examples).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.content.major_changes import SECTION_KEYS, ChangeQuestion, major_change_questions
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import ApplicationReason, LifecycleState, MajorChange
from bolvaerk.domain.front_page import FrontPage
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, permissions
from bolvaerk.services.revisions import section_title
from bolvaerk.services.web_renewal import carried_forward, check_carry_forward, start_record
from bolvaerk.services.workspace import NotAllowed, load, store_version

DESCRIPTION_CHARS = 2000  # the free-text description, kept whole in the audit log


def questions() -> tuple[ChangeQuestion, ...]:
    return major_change_questions()


@dataclass(frozen=True, slots=True)
class Revisit:
    """One ticked question and the sections it sends the user back to: (key, heading)."""

    question: ChangeQuestion
    sections: tuple[tuple[str, str], ...]


def revisits(answers: Iterable[MajorChange], kind: str, lang: str) -> tuple[Revisit, ...]:
    ticked = set(answers)
    return tuple(
        Revisit(q, tuple((key, section_title(key, kind, lang) or key) for key in q.sections))
        for q in questions()
        if q.change in ticked
    )


def sections_to_revisit(answers: Iterable[MajorChange]) -> tuple[str, ...]:
    """Every section any ticked question names, once, in the template's order."""
    ticked = set(answers)
    named = {key for q in questions() if q.change in ticked for key in q.sections}
    return tuple(key for key in SECTION_KEYS if key in named)


def reassess_forms(answers: Iterable[MajorChange]) -> bool:
    ticked = set(answers)
    return any(q.reassess_forms for q in questions() if q.change in ticked)


@dataclass(frozen=True, slots=True)
class Outcome:
    record: AssessmentRecord | None  # the record that now carries the major change; None: none
    started: bool  # a new draft record was started from an approved one
    answers: tuple[MajorChange, ...]


def may_record(user: AnyUser, record: AssessmentRecord) -> bool:
    """May the user record a major change on this assessment in its present state?"""
    state = LifecycleState(record.state)
    if state is LifecycleState.APPROVED:
        return permissions(user, record.facility).create
    return permissions(user, record.facility, state).edit


@transaction.atomic
def do_major_change(
    user: AnyUser, record: AssessmentRecord, answers: Iterable[MajorChange], description: str
) -> Outcome:
    ticked = tuple(change for change in MajorChange if change in set(answers))
    if not ticked:
        return Outcome(None, started=False, answers=())
    text = description.strip()[:DESCRIPTION_CHARS]
    details: dict[str, object] = {
        "answers": [change.value for change in ticked],
        "description": text,
        "sections": list(sections_to_revisit(ticked)),
    }
    summary = f"major change ({', '.join(c.value[0] for c in ticked)}): {text}".rstrip(": ")
    if record.state == LifecycleState.APPROVED.value:
        source = check_carry_forward(user, record)
        draft, number = carried_forward(source)
        started = start_record(user, source, _marked(draft, ticked), summary)
        details |= {"source_record": source.pk, "source_version": number}
        audit.record(
            user,
            "assessment.major_change",
            started,
            facility_id=source.facility_id,
            details=details,
        )
        return Outcome(started, started=True, answers=ticked)
    state = LifecycleState(record.state)
    if not permissions(user, record.facility, state).edit:
        raise NotAllowed("edit")
    locked = (
        AssessmentRecord.objects.select_for_update().select_related("facility").get(pk=record.pk)
    )
    if locked.state != record.state:
        raise NotAllowed("state_changed")
    old = load(locked)
    new = replace(old, front_page=_with_reason(old, ticked))
    if new != old:
        store_version(user, locked, new, summary)
        details["version"] = locked.current_version
        audit.record(
            user, "assessment.major_change", locked, facility_id=locked.facility_id, details=details
        )
    return Outcome(locked, started=False, answers=ticked)


def _with_reason(assessment: Assessment, ticked: tuple[MajorChange, ...]) -> FrontPage:
    return replace(
        assessment.front_page,
        application_reason=ApplicationReason.MAJOR_CHANGE,
        major_changes=ticked,
    )


def _marked(draft: Assessment, ticked: tuple[MajorChange, ...]) -> Assessment:
    """The carried-forward draft with the reason, its forms marked as the questions say."""
    marked = reassess_forms(ticked)
    risk = draft.sections.risk
    forms = tuple(replace(form, needs_reassessment=marked) for form in risk.forms)
    return replace(
        draft,
        front_page=_with_reason(draft, ticked),
        sections=replace(draft.sections, risk=replace(risk, forms=forms)),
    )
