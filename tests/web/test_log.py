"""The audit log page of an assessment: who, when, what changed (old and new values), only the
events of this assessment, and the version history with each version's file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.workspace import (
    do_create_assessment,
    do_save_assessment,
    do_transition,
    load,
)
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    cast = build_cast()
    assessment = load(cast.record)
    edited = replace(
        assessment, front_page=replace(assessment.front_page, rso_name="Nordhav Sikring ApS")
    )
    do_save_assessment(cast.bo, cast.record, edited)
    do_transition(cast.anne, cast.record, Action.SUBMIT)
    return cast


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _log(name: str, cast: Cast) -> str:
    response = _client(name).get(f"/assessments/{cast.record.pk}/log/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_log_shows_who_did_what_with_old_and_new_values(cast: Cast) -> None:
    page = _log("anne", cast)
    assert "Created" in page
    assert "Saved" in page
    assert "Submitted" in page
    assert "front_page.rso_name" in page
    assert "Recognised security organisation (RSO) (F14)" in page  # label, user language
    assert "Nordhav Sikring ApS" in page  # the new value
    assert "Draft \u2192 Submitted" in page
    assert "bo" in page
    assert "anne" in page


@pytest.mark.parametrize("name", ["anne", "bo", "carl", "eva", "finn"])
def test_every_party_sees_the_log(cast: Cast, name: str) -> None:
    assert "Submitted" in _log(name, cast)


def test_an_outsider_gets_404(cast: Cast) -> None:
    olga = _client("olga")
    assert olga.get(f"/assessments/{cast.record.pk}/log/").status_code == 404
    assert olga.get(f"/assessments/{cast.record.pk}/versions/1/export.yaml").status_code == 404


def test_the_log_holds_only_this_assessments_events(cast: Cast) -> None:
    other = do_create_assessment(cast.anne, cast.facility, AssessmentKind.PFSA)
    do_transition(cast.anne, other, Action.SEND_TO_REVIEW)
    assert "Sent to review" not in _log("anne", cast)
    response = _client("anne").get(f"/assessments/{other.pk}/log/")
    assert "Sent to review" in response.content.decode()


def test_the_version_history_links_each_versions_file(cast: Cast) -> None:
    cast.record.refresh_from_db()
    page = _log("eva", cast)
    for number in range(1, cast.record.current_version + 1):
        assert f"/assessments/{cast.record.pk}/versions/{number}/export.yaml" in page
    first = _client("eva").get(f"/assessments/{cast.record.pk}/versions/1/export.yaml")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/plain")
    assert "rso_name: ''" in first.content.decode()
    second = _client("eva").get(f"/assessments/{cast.record.pk}/versions/2/export.yaml")
    assert "rso_name: Nordhav Sikring ApS" in second.content.decode()
    missing = _client("eva").get(f"/assessments/{cast.record.pk}/versions/99/export.yaml")
    assert missing.status_code == 404


def test_the_assessment_page_links_the_log(cast: Cast) -> None:
    page = _client("carl").get(f"/assessments/{cast.record.pk}/").content.decode()
    assert f"/assessments/{cast.record.pk}/log/" in page
