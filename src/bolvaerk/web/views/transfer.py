"""Import of an assessment file (YAML) over the current version, and document downloads (DOCX,
PDF, XLSX) of the current version through services.downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from bolvaerk.services.downloads import UnknownFormat, render_bytes
from bolvaerk.services.render_jobs import do_request_render, rendered, renders_in_background
from bolvaerk.services.reviewing import ImportRejected, Record, do_import_file
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.views.review_base import language, may, record_or_404, refusal_page
from bolvaerk.web.views.review_forms import ImportForm

IMPORT_REFUSED = _(
    "Only the consultants, the PFSO and, for a port, the PSO import a file, and only while the "
    "assessment is a draft, in review or returned. A submitted or approved one is read-only."
)


def _import_page(
    request: HttpRequest, record: Record, form: ImportForm, problems: list[str] | None = None
) -> HttpResponse:
    return render(
        request,
        "bolvaerk/review/form_page.html",
        {
            "record": record,
            "title": _("Import an assessment file"),
            "intro": _(
                "The file replaces the current version as a new version; the audit log keeps "
                "what changed. A file with problems changes nothing."
            ),
            "form": form,
            "action_url": reverse("review-import", args=[record.pk]),
            "button": _("Import"),
            "multipart": True,
            "problems": problems or [],
        },
    )


@refusal_page
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    if not may(request, record).edit:
        raise PermissionDenied(IMPORT_REFUSED)
    if request.method != "POST":
        return _import_page(request, record, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, record, form)
    upload = form.cleaned_data["file"]
    try:
        changed = do_import_file(
            request.user, record, str(upload.name), upload.read(), language(request)
        )
    except ImportRejected as rejected:
        return _import_page(request, record, form, rejected.messages)
    except NotAllowed as refused:
        if refused.code == "import_other_assessment":
            problem = _("The file is a different assessment; export this one and edit that.")
            return _import_page(request, record, form, [str(problem)])
        raise PermissionDenied(IMPORT_REFUSED) from None
    if changed:
        text = ngettext(
            "The file was imported: %(count)d field changed.",
            "The file was imported: %(count)d fields changed.",
            len(changed),
        ) % {"count": len(changed)}
        messages.success(request, text)
    else:
        messages.info(request, _("The file is the same as the current version; nothing changed."))
    return redirect(reverse("assessment", args=[record.pk]))


@require_GET
def download(request: HttpRequest, record_id: int) -> HttpResponse:
    """?format=docx|pdf|xlsx (&lang=da|en): the current version as a document file. A large
    assessment is rendered by the background worker: the first request queues it and shows a
    page that waits for the file."""
    record = record_or_404(request, record_id)
    fmt = request.GET.get("format", "")
    if not fmt:
        return redirect(reverse("assessment", args=[record.pk]) + "#review-lifecycle")
    lang = request.GET.get("lang") or None
    try:
        if renders_in_background(record):
            return _rendered_or_status(request, record, fmt, lang)
        data, filename, media_type = render_bytes(record, fmt, lang)
    except UnknownFormat:
        raise Http404 from None
    return _attachment(data, filename, media_type)


def _attachment(data: bytes, filename: str, media_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rendered_or_status(
    request: HttpRequest, record: Record, fmt: str, lang: str | None
) -> HttpResponse:
    done = rendered(record, fmt, lang)
    if done is not None:
        return _attachment(*done)
    status = do_request_render(request.user, record, fmt, lang)
    return render(
        request,
        "bolvaerk/review/render_status.html",
        {"record": record, "status": status, "query": request.GET.urlencode()},
    )
