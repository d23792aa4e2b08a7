"""Facility list and facility page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bolvaerk.domain.dates import expiry_date
from bolvaerk.services.access import (
    NotFound,
    access_facility_by_id,
    permissions,
    visible_facilities,
)


def facility_list(request: HttpRequest) -> HttpResponse:
    facilities = visible_facilities(request.user).prefetch_related("assessments")
    return render(request, "bolvaerk/facilities.html", {"facilities": facilities})


def facility_page(request: HttpRequest, facility_id: int) -> HttpResponse:
    try:
        facility = access_facility_by_id(request.user, facility_id)
    except NotFound:
        raise Http404 from None
    records = list(facility.assessments.all())
    approved = [r for r in records if r.approved_on is not None]
    latest_approval = max((r.approved_on for r in approved if r.approved_on), default=None)
    return render(
        request,
        "bolvaerk/facility.html",
        {
            "facility": facility,
            "records": records,
            "may": permissions(request.user, facility),
            "expiry": expiry_date(latest_approval) if latest_approval else None,
        },
    )
