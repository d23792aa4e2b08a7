"""The assessment as a JSON document: GET with its version as ETag, PUT back (unchanged: no new
version; changed: a new version and an audit event), a stale ETag refused with 412, a document
that does not load refused with 422 naming the field, lifecycle steps only by the transition."""

from __future__ import annotations

import copy
import json

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent, ReviewComment
from bolvaerk.services.workspace import load
from tests.personas import PASSWORD, Cast, build_cast
from tests.web.api.helpers import WRONG, api_client, post_json, put_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _url(cast: Cast, tail: str = "") -> str:
    return f"/api/assessments/{cast.record.pk}{tail}"


def test_get_then_put_unchanged_makes_no_version(cast: Cast) -> None:
    client = api_client(cast.anne)
    got = client.get(_url(cast))
    assert got.status_code == 200
    assert got["ETag"] == '"1"'
    assert got.json()["id"] == cast.record.document_id
    saved = put_json(client, _url(cast), got.json(), got["ETag"])
    assert saved.status_code == 200, saved.content
    assert saved.json() == {"version": 1, "changed": []}
    assert saved["ETag"] == '"1"'
    assert not AuditEvent.objects.filter(action="assessment.saved").exists()


def test_a_changed_field_makes_a_new_version_with_an_audit_event(cast: Cast) -> None:
    client = api_client(cast.anne)
    document = client.get(_url(cast)).json()
    document["front_page"]["rso_name"] = "Nordhav Sikring ApS"
    saved = put_json(client, _url(cast), document, '"1"')
    assert saved.status_code == 200, saved.content
    assert saved.json() == {"version": 2, "changed": ["front_page.rso_name"]}
    assert saved["ETag"] == '"2"'
    cast.record.refresh_from_db()
    assert load(cast.record).front_page.rso_name == "Nordhav Sikring ApS"
    event = AuditEvent.objects.get(action="assessment.saved")
    assert event.actor == cast.anne
    assert event.details["changes"] == ["front_page.rso_name"]
    versions = client.get(_url(cast, "/versions")).json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["created_by"] == "anne"
    old = client.get(_url(cast, "/versions/1")).json()
    assert old["front_page"]["rso_name"] == ""
    assert client.get(_url(cast, "/versions/9")).status_code == 404


def test_a_stale_etag_is_412_and_changes_nothing(cast: Cast) -> None:
    anne, bo = api_client(cast.anne), api_client(cast.bo)
    mine = anne.get(_url(cast)).json()
    theirs = copy.deepcopy(mine)
    theirs["front_page"]["postal_address"] = "Havnevej 1, 6000 Fjordby"
    assert put_json(bo, _url(cast), theirs, '"1"').status_code == 200
    mine["front_page"]["rso_name"] = "Nordhav"
    refused = put_json(anne, _url(cast), mine, '"1"')
    assert refused.status_code == 412
    assert refused.json()["code"] == "stale-version"
    assert refused.json()["current_version"] == 2
    assert refused["ETag"] == '"2"'
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2
    assert load(cast.record).front_page.rso_name == ""
    assert put_json(anne, _url(cast), mine, 'W/"2"').status_code == 200  # weak form accepted


def test_a_put_without_if_match_is_428(cast: Cast) -> None:
    client = api_client(cast.anne)
    response = put_json(client, _url(cast), client.get(_url(cast)).json(), None)
    assert response.status_code == 428
    assert response.json()["code"] == "if-match-required"
    assert "If-Match" in response.json()["message"]


def test_a_document_that_does_not_load_is_422_with_the_field_path(cast: Cast) -> None:
    client = api_client(cast.anne)
    document = client.get(_url(cast)).json()
    document["front_page"]["rso_name"] = ["a", "list"]
    document["front_page"]["colour"] = "blue"
    response = put_json(client, _url(cast), document, '"1"')
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid-document"
    problems = {(p["code"], p["path"]) for p in body["problems"]}
    assert ("FILE-TYPE", "front_page.rso_name") in problems
    assert ("FILE-UNKNOWN-FIELD", "front_page.colour") in problems
    assert all(p["message"] for p in body["problems"])
    cast.record.refresh_from_db()
    assert cast.record.current_version == 1


def test_load_problems_are_in_the_user_s_language(cast: Cast) -> None:
    cast.bo.membership.language = "da"
    cast.bo.membership.save()
    client = api_client(cast.bo)
    response = put_json(client, _url(cast), '{"id": "x",\n "kind": }', '"1"')
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["code"] == "FILE-SYNTAX"
    assert (problem["line"], problem["column"]) == (2, 10)
    assert problem["message"].startswith("Filen kan ikke læses (linje 2, kolonne 10)")
    english = put_json(api_client(cast.anne), _url(cast), "[1, 2", '"1"')
    assert english.json()["problems"][0]["message"].startswith("The file cannot be read")


