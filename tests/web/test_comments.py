"""Review comments on any section or field: added from the section list or a ?path= link,
listed for everyone who may see the assessment, resolved and reopened, audited."""

from __future__ import annotations

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent, ReviewComment
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _comment(client: Client, cast: Cast, path: str, text: str) -> ReviewComment:
    response = client.post(
        f"/assessments/{cast.record.pk}/comments/", {"review-path": path, "review-text": text}
    )
    assert response.status_code == 302
    return ReviewComment.objects.get(text=text)


def test_a_comment_on_a_section_from_the_list(cast: Cast) -> None:
    eva = _client("eva")
    page = eva.get(f"/assessments/{cast.record.pk}/").content.decode()
    assert 'name="review-path"' in page
    assert '<option value="sections.7">' in page
    comment = _comment(eva, cast, "sections.7", "Risk form 3 lacks measures for level 2.")
    assert comment.author == cast.eva
    assert comment.path == "sections.7"
    assert not comment.resolved
    event = AuditEvent.objects.get(action="comment.added")
    assert event.actor == cast.eva
    assert event.details == {"path": "sections.7"}


def test_a_path_link_preselects_the_field(cast: Cast) -> None:
    path = "sections.7.forms[3].proposed"
    response = _client("bo").get(f"/assessments/{cast.record.pk}/comments/", {"path": path})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{path}" selected>' in page
    comment = _comment(_client("bo"), cast, path, "Is the fence really 2.5 m?")
    assert comment.path == path


def test_comments_are_visible_to_all_parties_with_their_label(cast: Cast) -> None:
    _comment(_client("eva"), cast, "front_page.unlocode", "Wrong UN/LOCODE.")
    for name in ("anne", "bo", "carl", "finn"):
        page = _client(name).get(f"/assessments/{cast.record.pk}/").content.decode()
        assert "Wrong UN/LOCODE." in page
        assert "UN/LOCODE (F3)" in page  # the field's label, not only its path


def test_an_empty_comment_is_refused_with_the_field_named(cast: Cast) -> None:
    response = _client("eva").post(
        f"/assessments/{cast.record.pk}/comments/",
        {"review-path": "sections.5", "review-text": "   "},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“Comment”" in page
    assert '<option value="sections.5" selected>' in page  # what the user chose is kept
    assert not ReviewComment.objects.exists()


def test_resolve_and_reopen(cast: Cast) -> None:
    comment = _comment(_client("eva"), cast, "sections.3", "Describe the gate.")
    anne = _client("anne")
    url = f"/assessments/{cast.record.pk}/comments/{comment.pk}/resolved/"
    assert anne.post(url, {"resolved": "1"}).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved
    page = anne.get(f"/assessments/{cast.record.pk}/").content.decode()
    assert "Reopen" in page
    anne.post(url, {"resolved": "0"})
    comment.refresh_from_db()
    assert not comment.resolved
    actions = list(AuditEvent.objects.filter(actor=cast.anne).values_list("action", flat=True))
    assert "comment.resolved" in actions
    assert "comment.reopened" in actions


def test_resolving_redirects_back_only_to_this_site(cast: Cast) -> None:
    comment = _comment(_client("eva"), cast, "sections.3", "Describe the gate.")
    url = f"/assessments/{cast.record.pk}/comments/{comment.pk}/resolved/"
    response = _client("eva").post(url, {"resolved": "1", "next": "https://evil.example/"})
    assert response["Location"] == f"/assessments/{cast.record.pk}/#review-comments"


def test_comments_of_a_submitted_assessment_can_still_be_made(cast: Cast) -> None:
    _client("anne").post(f"/assessments/{cast.record.pk}/lifecycle/", {"action": "submit"})
    comment = _comment(_client("eva"), cast, "", "Overall fine, see section 7.")
    assert comment.path == ""
    page = _client("anne").get(f"/assessments/{cast.record.pk}/").content.decode()
    assert "The assessment as a whole" in page


def test_outsiders_and_other_assessments_get_404(cast: Cast) -> None:
    comment = _comment(_client("eva"), cast, "sections.3", "Describe the gate.")
    olga = _client("olga")
    assert olga.get(f"/assessments/{cast.record.pk}/comments/").status_code == 404
    url = f"/assessments/{cast.record.pk}/comments/{comment.pk}/resolved/"
    assert olga.post(url, {"resolved": "1"}).status_code == 404
    other = f"/assessments/{cast.record.pk}/comments/999999/resolved/"
    assert _client("eva").post(other, {"resolved": "1"}).status_code == 404
    comment.refresh_from_db()
    assert not comment.resolved


def test_the_htmx_form_gets_the_updated_comments_panel(cast: Cast) -> None:
    eva = _client("eva")
    response = eva.post(
        f"/assessments/{cast.record.pk}/comments/",
        {"review-path": "sections.2", "review-text": "Traffic numbers?"},
        headers={"HX-Request": "true"},
        follow=True,
    )
    assert response.status_code == 200
    assert 'id="review-comments"' in response.content.decode()
    assert "Traffic numbers?" in response.content.decode()
