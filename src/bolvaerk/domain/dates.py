"""Dates as the template writes them: dd-mm-yyyy ("dag-måned-år", R-FP-03)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DK_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")

VALIDITY_YEARS = 5  # R-FP-09: a PFSA expires five years after approval
SUBMIT_BEFORE_EXPIRY_MONTHS = 3  # older TS rule: submit at least three months before expiry


def parse_dk_date(text: str) -> date | None:
    """The date written as dd-mm-yyyy, or None when the text is not such a real date."""
    match = _DK_DATE.match(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_dk_date(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def add_months(value: date, months: int) -> date:
    """Calendar months later (or earlier); the day is clamped to the month's last day."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    last_day = (first_of_next - timedelta(days=1)).day
    return date(year, month, min(value.day, last_day))


def expiry_date(approved: date) -> date:
    """R-FP-09: expiry = approval date + 5 years (29 February falls back to 28 February)."""
    return add_months(approved, 12 * VALIDITY_YEARS)


def submit_by_date(approved: date) -> date:
    """The last day to submit the renewal: expiry - 3 months."""
    return add_months(expiry_date(approved), -SUBMIT_BEFORE_EXPIRY_MONTHS)
