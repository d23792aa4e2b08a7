"""The annex register page (skema 2.1/2.2 maps, org charts 4.1/4.2, company annexes): a table of
the annexes, each row its own plain multipart POST form (edit + upload), a new row to add one,
a remove button per row; and the download of an annex's stored file. Every form carries the
version the page was loaded from: a save after someone else saved the same annex (or added
the same number) is refused (409) with the diff, the typed input kept in its row."""

from __future__ import annotations

import contextlib
from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.services.access import NotFound, access_assessment_by_id, permissions
from bolvaerk.services.annexes import (
    ACCEPTED,
    MEDIA_TYPES,
    AnnexFileError,
    UnknownAnnex,
    annex_file_path,
    do_remove_annex,
    do_save_annex_row,
)
from bolvaerk.services.conflicts import Conflict, assessment_at
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import NotAllowed, load, report_for
from bolvaerk.web.forms.annexes import DELIVERY, FILE_ERRORS, KIND_LABELS, AnnexForm, row_form
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.i18n import request_language
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    posted_base,
)
from bolvaerk.web.views.editor import error_summary

NEW = "new"
# the fields of an annex by their path below it, for the diff of a refused save
ANNEX_LABELS = {
    "number": gettext_lazy("Annex number"),
    "name": gettext_lazy("Name"),
    "kind": gettext_lazy("Kind"),
    "electronic": gettext_lazy("Sent electronically"),
    "registered_letter_sent": gettext_lazy("Registered letter sent"),
    "file": gettext_lazy("File"),
}


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
    base = posted_base(request)
    key = request.POST.get("annex", "")
    index, annex = _posted_annex(record, key, base)
    if key != NEW and annex is None:
        messages.error(request, _("That annex is no longer in the register."))
        return redirect("annexes", record_id=record.pk)
    if "remove" in request.POST:
        return _remove(request, record, key, base)
    form = row_form(
        annex, index, data=request.POST, files=request.FILES, lang=request_language(request)
    )
    if not form.is_valid():
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _render(request, record, bound=form, status=400)
    return _save(request, record, key, form, base)


def _posted_annex(record: AssessmentRecord, key: str, base: int) -> tuple[int | None, Annex | None]:
    """The annex (and its row number) the posted row edits: in the current version, or, when
    someone else removed it meanwhile, as it was in the version the page was loaded from (the
    save is then refused as a conflict, the typed input kept)."""
    if key == NEW:
        return None, None
    versions = [load(record)]
    if base < record.current_version:
        with contextlib.suppress(LookupError):
            versions.append(assessment_at(record, base))
    for version in versions:
        for index, annex in enumerate(version.annexes):
            if annex.id == key:
                return index, annex
    return None, None


def _save(
    request: HttpRequest, record: AssessmentRecord, key: str, form: AnnexForm, base: int
) -> HttpResponse:
    upload = form.cleaned_data.get("upload")
    try:
        saved = do_save_annex_row(
            request.user,
            record,
            None if key == NEW else key,
            form.fields_typed(),
            upload,
            base=base,
        )
    except Conflict as conflict:
        return _refused(request, record, key, form, conflict)
    except NotAllowed:
        messages.error(request, _("You may not edit this assessment in its present state."))
        return _render(request, record, bound=form, status=403)
    except AnnexFileError as error:
        form.add_error("upload", FILE_ERRORS[error.code])
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _render(request, record, bound=form, status=400)
    except InvalidValue as error:
        text = _("Nothing was saved: %(path)s is not valid.") % {"path": error.path}
        messages.error(request, text)
        return _render(request, record, bound=form, status=400)
    except UnknownAnnex:
        messages.error(request, _("That annex is no longer in the register."))
        return redirect("annexes", record_id=record.pk)
    if saved.stored:
        messages.success(request, _("Stored the file %(file)s.") % {"file": saved.stored})
    if saved.changed:
        messages.success(
            request, _("Saved annex %(number)s.") % {"number": form.cleaned_data["number"]}
        )
    elif not upload:
        messages.info(request, _("Nothing changed."))
    return redirect(f"{_url(record)}#annex-row-{saved.annex_id}")


def _refused(
    request: HttpRequest, record: AssessmentRecord, key: str, form: AnnexForm, conflict: Conflict
) -> HttpResponse:
    """The register again (409) with the banner and the diff, the typed input in its row and
    every form based on the current version, so saving once more overwrites deliberately."""
    chosen = form.cleaned_data.get("upload")
    notes = []
    gone = key != NEW and all(annex.id != key for annex in conflict.current.annexes)
    if key == NEW:
        notes.append(
            _(
                "Another annex got the number %(number)s meanwhile. Change your number, or save "
                "again to add yours as well."
            )
            % {"number": form.cleaned_data["number"]}
        )
    elif gone:
        notes.append(
            _(
                "This annex was removed meanwhile. Your input is in the row “Add an annex”: add "
                "it to keep it."
            )
        )
        form = _as_new_row(form, request_language(request))
    if chosen:
        notes.append(
            _(
                "The file %(file)s was not stored either. A browser cannot keep a chosen file "
                "when a page is shown again: choose it once more before you save."
            )
            % {"file": chosen.name}
        )
    context = conflict_context(conflict, ANNEX_LABELS) | {"notes": notes}
    for row in cast("list[dict[str, object]]", context["rows"]):  # kinds as the page names them
        if str(row["path"]).endswith(".kind"):
            row["theirs"] = _kind_label(str(row["theirs"]))
            row["yours"] = _kind_label(str(row["yours"]))
    return _render(
        request, record, bound=form, status=CONFLICT_STATUS, base=conflict.version, conflict=context
    )


def _kind_label(value: str) -> str:
    return str(next((label for kind, label in KIND_LABELS.items() if kind.value == value), value))


def _as_new_row(form: AnnexForm, lang: str) -> AnnexForm:
    """The typed input of a row whose annex was removed meanwhile, as the new row's input."""
    moved = {
        f"{NEW}-{name}": form.data.get(form.add_prefix(name), "")
        for name in form.fields
        if name != "upload"
    }
    new = row_form(None, None, data=moved, lang=lang)
    new.is_valid()  # it was valid as the row: the page shows it without errors
    return new


def _remove(request: HttpRequest, record: AssessmentRecord, key: str, base: int) -> HttpResponse:
    try:
        do_remove_annex(request.user, record, key, base=base)
    except Conflict as conflict:
        context = conflict_context(conflict, ANNEX_LABELS) | {
            "notes": [_("The annex was not removed: its row below shows it as saved now.")]
        }
        return _render(
            request, record, status=CONFLICT_STATUS, base=conflict.version, conflict=context
        )
    except UnknownAnnex:
        messages.error(request, _("That annex is no longer in the register."))
    except NotAllowed:
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
    base: int | None = None,
    conflict: dict[str, object] | None = None,
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
        "base_version": base if base is not None else base_for(request, record.current_version),
        "conflict": conflict,
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
