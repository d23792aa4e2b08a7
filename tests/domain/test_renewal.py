from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bolvaerk.domain.enums import ApplicationReason, LifecycleState, MajorChange
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.front_page import FrontPage
from bolvaerk.domain.renewal import renew
from bolvaerk.domain.threats import Threat
from tests.domain.builders import assessment, form, item


def _approved():  # type: ignore[no-untyped-def]
    a = assessment((item("a"),), (Threat(id="t1"),), (form("f1", 1, "a", "t1"),))
    return replace(
        a,
        meta=replace(a.meta, state=LifecycleState.APPROVED, approved=date(2021, 8, 1)),
        front_page=FrontPage(
            application_reason=ApplicationReason.MAJOR_CHANGE,
            major_changes=(MajorChange.B_NEW_TERMINAL_OPERATOR,),
            completed=date(2021, 5, 20),
        ),
    )


def test_renewal_carries_the_approved_version_forward() -> None:
    renewed = renew(_approved(), new_id="a-2")
    assert renewed.id == "a-2"
    assert renewed.meta.previous == "a-1"
    assert renewed.meta.revision == 2
    assert renewed.meta.state is LifecycleState.DRAFT
    assert renewed.meta.approved is None
    fp = renewed.front_page
    assert fp.application_reason is ApplicationReason.RENEWAL
    assert fp.pfsa_approved == date(2021, 8, 1)
    assert (fp.completed, fp.major_changes) == (None, ())
    assert [f.needs_reassessment for f in renewed.sections.risk.forms] == [True]
    assert [f.id for f in renewed.sections.risk.forms] == ["f1"]  # stable ids kept
    assert renewed.sections.introduction.police.review_date is None


def test_only_an_approved_assessment_can_be_renewed() -> None:
    draft = assessment((), (), ())
    with pytest.raises(InvalidValue) as raised:
        renew(draft, new_id="x")
    assert raised.value.code == "RENEW-NOT-APPROVED"
