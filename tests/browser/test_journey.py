"""The main journey in a real browser (begun: log in, see the facilities, open the assessment,
see the findings; the editing steps follow as the editor screens land)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

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
    cast: Cast = build_cast()
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
    build_cast()
    base = str(live_server.url)  # type: ignore[attr-defined]
    _login(page, base, "olga")
    expect(page.get_by_text("Your organisation is not party to any facility yet.")).to_be_visible()
