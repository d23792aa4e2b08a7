"""The life of an assessment as a transition table (pfsa-domain.md §8.2, INFERRED workflow).

draft -> in review (PFSO, police) -> submitted -> approved | returned; returned -> draft.
An approved version is frozen: renewal or a major change starts a new version.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.errors import InvalidValue


class Action(enum.StrEnum):
    SEND_TO_REVIEW = "send_to_review"
    BACK_TO_DRAFT = "back_to_draft"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"


S = LifecycleState
TRANSITIONS: dict[tuple[LifecycleState, Action], LifecycleState] = {
    (S.DRAFT, Action.SEND_TO_REVIEW): S.IN_REVIEW,
    (S.IN_REVIEW, Action.BACK_TO_DRAFT): S.DRAFT,
    (S.IN_REVIEW, Action.SUBMIT): S.SUBMITTED,
    (S.DRAFT, Action.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, Action.APPROVE): S.APPROVED,
    (S.SUBMITTED, Action.RETURN): S.RETURNED,
    (S.RETURNED, Action.REOPEN): S.DRAFT,
}
EDITABLE = frozenset({S.DRAFT, S.IN_REVIEW, S.RETURNED})


def next_state(state: LifecycleState, action: Action) -> LifecycleState:
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise InvalidValue(
            "LIFECYCLE-NOT-ALLOWED", "meta.state", {"state": str(state), "action": str(action)}
        ) from None


def apply(assessment: Assessment, action: Action, *, on: date | None = None) -> Assessment:
    """The assessment after the action; approving records the approval date `on`."""
    state = next_state(assessment.meta.state, action)
    approved = assessment.meta.approved
    if action is Action.APPROVE:
        if on is None:
            raise InvalidValue("LIFECYCLE-APPROVAL-DATE", "meta.approved")
        approved = on
    return replace(assessment, meta=replace(assessment.meta, state=state, approved=approved))
