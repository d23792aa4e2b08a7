"""The assessment editor: one page per part of the template, each a plain POST form (redirect
after a save) with its findings panel; rows are added by a button that re-renders the form
with one more row, without saving. Each form carries the version it was loaded from: a save
after someone else saved the same page is refused with the diff, the input kept (409)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.contrib import messages
from django.forms.formsets import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from bolvaerk.content.catalogues import police_districts
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.services.access import (
    NotFound,
    Permissions,
    access_assessment_by_id,
    permissions,
)
from bolvaerk.services.conflicts import Conflict, Part
from bolvaerk.services.editing import do_edit_assessment
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import NotAllowed, load, report_for
from bolvaerk.web.forms import section_2
from bolvaerk.web.i18n import request_language
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    labels_of_forms,
    posted_base,
)
from bolvaerk.web.views.editor_pages import PAGES, Bundle, Page, navigation, page_findings

ROW_TABLES = (
    "participants",
    "abbreviations",
    "traffic",
    "companies",
    "with_duties",
    "without_duties",
    "committee",
    "facilities",
)


def _record(request: HttpRequest, record_id: int) -> AssessmentRecord:
    try:
        return access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None


def start(request: HttpRequest, record_id: int) -> HttpResponse:
    _record(request, record_id)
    return redirect("editor-front", record_id=record_id)


def _valid(bundle: Bundle) -> bool:
    results = [part.is_valid() for part in bundle.values() if hasattr(part, "is_valid")]
    return all(results)


def _form_errors(form: forms.Form, row: str = "") -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label or name) if field is not None else ""
        where = f"{label} ({row})" if row and label else label
        target = str(field.widget.attrs.get("id", "")) if field is not None else ""
        found.extend({"label": where, "message": str(e), "anchor": target} for e in errors)
    return found


def error_summary(bundle: Bundle) -> list[dict[str, str]]:
    """Every error of the page's forms, each naming its field and linking to it."""
    found: list[dict[str, str]] = []
    for part in bundle.values():
        if isinstance(part, forms.Form) and part.is_bound:
            found.extend(_form_errors(part))
        elif isinstance(part, BaseFormSet) and part.is_bound:
            found.extend(
                {"label": "", "message": str(e), "anchor": ""} for e in part.non_form_errors()
            )
            for index, form in enumerate(part.forms, start=1):
                found.extend(_form_errors(form, _("row %(number)d") % {"number": index}))
    return found


def _with_row(data: QueryDict, table: str) -> QueryDict:
    data = data.copy()
    key = f"{table}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


@dataclass(frozen=True, slots=True)
class Screen:
    """One editor page as the user asked for it."""

    request: HttpRequest
    record: AssessmentRecord
    assessment: Assessment
    page: Page
    may: Permissions
    base: int  # the version the form shown was loaded from

    @property
    def lang(self) -> str:
        return request_language(self.request)

    @property
    def read_only(self) -> bool:
        return not self.may.edit

    def build(self, data: QueryDict | None) -> Bundle:
        return self.page.build(self.assessment, data, self.lang, self.read_only)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, record_id: int, page: str) -> HttpResponse:
    record = _record(request, record_id)
    part = PAGES.get(page)
    assessment = load(record)
    if part is None:
        raise Http404
    if part.psa_only and assessment.port is None:  # a PFSA has no port part: its section 4
        return redirect("editor-4", record_id=record.pk)
    may = permissions(request.user, record.facility, LifecycleState(record.state))
    screen = Screen(
        request, record, assessment, part, may, base_for(request, record.current_version)
    )
    if request.method != "POST":
        return _render(screen, screen.build(None))
    table = request.POST.get("add", "")
    if table in ROW_TABLES and not screen.read_only:
        bundle = screen.build(_with_row(request.POST, table))
        return _render(screen, bundle, focus=table)
    return _save(screen, screen.build(request.POST))


