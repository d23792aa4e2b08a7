"""Two people edit the same risk form in two browsers (two contexts, two users): both type, the
consultant saves first, the PFSO saves second and is refused with the conflict banner and the
diff, his input still in the form; saving again then wins. Screenshots in
build/test-artefacts/browser/conflict-*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bolvaerk.adapters.db.models import Membership
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.workspace import do_save_assessment, load
from tests.browser.conftest import ARTEFACTS
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db(transaction=True)

ANNE = "Porten står åben i dagtimerne; to tyverier fra trailere i 2025."
BO = "Porten er lukket om natten, men kameraet dækker ikke hjørnet ved kaj 3."
BO_MEASURE = "Kamera ved kaj 3"


def _cast() -> Cast:
    """The cast in English with names, and one cross of the port office: risk form no. 1."""
    cast = build_cast()
    User.objects.filter(username="anne").update(first_name="Anne", last_name="Holm")
    User.objects.filter(username="bo").update(first_name="Bo", last_name="Nielsen")
    Membership.objects.update(language="en")
    assessment = load(cast.record)
    office = replace(assessment.sections.assets.items[0], vulnerable=True, significant=True)
    threats = assessment.sections.threats.threats
    threat = replace(threats[0], relevant=True)
    sections = assessment.sections
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(
            assessment,
            sections=replace(
                sections,
                assets=replace(sections.assets, items=(office, *sections.assets.items[1:])),
                threats=replace(sections.threats, threats=(threat, *threats[1:])),
                risk=replace(
                    sections.risk,
                    forms=(RiskForm(id="form-1", number=1, item=office.id, threat=threat.id),),
                ),
            ),
        ),
    )
    return cast


@pytest.fixture
def two(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    options = {"viewport": {"width": 1366, "height": 900}, "locale": "en-GB"}
    first, second = browser.new_context(**options), browser.new_context(**options)  # type: ignore[arg-type]
    yield first, second
    first.close()
    second.close()


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Facilities and ports")).to_be_visible()


def _shot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTEFACTS / f"conflict-{name}.png"), full_page=True)


def _save(page: Page) -> None:
    page.locator("form.risk-form .savebar").get_by_role("button", name="Save").click()


def test_the_second_save_sees_the_conflict_with_its_input_kept(
    live_server: object, two: tuple[BrowserContext, BrowserContext]
) -> None:
    cast = _cast()
    base = str(live_server.url)  # type: ignore[attr-defined]
    url = f"{base}/assessments/{cast.record.pk}/forms/form-1/"
    anne, bo = two[0].new_page(), two[1].new_page()
    _login(anne, base, "anne")
    _login(bo, base, "bo")
    anne.goto(url)
    bo.goto(url)
    for page in (anne, bo):
        expect(page.get_by_role("heading", name=re.compile("Risk assessment 1"))).to_be_visible()
    # both type, from the same version of the form
    anne.locator("#f-likelihood_reason").fill(ANNE)
    bo.locator("#f-likelihood_reason").fill(BO)
    bo.locator("#level_1-new-text").fill(BO_MEASURE)
    _save(anne)
    expect(anne.locator(".messages")).to_contain_text("Risk assessment 1 saved.")
    _shot(anne, "01-consultant-saved")
    _save(bo)
    banner = bo.locator("#conflict")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Anne Holm saved this part at")
    expect(banner).to_contain_text("Nothing of yours was saved")
    row = banner.locator('tr[data-path="sections.7.forms[form-1].likelihood_reason"]')
    expect(row.locator("td.theirs")).to_have_text(ANNE)
    expect(row.locator("td.yours")).to_have_text(BO)
    # his input is still in the form, the new measure included
    expect(bo.locator("#f-likelihood_reason")).to_have_value(BO)
    expect(bo.locator("#level_1-0-text")).to_have_value(BO_MEASURE)
    _shot(bo, "02-pfso-refused")
    cast.record.refresh_from_db()
    assert load(cast.record).sections.risk.forms[0].likelihood_reason == ANNE
    # having compared, he saves again deliberately: his version wins
    _save(bo)
    expect(bo.locator(".messages")).to_contain_text("Risk assessment 1 saved.")
    expect(bo.locator("#conflict")).to_have_count(0)
    _shot(bo, "03-pfso-saved-again")
    cast.record.refresh_from_db()
    saved = load(cast.record).sections.risk.forms[0]
    assert saved.likelihood_reason == BO
    assert [m.text for m in saved.proposed.level_1] == [BO_MEASURE]


def test_an_editor_page_refuses_the_second_save_and_keeps_the_text(
    live_server: object, two: tuple[BrowserContext, BrowserContext]
) -> None:
    cast = _cast()
    base = str(live_server.url)  # type: ignore[attr-defined]
    url = f"{base}/assessments/{cast.record.pk}/edit/3/"
    anne, bo = two[0].new_page(), two[1].new_page()
    _login(anne, base, "anne")
    _login(bo, base, "bo")
    anne.goto(url)
    bo.goto(url)
    anne.locator("#sections-3-text").fill("Hegn på 2,2 m og adgangskontrol ved porten.")
    bo.locator("#sections-3-text").fill("Hegn, adgangskontrol og kameraer ved kaj 3.")
    anne.locator(".actions").get_by_role("button", name="Save").click()
    expect(anne.locator(".messages")).to_contain_text("Saved")
    bo.locator(".actions").get_by_role("button", name="Save").click()
    banner = bo.locator("#conflict")
    expect(banner).to_contain_text("Anne Holm saved this part at")
    expect(banner.locator("td.theirs")).to_have_text("Hegn på 2,2 m og adgangskontrol ved porten.")
    expect(bo.locator("#sections-3-text")).to_have_value(
        "Hegn, adgangskontrol og kameraer ved kaj 3."
    )
    _shot(bo, "04-editor-page-refused")
