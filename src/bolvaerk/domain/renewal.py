"""Renewal: carry an approved assessment forward into a new version (reason "Fornyet ...").

Rules: ids are kept, so `diff` shows what changed since the approved version; every risk form is
kept but marked for re-assessment until it is touched; the police take part anew.
"""

from __future__ import annotations

from dataclasses import replace

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import ApplicationReason, LifecycleState
from bolvaerk.domain.errors import InvalidValue


def renew(previous: Assessment, *, new_id: str) -> Assessment:
    """The renewal draft of an approved assessment, identified by new_id."""
    approved = previous.meta.approved
    if approved is None:
        raise InvalidValue("RENEW-NOT-APPROVED", "meta.approved", {"id": previous.id})
    sections = previous.sections
    introduction = replace(
        sections.introduction,
        police=replace(sections.introduction.police, review_date=None, confirmation_emailed=False),
    )
    forms = tuple(replace(form, needs_reassessment=True) for form in sections.risk.forms)
    return replace(
        previous,
        id=new_id,
        meta=replace(
            previous.meta,
            revision=previous.meta.revision + 1,
            state=LifecycleState.DRAFT,
            approved=None,
            previous=previous.id,
        ),
        front_page=replace(
            previous.front_page,
            application_reason=ApplicationReason.RENEWAL,
            pfsa_approved=approved,
            major_changes=(),
            completed=None,
        ),
        sections=replace(
            sections,
            introduction=introduction,
            risk=replace(sections.risk, forms=forms),
        ),
    )
