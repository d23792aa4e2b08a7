from __future__ import annotations

from datetime import date

import pytest

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.lifecycle import Action, apply, next_state
from tests.domain.builders import assessment


def test_the_happy_path_to_approval() -> None:
    a = assessment((), (), ())
    for action in (Action.SEND_TO_REVIEW, Action.SUBMIT):
        a = apply(a, action)
    a = apply(a, Action.APPROVE, on=date(2021, 8, 1))
    assert (a.meta.state, a.meta.approved) == (LifecycleState.APPROVED, date(2021, 8, 1))


def test_returned_goes_back_to_draft() -> None:
    assert next_state(LifecycleState.SUBMITTED, Action.RETURN) is LifecycleState.RETURNED
    assert next_state(LifecycleState.RETURNED, Action.REOPEN) is LifecycleState.DRAFT


def test_an_approved_assessment_is_frozen() -> None:
    with pytest.raises(InvalidValue) as raised:
        next_state(LifecycleState.APPROVED, Action.SUBMIT)
    assert raised.value.params == {"state": "approved", "action": "submit"}


def test_approval_needs_a_date() -> None:
    a = apply(assessment((), (), ()), Action.SUBMIT)
    with pytest.raises(InvalidValue):
        apply(a, Action.APPROVE)
