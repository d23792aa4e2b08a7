"""The portfolio in a real browser: the authority sees a page of 50 of many facilities, sorts by
clicking a column heading, filters by urgency, pages on; screenshots portfolio-*.png."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from benchmarks.portfolio_data import make_facilities
from django.utils import timezone
from playwright.sync_api import Page, expect

from bolvaerk.adapters.db.models import Membership
from tests.personas import PASSWORD, build_cast

pytestmark = pytest.mark.django_db(transaction=True)

BAD_CSV = (
    "name,port,unlocode,operator\n"
    "Kaj,Fjordby Havn,DK1,Ny A/S\n"  # not a UN/LOCODE
    "Kaj,Fjordby Havn,DK1,Ny A/S\n"  # not a UN/LOCODE, and the same facility again
)


def test_the_authority_sorts_filters_and_pages_the_portfolio(
    live_server: object, page: Page, shoot: Callable[[str], Path]
) -> None:
    build_cast()
    Membership.objects.update(language="en")
    make_facilities(400, today=timezone.localdate())
    base = str(live_server.url)  # type: ignore[attr-defined]
    page.goto(f"{base}/login/")
    page.locator("#id_username").fill("eva")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Facilities and ports")).to_be_visible()
    expect(page.locator("#portfolio-count")).to_contain_text("401 facilities")
    expect(page.locator("table.portfolio tbody tr")).to_have_count(50)
    shoot("portfolio-1-default")
    page.get_by_role("link", name="Facility", exact=True).click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Facility")
    first = page.locator("table.portfolio tbody tr").first
    expect(first).to_contain_text("Færgeterminalen")
    page.get_by_role("link", name="Facility", exact=True).click()  # again: the other way
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Facility")
    expect(page.locator("table.portfolio tbody tr").first).to_contain_text("Kaj 00400")
    page.get_by_label("Urgency").select_option("overdue")
    page.get_by_role("button", name="Show").click()
    rows = page.locator("table.portfolio tbody tr")
    expect(rows.first).to_contain_text("Overdue")
    expect(page.locator("tbody .urgency-soon")).to_have_count(0)
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Facility")  # kept
    shoot("portfolio-2-overdue")
    page.get_by_role("link", name="Clear the filter").click()
    page.locator("nav.pages a[rel=next]").click()
    expect(page.locator("#portfolio-count")).to_contain_text("page 2 of 9")
    page.get_by_role("link", name="Import facilities (CSV or XLSX)").click()
    expect(page.get_by_role("heading", name="Import facilities")).to_be_visible()
    page.get_by_label("File (CSV or XLSX)").set_input_files(
        files=[{"name": "f.csv", "mimeType": "text/csv", "buffer": BAD_CSV.encode()}]
    )
    page.get_by_label("Create missing organisations").check()
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("#import-status")).to_contain_text("Nothing was imported")
    expect(page.locator("#import-status tbody tr")).to_have_count(3)
    expect(page.get_by_label("Create missing organisations")).not_to_be_checked()  # a new form
    shoot("portfolio-3-import-refused")
