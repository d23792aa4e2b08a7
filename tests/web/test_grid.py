"""The grid 6.2.1: rows are the S+V items, columns the 6.1 threats; ticking a cross makes a
risk form with a stable id and the next number, unticking removes it (asking first when the
form has content); the page costs a fixed number of queries whatever its size."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory, Consequence, Likelihood
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


def _with_grid(cast: Cast, rows: int = 2) -> Assessment:
    """The cast's assessment with `rows` S+V items and every 6.1 threat judged relevant."""
    assessment = _current(cast)
    items = tuple(
        AssetItem(
            id=f"item-{n}",
            category=AssetCategory.BUILDINGS,
            name=f"Bygning {n}",
            vulnerable=True,
            significant=True,
        )
        for n in range(rows)
    )
    threats = tuple(
        replace(threat, relevant=True, assessment="Relevant.")
        for threat in assessment.sections.threats.threats
    )
    sections = assessment.sections
    edited = replace(
        assessment,
        sections=replace(
            sections,
            assets=replace(sections.assets, items=sections.assets.items + items),
            threats=replace(sections.threats, threats=threats),
        ),
    )
    do_save_assessment(cast.anne, cast.record, edited)
    return _current(cast)


def _current(cast: Cast) -> Assessment:
    cast.record.refresh_from_db()
    return load(cast.record)


def _url(cast: Cast, tail: str = "") -> str:
    return f"/assessments/{cast.record.pk}/grid/{tail}"


def test_the_grid_shows_sv_items_as_rows_and_threats_as_numbered_columns(cast: Cast) -> None:
    assessment = _with_grid(cast)
    page = _client("anne").get(_url(cast)).content.decode()
    assert "Bygning 0" in page
    assert "Bygning 1" in page
    assert "Havnekontoret" not in page.split('<table class="grid"')[1].split("</table>")[0]
    first = assessment.sections.threats.threats[0]
    assert f'<abbr title="{first.name}">T1</abbr>' in page
    count = len(assessment.sections.threats.threats)
    assert f">T{count}</abbr>" in page


def test_ticking_a_cross_makes_a_form_with_the_next_number(cast: Cast) -> None:
    assessment = _with_grid(cast)
    threat = assessment.sections.threats.threats[0].id
    anne = _client("anne")
    response = anne.post(_url(cast, "toggle/"), {"cross": f"item-0|{threat}"})
    assert response.status_code == 302
    anne.post(_url(cast, "toggle/"), {"cross": f"item-1|{threat}"})
    forms = _current(cast).sections.risk.forms
    assert [(f.item, f.threat, f.number) for f in forms] == [
        ("item-0", threat, 1),
        ("item-1", threat, 2),
    ]
    assert forms[0].id != forms[1].id
    event = AuditEvent.objects.filter(action="assessment.saved").latest("pk")
    assert event.actor == cast.anne
    assert "sections.7.forms" in event.details["changes"][0]
    page = anne.get(_url(cast)).content.decode()
    assert f'href="/assessments/{cast.record.pk}/forms/{forms[0].id}/"' in page


def test_unticking_keeps_the_other_numbers_and_new_crosses_append(cast: Cast) -> None:
    assessment = _with_grid(cast)
    t1, t2 = (t.id for t in assessment.sections.threats.threats[:2])
    anne = _client("anne")
    for cross in (f"item-0|{t1}", f"item-0|{t2}", f"item-1|{t1}"):
        anne.post(_url(cast, "toggle/"), {"cross": cross})
    anne.post(_url(cast, "toggle/"), {"cross": f"item-0|{t2}"})  # an empty form goes at once
    anne.post(_url(cast, "toggle/"), {"cross": f"item-1|{t2}"})
    numbers = {f.cross: f.number for f in _current(cast).sections.risk.forms}
    assert numbers == {("item-0", t1): 1, ("item-1", t1): 3, ("item-1", t2): 4}


def test_unticking_a_rated_form_asks_first(cast: Cast) -> None:
    assessment = _with_grid(cast)
    threat = assessment.sections.threats.threats[0].id
    rated = RiskForm(
        id="form-rated",
        number=1,
        item="item-0",
        threat=threat,
        consequence=Consequence.SERIOUS,
        likelihood=Likelihood.III,
    )
    risk = replace(assessment.sections.risk, forms=(rated,))
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(assessment, sections=replace(assessment.sections, risk=risk)),
    )
    anne = _client("anne")
    response = anne.post(_url(cast, "toggle/"), {"cross": f"item-0|{threat}"})
    assert response.status_code == 302
    assert "/grid/untick/" in response["Location"]
    assert _current(cast).sections.risk.forms == (rated,)
    question = anne.get(response["Location"]).content.decode()
    assert "Yes, remove the form" in question
    htmx = anne.post(
        _url(cast, "toggle/"), {"cross": f"item-0|{threat}"}, headers={"HX-Request": "true"}
    )
    assert "/grid/untick/" in htmx["HX-Redirect"]
    anne.post(_url(cast, "toggle/"), {"cross": f"item-0|{threat}", "confirm": "yes"})
    assert _current(cast).sections.risk.forms == ()


