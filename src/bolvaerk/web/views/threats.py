"""List 6.1: the catalogue's threats and the facility's own, each judged relevant or not
with an assessment; own threats added, renamed and removed. Every form carries the version it
was loaded from; a save after someone else saved the same threats is refused (409) with the
diff, the typed input kept."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bolvaerk.content.catalogues import load_threat_catalogue
from bolvaerk.content.loading import ContentError
from bolvaerk.services.conflicts import Conflict
from bolvaerk.services.risk_editing import (
    ThreatRow,
    do_add_threat,
    do_remove_threat,
    do_save_threats,
)
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.forms_risk.parsing import tri_choice
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    posted_base,
)
from bolvaerk.web.views.risk_common import (
    Loaded,
    Shown,
    confirm_removal,
    findings_for,
    language,
    load_for,
)

# the fields of list 6.1 by their path below a threat, for the diff of a refused save
THREAT_LABELS = {
    "name": gettext_lazy("Threat"),
    "relevant": gettext_lazy("Relevant here?"),
    "assessment": gettext_lazy("Assessment: why the threat is or is not relevant"),
    "sections.6.sources_text": gettext_lazy(
        "Where the threat picture comes from (PET, the Defence Intelligence Service, the police)"
    ),
}


def _page(
    request: HttpRequest,
    loaded: Loaded,
    typed: dict[str, ThreatRow] | None = None,
    *,
    error: str = "",
    status: int = 200,
    banner: Shown | None = None,
) -> HttpResponse:
    assessment = loaded.assessment
    lang = language(request)
    try:
        catalogue = load_threat_catalogue(assessment.meta.threat_catalogue)
    except ContentError:
        catalogue = None
    printed = {t.id for t in catalogue.preprinted()} if catalogue else set()
    in_list = {t.catalogue for t in assessment.sections.threats.threats}
    rows = []
    for index, threat in enumerate(assessment.sections.threats.threats):
        shown = (typed or {}).get(threat.id)
        relevant = shown.relevant if shown else threat.relevant
        rows.append(
            {
                "threat": threat,
                "code": f"T{index + 1}",
                "a": anchor(f"sections.6.threats[{index}]"),
                "name": shown.name if shown else threat.name,
                "assessment": shown.assessment if shown else threat.assessment,
                "relevant": "yes" if relevant else "no" if relevant is False else "",
                "preprinted": threat.catalogue in printed,
                "basis": catalogue.basis[lang].get(threat.catalogue or "", "") if catalogue else "",
            }
        )
    addable = (
        [
            {"id": t.id, "name": catalogue.threat_name(t.id, lang)}
            for t in catalogue.threats
            if not t.preprinted and t.id not in in_list
        ]
        if catalogue
        else []
    )
    findings, counts = findings_for(loaded, lang, ("sections.6.threats",))
    context = {
        "record": loaded.record,
        "assessment": assessment,
        "may": loaded.may,
        "rows": rows,
        "addable": addable,
        "error": error,
        "findings": findings,
        "counts": counts,
        "base_version": (banner or Shown(loaded.record.current_version)).base,
        "conflict": banner.conflict if banner else None,
        "sources_text": (
            request.POST.get("sources_text", "")
            if typed
            else assessment.sections.threats.sources_text
        ),
    }
    return render(request, "bolvaerk/risk/threats.html", context, status=status)


def threats_page(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    if request.method != "POST":
        return _page(request, loaded)
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    rows = {
        threat.id: ThreatRow(
            name=request.POST.get(f"{threat.id}-name", threat.name).strip(),
            relevant=tri_choice(request.POST, f"{threat.id}-relevant"),
            assessment=request.POST.get(f"{threat.id}-assessment", "").strip(),
        )
        for threat in loaded.assessment.sections.threats.threats
        if f"{threat.id}-name" in request.POST  # shown on the user's page (not added meanwhile)
    }
    try:
        do_save_threats(
            request.user,
            loaded.record,
            rows,
            request.POST.get("sources_text", "").strip(),
            base=base,
        )
    except Conflict as conflict:
        shown = Shown(conflict.version, conflict_context(conflict, THREAT_LABELS))
        loaded = replace(loaded, assessment=conflict.current)
        return _page(request, loaded, rows, status=CONFLICT_STATUS, banner=shown)
    except NotAllowed:
        raise PermissionDenied from None
    messages.success(request, _("List 6.1 saved."))
    return redirect("risk-threats", record_id=record_id)


@require_POST
def add_threat(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    name = request.POST.get("name", "").strip()
    catalogue_id = request.POST.get("catalogue", "").strip() or None
    if not name and not catalogue_id:
        messages.error(request, _("Name the new threat, or pick one from the catalogue."))
        again = Shown(base_for(request, loaded.record.current_version))
        return _page(request, loaded, error="name", status=400, banner=again)
    try:
        threat = do_add_threat(request.user, loaded.record, name, catalogue_id, base=base)
    except NotAllowed as refusal:
        if refusal.code == "edit":
            raise PermissionDenied from None
        raise Http404 from None
    messages.success(request, _("Threat “%(name)s” added to 6.1.") % {"name": threat.name})
    return redirect("risk-threats", record_id=record_id)


def remove_threat(request: HttpRequest, record_id: int, threat_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    threat = loaded.assessment.sections.threats.by_id().get(threat_id)
    if threat is None:
        raise Http404

    def remove(with_forms: bool, base: int) -> None:
        do_remove_threat(request.user, loaded.record, threat_id, with_forms=with_forms, base=base)

    try:
        page = confirm_removal(
            request,
            loaded,
            element=threat_id,
            what=threat.name or threat.id,
            tab="threats",
            labels=THREAT_LABELS,
            remove=remove,
        )
    except NotAllowed as refusal:
        if refusal.code == "edit":
            raise PermissionDenied from None
        messages.error(
            request, _("A pre-printed threat stays in 6.1: judge it not relevant instead.")
        )
        return redirect("risk-threats", record_id=record_id)
    if page is not None:
        return page
    messages.success(request, _("Threat “%(name)s” removed.") % {"name": threat.name or threat.id})
    return redirect("risk-threats", record_id=record_id)
