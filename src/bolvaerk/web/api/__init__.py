"""The JSON API (django-ninja), mounted at /api/ by web.urls_api; its OpenAPI description is
/api/openapi.json (public: it describes shapes, no data). Every operation authenticates
(web.api.auth) and loads through the same access_* checks as the pages. docs/api.md."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from bolvaerk.web.api import assessments, documents, errors, facilities, findings
from bolvaerk.web.api.auth import AUTH
from bolvaerk.web.api.openapi import Api

api = Api(
    title="bolvaerk API",
    version="1",
    description="Facilities, assessments (the same JSON document as the assessment file), "
    "findings and documents. Authenticate with `Authorization: Bearer <token>` (make a token "
    "under API tokens in the web application).",
    auth=AUTH,
    urls_namespace="api",
    docs_url=None,  # no interactive page (it would load scripts from a CDN); any viewer reads
    # /api/openapi.json
)
api.add_router("/facilities", facilities.router)
api.add_router("/assessments", assessments.router)
api.add_router("/assessments", findings.router)
api.add_router("/assessments", documents.router)
errors.install(api)


@csrf_exempt  # it changes nothing, for any method
def unknown_path(_request: HttpRequest) -> HttpResponse:
    """Any other path under /api/ (or an id that is not a number): 404 in the API's JSON shape,
    not the HTML page of the site."""
    return JsonResponse(
        {"code": "not-found", "message": _("Not found."), "problems": []}, status=404
    )
