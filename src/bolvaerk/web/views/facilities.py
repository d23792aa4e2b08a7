"""The portfolio (the facility list: filter, sort, search, paging by plain GET) and the facility
page. The query building lives in services.portfolio; here only the query string and the page."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bolvaerk.services.access import (
    NotFound,
    access_facility_by_id,
    permissions,
)
from bolvaerk.services.facility_import import may_import_facilities
from bolvaerk.services.portfolio import (
    NO_ASSESSMENT,
    PAGE_SIZE,
    SOON_DAYS,
    STATES,
    PortfolioQuery,
    facility_row,
    portfolio,
    ports,
    rows,
)
from bolvaerk.web.templatetags.bolvaerk_labels import state_label
from bolvaerk.web.templatetags.bolvaerk_portfolio import URGENCY_LABELS


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the sort key, "" when the column does not sort
    label: str
    url: str  # the link that sorts by this column (the other direction when already sorted)
    aria_sort: str  # ascending / descending / none


def _columns(query: PortfolioQuery) -> list[Column]:
    labels = [
        ("port", _("Port")),
        ("name", _("Facility")),
        ("unlocode", "UN/LOCODE"),
        ("state", _("Assessment status")),
        ("approved", _("Approved")),
        ("expires", _("Expires")),
        ("submit_by", _("Submit by")),
        ("days", _("Days left")),
        ("urgency", _("Urgency")),
    ]
    columns = []
    for key, label in labels:
        current = query.sort == key
        descending = current and not query.descending  # a second click reverses
        params = query.params(sort=key, order="desc" if descending else "")
        if key == "submit_by" and not descending:
            params.pop("sort", None)  # the default sort needs no parameter
        aria = ("descending" if query.descending else "ascending") if current else "none"
        columns.append(Column(key, str(label), "?" + urlencode(params), aria))
    return columns


def facility_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    query = PortfolioQuery.from_params(request.GET)
    paginator = Paginator(portfolio(request.user, query, today), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page_params = query.params()
    return render(
        request,
        "bolvaerk/facilities.html",
        {
            "query": query,
            "page": page,
            "rows": rows(page.object_list, today),
            "columns": _columns(query),
            "ports": ports(request.user),
            "states": [(NO_ASSESSMENT, _("No assessment")), *((s, state_label(s)) for s in STATES)],
            "urgencies": list(URGENCY_LABELS.items()),
            "soon_days": SOON_DAYS,
            "page_query": urlencode(page_params) + "&" if page_params else "",
            "filtered": bool(query.search or query.state or query.urgency or query.port),
            "may_import": may_import_facilities(request.user),
        },
    )


def facility_page(request: HttpRequest, facility_id: int) -> HttpResponse:
    try:
        facility = access_facility_by_id(request.user, facility_id)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "bolvaerk/facility.html",
        {
            "facility": facility,
            "records": list(facility.assessments.all()),
            "may": permissions(request.user, facility),
            "row": facility_row(facility, timezone.localdate()),
        },
    )