def _save(screen: Screen, bundle: Bundle) -> HttpResponse:
    request, page = screen.request, screen.page
    if screen.read_only:
        messages.error(request, _("You may not edit this assessment in its present state."))
        return _render(screen, bundle, status=403)
    if not _valid(bundle):
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _render(screen, bundle, status=400)
    try:
        changed = do_edit_assessment(
            request.user,
            screen.record,
            lambda current: page.apply(current, bundle),
            base=posted_base(request),
            part=Part(page.paths),
        )
    except Conflict as conflict:
        screen = replace(screen, assessment=conflict.current, base=conflict.version)
        context = conflict_context(conflict, labels_of_forms(bundle.values()))
        return _render(screen, bundle, status=CONFLICT_STATUS, conflict=context)
    except NotAllowed:
        messages.error(request, _("You may not edit this assessment in its present state."))
        return _render(screen, bundle, status=403)
    except InvalidValue as error:
        text = _("Nothing was saved: %(path)s is not valid.") % {"path": error.path}
        messages.error(request, text)
        return _render(screen, bundle, status=400)
    if changed:
        text = ngettext(
            "Saved: %(count)d field changed.", "Saved: %(count)d fields changed.", len(changed)
        )
        messages.success(request, text % {"count": len(changed)})
    else:
        messages.info(request, _("Nothing changed."))
    return redirect(f"editor-{page.key}", record_id=screen.record.pk)


def _render(
    screen: Screen,
    bundle: Bundle,
    *,
    status: int = 200,
    focus: str = "",
    conflict: dict[str, object] | None = None,
) -> HttpResponse:
    lang, page, assessment = screen.lang, screen.page, screen.assessment
    report = report_for(screen.record)
    entries = report_entries(report, lang)
    findings = page_findings(screen.record, page, entries)
    context: dict[str, Any] = {
        "record": screen.record,
        "assessment": assessment,
        "page": page,
        "nav": navigation(screen.record, assessment, page.key, entries),
        "findings": findings,
        "counts": {
            sev: sum(1 for f in findings if f["severity"] == sev)
            for sev in ("error", "warning", "info")
        },
        "all_counts": report.counts(),
        "may": screen.may,
        "read_only": screen.read_only,
        "focus": focus,
        "error_summary": error_summary(bundle) if status == 400 else [],
        "base_version": screen.base,
        "conflict": conflict,
        **bundle,
    }
    if page.key == "1":
        context["districts"] = [d.name[lang] for d in police_districts()]
    if page.key == "8":
        context["rows_8_2"] = list(zip(bundle["generated"], bundle["edits"].forms, strict=False))
    if page.key == "2":
        context.update(_traffic_context(assessment, bundle["traffic"], lang))
    return render(screen.request, page.template, context, status=status)


def _traffic_context(assessment: Assessment, formset: Any, lang: str) -> dict[str, Any]:  # noqa: ANN401
    labels = section_2.ship_type_labels(lang)
    rows = []
    for form in formset.forms:
        key = str(form["ship_type"].value() or "")
        rows.append({"form": form, "label": labels.get(key, ""), "own": key not in labels})
    if formset.is_bound and formset.is_valid():
        total = section_2.traffic_total(section_2.traffic_rows(formset))
    else:
        total = section_2.traffic_total(list(assessment.sections.description.traffic))
    return {"traffic_rows": rows, "total": total}


@require_POST
def traffic_total(request: HttpRequest, record_id: int) -> HttpResponse:
    """htmx: the Total row of skema 2.3.1 for the numbers typed so far (nothing is saved)."""
    record = _record(request, record_id)
    formset = section_2.TrafficRows(request.POST, prefix="traffic", path="sections.2.traffic")
    rows = [
        section_2.traffic_rows_of_form(form)
        for form in formset.forms
        if form.is_valid() and not form.cleaned_data.get("DELETE")
    ]
    total = section_2.traffic_total([row for row in rows if row is not None])
    return render(
        request, "bolvaerk/editor/_traffic_total.html", {"total": total, "record": record}
    )
