"""The risk form 7.2: ratings with live colour from the assessment's matrix (PROPOSAL cells shown
as such), reasons, existing and proposed measures per security level from the catalogue or free
text, residual rating; a rejected save keeps what the user typed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.content.catalogues import measure_catalogue
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory, Consequence, Likelihood
from bolvaerk.domain.risk_forms import Measure, RiskForm
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


@pytest.fixture
def form(cast: Cast) -> RiskForm:
    """One cross: the port office (S+V) x the first threat, with an empty form no. 1."""
    assessment = load(cast.record)
    office = replace(assessment.sections.assets.items[0], vulnerable=True, significant=True)
    extra = AssetItem(id="item-gate", category=AssetCategory.PERIMETER, name="Port 1")
    threats = assessment.sections.threats.threats
    threat = replace(threats[0], relevant=True)
    made = RiskForm(id="form-1", number=1, item=office.id, threat=threat.id)
    sections = assessment.sections
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(
            assessment,
            sections=replace(
                sections,
                assets=replace(sections.assets, items=(office, extra)),
                threats=replace(sections.threats, threats=(threat, *threats[1:])),
                risk=replace(sections.risk, forms=(made,)),
            ),
        ),
    )
    return made


def _url(cast: Cast, tail: str = "") -> str:
    return f"/assessments/{cast.record.pk}/forms/form-1/{tail}"


def _post(**extra: str) -> dict[str, str]:
    data = {
        "number": "1",
        "date": "01-03-2026",
        "consequence": "3",
        "likelihood": "III",
        "consequence_reason": "Many passengers.",
        "likelihood_reason": "Fence and CCTV in place.",
        "effect": "Lower likelihood.",
        "residual_consequence": "3",
        "residual_likelihood": "II",
        "residual_justification": "",
        "existing-count": "0",
        "level_1-count": "0",
        "level_2-count": "0",
        "level_3-count": "0",
    }
    data.update(extra)
    return data


def test_the_form_shows_its_cross_and_the_matrix(cast: Cast, form: RiskForm) -> None:
    page = _client("anne").get(_url(cast)).content.decode()
    assert "Havnekontoret" in page
    assert 'class="matrix"' in page
    assert page.count('<td class="risk-') == 25
    assert "not rated" in page


def test_saving_ratings_reasons_and_residual(cast: Cast, form: RiskForm) -> None:
    anne = _client("anne")
    response = anne.post(_url(cast), _post())
    assert response.status_code == 302
    saved = _current(cast).sections.risk.forms[0]
    assert (saved.consequence, saved.likelihood) == (Consequence.SERIOUS, Likelihood.III)
    assert (saved.residual_consequence, saved.residual_likelihood) == (
        Consequence.SERIOUS,
        Likelihood.II,
    )
    assert saved.consequence_reason == "Many passengers."
    assert str(saved.date) == "2026-03-01"
    event = AuditEvent.objects.filter(action="assessment.saved").latest("pk")
    assert "sections.7.forms[form-1].consequence" in event.details["changes"]
    page = anne.get(response["Location"]).content.decode()
    assert 'class="badge risk-yellow"' in page  # 3 x III, the guide's own cell
    assert 'class="badge risk-green"' in page  # 3 x II residual


def test_the_live_colour_marks_proposal_cells(cast: Cast, form: RiskForm) -> None:
    anne = _client("anne")
    sourced = anne.get(_url(cast, "rating/"), {"consequence": "3", "likelihood": "III"})
    badge = sourced.content.decode().split('id="risk-badge"')[1].split("</dd>")[0]
    assert "risk-yellow" in badge
    assert "PROPOSAL" not in badge
    proposal = anne.get(_url(cast, "rating/"), {"consequence": "5", "likelihood": "V"})
    badge = proposal.content.decode().split('id="risk-badge"')[1].split("</dd>")[0]
    assert "risk-red" in badge
    assert "PROPOSAL" in badge
    assert 'class="risk-red proposal rated"' in proposal.content.decode()
    assert 'id="inline-risk-badge" hx-swap-oob="true"' in proposal.content.decode()


def test_a_rejected_save_keeps_what_was_typed(cast: Cast, form: RiskForm) -> None:
    anne = _client("anne")
    response = anne.post(
        _url(cast),
        _post(number="x1", consequence="9", **{"level_2-new-text": "Extra guards at night"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="x1"' in page
    assert "Many passengers." in page
    assert "Extra guards at night" in page
    assert 'aria-invalid="true"' in page
    assert _current(cast).sections.risk.forms[0] == form


def test_measures_from_the_catalogue_and_free_text_per_level(cast: Cast, form: RiskForm) -> None:
    catalogue = measure_catalogue()
    picked = catalogue.measures[0]
    anne = _client("anne")
    anne.post(_url(cast), _post(**{"existing-new-text": "Fence 2.4 m"}))
    anne.post(
        _url(cast),
        _post(
            **{
                "existing-count": "1",
                "existing-0-text": "Fence 2.4 m",
                "level_1-new-pick": picked.id,
                "level_3-new-text": "Close the terminal",
            }
        ),
    )
    saved = _current(cast).sections.risk.forms[0]
    assert saved.existing_measures == (Measure(text="Fence 2.4 m"),)
    assert saved.proposed.level_1 == (
        Measure(text=picked.name["da"], catalogue=picked.id, type=picked.type),
    )
    assert saved.proposed.level_2 == ()
    assert saved.proposed.level_3 == (Measure(text="Close the terminal"),)
    page = anne.get(_url(cast)).content.decode()
    assert f'name="level_1-0-catalogue" value="{picked.id}"' in page
    # remove the existing measure with its own button
    anne.post(
        _url(cast),
        _post(
            **{
                "existing-count": "1",
                "existing-0-text": "Fence 2.4 m",
                "level_1-count": "1",
                "level_1-0-text": picked.name["da"],
                "level_1-0-catalogue": picked.id,
                "level_1-0-type": picked.type.value,
                "level_3-count": "1",
                "level_3-0-text": "Close the terminal",
                "drop": "existing-0",
            }
        ),
    )
    saved = _current(cast).sections.risk.forms[0]
    assert saved.existing_measures == ()
    assert len(saved.proposed.level_1) == 1
    assert len(saved.proposed.level_3) == 1


def test_the_form_shows_its_findings_with_links(cast: Cast, form: RiskForm) -> None:
    page = _client("anne").get(_url(cast)).content.decode()
    findings = page.split('id="risk-findings"')[1]
    assert f"/assessments/{cast.record.pk}/forms/form-1/#sections-7-forms-0-" in findings


def test_readers_see_the_form_read_only(cast: Cast, form: RiskForm) -> None:
    carl = _client("carl")
    page = carl.get(_url(cast)).content.decode()
    assert "disabled" in page
    assert carl.post(_url(cast), _post()).status_code == 403
    assert _client("olga").get(_url(cast)).status_code == 404
    assert _client("anne").get(f"/assessments/{cast.record.pk}/forms/nope/").status_code == 404
