"""The portfolio: the facilities and ports a user may see, with their assessment state, approval,
expiry, submit-by date, days left and urgency; filtered, sorted and searched in SQL.

Everything is read from the columns stored on Facility (kept up to date by
services.facility_status), so a page of 10,000 facilities costs the same few queries as a page
of ten: never one query per row. `today` is a parameter, so tests use fixed dates; the views
pass `django.utils.timezone.localdate()`.

Urgency (thresholds here, in one place):
- overdue (red): the submit-by date has passed (days left < 0; an expired one is also overdue);
- soon (amber): the submit-by date is within SOON_DAYS days (0 <= days left <= SOON_DAYS);
- later (green): the submit-by date is further away;
- never (grey): never approved, so no expiry to count towards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

from bolvaerk.adapters.db.models import Facility
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import AnyUser, visible_facilities

SOON_DAYS = 90  # amber from this many days before the submit-by date
PAGE_SIZE = 50
NO_ASSESSMENT = "none"  # the state filter's value for facilities without any assessment


class Urgency(StrEnum):
    OVERDUE = "overdue"
    SOON = "soon"
    LATER = "later"
    NEVER = "never"


# sort key of the query string -> the stored column (every one indexed or cheap at 10,000 rows)
SORT_COLUMNS: dict[str, str] = {
    "port": "port",
    "name": "name",
    "unlocode": "unlocode",
    "operator": "operator__name",
    "state": "assessment_state",
    "approved": "approved_on",
    "expires": "expires_on",
    "submit_by": "submit_by",
    "days": "submit_by",  # days left grow with the submit-by date
    "urgency": "submit_by",  # so does the urgency (never approved sorts last)
}
DEFAULT_SORT = "submit_by"
STATES = tuple(state.value for state in LifecycleState)
_FIELDS = (
    "pk",
    "name",
    "port",
    "unlocode",
    "is_port",
    "operator__name",
    "assessment_state",
    "approved_on",
    "expires_on",
    "submit_by",
)


@dataclass(frozen=True, slots=True)
class PortfolioQuery:
    """What the user asked for; from_params accepts any query string and keeps what is valid."""

    search: str = ""
    state: str = ""  # a LifecycleState value, NO_ASSESSMENT, or "" for all
    urgency: str = ""  # an Urgency value or "" for all
    port: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> PortfolioQuery:
        state = params.get("state", "")
        urgency = params.get("urgency", "")
        sort = params.get("sort", DEFAULT_SORT)
        return cls(
            search=params.get("q", "").strip()[:100],
            state=state if state in {*STATES, NO_ASSESSMENT} else "",
            urgency=urgency if urgency in {u.value for u in Urgency} else "",
            port=params.get("port", "").strip()[:200],
            sort=sort if sort in SORT_COLUMNS else DEFAULT_SORT,
            descending=params.get("order", "") == "desc",
        )

    def params(self, **changes: str) -> dict[str, str]:
        """The query string of this query (without defaults), with `changes` applied."""
        values = {
            "q": self.search,
            "state": self.state,
            "urgency": self.urgency,
            "port": self.port,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
            "order": "desc" if self.descending else "",
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    id: int
    name: str
    port: str
    unlocode: str
    is_port: bool
    operator: str
    state: str  # "" when the facility has no assessment yet
    approved_on: date | None
    expires_on: date | None
    submit_by: date | None
    days_left: int | None  # to the submit-by date; negative when overdue
    urgency: Urgency
    expired: bool


def urgency_of(submit_by: date | None, today: date) -> Urgency:
    if submit_by is None:
        return Urgency.NEVER
    days = (submit_by - today).days
    if days < 0:
        return Urgency.OVERDUE
    return Urgency.SOON if days <= SOON_DAYS else Urgency.LATER


def urgency_filter(urgency: Urgency, today: date) -> Q:
    """The SQL condition equivalent to urgency_of(submit_by, today) == urgency."""
    soon_until = today + timedelta(days=SOON_DAYS)
    conditions = {
        Urgency.NEVER: Q(submit_by__isnull=True),
        Urgency.OVERDUE: Q(submit_by__lt=today),
        Urgency.SOON: Q(submit_by__gte=today, submit_by__lte=soon_until),
        Urgency.LATER: Q(submit_by__gt=soon_until),
    }
    return conditions[urgency]


def _ordering(query: PortfolioQuery) -> list[OrderBy]:
    column = F(SORT_COLUMNS[query.sort])
    # empty dates last in both directions and on both databases (SQLite and PostgreSQL differ)
    first = column.desc(nulls_last=True) if query.descending else column.asc(nulls_last=True)
    return [first, F("port").asc(), F("name").asc(), F("pk").asc()]  # stable pages


def portfolio(user: AnyUser, query: PortfolioQuery, today: date) -> QuerySet[Facility, Any]:
    """The user's visible facilities as rows of values, filtered and sorted in SQL (lazy)."""
    facilities = visible_facilities(user)
    if query.search:
        text = query.search
        facilities = facilities.filter(
            Q(name__icontains=text) | Q(port__icontains=text) | Q(unlocode__icontains=text)
        )
    if query.state == NO_ASSESSMENT:
        facilities = facilities.filter(assessment_state="")
    elif query.state:
        facilities = facilities.filter(assessment_state=query.state)
    if query.urgency:
        facilities = facilities.filter(urgency_filter(Urgency(query.urgency), today))
    if query.port:
        facilities = facilities.filter(port=query.port)
    ordered: QuerySet[Facility, Any] = facilities.order_by(*_ordering(query)).values(*_FIELDS)
    return ordered


def row_of(values: Mapping[str, Any], today: date) -> PortfolioRow:
    submit_by: date | None = values["submit_by"]
    expires_on: date | None = values["expires_on"]
    return PortfolioRow(
        id=values["pk"],
        name=values["name"],
        port=values["port"],
        unlocode=values["unlocode"],
        is_port=values["is_port"],
        operator=values["operator__name"],
        state=values["assessment_state"],
        approved_on=values["approved_on"],
        expires_on=expires_on,
        submit_by=submit_by,
        days_left=None if submit_by is None else (submit_by - today).days,
        urgency=urgency_of(submit_by, today),
        expired=expires_on is not None and expires_on < today,
    )


def rows(values: Iterable[Mapping[str, Any]], today: date) -> list[PortfolioRow]:
    return [row_of(v, today) for v in values]


def facility_row(facility: Facility, today: date) -> PortfolioRow:
    """The portfolio row of one facility already loaded (for the facility page)."""
    values = {field: getattr(facility, field) for field in _FIELDS if "__" not in field}
    values["operator__name"] = facility.operator.name
    return row_of(values, today)


def ports(user: AnyUser) -> list[str]:
    """The ports of the user's visible facilities, for the port filter (one query)."""
    visible = visible_facilities(user).order_by("port").values_list("port", flat=True)
    return list(visible.distinct())
