"""The steps of the main journey (issue 5) as the users take them in the browser: log in and out,
open the assessment, fill the front page, tick S+V in section 5, judge a threat in 6.1, tick and
rate a cross, the lifecycle buttons, the police review, comments, return and approval.

Selectors are ids, names and roles; the users' language is English (set by the test) so the
button names are stable. Each step leaves the page where the next one starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.personas import PASSWORD

ITEM = "Opmarch område til løstrailere"
THREAT = "Unauthorised access or use"


@dataclass
class Journey:
    """The browser page, the live server's address and numbered screenshots."""

    page: Page
    base: str
    shoot: Callable[[str], Path]
    taken: list[str] = field(default_factory=list)

    def shot(self, name: str) -> None:
        """A numbered full-page screenshot, taken from the top of the page (so the sticky
        navigation and save bars stand where a user first sees them)."""
        self.page.evaluate("window.scrollTo(0, 0)")
        numbered = f"journey-{len(self.taken) + 1:02d}-{name}"
        self.shoot(numbered)
        self.taken.append(numbered)

    def message(self, text: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(text)


# -- session ------------------------------------------------------------------------------------


def login(j: Journey, username: str) -> None:
    page = j.page
    page.goto(f"{j.base}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Facilities and ports")).to_be_visible()


def logout(j: Journey) -> None:
    j.page.locator("header.topbar").get_by_role("button", name="Log out").click()
    expect(j.page.get_by_role("heading", name="Log in")).to_be_visible()


def open_facility(j: Journey, facility: str) -> None:
    j.page.get_by_role("link", name=facility, exact=True).click()
    expect(j.page.get_by_role("heading", level=1)).to_contain_text(facility)


def open_assessment(j: Journey, facility: str, document_id: str) -> None:
    """From the facility list: the facility, then the assessment by its document id."""
    open_facility(j, facility)
    j.page.get_by_role("link", name=re.compile(rf"{re.escape(document_id)}$")).click()
    expect(j.page.locator("#review-lifecycle")).to_be_visible()


# -- consultant: front page, section 5, 6.1, grid, risk form ---------------------------------------


@dataclass(frozen=True)
class FrontPage:
    port: str
    facility: str
    unlocode: str
    position: str
    address: str
    cvr: str
    rso: str
    completed: date


def fill_front_page(j: Journey, front: FrontPage) -> None:
    page = j.page
    page.locator("#front_page-port").fill(front.port)
    page.locator("#front_page-facility").fill(front.facility)
    page.locator("#front_page-unlocode").fill(front.unlocode)
    page.locator('input[name="new_facility"][value="yes"]').check()
    page.locator("#front_page-position").fill(front.position)
    page.locator('input[name="position_checked_against_havnelods"][value="yes"]').check()
    page.locator("#front_page-postal_address").fill(front.address)
    page.locator("#front_page-cvr").fill(front.cvr)
    page.locator('input[name="application_reason"][value="new"]').check()
    page.locator("#front_page-current_status").select_option("none_new")
    page.locator("#front_page-requested_status").select_option("permanent")
    for activity in ("passengers", "general_cargo"):
        page.locator(f'input[name="activities"][value="{activity}"]').check()
    page.locator("#front_page-rso_name").fill(front.rso)
    page.locator("#front_page-completed").fill(front.completed.strftime("%d-%m-%Y"))


def save_front_page(j: Journey) -> None:
    j.page.locator('form.editor-form .actions button[name="save"]').click()
    j.message("Saved:")
    expect(j.page.locator("#front_page-cvr")).to_have_value("38417622")


def skema(j: Journey, number: str) -> Locator:
    return j.page.locator(f'section[id="skema-{number}"]')


def add_item_with_s_and_v(j: Journey, number: str, name: str, description: str) -> None:
    section = skema(j, number)
    section.locator(f'[id="new-name-{number}"]').fill(name)
    section.locator(f'[id="new-description-{number}"]').fill(description)
    section.locator(f'[id="new-s-{number}"]').check()
    section.locator(f'[id="new-v-{number}"]').check()
    section.get_by_role("button", name=f"Save skema {number}").click()
    j.message(f"Skema {number} saved.")
    row = skema(j, number).locator("tbody tr.in-grid")
    expect(row).to_have_count(1)
    expect(row.locator("input[name$='-name']")).to_have_value(name)


def threat_row(j: Journey, threat: str) -> Locator:
    return j.page.locator("section.threat-row", has_text=threat)


def judge_threat_relevant(j: Journey, threat: str, why: str) -> None:
    row = threat_row(j, threat)
    row.get_by_role("radio", name="Yes").check()
    row.locator("textarea[name$='-assessment']").fill(why)
    j.page.get_by_role("button", name="Save 6.1").first.click()
    j.message("List 6.1 saved.")
    expect(threat_row(j, threat).get_by_role("radio", name="Yes")).to_be_checked()