def test_state_identity_and_unstorable_text_are_refused(cast: Cast) -> None:
    client = api_client(cast.anne)
    document = client.get(_url(cast)).json()
    changed = copy.deepcopy(document)
    changed["meta"]["state"] = "approved"
    changed["id"] = "pfsa-someone-else"
    changed["front_page"]["port"] = "Fjordby\x00Havn"
    response = put_json(client, _url(cast), changed, '"1"')
    assert response.status_code == 422
    assert {(p["code"], p["path"]) for p in response.json()["problems"]} == {
        ("nul-character", "front_page.port")
    }
    changed["front_page"]["port"] = "Fjordby Havn"
    response = put_json(client, _url(cast), changed, '"1"')
    assert {(p["code"], p["path"]) for p in response.json()["problems"]} == {
        ("other-assessment", "id"),
        ("state-via-transition", "meta.state"),
    }
    cast.record.refresh_from_db()
    assert cast.record.current_version == 1


def test_a_submitted_assessment_cannot_be_put(cast: Cast) -> None:
    client = api_client(cast.anne)
    document = client.get(_url(cast)).json()
    submitted = post_json(client, _url(cast, "/transition"), {"action": "submit"})
    assert submitted.status_code == 200
    assert submitted.json() == {"state": "submitted", "version": 2}
    response = put_json(client, _url(cast), document, '"2"')
    assert response.status_code == 403
    assert response.json()["code"] == "edit"


def test_transitions_check_the_role_the_state_and_their_inputs(cast: Cast) -> None:
    anne, eva, finn = api_client(cast.anne), api_client(cast.eva), api_client(cast.finn)
    url = _url(cast, "/transition")
    refused = post_json(finn, url, {"action": "approve"})
    assert (refused.status_code, refused.json()["code"]) == (409, "state")  # still a draft
    assert post_json(eva, url, {"action": "submit"}).json()["code"] == "action.submit"
    assert post_json(anne, url, {"action": "approve"}).status_code == 403
    assert post_json(anne, url, {"action": "fly"}).status_code == 422
    assert post_json(anne, url, {"action": "submit"}).status_code == 200
    no_comment = post_json(eva, url, {"action": "return"})
    assert no_comment.status_code == 422
    assert no_comment.json()["problems"][0]["path"] == "comment"
    future = post_json(finn, url, {"action": "approve", "on": "2999-01-01"})
    assert (future.status_code, future.json()["problems"][0]["path"]) == (422, "on")
    approved = post_json(finn, url, {"action": "approve", "on": "2024-05-02"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == "approved"
    cast.record.refresh_from_db()
    assert str(cast.record.approved_on) == "2024-05-02"
    assert AuditEvent.objects.filter(action="assessment.approve", actor=cast.finn).exists()


def test_return_keeps_the_comment(cast: Cast) -> None:
    url = _url(cast, "/transition")
    assert post_json(api_client(cast.anne), url, {"action": "submit"}).status_code == 200
    returned = post_json(api_client(cast.eva), url, {"action": "return", "comment": "Kort 2.1"})
    assert returned.json()["state"] == "returned"
    assert ReviewComment.objects.get(assessment=cast.record).text == "Kort 2.1"


def test_facilities_are_paged_and_searched(cast: Cast) -> None:
    client = api_client(cast.anne)
    page = client.get("/api/facilities/?page_size=1").json()
    assert page["count"] == 1
    assert page["items"][0]["rso"] == "Nordhav Sikring ApS"
    assert client.get("/api/facilities/?q=fjordby").json()["count"] == 1
    assert client.get("/api/facilities/?q=nowhere").json()["count"] == 0
    assert client.get("/api/facilities/?page=2").json()["items"] == []
    assert client.get("/api/facilities/?page_size=0").status_code == 422
    listed = client.get(f"/api/facilities/{cast.facility.pk}/assessments").json()
    assert listed[0]["may_edit"] is True
    assert listed[0]["actions"] == ["send_to_review", "submit"]


def test_findings_come_in_the_asked_language(cast: Cast) -> None:
    client = api_client(cast.anne)
    english = client.get(_url(cast, "/findings")).json()
    danish = client.get(_url(cast, "/findings?lang=da")).json()
    assert english["version"] == 1
    assert english["counts"]["error"] == len(
        [f for f in english["findings"] if f["severity"] == "error"]
    )
    assert [f["code"] for f in english["findings"]] == [f["code"] for f in danish["findings"]]
    assert english["findings"][0]["message"] != danish["findings"][0]["message"]


def test_the_browser_session_reads_and_writes_only_with_the_csrf_token(cast: Cast) -> None:
    browser = Client(enforce_csrf_checks=True)
    assert browser.login(username="anne", password=PASSWORD)
    got = browser.get(_url(cast))
    assert got.status_code == 200
    refused = put_json(browser, _url(cast), got.json(), got["ETag"])
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf")
    browser.get("/account/tokens/")  # a page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.put(
        _url(cast),
        json.dumps(got.json()),
        content_type="application/json",
        headers={"If-Match": got["ETag"], "X-CSRFToken": token},
    )
    assert accepted.status_code == 200


def test_anonymous_callers_get_401_json_and_the_description_is_public(cast: Cast) -> None:
    anonymous = Client()
    response = anonymous.get(_url(cast))
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert api_client(secret=WRONG).get(_url(cast)).status_code == 401
    schema = anonymous.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    documents = schema["components"]["schemas"]["AssessmentDocument"]["oneOf"]
    assert {d["$ref"].rsplit("/", 1)[1] for d in documents} == {
        "PfsaAssessmentDocument",
        "PsaAssessmentDocument",
    }
    assert "DocumentRiskForm" in schema["components"]["schemas"]
    assert anonymous.get("/api/docs").status_code == 404
