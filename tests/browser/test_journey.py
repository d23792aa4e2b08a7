"""The main journey in a real browser: log in, see the facilities, open the assessment, see the
findings; and issue 5's whole journey across the roles (test_the_main_journey), with a numbered
screenshot of each step in build/test-artefacts/browser/journey-*.png."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from bolvaerk.adapters.db.models import AssessmentRecord, Membership
from bolvaerk.domain.dates import expiry_date, format_dk_date
from bolvaerk.services.workspace import load
from tests.browser import journey_steps as steps
from tests.browser.journey_steps import expect_state
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_consultant_logs_in_and_opens_the_assessment(
    live_server: object, page: Page, shoot: Callable[[str], Path]
) -> None:
    cast = _cast_in_english()
    base = str(live_server.url)  # type: ignore[attr-defined]
    page.goto(base)
    expect(page).to_have_url(f"{base}/login/?next=/")
    shoot("01-login")
    _login(page, base, "anne")
    expect(page.get_by_role("heading", name="Facilities and ports")).to_be_visible()
    shoot("02-facilities")
    page.get_by_role("link", name=cast.facility.name).click()
    page.get_by_role("link", name=f"PFSA {cast.record.document_id}").click()
    expect(page.get_by_role("heading", name="Findings")).to_be_visible()
    expect(page.locator(".findings")).to_contain_text("R-FP-01")
    shoot("03-assessment")


def test_an_outsider_sees_no_facility(live_server: object, page: Page) -> None:
    _cast_in_english()
    base = str(live_server.url)  # type: ignore[attr-defined]
    _login(page, base, "olga")
    expect(page.get_by_text("Your organisation is not party to any facility yet.")).to_be_visible()


def _cast_in_english() -> Cast:
    """The cast with names and English as their language (stable labels for the selectors)."""
    cast = build_cast()
    names = {
        "anne": ("Anne", "Holm"),
        "bo": ("Bo", "Nielsen"),
        "carl": ("Carl", "Mikkelsen"),
        "eva": ("Eva", "Lund"),
        "finn": ("Finn", "Rasmussen"),
        "olga": ("Olga", "Berg"),
    }
    for username, (first, last) in names.items():
        User.objects.filter(username=username).update(first_name=first, last_name=last)
    Membership.objects.update(language="en")
    return cast


TIMES = "\N{MULTIPLICATION SIGN}"


def test_the_main_journey(live_server: object, page: Page, shoot: Callable[[str], Path]) -> None:
    """Issue 5's journey: the consultant makes and fills a new assessment, rates a cross and
    sends it to review; the police record their review; the consultant submits; the authority
    comments and returns; the consultant reopens, answers and submits again; the approver
    approves, and the assessment and the facility show the expiry."""
    cast = _cast_in_english()
    j = steps.Journey(page, str(live_server.url), shoot)  # type: ignore[attr-defined]
    today = timezone.localdate()
    record = _consultant_creates_and_fills_the_front_page(j, cast, today)
    _consultant_ticks_an_item_and_a_threat(j)
    _consultant_rates_a_cross(j, record, today)
    _consultant_sends_to_review(j, record)
    _police_record_their_review(j, record, today - timedelta(days=9))
    _consultant_submits(j, record)
    _reviewer_comments_and_returns(j, record)
    _consultant_answers_and_submits_again(j, record)
    _approver_approves(j, record, today)


def _consultant_creates_and_fills_the_front_page(
    j: steps.Journey, cast: Cast, today: date
) -> AssessmentRecord:
    page = j.page
    steps.login(j, "anne")
    steps.open_facility(j, cast.facility.name)
    j.shot("consultant-facility")
    page.get_by_role("button", name="New assessment").click()
    expect(page.locator("#review-lifecycle")).to_be_visible()
    record = AssessmentRecord.objects.filter(facility=cast.facility).latest("pk")
    assert record.pk != cast.record.pk
    expect_state(j, "Draft")
    j.shot("new-assessment")
    page.get_by_role("link", name="Edit", exact=True).click()
    front = steps.FrontPage(
        port="Fjordby Havn",
        facility=cast.facility.name,
        unlocode="DKFJ2",
        position="55°10,4' N; 009°36,8' Ø",
        address="Færgevej 1\n7100 Fjordby",
        cvr="38417622",
        rso="Nordhav Sikring ApS",
        completed=today - timedelta(days=2),
    )
    steps.fill_front_page(j, front)
    j.shot("front-page-filled")
    steps.save_front_page(j)
    record.refresh_from_db()
    saved = load(record).front_page
    assert (saved.position, saved.cvr, saved.completed) == (
        front.position,
        front.cvr,
        front.completed,
    )
    j.shot("front-page-saved")
    return record


def _consultant_ticks_an_item_and_a_threat(j: steps.Journey) -> None:
    page = j.page
    # Section 5: the trailer area in 5.7, vulnerable and significant.
    page.get_by_role("navigation", name="Sections of the assessment").get_by_role(
        "link", name=re.compile("Property and infrastructure")
    ).click()
    steps.add_item_with_s_and_v(
        j, "5.7", steps.ITEM, "Indhegnet område ved ro-ro-leje 3, hvor løstrailere afleveres."
    )
    j.shot("section-5-item-saved")
    # 6.1: unauthorised access is relevant here.
    page.get_by_role("link", name="6.1 Threats").click()
    steps.judge_threat_relevant(
        j, steps.THREAT, "Løstrailere står uden opsyn; adgang til området er en reel trussel."
    )
    j.shot("threats-6-1-saved")


def _consultant_rates_a_cross(j: steps.Journey, record: AssessmentRecord, today: date) -> None:
    page = j.page
    page.get_by_role("link", name="6.2.1 Grid").click()
    j.shot("grid-before-tick")
    cross = steps.tick_cross(j, steps.ITEM, steps.THREAT)
    j.shot("grid-cross-ticked")
    cross.click()
    expect(page.get_by_role("heading", name=re.compile("Risk assessment 1"))).to_be_visible()
    j.shot("risk-form-empty")
    # 3 x III is yellow; measures at levels 1-3; residual 3 x II is green.
    steps.rate(j, "3", "III", "yellow")
    expect(page.locator("#inline-risk-badge")).to_contain_text(f"3 {TIMES} III")
    j.shot("risk-form-yellow")
    steps.describe_rating(
        j,
        today - timedelta(days=3),
        "Tyveri eller manipulation af en trailer kan standse færgedriften i flere dage.",
        "Området er indhegnet, men porten står åben i dagtimerne.",
    )
    measures = {
        "existing": "Hegn på 2,2 m omkring opmarchområdet",
        "1": "Adgangskontrol med nøglekort ved porten til opmarchområdet",
        "2": "Vagtrunderingen hver anden time om natten",
        "3": "Fast vagt ved porten, og trailere kontrolleres før indskibning",
    }
    steps.add_measures(j, measures)
    steps.rate_residual(j, "3", "II", "green")
    expect(page.locator("#inline-residual-badge")).to_contain_text(f"3 {TIMES} II")
    j.shot("risk-form-green")
    steps.save_risk_form(j, 1, measures)
    record.refresh_from_db()
    form = load(record).sections.risk.forms[0]
    assert (int(form.consequence or 0), str(form.likelihood)) == (3, "III")
    assert (int(form.residual_consequence or 0), str(form.residual_likelihood)) == (3, "II")
    proposed = form.proposed
    levels = [[m.text for m in ms] for ms in (proposed.level_1, proposed.level_2, proposed.level_3)]
    assert levels == [[measures["1"]], [measures["2"]], [measures["3"]]]
    j.shot("risk-form-saved")
    page.get_by_role("link", name="Back to the grid").click()
    expect(page.locator("a.cross.risk-yellow")).to_have_text("1")
    j.shot("grid-yellow-cross")


def _consultant_sends_to_review(j: steps.Journey, record: AssessmentRecord) -> None:
    j.page.goto(f"{j.base}/assessments/{record.pk}/")
    steps.lifecycle_button(j, "Send to review")
    j.message("The assessment is in review")
    expect_state(j, "In review")
    j.shot("sent-to-review")
    steps.logout(j)


def _police_record_their_review(j: steps.Journey, record: AssessmentRecord, on: date) -> None:
    steps.login(j, "carl")
    steps.open_assessment(j, record.facility.name, record.document_id)
    steps.record_police_review(j, on, "Politikommissær Carl Mikkelsen")
    j.shot("police-review-recorded")
    steps.logout(j)


def _consultant_submits(j: steps.Journey, record: AssessmentRecord) -> None:
    steps.login(j, "anne")
    steps.open_assessment(j, record.facility.name, record.document_id)
    steps.lifecycle_button(j, "Submit to the authority")
    j.message("submitted to the authority")
    expect_state(j, "Submitted")
    j.shot("submitted")
    steps.logout(j)


def _reviewer_comments_and_returns(j: steps.Journey, record: AssessmentRecord) -> None:
    steps.login(j, "eva")
    steps.open_assessment(j, record.facility.name, record.document_id)
    steps.comment(j, "sections.7", "Risikovurdering 1: begrund sandsynligheden III nærmere.")
    j.shot("reviewer-commented")
    steps.return_with_comment(j, "Se kommentaren til risikovurdering 1 før godkendelse.")
    expect_state(j, "Returned")
    j.shot("returned")
    steps.logout(j)


def _consultant_answers_and_submits_again(j: steps.Journey, record: AssessmentRecord) -> None:
    page = j.page
    steps.login(j, "anne")
    steps.open_assessment(j, record.facility.name, record.document_id)
    expect(page.locator("#review-comments")).to_contain_text("sandsynligheden III")
    steps.lifecycle_button(j, "Reopen as a new draft")
    j.message("new draft")
    expect_state(j, "Draft")
    j.shot("reopened")
    page.get_by_role("link", name="Grid", exact=True).click()
    page.locator("a.cross.risk-yellow").click()
    page.locator("#f-likelihood_reason").fill(
        "Området er indhegnet, men porten står åben i dagtimerne, og der er ingen "
        "kameraovervågning; to forsøg på tyveri fra trailere i 2025 (politiets oplysninger)."
    )
    steps.save_risk_form(j, 1, {})
    page.goto(f"{j.base}/assessments/{record.pk}/")
    steps.resolve_all_comments(j)
    j.shot("comments-resolved")
    steps.lifecycle_button(j, "Submit to the authority")
    expect_state(j, "Submitted")
    steps.logout(j)


def _approver_approves(j: steps.Journey, record: AssessmentRecord, today: date) -> None:
    page = j.page
    steps.login(j, "finn")
    steps.open_assessment(j, record.facility.name, record.document_id)
    steps.approve(j, today)
    expect_state(j, "Approved")
    dates = page.locator("#review-lifecycle .review-dates")
    expect(dates).to_contain_text(format_dk_date(today))
    expect(dates).to_contain_text(format_dk_date(expiry_date(today)))
    j.shot("approved")
    page.get_by_role("link", name=record.facility.name, exact=True).first.click()
    expect(page.locator("dl.facts")).to_contain_text(format_dk_date(expiry_date(today)))
    j.shot("facility-with-expiry")
    record.refresh_from_db()
    assert record.approved_on == today
