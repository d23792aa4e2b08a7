"""The assessment editor: front page and sections 1-4, 8 and the PSA part, as the users use it
(GET the page, POST the form), checked through workspace.load and the audit log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from bolvaerk.adapters.db.models import AssessmentRecord, AuditEvent, Membership
from bolvaerk.content.catalogues import ship_types
from bolvaerk.domain.enums import (
    Activity,
    ApplicationReason,
    AssessmentKind,
    FacilityStatus,
    Severity,
)
from bolvaerk.domain.findings import Finding
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.messages import finding_message
from bolvaerk.services.workspace import do_create_assessment, do_transition, load
from tests.personas import PASSWORD, Cast, build_cast
from tests.web.editing_client import EditingClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _client(user_name: str) -> Client:
    client = EditingClient()  # posts base_version like the pages
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _url(record: AssessmentRecord, page: str) -> str:
    return f"/assessments/{record.pk}/edit/{page}/"


def _front_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "port": "Fjordby Havn",
        "facility": "Færgeterminalen",
        "unlocode": "dkfj2",
        "new_facility": "no",
        "position": "55°16,1' N; 009°53,1' Ø",
        "postal_address": "Havnevej 1, 6000 Fjordby",
        "cvr": "12345678",
        "pfsa_approved": "01-05-2021",
        "application_reason": "renewal",
        "current_status": "permanent",
        "requested_status": "permanent",
        "activities": ["passengers", "general_cargo"],
        "rso_name": "Nordhav Sikring ApS",
        "completed": "15-03-2026",
    }
    data.update(overrides)
    return data


def test_the_front_page_saves_a_version_with_an_audit_event(cast: Cast) -> None:
    anne = _client("anne")
    page = anne.get(_url(cast.record, "front"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="front_page-completed"' in html  # the field a finding links to
    assert 'href="#front_page-completed"' in html  # ... and the finding linking to it
    assert "Renewed assessment" in html  # F10's label from content, in anne's language
    Membership.objects.filter(user=cast.anne).update(language="da")
    assert "Fornyet sårbarhedsvurdering" in anne.get(_url(cast.record, "front")).content.decode()

    response = anne.post(_url(cast.record, "front"), _front_data())
    assert response.status_code == 302
    cast.record.refresh_from_db()
    front = load(cast.record).front_page
    assert front.unlocode == "DKFJ2"
    assert front.new_facility is False
    assert front.application_reason is ApplicationReason.RENEWAL
    assert front.current_status is FacilityStatus.PERMANENT
    assert front.activities == (Activity.GENERAL_CARGO, Activity.PASSENGERS)  # template order
    assert front.completed is not None
    assert front.completed.isoformat() == "2026-03-15"
    event = AuditEvent.objects.filter(action="assessment.saved").latest("pk")
    assert event.actor == cast.anne
    assert "front_page.completed" in event.details["changes"]
    follow = anne.get(_url(cast.record, "front"))
    assert 'value="15-03-2026"' in follow.content.decode()


def test_a_bad_date_is_rejected_with_the_rule_message_and_nothing_is_lost(cast: Cast) -> None:
    anne = _client("anne")
    version = cast.record.current_version
    response = anne.post(_url(cast.record, "front"), _front_data(completed="2026-03-15"))
    assert response.status_code == 400
    html = response.content.decode()
    rule = Finding(
        "R-FP-03", Severity.ERROR, "front_page.completed", "format", {"value": "2026-03-15"}
    )
    assert escape(finding_message(rule, "en")) in html  # in anne's language
    assert 'href="#front_page-completed"' in html  # the error summary links to the field
    assert "Havnevej 1, 6000 Fjordby" in html  # what was typed is still there
    cast.record.refresh_from_db()
    assert cast.record.current_version == version


def test_police_see_the_editor_read_only_and_cannot_post(cast: Cast) -> None:
    carl = _client("carl")
    page = carl.get(_url(cast.record, "1"))
    assert page.status_code == 200
    assert "disabled" in page.content.decode()
    response = carl.post(_url(cast.record, "front"), _front_data())
    assert response.status_code == 403
    cast.record.refresh_from_db()
    assert load(cast.record).front_page.cvr == ""


def test_an_outsider_gets_404_on_every_page(cast: Cast) -> None:
    olga = _client("olga")
    for page in ("front", "1", "2", "3", "4", "8"):
        assert olga.get(_url(cast.record, page)).status_code == 404
    assert olga.post(_url(cast.record, "front"), _front_data()).status_code == 404
    assert _client("anne").get(_url(cast.record, "nope")).status_code == 404
    port = _client("anne").get(_url(cast.record, "port"))
    assert port.status_code == 302  # a PFSA has no port part: to its section 4
    assert port["Location"] == _url(cast.record, "4")


def test_a_submitted_assessment_is_read_only(cast: Cast) -> None:
    do_transition(cast.anne, cast.record, Action.SUBMIT)
    response = _client("anne").post(_url(cast.record, "front"), _front_data())
    assert response.status_code == 403


def _formset(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _section_1_data(participants: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    return {
        "text": "Vurderingen er udarbejdet af RSO'en.",
        "prepared_by": "Anne Andersen, Nordhav Sikring ApS",
        "prepared_with_police": "on",
        "police-district": "Syd- og Sønderjyllands Politi",
        "police-representative": "Kim Møller",
        "police-review_date": "12-05-2026",
        **_formset("participants", participants, initial),
        **_formset("abbreviations", [{"abbreviation": "PFSO", "description": "Sikringsansvarlig"}]),
    }


def test_section_1_participants_are_added_and_removed(cast: Cast) -> None:
    anne = _client("anne")
    url = _url(cast.record, "1")
    added = anne.post(url, {**_section_1_data([]), "add": "participants"})
    assert added.status_code == 200  # one more row, nothing saved
    assert 'name="participants-0-name"' in added.content.decode()
    rows = [
        {"name": "Bo Berg", "function": "PFSO", "organisation": "Fjordby Færgeterminal"},
        {"name": "Anne Andersen", "function": "RSO", "organisation": "Nordhav", "is_rso": "on"},
        {"name": "", "function": "", "organisation": ""},  # a blank row is left out
    ]
    assert anne.post(url, _section_1_data(rows)).status_code == 302
    cast.record.refresh_from_db()
    intro = load(cast.record).sections.introduction
    assert [p.name for p in intro.participants] == ["Bo Berg", "Anne Andersen"]
    assert intro.participants[1].is_rso
    assert intro.police.review_date is not None
    assert intro.abbreviations[0].abbreviation == "PFSO"

    kept = [{**rows[0], "DELETE": "on"}, rows[1]]
    assert anne.post(url, _section_1_data(kept, initial=2)).status_code == 302
    cast.record.refresh_from_db()
    assert [p.name for p in load(cast.record).sections.introduction.participants] == [
        "Anne Andersen"
    ]


def _section_2_data(calls: list[str]) -> dict[str, str]:
    traffic = load_traffic_keys()
    rows = [
        {"ship_type": key, "calls": calls[i] if i < len(calls) else "0"}
        for i, key in enumerate(traffic)
    ]
    return {
        "activity_text": "Færgefart og stykgods.",
        **_formset("traffic", rows, initial=len(rows)),
        **_formset("companies", [{"name": "Fjordby Bunker A/S", "electricity_class": "none"}]),
    }


def load_traffic_keys() -> list[str]:
    return [row.key for row in ship_types()]


def test_section_2_traffic_total_and_companies(cast: Cast) -> None:
    bo = _client("bo")  # the PFSO edits the facility's draft too
    url = _url(cast.record, "2")
    page = bo.get(url)
    assert page.status_code == 200
    assert 'id="traffic-total"' in page.content.decode()
    added = bo.post(url, {**_section_2_data([]), "add": "companies"})
    assert 'name="companies-1-name"' in added.content.decode()  # a second, empty profile
    # passenger 100, of which cruise 40 (not counted twice), ro-ro passenger 20
    response = bo.post(url, _section_2_data(["100", "40", "20"]))
    assert response.status_code == 302
    cast.record.refresh_from_db()
    s2 = load(cast.record).sections.description
    assert [row.calls for row in s2.traffic[:3]] == [100, 40, 20]
    assert s2.companies[0].name == "Fjordby Bunker A/S"
    assert s2.companies[0].id.startswith("company-")
    total = bo.get(url).content.decode()
    assert '<td class="number">120</td>' in total
    live = bo.post(
        f"/assessments/{cast.record.pk}/edit/traffic-total/",
        _section_2_data(["7", "5", "3"]),
        headers={"HX-Request": "true"},
    )
    assert live.status_code == 200
    assert '<td class="number">10</td>' in live.content.decode()


def test_a_negative_count_names_the_field(cast: Cast) -> None:
    response = _client("anne").post(_url(cast.record, "2"), _section_2_data(["-1"]))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_section_3_4_and_8(cast: Cast) -> None:
    anne = _client("anne")
    s3 = {"text": "Hegn og adgangskontrol.", "physical_technical": "", "procedural": "Runderinger."}
    assert anne.post(_url(cast.record, "3"), s3).status_code == 302
    s4 = {
        "persons_total": "40",
        "persons_with_security_duties": "6",
        "staffed_round_the_clock": "yes",
        "officer-name": "Bo Berg",
        "officer-title": "Havnechef",
        "officer-competences": ["security_administration"],
        **_formset("with_duties", [{"function": "Vagt", "count": "6", "staffing": "external"}]),
        **_formset("without_duties", [{"function": "Kontor", "count": "10"}]),
    }
    assert anne.post(_url(cast.record, "4"), s4).status_code == 302
    s8 = {
        "text": "Konklusion.",
        "status_justification": "",
        "method_text": "Workshop med PFSO og politi.",
        **_formset("edits", []),
    }
    assert anne.post(_url(cast.record, "8"), s8).status_code == 302
    cast.record.refresh_from_db()
    sections = load(cast.record).sections
    assert sections.existing_security.procedural == "Runderinger."
    organisation = sections.organisation
    assert organisation.persons_total == 40
    assert organisation.staffed_round_the_clock is True
    assert organisation.officer.competences == ("security_administration",)
    assert organisation.groups_with_duties[0].staffing is not None
    assert organisation.groups_without_duties[0].count == 10
    assert sections.summary.method_text.startswith("Workshop")
    page = anne.get(_url(cast.record, "4")).content.decode()
    assert "R-4-01" not in page  # the counts are there now


def test_the_psa_port_part(cast: Cast) -> None:
    record = do_create_assessment(cast.anne, cast.facility, AssessmentKind.PSA)
    anne = _client("anne")
    page = anne.get(_url(record, "port")).content.decode()
    assert f'href="/assessments/{record.pk}/edit/4/#sections-4-officer' in page  # R-PSA-01
    data = {
        "ownership_text": "Kommunalt selvstyrende havn.",
        "committee_in_chart": "on",
        **_formset("committee", [{"name": "Per Hansen", "role": "PSO"}]),
        **_formset("facilities", [{"name": "Færgeterminalen", "pfsa_approved": "01-05-2021"}]),
    }
    assert anne.post(_url(record, "port"), data).status_code == 302
    record.refresh_from_db()
    port = load(record).port
    assert port is not None
    assert port.committee[0].name == "Per Hansen"
    assert port.facilities[0].pfsa_approved is not None
    bad = anne.post(_url(record, "port"), {**data, "facilities-0-pfsa_approved": "1/5/2021"})
    assert bad.status_code == 400


def test_the_overview_links_to_the_editor(cast: Cast) -> None:
    html = _client("anne").get(f"/assessments/{cast.record.pk}/").content.decode()
    assert f"/assessments/{cast.record.pk}/edit/" in html
    response = _client("anne").get(f"/assessments/{cast.record.pk}/edit/")
    assert response.status_code == 302
