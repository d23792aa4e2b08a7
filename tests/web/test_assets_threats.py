"""Section 5 (items of skemas 5.1-5.15 with S and V, flags, the 5.5 cyber description) and list
6.1 (catalogue threats judged relevant or not, own threats added, renamed and removed)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.content.catalogues import load_threat_catalogue, measure_catalogue
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AssetCategory, ElectricityClass
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.workspace import do_save_assessment, load
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


def _current(cast: Cast) -> Assessment:
    cast.record.refresh_from_db()
    return load(cast.record)


def _items(cast: Cast, tail: str = "") -> str:
    return f"/assessments/{cast.record.pk}/items/{tail}"


def _threats(cast: Cast, tail: str = "") -> str:
    return f"/assessments/{cast.record.pk}/threats/{tail}"


# ---------------------------------------------------------------- section 5


def test_the_items_page_shows_every_skema_with_its_guidance(cast: Cast) -> None:
    page = _client("anne").get(_items(cast)).content.decode()
    for number in ("5.1", "5.5", "5.15"):
        assert f'id="skema-{number}"' in page
    assert "Havnekontoret" in page
    assert "sårbar" in page or "vulnerable" in page  # the skema help text


def test_adding_an_item_with_s_and_v_puts_it_in_the_grid(cast: Cast) -> None:
    anne = _client("anne")
    response = anne.post(
        _items(cast),
        {
            "category": "5.3",
            "new-name": "Hegn mod vej",
            "new-description": "Perimeter",
            "new-s": "1",
            "new-v": "1",
        },
    )
    assert response.status_code == 302
    item = _current(cast).sections.assets.items[-1]
    assert (item.category, item.name, item.vulnerable, item.significant) == (
        AssetCategory.PERIMETER,
        "Hegn mod vej",
        True,
        True,
    )
    assert AuditEvent.objects.filter(action="assessment.saved", actor=cast.anne).exists()
    assert "Hegn mod vej" in anne.get(f"/assessments/{cast.record.pk}/grid/").content.decode()


def test_the_table_edits_names_and_keeps_undecided_s_and_v(cast: Cast) -> None:
    office = _current(cast).sections.assets.items[0]
    assert office.vulnerable is None
    anne = _client("anne")
    anne.post(
        _items(cast),
        {
            "category": "5.1",
            f"{office.id}-name": "Havnekontor",
            f"{office.id}-description": "Control room",
            f"{office.id}-s-was": "none",
            f"{office.id}-v-was": "none",
            f"{office.id}-v": "1",
        },
    )
    office = _current(cast).sections.assets.items[0]
    assert (office.name, office.vulnerable, office.significant) == ("Havnekontor", None, True)
    anne.post(
        _items(cast),
        {
            "category": "5.1",
            f"{office.id}-name": "Havnekontor",
            f"{office.id}-s-was": "none",
            f"{office.id}-v-was": "yes",
        },
    )
    assert _current(cast).sections.assets.items[0].significant is False


def test_a_new_item_without_a_name_is_refused_and_kept(cast: Cast) -> None:
    response = _client("anne").post(
        _items(cast), {"category": "5.4", "new-description": "CCTV at the gate", "new-s": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "CCTV at the gate" in page
    assert "The new item needs a name." in page
    assert len(_current(cast).sections.assets.items) == 1


def test_the_item_page_sets_flags_company_and_the_cyber_description(cast: Cast) -> None:
    anne = _client("anne")
    anne.post(_items(cast), {"category": "5.5", "new-name": "Adgangskontrolsystem"})
    item = _current(cast).sections.assets.items[-1]
    page = anne.get(_items(cast, f"{item.id}/")).content.decode()
    assert "Cyber-security description" in page
    cyber = measure_catalogue().cyber_measures()[0]
    response = anne.post(
        _items(cast, f"{item.id}/"),
        {
            "category": "5.5",
            "name": "Adgangskontrolsystem",
            "description": "Badges for all gates",
            "s": "1",
            "v": "1",
            "present": "on",
            "dangerous_goods": "on",
            "electricity_class": "class_2",
            "company": "",
            "system_type": "Access control",
            "supplier": "Vendor A/S",
            "outsourced_maintenance": "yes",
            "cyber_measures": [cyber.id],
            "gaps": "",
            "cyber_description": "Segregated network.",
        },
    )
    assert response.status_code == 302
    saved = _current(cast).sections.assets.items[-1]
    assert saved.dangerous_goods is True
    assert saved.electricity_class is ElectricityClass.CLASS_2
    assert saved.in_grid
    assert saved.cyber is not None
    assert saved.cyber.measures == (cyber.id,)
    assert saved.cyber.outsourced_maintenance is True
    assert saved.cyber.description == "Segregated network."


def test_the_item_page_refuses_an_empty_name(cast: Cast) -> None:
    item = _current(cast).sections.assets.items[0]
    response = _client("anne").post(
        _items(cast, f"{item.id}/"),
        {"category": "5.1", "name": "", "description": "typed text", "electricity_class": "none"},
    )
    assert response.status_code == 400
    assert "typed text" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_removing_an_item_with_forms_asks_first(cast: Cast) -> None:
    assessment = _current(cast)
    office = replace(assessment.sections.assets.items[0], vulnerable=True, significant=True)
    threat = replace(assessment.sections.threats.threats[0], relevant=True)
    form = RiskForm(id="form-1", number=1, item=office.id, threat=threat.id)
    sections = assessment.sections
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(
            assessment,
            sections=replace(
                sections,
                assets=replace(sections.assets, items=(office,)),
                threats=replace(sections.threats, threats=(threat, *sections.threats.threats[1:])),
                risk=replace(sections.risk, forms=(form,)),
            ),
        ),
    )
    anne = _client("anne")
    question = anne.post(_items(cast, f"{office.id}/remove/"))
    assert question.status_code == 200
    assert "Risk assessment 1" in question.content.decode()
    assert len(_current(cast).sections.assets.items) == 1
    anne.post(_items(cast, f"{office.id}/remove/"), {"confirm": "yes"})
    assert _current(cast).sections.assets.items == ()
    assert _current(cast).sections.risk.forms == ()


# ---------------------------------------------------------------- list 6.1


def test_threats_are_judged_relevant_with_an_assessment(cast: Cast) -> None:
    threats = _current(cast).sections.threats.threats
    first, second = threats[0], threats[1]
    data = {f"{t.id}-name": t.name for t in threats}
    data |= {
        "sources_text": "PET's threat assessment 2026",
        f"{first.id}-relevant": "yes",
        f"{first.id}-assessment": "Ferries carry many passengers.",
        f"{second.id}-relevant": "no",
        f"{second.id}-assessment": "No such cargo.",
    }
    response = _client("anne").post(_threats(cast), data)
    assert response.status_code == 302
    saved = _current(cast).sections.threats
    assert saved.sources_text == "PET's threat assessment 2026"
    assert (saved.threats[0].relevant, saved.threats[0].assessment) == (
        True,
        "Ferries carry many passengers.",
    )
    assert saved.threats[1].relevant is False
    assert saved.threats[2].relevant is None


def test_own_and_catalogue_threats_are_added_renamed_and_removed(cast: Cast) -> None:
    anne = _client("anne")
    catalogue = load_threat_catalogue()
    further = next(t for t in catalogue.threats if not t.preprinted)
    page = anne.get(_threats(cast)).content.decode()
    assert f'value="{further.id}"' in page
    anne.post(_threats(cast, "add/"), {"catalogue": further.id})
    anne.post(_threats(cast, "add/"), {"name": "Drone over the terminal"})
    threats = _current(cast).sections.threats.threats
    assert threats[-2].catalogue == further.id
    own = threats[-1]
    assert (own.name, own.catalogue) == ("Drone over the terminal", None)
    data = {f"{t.id}-name": t.name for t in threats} | {f"{own.id}-name": "Drone attack"}
    anne.post(_threats(cast), data)
    assert _current(cast).sections.threats.threats[-1].name == "Drone attack"
    response = anne.post(_threats(cast, f"{own.id}/remove/"))
    assert response.status_code == 302
    assert own.id not in _current(cast).sections.threats.by_id()


def test_an_empty_new_threat_is_refused(cast: Cast) -> None:
    response = _client("anne").post(_threats(cast, "add/"), {"name": " "})
    assert response.status_code == 400
    assert "Name the new threat" in response.content.decode()


def test_a_preprinted_threat_is_not_removed(cast: Cast) -> None:
    first = _current(cast).sections.threats.threats[0]
    _client("anne").post(_threats(cast, f"{first.id}/remove/"))
    assert first.id in _current(cast).sections.threats.by_id()


def test_readers_and_outsiders(cast: Cast) -> None:
    carl = _client("carl")
    assert carl.get(_threats(cast)).status_code == 200
    assert carl.get(_items(cast)).status_code == 200
    assert carl.post(_threats(cast, "add/"), {"name": "x"}).status_code == 403
    assert carl.post(_items(cast), {"category": "5.1", "new-name": "x"}).status_code == 403
    olga = _client("olga")
    assert olga.get(_threats(cast)).status_code == 404
    assert olga.get(_items(cast)).status_code == 404
