"""The audit log of one assessment (who, when, what changed, old and new values) and its version
history, each version viewable as its assessment file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.dates import format_dk_date
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import NotFound
from bolvaerk.services.reviewing import (
    assessment_events,
    path_label,
    version_yaml,
    versions_of,
)
from bolvaerk.web.views.lifecycle import STATE_LABELS
from bolvaerk.web.views.review_base import language, record_or_404

EVENTS_PER_PAGE = 50
VALUE_CHARS = 160  # an old or new value is cut to this length in the table

ACTION_LABELS: dict[str, Any] = {
    "assessment.created": _("Created"),
    "assessment.saved": _("Saved"),
    "assessment.save_conflict": _("Save refused: someone else had saved the same part"),
    "assessment.send_to_review": _("Sent to review"),
    "assessment.back_to_draft": _("Back to draft"),
    "assessment.submit": _("Submitted"),
    "assessment.approve": _("Approved"),
    "assessment.return": _("Returned"),
    "assessment.reopen": _("Reopened as a draft"),
    "assessment.police_review": _("Police review recorded"),
    "comment.added": _("Comment added"),
    "comment.resolved": _("Comment resolved"),
    "comment.reopened": _("Comment reopened"),
}


NOTE_LABELS: dict[str, Any] = {
    "on": _("date"),
    "date": _("date"),
    "version": _("version"),
    "kind": _("kind"),
    "path": _("about"),
}


@dataclass(frozen=True, slots=True)
class Change:
    path: str
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class EventRow:
    at: Any
    actor: str
    action: str
    css: str
    notes: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def show_value(value: object) -> str:
    if value is None or value in ("", [], {}):
        return "\u2013"  # an en dash, as the template writes an empty value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


def _changes(details: dict[str, Any], lang: str) -> list[Change]:
    paths, old, new = details.get("changes", []), details.get("old", []), details.get("new", [])
    rows = []
    for index, path in enumerate(paths):
        before = old[index] if index < len(old) else None
        after = new[index] if index < len(new) else None
        rows.append(Change(path, path_label(path, lang), show_value(before), show_value(after)))
    return rows


def _state(value: object) -> str:
    try:
        return str(STATE_LABELS[LifecycleState(str(value))])
    except ValueError:
        return str(value)


def _shown(value: object) -> str:
    try:
        return format_dk_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _notes(details: dict[str, Any]) -> list[str]:
    notes = []
    if "from" in details and "to" in details:
        notes.append(f"{_state(details['from'])} \u2192 {_state(details['to'])}")
    notes.extend(
        f"{NOTE_LABELS[key]}: {_shown(details[key])}"
        for key in NOTE_LABELS
        if details.get(key) not in (None, "")
    )
    return notes


def event_row(event: Any, lang: str) -> EventRow:  # noqa: ANN401 - an AuditEvent
    actor = event.actor
    name = (actor.get_full_name() or actor.username) if actor is not None else _("system")
    details = event.details if isinstance(event.details, dict) else {}
    return EventRow(
        at=event.at,
        actor=str(name),
        action=str(ACTION_LABELS.get(event.action, event.action)),
        css=event.action.replace(".", "-"),
        notes=_notes(details),
        changes=_changes(details, lang),
    )


def log_page(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    lang = language(request)
    page = Paginator(assessment_events(request.user, record), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "bolvaerk/review/log.html",
        {
            "record": record,
            "page": page,
            "events": [event_row(event, lang) for event in page.object_list],
            "versions": versions_of(record),
        },
    )


def version_export(request: HttpRequest, record_id: int, number: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    try:
        text = version_yaml(record, number)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    name = f"{record.document_id}-v{number}.yaml"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
