"""The web foundation: login required, per-organisation visibility (404 for forbidden and
missing alike), permissions per role, versions and the audit log."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent, Membership
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.access import NotFound, access_assessment_by_id, visible_facilities
from bolvaerk.services.people import do_create_facility
from bolvaerk.services.workspace import NotAllowed, do_save_assessment, do_transition, load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def test_login_is_required(cast: Cast) -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_outsider_gets_the_same_404_as_for_a_missing_object(cast: Cast) -> None:
    olga = _client("olga")
    assert olga.get(f"/facilities/{cast.facility.pk}/").status_code == 404
    assert olga.get("/facilities/999999/").status_code == 404
    assert olga.get(f"/assessments/{cast.record.pk}/").status_code == 404
    assert visible_facilities(cast.olga).count() == 0
    with pytest.raises(NotFound):
        access_assessment_by_id(cast.olga, cast.record.pk)


@pytest.mark.parametrize("name", ["anne", "bo", "carl", "eva", "finn"])
def test_parties_and_the_authority_see_the_assessment(cast: Cast, name: str) -> None:
    response = _client(name).get(f"/assessments/{cast.record.pk}/")
    assert response.status_code == 200
    assert "R-FP-01" in response.content.decode()  # the findings panel of a new skeleton


def test_saving_makes_a_version_and_an_audit_event(cast: Cast) -> None:
    assessment = load(cast.record)
    edited = replace(
        assessment, front_page=replace(assessment.front_page, rso_name="Nordhav Sikring ApS")
    )
    assert do_save_assessment(cast.anne, cast.record, edited) == ["front_page.rso_name"]
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2
    event = AuditEvent.objects.filter(action="assessment.saved").get()
    assert event.actor == cast.anne
    assert event.details["changes"] == ["front_page.rso_name"]


def test_police_and_outsiders_cannot_edit(cast: Cast) -> None:
    assessment = load(cast.record)
    with pytest.raises(NotAllowed):
        do_save_assessment(cast.carl, cast.record, assessment)
    with pytest.raises(NotAllowed):
        do_save_assessment(cast.olga, cast.record, assessment)


def test_the_lifecycle_by_role(cast: Cast) -> None:
    with pytest.raises(NotAllowed):
        do_transition(cast.finn, cast.record, Action.SUBMIT)
    do_transition(cast.anne, cast.record, Action.SUBMIT)
    cast.record.refresh_from_db()
    assert cast.record.state == "submitted"
    with pytest.raises(NotAllowed):  # a submitted assessment is read-only
        do_save_assessment(cast.anne, cast.record, load(cast.record))
    with pytest.raises(NotAllowed):  # reviewers return, only approvers approve
        do_transition(cast.eva, cast.record, Action.APPROVE)
    do_transition(cast.eva, cast.record, Action.RETURN)
    cast.record.refresh_from_db()
    assert cast.record.state == "returned"
    assert AuditEvent.objects.filter(action="assessment.return", actor=cast.eva).exists()


def test_export_gives_the_assessment_file(cast: Cast) -> None:
    response = _client("anne").get(f"/assessments/{cast.record.pk}/export.yaml")
    assert response.status_code == 200
    assert f"id: {cast.record.document_id}" in response.content.decode()


def test_the_users_language_wins_over_the_browsers(cast: Cast) -> None:
    Membership.objects.filter(user=cast.anne).update(language="da")
    client = _client("anne")
    page = client.get(f"/assessments/{cast.record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Forsidens felt" in page  # R-FP-01 in Danish
    assert "Fund" in page  # the findings panel's title, translated
    assert "FORTROLIGT" in page


def test_the_facility_list_needs_a_constant_number_of_queries(
    cast: Cast, django_assert_max_num_queries: object
) -> None:
    client = _client("eva")  # the authority sees every facility
    for n in range(30):
        do_create_facility(
            None,
            name=f"Kaj {n}",
            port="Fjordby Havn",
            unlocode="DKFJ2",
            operator=cast.facility.operator,
        )
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert client.get("/").status_code == 200