def test_an_htmx_tick_returns_the_cell_and_the_findings(cast: Cast) -> None:
    assessment = _with_grid(cast)
    threat = assessment.sections.threats.threats[0].id
    response = _client("anne").post(
        _url(cast, "toggle/"), {"cross": f"item-0|{threat}"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith("<td")
    assert 'class="cross unrated"' in fragment
    assert 'id="risk-findings"' in fragment
    assert 'hx-swap-oob="true"' in fragment


def test_a_rated_cross_shows_its_colour_and_proposal_mark(cast: Cast) -> None:
    assessment = _with_grid(cast)
    threat = assessment.sections.threats.threats[0].id
    forms = (
        # C3 x III is sourced (yellow); C5 x V is a proposal cell of ts-default
        RiskForm("f-a", 1, "item-0", threat, consequence=Consequence(3), likelihood=Likelihood.III),
        RiskForm("f-b", 2, "item-1", threat, consequence=Consequence(5), likelihood=Likelihood.V),
    )
    risk = replace(assessment.sections.risk, forms=forms)
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(assessment, sections=replace(assessment.sections, risk=risk)),
    )
    page = _client("anne").get(_url(cast)).content.decode()
    cell_a = page.split(f'href="/assessments/{cast.record.pk}/forms/f-a/"')[0].rsplit("<a", 1)[1]
    assert "risk-yellow" in cell_a
    cell_b = page.split(f'href="/assessments/{cast.record.pk}/forms/f-b/"')[1].split("</a>")[0]
    assert "PROPOSAL" in cell_b


def test_readers_see_the_grid_but_cannot_tick(cast: Cast) -> None:
    assessment = _with_grid(cast)
    threat = assessment.sections.threats.threats[0].id
    carl = _client("carl")
    page = carl.get(_url(cast)).content.decode()
    assert "Bygning 0" in page
    assert 'class="tick"' not in page
    assert carl.post(_url(cast, "toggle/"), {"cross": f"item-0|{threat}"}).status_code == 403
    assert _current(cast).sections.risk.forms == ()


def test_outsiders_get_404(cast: Cast) -> None:
    olga = _client("olga")
    assert olga.get(_url(cast)).status_code == 404
    assert olga.post(_url(cast, "toggle/"), {"cross": "a|b"}).status_code == 404


def test_a_not_relevant_threat_takes_no_new_cross(cast: Cast) -> None:
    assessment = _with_grid(cast)
    first = assessment.sections.threats.threats[0]
    threats = (replace(first, relevant=False), *assessment.sections.threats.threats[1:])
    section = replace(assessment.sections.threats, threats=threats)
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(assessment, sections=replace(assessment.sections, threats=section)),
    )
    anne = _client("anne")
    response = anne.post(_url(cast, "toggle/"), {"cross": f"item-0|{first.id}"})
    assert response.status_code == 302
    assert _current(cast).sections.risk.forms == ()


def _fill(cast: Cast, rows: int) -> None:
    assessment = _with_grid(cast, rows)
    threats = assessment.sections.threats.threats
    forms = tuple(
        RiskForm(
            f"f-{n}-{t.id}",
            n * len(threats) + k + 1,
            f"item-{n}",
            t.id,
            consequence=Consequence(1 + (n + k) % 5),
            likelihood=list(Likelihood)[k % 5],
        )
        for n in range(rows)
        for k, t in enumerate(threats)
    )
    risk = replace(assessment.sections.risk, forms=forms)
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(assessment, sections=replace(assessment.sections, risk=risk)),
    )


@pytest.mark.parametrize("rows", [2, 30])
def test_the_grid_page_has_no_n_plus_1(
    cast: Cast, rows: int, django_assert_max_num_queries: object
) -> None:
    _fill(cast, rows)
    anne = _client("anne")
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = anne.get(_url(cast))
    assert response.status_code == 200
    assert response.content.decode().count('class="cross risk-') == rows * len(
        _current(cast).sections.threats.threats
    )
