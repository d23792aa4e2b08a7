"""The portfolio query: visibility per organisation, urgency at its boundaries (in Python and in
SQL alike), filter, sort, search, and the benchmark's synthetic portfolio."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from benchmarks.portfolio_data import make_facilities
from django.contrib.auth.models import User

from bolvaerk.adapters.db.models import Facility, Organisation, OrgKind, Role
from bolvaerk.services.people import do_create_facility, do_create_organisation, do_create_user
from bolvaerk.services.portfolio import (
    SOON_DAYS,
    PortfolioQuery,
    Urgency,
    portfolio,
    ports,
    rows,
    urgency_filter,
    urgency_of,
)
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _names(user: User, **params: str) -> list[str]:
    query = PortfolioQuery.from_params(params)
    return [row.name for row in rows(portfolio(user, query, TODAY), TODAY)]


def _facility(cast: Cast, name: str, submit_by: date | None, **fields: object) -> Facility:
    facility = do_create_facility(
        None,
        name=name,
        port=str(fields.pop("port", "Fjordby Havn")),
        unlocode=str(fields.pop("unlocode", "DKFJ2")),
        operator=cast.facility.operator,
        rso=cast.facility.rso,
    )
    expires = submit_by + timedelta(days=92) if submit_by else None
    approved = expires - timedelta(days=5 * 365) if expires else None
    Facility.objects.filter(pk=facility.pk).update(
        submit_by=submit_by, expires_on=expires, approved_on=approved, **fields
    )
    return facility


@pytest.mark.parametrize(
    ("days", "urgency"),
    [
        (-400, Urgency.OVERDUE),  # expired long ago
        (-1, Urgency.OVERDUE),  # the submit-by date was yesterday
        (0, Urgency.SOON),  # today is the last day
        (SOON_DAYS, Urgency.SOON),
        (SOON_DAYS + 1, Urgency.LATER),
        (None, Urgency.NEVER),
    ],
)
def test_urgency_at_its_boundaries_in_python_and_in_sql(
    cast: Cast, days: int | None, urgency: Urgency
) -> None:
    submit_by = None if days is None else TODAY + timedelta(days=days)
    assert urgency_of(submit_by, TODAY) == urgency
    facility = _facility(cast, "Grænsen", submit_by)
    matching = {
        u for u in Urgency if Facility.objects.filter(urgency_filter(u, TODAY), pk=facility.pk)
    }
    assert matching == {urgency}  # the SQL filter agrees with the Python rule, exactly one
    row = next(
        r for r in rows(portfolio(cast.eva, PortfolioQuery(), TODAY), TODAY) if r.name == "Grænsen"
    )
    assert row.urgency == urgency
    assert row.days_left == days
    assert row.expired == (days is not None and days + 92 < 0)


def test_visibility_per_kind_of_organisation(cast: Cast) -> None:
    other_operator = do_create_organisation(None, "Anden Terminal A/S", OrgKind.FACILITY_OPERATOR)
    port = do_create_organisation(None, "Fjordby Havn", OrgKind.PORT_AUTHORITY)
    do_create_facility(
        None, name="Fremmed kaj", port="Aarhus", unlocode="DKAAR", operator=other_operator
    )
    do_create_facility(
        None,
        name="Havnens kaj",
        port="Fjordby Havn",
        unlocode="DKFJ2",
        operator=other_operator,
        port_authority=port,
    )
    site = do_create_organisation(None, "Drift", OrgKind.SITE)
    admin = do_create_user(None, "admin", PASSWORD, site, Role.SITE_ADMIN)
    pso = do_create_user(None, "pso", PASSWORD, port, Role.PSO)
    everything = {"Færgeterminalen", "Fremmed kaj", "Havnens kaj"}
    assert set(_names(cast.eva)) == everything  # maritime authority
    assert set(_names(cast.finn)) == everything
    assert set(_names(admin)) == everything  # site administration
    assert _names(cast.anne) == ["Færgeterminalen"]  # the RSO: its clients' facilities
    assert _names(cast.bo) == ["Færgeterminalen"]  # the operator: its own
    assert _names(cast.carl) == ["Færgeterminalen"]  # the police district
    assert _names(pso) == ["Havnens kaj"]  # the port authority: its port's
    assert _names(cast.olga) == []  # another RSO
    assert ports(cast.olga) == []
    assert ports(cast.eva) == ["Aarhus", "Fjordby Havn"]


def test_filter_by_state_urgency_and_port(cast: Cast) -> None:
    _facility(cast, "Overskreden", TODAY - timedelta(days=3), assessment_state="approved")
    _facility(cast, "Snart", TODAY + timedelta(days=30), assessment_state="approved")
    _facility(cast, "Senere", TODAY + timedelta(days=400), assessment_state="submitted")
    _facility(cast, "Aldrig", None, port="Aarhus", unlocode="DKAAR")
    assert _names(cast.anne, urgency="overdue") == ["Overskreden"]
    assert _names(cast.anne, urgency="soon") == ["Snart"]
    assert _names(cast.anne, urgency="later") == ["Senere"]
    assert _names(cast.anne, urgency="never") == ["Aldrig", "Færgeterminalen"]
    assert _names(cast.anne, state="approved") == ["Overskreden", "Snart"]
    assert _names(cast.anne, state="draft") == ["Færgeterminalen"]  # the cast's new assessment
    assert _names(cast.anne, state="none") == ["Aldrig"]
    assert _names(cast.anne, port="Aarhus") == ["Aldrig"]
    assert _names(cast.anne, port="Aarhus", urgency="soon") == []


def test_search_name_port_and_unlocode_case_insensitively(cast: Cast) -> None:
    _facility(cast, "Krydstogtkajen", None, port="Aarhus Havn", unlocode="DKAAR")
    assert _names(cast.anne, q="krydstogt") == ["Krydstogtkajen"]
    assert _names(cast.anne, q="AARHUS") == ["Krydstogtkajen"]
    assert _names(cast.anne, q="dkaar") == ["Krydstogtkajen"]
    assert _names(cast.anne, q="fjordby") == ["Færgeterminalen"]
    assert _names(cast.anne, q="nowhere") == []


def test_sort_by_every_column_both_ways_with_empty_dates_last(cast: Cast) -> None:
    _facility(cast, "B-kaj", TODAY + timedelta(days=10), port="Aarhus", unlocode="DKAAR")
    _facility(cast, "A-kaj", TODAY + timedelta(days=500), port="Esbjerg", unlocode="DKEBJ")
    assert _names(cast.anne) == ["B-kaj", "A-kaj", "Færgeterminalen"]  # default: submit-by
    assert _names(cast.anne, order="desc") == ["A-kaj", "B-kaj", "Færgeterminalen"]
    assert _names(cast.anne, sort="days", order="desc")[-1] == "Færgeterminalen"
    assert _names(cast.anne, sort="expires") == ["B-kaj", "A-kaj", "Færgeterminalen"]
    assert _names(cast.anne, sort="approved", order="desc") == ["A-kaj", "B-kaj", "Færgeterminalen"]
    assert _names(cast.anne, sort="name") == ["A-kaj", "B-kaj", "Færgeterminalen"]
    assert _names(cast.anne, sort="name", order="desc") == ["Færgeterminalen", "B-kaj", "A-kaj"]
    assert _names(cast.anne, sort="port") == ["B-kaj", "A-kaj", "Færgeterminalen"]
    assert _names(cast.anne, sort="unlocode", order="desc") == ["Færgeterminalen", "A-kaj", "B-kaj"]
    assert _names(cast.anne, sort="state")[-1] == "Færgeterminalen"  # "draft" after ""
    assert len(_names(cast.anne, sort="operator")) == 3


def test_a_query_string_keeps_only_valid_values() -> None:
    query = PortfolioQuery.from_params(
        {"q": "  kaj ", "state": "gone", "urgency": "red", "sort": "password", "order": "up"}
    )
    assert query == PortfolioQuery(search="kaj")
    assert query.params() == {"q": "kaj"}
    query = PortfolioQuery.from_params(
        {"state": "approved", "urgency": "soon", "sort": "name", "order": "desc"}
    )
    assert query.params(sort="port") == {
        "state": "approved",
        "urgency": "soon",
        "sort": "port",
        "order": "desc",
    }


def test_the_benchmark_portfolio_has_every_urgency() -> None:
    make_facilities(300, today=TODAY)
    make_facilities(20, today=TODAY)  # again: names stay unique, organisations are reused
    assert Facility.objects.count() == 320
    assert Facility.objects.values("name").distinct().count() == 320
    assert Organisation.objects.filter(kind=OrgKind.RSO).count() == 20
    found = {u for u in Urgency if Facility.objects.filter(urgency_filter(u, TODAY)).exists()}
    assert found == set(Urgency)
