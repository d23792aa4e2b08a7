"""The revisions pages through the web: the version list, the diff between two versions with
labels and links, renewal and the major-change wizard, and who may do what."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.enums import ApplicationReason, MajorChange
from bolvaerk.services.workspace import do_save_assessment, load
from tests.personas import PASSWORD, Cast, build_cast
from tests.services.test_revisions import approve, edited, fill_with_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    cast = build_cast()
    fill_with_example(cast)
    return cast


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _text(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", html)


def test_the_version_list_marks_the_approved_version(cast: Cast) -> None:
    approve(cast)
    response = _client("bo").get(f"/assessments/{cast.record.pk}/versions/")
    assert response.status_code == 200
    page = _text(response)
    assert "approved, frozen" in page
    assert page.count('name="from"') == 4
    assert "?from=4&amp;to=4" in page  # approved against current
    assert "Version 4 is the approved version: it is frozen" in page


def test_a_save_of_the_approved_version_is_refused(cast: Cast) -> None:
    approve(cast)
    before = list(cast.record.versions.values_list("number", "document"))
    response = _client("anne").post(
        f"/assessments/{cast.record.pk}/edit/front/", {"front-port": "Andet sted"}
    )
    assert response.status_code == 403
    assert list(cast.record.versions.values_list("number", "document")) == before


def test_the_diff_page_shows_each_change_with_its_label_and_link(cast: Cast) -> None:
    do_save_assessment(cast.anne, cast.record, edited(load(cast.record)))
    response = _client("anne").get(f"/assessments/{cast.record.pk}/versions/diff/?from=2&to=3")
    assert response.status_code == 200
    page = _text(response)
    assert "5 changes from version 2 to version 3" in page
    assert "Likelihood (7.2)" in page
    assert "<del>III</del>" in page
    assert "<ins>II</ins>" in page
    assert "<ins>Hegnet er forhøjet til 2,5 m</ins>" in page
    assert "<del>Området er indhegnet og skiltet</del>" in page
    assert "Activity of the facility (2.3)" in page
    assert "<ins>Kun færgedrift.</ins>" in page
    pk = cast.record.pk
    assert f'href="/assessments/{pk}/forms/form-001/"' in page
    assert f'href="/assessments/{pk}/items/item-new-gate/"' in page
    assert f'href="/assessments/{pk}/edit/2/#sections-2-activity_text"' in page


def test_the_diff_page_defaults_to_the_last_two_versions(cast: Cast) -> None:
    page = _text(_client("eva").get(f"/assessments/{cast.record.pk}/versions/diff/"))
    assert "from version 1 to version 2" in page


def test_a_wrong_version_number_names_the_field_and_the_range(cast: Cast) -> None:
    response = _client("anne").get(f"/assessments/{cast.record.pk}/versions/diff/?from=9&to=x")
    assert response.status_code == 200
    page = _text(response)
    assert "There is no version 9: the versions are 1 to 2." in page
    assert "Enter a version number (a whole number from 1 to 2)." in page
    assert 'value="9"' in page  # what was typed stays


def test_the_police_may_view_versions_but_not_renew(cast: Cast) -> None:
    approve(cast)
    carl = _client("carl")
    assert carl.get(f"/assessments/{cast.record.pk}/versions/").status_code == 200
    assert carl.get(f"/assessments/{cast.record.pk}/versions/diff/").status_code == 200
    page = carl.get(f"/assessments/{cast.record.pk}/renewal/")
    assert page.status_code == 200
    assert "Start the renewal" not in _text(page)
    assert carl.post(f"/assessments/{cast.record.pk}/renewal/").status_code == 403
    assert AssessmentRecord.objects.count() == 1


def test_an_outsider_gets_404_everywhere(cast: Cast) -> None:
    olga = _client("olga")
    for page in ("versions/", "versions/diff/", "renewal/", "major-change/"):
        assert olga.get(f"/assessments/{cast.record.pk}/{page}").status_code == 404
        assert olga.post(f"/assessments/{cast.record.pk}/{page}").status_code in {404, 405}


def test_renewal_through_the_web(cast: Cast) -> None:
    approve(cast)
    anne = _client("anne")
    overview = _text(anne.get(f"/assessments/{cast.record.pk}/"))
    assert f'href="/assessments/{cast.record.pk}/renewal/">Renew</a>' in overview
    assert "Start the renewal" in _text(anne.get(f"/assessments/{cast.record.pk}/renewal/"))
    response = anne.post(f"/assessments/{cast.record.pk}/renewal/")
    renewed = AssessmentRecord.objects.exclude(pk=cast.record.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{renewed.pk}/renewal/"
    status = _text(anne.get(response["Location"]))
    assert "39 of 39 risk forms are still to be re-assessed" in status
    assert "expires on 01-03-2029. Submit this one by 01-12-2028." in status
    assert f'href="/assessments/{renewed.pk}/forms/form-001/"' in status
    overview = _text(anne.get(f"/assessments/{renewed.pk}/"))
    assert "39 risk forms to re-assess" in overview
    # a second start leads to the renewal under way
    again = anne.post(f"/assessments/{cast.record.pk}/renewal/")
    assert again["Location"] == f"/assessments/{renewed.pk}/renewal/"
    assert AssessmentRecord.objects.count() == 2


def test_a_draft_is_not_renewed(cast: Cast) -> None:
    response = _client("anne").post(f"/assessments/{cast.record.pk}/renewal/")
    assert response.status_code == 403
    assert "Only an approved assessment is renewed." in _text(response)


def test_the_wizard_with_nothing_ticked_changes_nothing(cast: Cast) -> None:
    response = _client("anne").post(
        f"/assessments/{cast.record.pk}/major-change/", {"description": "Ny maling på porten"}
    )
    assert response.status_code == 200
    page = _text(response)
    assert "None of the examples applies" in page
    assert "Ny maling på porten" in page  # what was typed stays
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2


def test_the_wizard_with_e_ticked_records_the_reason_and_lists_the_sections(cast: Cast) -> None:
    anne = _client("anne")
    data = {change.value: "no" for change in MajorChange}
    data |= {"e_technical_manual_switch": "yes", "description": "Vagt i stedet for kameraer"}
    response = anne.post(f"/assessments/{cast.record.pk}/major-change/", data)
    assert response.status_code == 302
    cast.record.refresh_from_db()
    assert cast.record.current_version == 3
    front = load(cast.record).front_page
    assert front.application_reason is ApplicationReason.MAJOR_CHANGE
    assert front.major_changes == (MajorChange.E_TECHNICAL_MANUAL_SWITCH,)
    page = _text(anne.get(response["Location"]))
    assert "Sections to revisit" in page
    pk = cast.record.pk
    for href in ("edit/3/", "items/", "edit/4/", "grid/", "edit/8/"):
        assert f'href="/assessments/{pk}/{href}"' in page
    assert "PROPOSAL" in page


def test_a_bad_answer_is_named(cast: Cast) -> None:
    response = _client("anne").post(
        f"/assessments/{cast.record.pk}/major-change/", {"a_handed_to_terminal_operator": "maybe"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2


def test_the_wizard_on_an_approved_assessment_starts_a_draft(cast: Cast) -> None:
    approve(cast)
    response = _client("anne").post(
        f"/assessments/{cast.record.pk}/major-change/", {"b_new_terminal_operator": "yes"}
    )
    started = AssessmentRecord.objects.exclude(pk=cast.record.pk).get()
    assert response["Location"] == f"/assessments/{started.pk}/major-change/"
    assert load(started).front_page.application_reason is ApplicationReason.MAJOR_CHANGE
    cast.record.refresh_from_db()
    assert cast.record.state == "approved"


def test_the_police_may_not_record_a_major_change(cast: Cast) -> None:
    carl = _client("carl")
    page = _text(carl.get(f"/assessments/{cast.record.pk}/major-change/"))
    assert "Your role cannot record a major change" in page
    response = carl.post(
        f"/assessments/{cast.record.pk}/major-change/", {"e_technical_manual_switch": "yes"}
    )
    assert response.status_code == 403
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2
