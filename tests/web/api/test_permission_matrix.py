"""Every API operation x every role x own/other organisation, with the user's own token.

Outsiders get 404 for every object (and do not find it in the list), as in the pages; parties
read everything; only the editors (RSO consultants, the facility's PFSO) write the document and
the others get 403 with a code; lifecycle steps follow permissions(). Without a valid token
every operation is 401. The number of cases run is printed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.workspace import do_transition
from tests.personas import Cast, build_cast
from tests.web.api.helpers import WRONG, api_client, post_json, put_json
from tests.web.test_permission_matrix import _insiders_and_outsiders

pytestmark = pytest.mark.django_db

EDITORS = {"own-rso-consultant", "own-rso-lead_consultant", "own-operator-pfso"}
RSO = {"own-rso-consultant", "own-rso-lead_consultant"}
Call = Callable[[Client, Cast], int]


def _reads(cast: Cast) -> dict[str, str]:
    facility, record = cast.facility.pk, cast.record.pk
    return {
        "get_facility": f"/api/facilities/{facility}",
        "list_assessments": f"/api/facilities/{facility}/assessments",
        "get_assessment": f"/api/assessments/{record}",
        "list_versions": f"/api/assessments/{record}/versions",
        "get_version": f"/api/assessments/{record}/versions/1",
        "get_findings": f"/api/assessments/{record}/findings",
        "get_document": f"/api/assessments/{record}/documents/docx",
    }


def _put(client: Client, cast: Cast) -> tuple[int, str]:
    cast.record.refresh_from_db()
    url = f"/api/assessments/{cast.record.pk}"
    document = api_client(cast.anne).get(url).json()  # what a party would have read
    response = put_json(client, url, document, f'"{cast.record.current_version}"')
    return response.status_code, response.json().get("code", "")


def _transition(client: Client, cast: Cast) -> tuple[int, str]:
    url = f"/api/assessments/{cast.record.pk}/transition"
    response = post_json(client, url, {"action": "send_to_review"})
    if response.status_code == 200:
        cast.record.refresh_from_db()
        do_transition(cast.anne, cast.record, Action.BACK_TO_DRAFT)
    return response.status_code, response.json().get("code", "")


def _listed(client: Client, cast: Cast) -> tuple[int, bool]:
    response = client.get("/api/facilities/?page_size=500")
    ids = {item["id"] for item in response.json().get("items", [])}
    return response.status_code, cast.facility.pk in ids


def test_the_api_permission_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    cast = build_cast()
    users = list(_insiders_and_outsiders(cast))
    reads = _reads(cast)
    cases, failures = 0, []
    for username, party in users:
        client = api_client(User.objects.get(username=username))
        for name, url in reads.items():
            status = client.get(url).status_code
            cases += 1
            if status != (200 if party else 404):
                failures.append((username, name, status))
        cases += 1
        if _listed(client, cast) != (200, party):
            failures.append((username, "list_facilities", _listed(client, cast)))
        expected_put = (200, "") if username in EDITORS else (403, "edit")
        got = _put(client, cast)
        cases += 1
        if got != (expected_put if party else (404, "not-found")):
            failures.append((username, "put_assessment", got))
        expected_step = (200, "") if username in RSO else (403, "action.send_to_review")
        got = _transition(client, cast)
        cases += 1
        if got != (expected_step if party else (404, "not-found")):
            failures.append((username, "transition_assessment", got))
    for client in (Client(), api_client(secret=WRONG)):
        for url in [*reads.values(), "/api/facilities/"]:
            cases += 1
            if client.get(url).status_code != 401:
                failures.append(("anonymous", url, client.get(url).status_code))
        cases += 2
        if _put(client, cast)[0] != 401 or _transition(client, cast)[0] != 401:
            failures.append(("anonymous", "writes", _put(client, cast), _transition(client, cast)))
    with capsys.disabled():
        print(f"\nAPI permission matrix: {cases} cases ({len(users)} users x 10 operations + 401)")
    assert failures == []