def tick_cross(j: Journey, item: str, threat: str) -> Locator:
    """Tick the cross item x threat in the grid (htmx swaps the cell); the cross's link."""
    j.page.wait_for_load_state("load")  # htmx (deferred) has bound the tick buttons
    tick = j.page.get_by_role(
        "button", name=re.compile(rf"^Tick the cross: {re.escape(item)} - T\d+ {re.escape(threat)}")
    )
    cell = j.page.locator("td.gcell").filter(has=tick)
    cell_id = cell.get_attribute("id")
    tick.click()
    cross = j.page.locator(f'td[id="{cell_id}"] a.cross')
    expect(cross).to_have_text("1")
    expect(cross).to_have_class(re.compile(r"\bunrated\b"))
    return cross


def _choose(j: Journey, select: str, value: str) -> None:
    """Choose a rating and wait for its live panel: the selects' htmx requests are not
    synchronised, so a quick second choice could be overtaken by the first one's answer."""
    with j.page.expect_response(lambda r: "/rating/" in r.url, timeout=5000):
        j.page.locator(select).select_option(value)


def rate(j: Journey, consequence: str, likelihood: str, colour: str) -> None:
    page = j.page
    page.wait_for_load_state("load")  # htmx (deferred) has bound the selects' change events
    _choose(j, "#f-consequence", consequence)
    _choose(j, "#f-likelihood", likelihood)
    badge = page.locator("#inline-risk-badge .badge")
    expect(badge).to_have_class(re.compile(rf"\brisk-{colour}\b"))
    expect(page.locator("#risk-badge .badge")).to_contain_text(
        f"{consequence} \N{MULTIPLICATION SIGN} {likelihood}"
    )


def describe_rating(j: Journey, on: date, consequence: str, likelihood: str) -> None:
    """The form's date (typed dd-mm-yyyy, as the template writes dates) and reasons."""
    j.page.locator("#f-date").fill(on.strftime("%d-%m-%Y"))
    j.page.locator("#f-consequence_reason").fill(consequence)
    j.page.locator("#f-likelihood_reason").fill(likelihood)


def add_measures(j: Journey, measures: dict[str, str]) -> None:
    """Free-text measures by list: "existing", or the security levels "1", "2", "3"."""
    for key, text in measures.items():
        name = key if key == "existing" else f"level_{key}"
        j.page.locator(f"#{name}-new-text").fill(text)


def rate_residual(j: Journey, consequence: str, likelihood: str, colour: str) -> None:
    page = j.page
    _choose(j, "#f-residual_consequence", consequence)
    _choose(j, "#f-residual_likelihood", likelihood)
    badge = page.locator("#inline-residual-badge .badge")
    expect(badge).to_have_class(re.compile(rf"\brisk-{colour}\b"))


def save_risk_form(j: Journey, number: int, measures: dict[str, str]) -> None:
    j.page.locator("form.risk-form .savebar").get_by_role("button", name="Save").click()
    j.message(f"Risk assessment {number} saved.")
    for key, text in measures.items():
        name = key if key == "existing" else f"level_{key}"
        expect(j.page.locator(f"#{name}-0-text")).to_have_value(text)


# -- lifecycle and review --------------------------------------------------------------------


def lifecycle_button(j: Journey, name: str) -> None:
    j.page.locator("#review-lifecycle").get_by_role("button", name=name, exact=True).click()


def expect_state(j: Journey, state: str) -> None:
    expect(j.page.locator("#review-lifecycle [aria-current=step]")).to_have_text(state)


def record_police_review(j: Journey, on: date, representative: str) -> None:
    police = j.page.locator("#review-police")
    police.locator("#id_review-review_date").fill(on.strftime("%d-%m-%Y"))
    police.locator("#id_review-representative").fill(representative)
    police.get_by_role("button", name="Record the police review").click()
    j.message("The police review was recorded.")
    expect(j.page.locator("#review-police dl")).to_contain_text(on.strftime("%d-%m-%Y"))
    expect(j.page.locator("#review-police dl")).to_contain_text(representative)


def comment(j: Journey, about: str, text: str) -> None:
    comments = j.page.locator("#review-comments")
    comments.locator("#id_review-path").select_option(about)
    comments.locator("#id_review-text").fill(text)
    comments.get_by_role("button", name="Add comment").click()
    expect(j.page.locator("#review-comments .review-comment-list")).to_contain_text(text)


def resolve_all_comments(j: Journey) -> None:
    """Resolve each open comment (htmx swaps the comments card after each)."""
    comments = j.page.locator("#review-comments")
    open_ones = comments.locator(".review-comment:not(.resolved)")
    for remaining in range(open_ones.count(), 0, -1):
        expect(open_ones).to_have_count(remaining)
        open_ones.first.get_by_role("button", name="Resolve").click()
    expect(open_ones).to_have_count(0)
    expect(comments.locator(".review-count")).to_have_text("0 open")


def return_with_comment(j: Journey, text: str) -> None:
    bar = j.page.locator("#review-lifecycle")
    bar.locator("summary", has_text="Return with comments").click()
    bar.locator("#id_review-return_comment").fill(text)
    bar.get_by_role("button", name="Return the assessment").click()
    j.message("The assessment was returned with your comment.")


def approve(j: Journey, on: date) -> None:
    bar = j.page.locator("#review-lifecycle")
    bar.locator("summary", has_text="Approve").click()
    bar.locator("#id_review-approved_on").fill(on.strftime("%d-%m-%Y"))
    bar.get_by_role("button", name="Approve the assessment").click()
    j.message("The assessment was approved.")
