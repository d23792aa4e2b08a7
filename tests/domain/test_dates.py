from __future__ import annotations

from datetime import date

import pytest

from bolvaerk.domain.dates import (
    add_months,
    expiry_date,
    format_dk_date,
    parse_dk_date,
    submit_by_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-05-2021", date(2021, 5, 1)),
        ("29-02-2024", date(2024, 2, 29)),
        ("31-02-2021", None),  # not a real day
        ("2021-05-01", None),  # ISO is not the template's format
        ("1-5-2021", None),
        ("1. maj 2021", None),
    ],
)
def test_it_parses_only_real_dd_mm_yyyy_dates(text: str, expected: date | None) -> None:
    assert parse_dk_date(text) == expected


def test_it_formats_with_leading_zeros() -> None:
    assert format_dk_date(date(2021, 5, 1)) == "01-05-2021"


def test_expiry_is_five_years_after_approval() -> None:
    assert expiry_date(date(2021, 8, 1)) == date(2026, 8, 1)


def test_expiry_of_a_leap_day_falls_back_to_the_28th() -> None:
    assert expiry_date(date(2024, 2, 29)) == date(2029, 2, 28)


def test_submit_by_is_three_months_before_expiry() -> None:
    assert submit_by_date(date(2021, 8, 1)) == date(2026, 5, 1)


def test_add_months_clamps_to_month_end_and_crosses_years() -> None:
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2021, 11, 15), 2) == date(2022, 1, 15)
    assert add_months(date(2021, 12, 31), 0) == date(2021, 12, 31)
    assert add_months(date(2021, 3, 31), -1) == date(2021, 2, 28)
