"""The baseline of the load benchmark: bare Django views that render tables of the same size as
the product's pages from the same database, without the domain, permissions or layout."""

from __future__ import annotations

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import include, path

from bolvaerk.adapters.db.models import AssessmentVersion, Facility

PAGE = 50  # rows per portfolio page, as the product's portfolio

TABLE = Template(
    "<!DOCTYPE html><html><body><table><thead><tr>{% for h in header %}<th>{{ h }}</th>"
    "{% endfor %}</tr></thead><tbody>{% for row in rows %}<tr>{% for cell in row %}"
    "<td>{{ cell|default_if_none:'' }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>"
    "<p>{{ total }}</p></body></html>"
)


def bare_portfolio(_request: HttpRequest) -> HttpResponse:
    facilities = Facility.objects.order_by("submit_by", "pk").values_list(
        "port", "name", "unlocode", "assessment_state", "approved_on", "expires_on", "submit_by"
    )
    rows = list(facilities[:PAGE])
    header = ["port", "name", "unlocode", "state", "approved", "expires", "submit by"]
    context = Context({"header": header, "rows": rows, "total": Facility.objects.count()})
    return HttpResponse(TABLE.render(context))


def bare_grid(_request: HttpRequest, record_id: int) -> HttpResponse:
    version = AssessmentVersion.objects.only("document").get(
        assessment_id=record_id, assessment__current_version=F("number")
    )
    sections = version.document["sections"]
    items = [i for i in sections["5"]["items"] if i.get("vulnerable") and i.get("significant")]
    threats = [threat["id"] for threat in sections["6"]["threats"]]
    numbers = {(f["item"], f["threat"]): f["number"] for f in sections["7"]["forms"]}
    rows = [
        [item.get("name") or item["id"], *(numbers.get((item["id"], t)) for t in threats)]
        for item in items
    ]
    context = Context({"header": ["", *threats], "rows": rows, "total": len(rows)})
    return HttpResponse(TABLE.render(context))


urlpatterns = [
    path("bench/portfolio/", bare_portfolio),
    path("bench/<int:record_id>/grid/", bare_grid),
    path("", include("bolvaerk.web.urls")),
]
