"""The documents of the current version (DOCX, PDF, XLSX), rendered as the download buttons
render them (services.downloads): an unapproved version carries the draft marking, and a large
assessment is rendered by the background worker (services.render_jobs)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.params.functions import Query

from bolvaerk.services.access import access_assessment_by_id
from bolvaerk.services.downloads import render_bytes
from bolvaerk.services.render_jobs import do_request_render, rendered, renders_in_background
from bolvaerk.services.reviewing import Record
from bolvaerk.web.api.auth import user_of
from bolvaerk.web.api.errors import READ_ERRORS
from bolvaerk.web.api.schemas import DocumentFormat, Language, Rendering

router = Router(tags=["documents"])
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BINARY = {"schema": {"type": "string", "format": "binary"}}
RETRY_AFTER = 2  # seconds; a large PDF takes several

LANG = Query(None, description="Default: the assessment's language")


@router.get(
    "/{int:record_id}/documents/{str:fmt}",
    response={202: Rendering, 503: Rendering, **READ_ERRORS},  # 200 is a file, described below
    operation_id="get_document",
    summary="The current version as a DOCX, PDF or XLSX file",
    description="A large assessment is rendered by the background worker: the first request "
    "queues it and answers 202 with Retry-After; ask again until the file comes (200). "
    "503: the rendering failed (the site administrator sees why on the job page).",
    openapi_extra={
        "responses": {
            200: {
                "description": "The document file (attachment)",
                "content": dict.fromkeys(MEDIA_TYPES.values(), BINARY),
            }
        }
    },
)
def get_document(
    request: HttpRequest,
    record_id: int,
    fmt: DocumentFormat,
    response: HttpResponse,
    lang: Language | None = LANG,
) -> HttpResponse | Status[Rendering]:
    user = user_of(request)
    record = access_assessment_by_id(user, record_id)
    language = lang.value if lang else None
    if renders_in_background(record):
        done = rendered(record, fmt.value, language)
        if done is None:
            return _waiting(user, record, fmt.value, language, response)
        data, filename, media_type = done
    else:
        data, filename, media_type = render_bytes(record, fmt.value, language)
    attachment = HttpResponse(data, content_type=media_type)
    attachment["Content-Disposition"] = f'attachment; filename="{filename}"'
    return attachment


def _waiting(
    user: User, record: Record, fmt: str, lang: str | None, response: HttpResponse
) -> Status[Rendering]:
    status = do_request_render(user, record, fmt, lang)
    if status.failed:
        message = _(
            "The document %(name)s could not be made; the site administrator sees the error "
            "on the job page."
        ) % {"name": status.filename}
        return Status(
            503, Rendering(code="render-failed", message=message, filename=status.filename)
        )
    response["Retry-After"] = str(RETRY_AFTER)
    message = _(
        "The assessment is large, so %(name)s is made in the background. Ask again in a "
        "moment (see Retry-After)."
    ) % {"name": status.filename}
    return Status(202, Rendering(code="rendering", message=message, filename=status.filename))
