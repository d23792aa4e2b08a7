"""An assessment: overview with the findings panel, creation, export."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bolvaerk.domain.enums import AssessmentKind, LifecycleState
from bolvaerk.services.access import (
    NotFound,
    access_assessment_by_id,
    access_facility_by_id,
    permissions,
)
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import (
    NotAllowed,
    do_create_assessment,
    export_yaml,
    load,
    report_for,
)
from bolvaerk.web.i18n import request_language


@require_POST
def create(request: HttpRequest, facility_id: int) -> HttpResponse:
    try:
        facility = access_facility_by_id(request.user, facility_id)
        kind = AssessmentKind.PSA if facility.is_port else AssessmentKind.PFSA
        record = do_create_assessment(request.user, facility, kind, request_language(request))
    except (NotFound, NotAllowed):
        raise Http404 from None
    return redirect("assessment", record_id=record.pk)


def overview(request: HttpRequest, record_id: int) -> HttpResponse:
    try:
        record = access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None
    assessment = load(record)
    report = report_for(record)
    return render(
        request,
        "bolvaerk/assessment.html",
        {
            "record": record,
            "assessment": assessment,
            "findings": report_entries(report, request_language(request)),
            "counts": report.counts(),
            "may": permissions(request.user, record.facility, LifecycleState(record.state)),
        },
    )


def export(request: HttpRequest, record_id: int) -> HttpResponse:
    try:
        record = access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(export_yaml(record), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{record.document_id}.yaml"'
    return response
