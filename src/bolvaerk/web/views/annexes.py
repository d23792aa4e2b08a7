"""The annex register page (skema 2.1/2.2 maps, org charts 4.1/4.2, company annexes): a table of
the annexes, each row its own plain multipart POST form (edit + upload), a new row to add one,
a remove button per row; and the download of an annex's stored file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.services.access import NotFound, access_assessment_by_id, permissions
from bolvaerk.services.annexes import (
    ACCEPTED,
    MEDIA_TYPES,
    AnnexFileError,
    UnknownAnnex,
    annex_file_path,
    do_add_annex,
    do_edit_annex,
    do_remove_annex,
    do_upload_annex_file,
)
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import NotAllowed, load, report_for
from bolvaerk.web.forms.annexes import DELIVERY, FILE_ERRORS, KIND_LABELS, AnnexForm, row_form
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.i18n import request_language
from bolvaerk.web.views.editor import error_summary

NEW = "new"


def _record(request: HttpRequest, record_id: int) -> AssessmentRecord:
    try:
        return access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    if request.method != "POST":
        return _render(request, record)
    may = permissions(request.user, record.facility, LifecycleState(record.state))
    if not may.edit:
        messages.error(request, _("You may not edit this assessment in its present state."))
        return _render(request, record, status=403)
    key = request.POST.get("annex", "")
    assessment = load(record)
    index = next((i for i, a in enumerate(assessment.annexes) if a.id == key), None)
    if key != NEW and index is None:
        messages.error(request, _("That annex is no longer in the register."))
        return redirect("annexes", record_id=record.pk)
    if "remove" in request.POST and index is not None:
        return _remove(request, record, key)
    annex = None if index is None else assessment.annexes[index]
    form = row_form(
        annex, index, data=request.POST, files=request.FILES, lang=request_language(request)
    )
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _render(request, record, bound=form, status=400)
    return _save(request, record, key, form)


def _save(
    request: HttpRequest, record: AssessmentRecord, key: str, form: AnnexForm
) -> HttpResponse:
    upload = form.cleaned_data.get("upload")
    try:
        if key == NEW:
            key = do_add_annex(request.user, record, form.fields_typed())
            changed = True
        else:
            changed = bool(do_edit_annex(request.user, record, key, form.fields_typed()))
        if upload:
            stored = do_upload_annex_file(request.user, record, key, upload)
            messages.success(request, _("Stored the file %(file)s.") % {"file": stored})
    except NotAllowed:
        messages.error(request, _("You may not edit this assessment in its present state."))
        return _render(request, record, bound=form, status=403)
    except AnnexFileError as error:
        form.add_error("upload", FILE_ERRORS[error.code])
        messages.error(request, _("The file was not stored: correct the fields marked below."))
        return _render(request, record, bound=form, status=400)
    except InvalidValue as error:
        text = _("Nothing was saved: %(path)s is not valid.") % {"path": error.path}
        messages.error(request, text)
        return _render(request, record, bound=form, status=400)
    except UnknownAnnex:
        messages.error(request, _("That annex is no longer in the register."))
        return redirect("annexes", record_id=record.pk)
    if changed:
        messages.success(
            request, _("Saved annex %(number)s.") % {"number": form.cleaned_data["number"]}
        )
    elif not upload:
        messages.info(request, _("Nothing changed."))
    return redirect(f"{_url(record)}#annex-row-{key}")


def _remove(request: HttpRequest, record: AssessmentRecord, key: str) -> HttpResponse:
    try:
        do_remove_annex(request.user, record, key)
    except (NotAllowed, UnknownAnnex):
        messages.error(request, _("The annex could not be removed."))
    else:
        messages.success(request, _("Removed the annex from the register."))
    return redirect("annexes", record_id=record.pk)


def _url(record: AssessmentRecord) -> str:
    return reverse("annexes", args=[record.pk])


def _findings(record: AssessmentRecord, lang: str) -> list[dict[str, object]]:
    order = {"error": 0, "warning": 1, "info": 2}
    shown = []
    for finding in report_entries(report_for(record), lang):
        path = str(finding["path"])
        if path == "annexes" or path.startswith("annexes["):
            shown.append(finding | {"href": f"#{anchor(path)}"})
    return sorted(shown, key=lambda f: (order.get(str(f["severity"]), 3), str(f["path"])))


def _render(
    request: HttpRequest,
    record: AssessmentRecord,
    *,
    bound: AnnexForm | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = request_language(request)
    assessment = load(record)
    may = permissions(request.user, record.facility, LifecycleState(record.state))
    read_only = not may.edit
    rows = []
    for index, annex in enumerate(assessment.annexes):
        mine = bound is not None and bound.prefix == annex.id
        form = bound if mine and bound else row_form(annex, index, lang=lang, read_only=read_only)
        rows.append(
            {
                "annex": annex,
                "key": annex.id,
                "form": form,
                "kind": KIND_LABELS.get(annex.kind, annex.kind.value),
                "delivery": dict(DELIVERY)["electronic" if annex.electronic else "letter"],
            }
        )
    new_form = (
        bound if bound is not None and bound.prefix == NEW else row_form(None, None, lang=lang)
    )
    findings = _findings(record, lang)
    context: dict[str, Any] = {
        "record": record,
        "assessment": assessment,
        "rows": rows,
        "new_form": new_form,
        "may": may,
        "read_only": read_only,
        "findings": findings,
        "counts": {
            sev: sum(1 for f in findings if f["severity"] == sev)
            for sev in ("error", "warning", "info")
        },
        "error_summary": error_summary({"row": bound})
        if bound is not None and status == 400
        else [],
        "accepted": ", ".join(sorted({s.lstrip(".").upper() for s in ACCEPTED} - {"JPEG"})),
    }
    return render(request, "bolvaerk/annexes.html", context, status=status)


@require_GET
def annex_file(request: HttpRequest, record_id: int, annex_id: str) -> HttpResponse | FileResponse:
    """The annex's stored file as an attachment; 404 unless the user may see the assessment."""
    record = _record(request, record_id)
    try:
        path = annex_file_path(record, annex_id)
    except UnknownAnnex:
        messages.error(request, _("That annex has no stored file."))
        return redirect("annexes", record_id=record.pk)
    kind = ACCEPTED.get(path.suffix.lower(), "")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=MEDIA_TYPES.get(kind, "application/octet-stream"),
    )
