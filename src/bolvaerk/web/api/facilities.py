"""Facilities the user may see (paged, searchable) and their assessments."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import access_facility_by_id, permissions, visible_facilities
from bolvaerk.services.reviewing import available_actions
from bolvaerk.web.api.auth import user_of
from bolvaerk.web.api.errors import READ_ERRORS
from bolvaerk.web.api.schemas import AssessmentOut, FacilityOut, FacilityPage

router = Router(tags=["facilities"])
MAX_PAGE_SIZE = 500
PAGE = Query(1, ge=1, le=1_000_000)
PAGE_SIZE = Query(50, ge=1, le=MAX_PAGE_SIZE)
SEARCH = Query("", max_length=100, description="Part of the name or port, or a UN/LOCODE")


def _search(text: str) -> Q:
    text = text.replace("\x00", "").strip()  # PostgreSQL refuses NUL in a query
    return Q(name__icontains=text) | Q(port__icontains=text) | Q(unlocode__iexact=text)


@router.get(
    "/",
    response={200: FacilityPage, **READ_ERRORS},
    operation_id="list_facilities",
    summary="The facilities you may see, by port and name",
)
def list_facilities(
    request: HttpRequest,
    page: int = PAGE,
    page_size: int = PAGE_SIZE,
    q: str = SEARCH,
) -> dict[str, object]:
    facilities = visible_facilities(user_of(request)).order_by("port", "name", "pk")
    if q.strip():
        facilities = facilities.filter(_search(q))
    start = (page - 1) * page_size
    return {
        "count": facilities.count(),
        "page": page,
        "page_size": page_size,
        "items": list(facilities[start : start + page_size]),
    }


@router.get(
    "/{int:facility_id}",
    response={200: FacilityOut, **READ_ERRORS},
    operation_id="get_facility",
    summary="One facility",
)
def get_facility(request: HttpRequest, facility_id: int) -> object:
    return access_facility_by_id(user_of(request), facility_id)


@router.get(
    "/{int:facility_id}/assessments",
    response={200: list[AssessmentOut], **READ_ERRORS},
    operation_id="list_assessments",
    summary="The facility's assessments, newest first, with what you may do to each",
)
def list_assessments(request: HttpRequest, facility_id: int) -> list[AssessmentOut]:
    user = user_of(request)
    facility = access_facility_by_id(user, facility_id)
    result = []
    for record in facility.assessments.order_by("-updated_at", "-pk"):
        state = LifecycleState(record.state)
        may = permissions(user, facility, state)
        result.append(
            AssessmentOut(
                id=record.pk,
                document_id=record.document_id,
                kind=record.kind,
                state=record.state,
                current_version=record.current_version,
                approved_on=record.approved_on,
                updated_at=record.updated_at,
                may_edit=may.edit,
                actions=[a.value for a in available_actions(may, state)],
            )
        )
    return result
