"""The findings of the current version: every rule's result with its message in the user's
language (or the one asked for)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from ninja.params.functions import Query

from bolvaerk.services.access import access_assessment_by_id
from bolvaerk.services.validation import report_entries
from bolvaerk.services.workspace import report_for
from bolvaerk.web.api.auth import user_of
from bolvaerk.web.api.errors import READ_ERRORS
from bolvaerk.web.api.schemas import Findings, Language
from bolvaerk.web.i18n import request_language

router = Router(tags=["findings"])

LANG = Query(None, description="Default: your language")


@router.get(
    "/{int:record_id}/findings",
    response={200: Findings, **READ_ERRORS},
    operation_id="get_findings",
    summary="The findings of the current version",
)
def get_findings(
    request: HttpRequest,
    record_id: int,
    lang: Language | None = LANG,
) -> dict[str, object]:
    record = access_assessment_by_id(user_of(request), record_id)
    report = report_for(record)
    language = lang.value if lang else request_language(request)
    return {
        "version": record.current_version,
        "counts": report.counts(),
        "findings": report_entries(report, language),
    }
