"""What the views of sections 5, 6 and 7 share: loading through access_*, the findings panel
filtered to the page's sections, anchors of finding paths, and what a page shows besides its
form for optimistic locking (the base version, a refused save's conflict)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LifecycleState, Severity
from bolvaerk.services.access import NotFound, Permissions, access_assessment_by_id, permissions
from bolvaerk.services.conflicts import Conflict
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.risk_editing import HasForms
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import load, report_for
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.i18n import request_language
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    posted_base,
)

_INDEXED = re.compile(r"^(sections\.(?:5\.items|6\.threats|7\.forms))\[(\d+)\](?:\.(.*))?$")
SHOWN = 100  # findings listed in a page's panel; the counts cover them all
ITEM_TABLE_FIELDS = frozenset({"", "name", "description", "vulnerable", "significant"})


language = request_language  # the request's language, da or en


@dataclass(frozen=True, slots=True)
class Loaded:
    record: AssessmentRecord
    assessment: Assessment
    may: Permissions


@dataclass(frozen=True, slots=True)
class Shown:
    """What a page shows besides its form: the base version the form posts, and the conflict
    banner or the note that the edited element is gone when a save was refused."""

    base: int
    conflict: dict[str, object] | None = None
    gone: bool = False  # someone else removed the element: it can no longer be saved


def confirm_removal(
    request: HttpRequest,
    loaded: Loaded,
    *,
    element: str,
    what: str,
    tab: str,
    labels: Mapping[str, object],
    remove: Callable[[bool, int], None],
) -> HttpResponse | None:
    """The removal of an item (tab "items") or threat ("threats") with its confirmation: the
    question on GET, again while it has risk forms not confirmed away, again with the diff on a
    conflict; None once `remove(with_forms, base)` has removed it. NotAllowed reaches the caller
    (each element has its own refusals)."""
    attribute = "item" if tab == "items" else "threat"
    confirm: dict[str, object] = {
        "record": loaded.record,
        "assessment": loaded.assessment,
        "may": loaded.may,
        "what": what,
        "forms": [
            f for f in loaded.assessment.sections.risk.forms if getattr(f, attribute) == element
        ],
        "back": f"risk-{tab}",
        "tab": tab,
        "element": element,
        "base_version": base_for(request, loaded.record.current_version),
    }
    if request.method != "POST":
        return render(request, "bolvaerk/risk/confirm_remove.html", confirm)
    if not loaded.may.edit:
        raise PermissionDenied
    try:
        remove(request.POST.get("confirm") == "yes", posted_base(request))
    except HasForms:
        return render(request, "bolvaerk/risk/confirm_remove.html", confirm)
    except Conflict as conflict:
        return removal_conflict(request, confirm, conflict, labels)
    return None


def removal_conflict(
    request: HttpRequest,
    confirm: dict[str, object],
    conflict: Conflict,
    labels: Mapping[str, object],
) -> HttpResponse:
    """The question "remove?" again, now with what someone else changed meanwhile (409)."""
    attribute = "item" if confirm.get("tab") == "items" else "threat"
    element = str(confirm.get("element", ""))
    forms = [f for f in conflict.current.sections.risk.forms if getattr(f, attribute) == element]
    context = confirm | {
        "assessment": conflict.current,
        "forms": forms,
        "base_version": conflict.version,
        "conflict": conflict_context(conflict, labels),
    }
    return render(request, "bolvaerk/risk/confirm_remove.html", context, status=CONFLICT_STATUS)


def load_for(request: HttpRequest, record_id: int) -> Loaded:
    """The record (through access_*; forbidden and missing alike are 404) and its assessment."""
    try:
        record = access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None
    may = permissions(request.user, record.facility, LifecycleState(record.state))
    return Loaded(record, load(record), may)


def finding_href(record: AssessmentRecord, assessment: Assessment, path: str) -> str:
    """Where a finding's field is edited: the page of its section, at its anchor."""
    match = _INDEXED.match(path)
    target = f"#{anchor(path)}"
    page = "assessment"
    if path.startswith("sections.6"):
        page = "risk-threats"
    elif path.startswith("sections.5"):
        page = "risk-items"
    if match is None or page == "risk-threats":
        return reverse(page, args=[record.pk]) + target
    table, index, rest = match.group(1), int(match.group(2)), match.group(3) or ""
    if table == "sections.5.items":
        items = assessment.sections.assets.items
        if rest.split(".")[0] in ITEM_TABLE_FIELDS or index >= len(items):
            return reverse("risk-items", args=[record.pk]) + target
        return reverse("risk-item", args=[record.pk, items[index].id]) + target
    forms = assessment.sections.risk.forms
    if index >= len(forms):
        return reverse("risk-grid", args=[record.pk])
    field = ".".join(rest.split(".")[:2]) if rest.startswith("proposed") else rest.split(".")[0]
    field = field.split("[")[0]  # a measure's own path points at its list
    field_anchor = anchor(f"{table}[{index}].{field}") if field else anchor(f"{table}[{index}]")
    return reverse("risk-form", args=[record.pk, forms[index].id]) + f"#{field_anchor}"


def findings_for(
    loaded: Loaded, lang: str, prefixes: tuple[str, ...]
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """The current findings whose path starts with one of `prefixes` (the first SHOWN of
    them, each with its link), and the counts by severity of all of them ("hidden": how many
    are not listed)."""
    report = report_for(loaded.record)
    chosen = [f for f in report.findings if f.path.startswith(prefixes)]
    counts = {severity.value: 0 for severity in Severity}
    for finding in chosen:
        counts[finding.severity.value] += 1
    shown = replace(report, findings=tuple(chosen[:SHOWN]))
    entries = [
        entry
        for entry in report_entries(shown, lang)
        if str(entry["path"]).startswith(prefixes) or str(entry["code"]).startswith("FILE")
    ]
    for entry in entries:
        entry["href"] = finding_href(loaded.record, loaded.assessment, str(entry["path"]))
    counts["hidden"] = max(0, len(chosen) - SHOWN)
    return entries, counts
