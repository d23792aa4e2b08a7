"""The lifecycle through the browser, role by role: the consultant sends to review and submits,
the police records its review, the authority comments, returns (the consultant reopens a new
draft, editable again) and approves; approval date, expiry and submit-by date are shown."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bolvaerk.adapters.db.models import AuditEvent, ReviewComment
from bolvaerk.domain.dates import format_dk_date
from bolvaerk.services.workspace import load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _step(client: Client, cast: Cast, action: str, data: dict[str, str] | None = None) -> Any:
    return client.post(
        f"/assessments/{cast.record.pk}/lifecycle/", {"action": action, **(data or {})}
    )


def _state(cast: Cast) -> str:
    cast.record.refresh_from_db()
    return cast.record.state


def _page(client: Client, cast: Cast) -> str:
    response = client.get(f"/assessments/{cast.record.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_consultant_sees_the_steps_of_a_draft_as_buttons(cast: Cast) -> None:
    page = _page(_client("anne"), cast)
    assert f'action="/assessments/{cast.record.pk}/lifecycle/"' in page
    assert 'name="action" value="send_to_review"' in page
    assert 'name="action" value="submit"' in page
    assert 'name="action" value="approve"' not in page  # approving is the authority's


def test_the_authority_sees_no_steps_on_a_draft(cast: Cast) -> None:
    page = _page(_client("finn"), cast)
    assert 'name="action" value="approve"' not in page
    assert 'name="action" value="submit"' not in page


def test_sending_to_review_and_back_to_draft_redirects_to_the_page(cast: Cast) -> None:
    anne = _client("anne")
    response = _step(anne, cast, "send_to_review")
    assert response.status_code == 302
    assert _state(cast) == "in_review"
    assert 'name="action" value="back_to_draft"' in _page(anne, cast)
    _step(anne, cast, "back_to_draft")
    assert _state(cast) == "draft"
    actions = set(AuditEvent.objects.filter(actor=cast.anne).values_list("action", flat=True))
    assert {"assessment.send_to_review", "assessment.back_to_draft"} <= actions


def test_the_police_records_its_review_with_date_and_representative(cast: Cast) -> None:
    _step(_client("anne"), cast, "send_to_review")
    carl = _client("carl")
    assert 'id="id_review-review_date"' in _page(carl, cast)
    response = carl.post(
        f"/assessments/{cast.record.pk}/police-review/",
        {"review-review_date": "03-02-2025", "review-representative": "Politikommissær Carl"},
    )
    assert response.status_code == 302
    cast.record.refresh_from_db()
    police = load(cast.record).sections.introduction.police
    assert police.review_date == date(2025, 2, 3)
    assert police.representative == "Politikommissær Carl"
    assert AuditEvent.objects.filter(action="assessment.police_review", actor=cast.carl).exists()
    assert "03-02-2025" in _page(_client("anne"), cast)


def test_a_wrong_police_date_keeps_what_was_typed_and_changes_nothing(cast: Cast) -> None:
    carl = _client("carl")
    version = cast.record.current_version
    response = carl.post(
        f"/assessments/{cast.record.pk}/police-review/",
        {"review-review_date": "2025-02-03", "review-representative": "Carl"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Date of the police review" in page
    assert "dd-mm-yyyy" in page
    assert 'value="2025-02-03"' in page
    assert 'value="Carl"' in page
    cast.record.refresh_from_db()
    assert cast.record.current_version == version


def test_only_the_police_reviewer_records_the_police_review(cast: Cast) -> None:
    url = f"/assessments/{cast.record.pk}/police-review/"
    assert _client("anne").get(url).status_code == 403
    assert _client("eva").get(url).status_code == 403
    assert _client("olga").get(url).status_code == 404
    assert 'id="id_review-review_date"' not in _page(_client("anne"), cast)


def test_a_submitted_assessment_is_read_only(cast: Cast) -> None:
    anne = _client("anne")
    _step(anne, cast, "submit")
    assert _state(cast) == "submitted"
    page = _page(anne, cast)
    assert "read-only" in page
    assert f"/assessments/{cast.record.pk}/import/" not in page
    assert 'name="action"' not in page
    assert anne.get(f"/assessments/{cast.record.pk}/import/").status_code == 403


def test_the_whole_journey_by_role(cast: Cast) -> None:
    anne, carl, eva, finn = (_client(n) for n in ("anne", "carl", "eva", "finn"))
    pk = cast.record.pk
    _step(anne, cast, "send_to_review")
    carl.post(
        f"/assessments/{pk}/police-review/",
        {"review-review_date": "03-02-2025", "review-representative": "Carl"},
    )
    _step(anne, cast, "submit")
    assert _state(cast) == "submitted"

    # the authority reviewer comments and returns; approving is not hers
    eva.post(
        f"/assessments/{pk}/comments/",
        {"review-path": "sections.7", "review-text": "Risk form 3 lacks measures."},
    )
    assert _step(eva, cast, "approve", {"review-approved_on": "01-03-2025"}).status_code == 403
    page = _page(eva, cast)
    assert 'name="action" value="return"' in page
    assert 'name="action" value="approve"' not in page
    response = _step(eva, cast, "return", {"review-return_comment": "Please add measures."})
    assert response.status_code == 302
    assert _state(cast) == "returned"
    assert ReviewComment.objects.filter(text="Please add measures.", author=cast.eva).exists()

    # the consultant reopens a new draft that can be edited again
    _step(anne, cast, "reopen")
    assert _state(cast) == "draft"
    assert anne.get(f"/assessments/{pk}/import/").status_code == 200
    _step(anne, cast, "submit")

    # the approver approves with the date; expiry and submit-by date are shown
    page = _page(finn, cast)
    assert 'name="action" value="approve"' in page
    response = _step(finn, cast, "approve", {"review-approved_on": "01-03-2025"})
    assert response.status_code == 302
    assert _state(cast) == "approved"
    assert cast.record.approved_on == date(2025, 3, 1)
    assert load(cast.record).meta.approved == date(2025, 3, 1)
    page = _page(anne, cast)
    assert "01-03-2025" in page  # approved
    assert "01-03-2030" in page  # expiry = approval + 5 years
    assert "01-12-2029" in page  # submit the renewal by: expiry - 3 months
    events = list(AuditEvent.objects.order_by("id").values_list("action", "actor__username"))
    assert ("assessment.return", "eva") in events
    assert ("assessment.reopen", "anne") in events
    assert ("assessment.approve", "finn") in events


def test_returning_needs_a_comment(cast: Cast) -> None:
    _step(_client("anne"), cast, "submit")
    eva = _client("eva")
    response = _step(eva, cast, "return", {"review-return_comment": "  "})
    assert response.status_code == 200
    assert "Why is it returned?" in response.content.decode()
    assert _state(cast) == "submitted"
    assert not ReviewComment.objects.exists()


def test_the_approval_date_defaults_to_today_and_rejects_bad_dates(cast: Cast) -> None:
    _step(_client("anne"), cast, "submit")
    finn = _client("finn")
    url = f"/assessments/{cast.record.pk}/lifecycle/?action=approve"
    form = finn.get(url).content.decode()
    assert f'value="{format_dk_date(timezone.localdate())}"' in form
    for wrong in ("31-02-2025", "01-01-2999", ""):
        response = _step(finn, cast, "approve", {"review-approved_on": wrong})
        assert response.status_code == 200
        assert "Approval date" in response.content.decode()
    assert _state(cast) == "submitted"


def test_a_step_not_possible_in_the_state_changes_nothing(cast: Cast) -> None:
    anne = _client("anne")
    response = _step(anne, cast, "reopen")  # a draft cannot be reopened
    assert response.status_code == 302
    assert _state(cast) == "draft"
    assert anne.get(response["Location"]).status_code == 200


def test_outsiders_and_unknown_steps_get_404_others_403(cast: Cast) -> None:
    olga = _client("olga")
    assert _step(olga, cast, "submit").status_code == 404
    assert _step(_client("anne"), cast, "explode").status_code == 404
    assert _step(_client("carl"), cast, "submit").status_code == 403
    assert _state(cast) == "draft"
