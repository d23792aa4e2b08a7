"""An assessment as the same JSON document as its file: read (with its version as ETag),
replace (If-Match: the version read; a stale one is 412), its versions, and lifecycle steps."""

from __future__ import annotations

from datetime import date

import pydantic
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.errors import ValidationError
from ninja.params.functions import Header

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.access import access_assessment_by_id, permissions
from bolvaerk.services.api_assessments import do_replace_document, document_of, versions_of
from bolvaerk.services.reviewing import CommentRequired, available_actions, do_return_with_comment
from bolvaerk.services.workspace import NotAllowed, do_transition
from bolvaerk.web.api.auth import user_of
from bolvaerk.web.api.errors import READ_ERRORS, WRITE_ERRORS, Refused
from bolvaerk.web.api.openapi import body_of, document_content
from bolvaerk.web.api.schemas import (
    AssessmentDocument,
    Error,
    Saved,
    TransitionIn,
    TransitionOut,
    VersionOut,
)

router = Router(tags=["assessments"])
EARLIEST_APPROVAL = date(2000, 1, 1)
IF_MATCH = Header(
    None,
    alias="If-Match",
    description='The version you read, as its ETag: "3"',
    pattern=r'^(W/)?"?[0-9]{1,9}"?$',
)


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The version named by If-Match ("3", W/"3" or 3); -1 for anything else (never current)."""
    if value is None:
        return None
    text = value.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() and len(text) < 10 else -1


@router.get(
    "/{int:record_id}",
    response={200: AssessmentDocument, **READ_ERRORS},
    operation_id="get_assessment",
    summary="The current version as the assessment file's JSON; its version is the ETag",
)
def get_assessment(request: HttpRequest, record_id: int, response: HttpResponse) -> object:
    record = access_assessment_by_id(user_of(request), record_id)
    response["ETag"] = etag(record.current_version)
    return document_of(record)


@router.put(
    "/{int:record_id}",
    response={200: Saved, **WRITE_ERRORS, 412: Error, 428: Error},
    operation_id="put_assessment",
    summary="Replace the document (a new version if anything changed)",
    description="Send the document you got with the ETag you got in `If-Match`. The state and "
    "the approval date cannot change here (use the transition). A document that does not "
    "load is 422 with every problem and its path; nothing changes.",
    openapi_extra={"requestBody": {"required": True, "content": document_content()}},
)
def put_assessment(
    request: HttpRequest,
    record_id: int,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
) -> Saved:
    user = user_of(request)
    record = access_assessment_by_id(user, record_id)
    saved, changed = do_replace_document(user, record, parse_if_match(if_match), request.body)
    response["ETag"] = etag(saved.current_version)
    return Saved(version=saved.current_version, changed=changed)


@router.get(
    "/{int:record_id}/versions",
    response={200: list[VersionOut], **READ_ERRORS},
    operation_id="list_versions",
    summary="Every saved version, newest first",
)
def list_versions(request: HttpRequest, record_id: int) -> list[VersionOut]:
    record = access_assessment_by_id(user_of(request), record_id)
    return [
        VersionOut(
            number=version.number,
            created_at=version.created_at,
            created_by=version.created_by.get_username() if version.created_by else None,
            summary=version.summary,
        )
        for version in versions_of(record)
    ]


@router.get(
    "/{int:record_id}/versions/{int:number}",
    response={200: AssessmentDocument, **READ_ERRORS},
    operation_id="get_version",
    summary="One saved version as the assessment file's JSON",
)
def get_version(request: HttpRequest, record_id: int, number: int) -> object:
    record = access_assessment_by_id(user_of(request), record_id)
    return document_of(record, number)


def _approval_date(payload: TransitionIn) -> date:
    on = payload.on or timezone.localdate()
    if not EARLIEST_APPROVAL <= on <= timezone.localdate():
        raise Refused(422, "approval-date", "on")
    return on


@router.post(
    "/{int:record_id}/transition",
    response={200: TransitionOut, **WRITE_ERRORS, 409: Error},
    operation_id="transition_assessment",
    summary="Take a lifecycle step: send_to_review, back_to_draft, submit, approve, return, reopen",
    openapi_extra={"requestBody": body_of(TransitionIn)},
)
def transition(request: HttpRequest, record_id: int, response: HttpResponse) -> TransitionOut:
    user = user_of(request)
    record = access_assessment_by_id(user, record_id)
    try:
        payload = TransitionIn.model_validate_json(request.body or b"{}")
    except pydantic.ValidationError as error:
        errors = [
            {"type": e["type"], "loc": ("body", *e["loc"]), "msg": e["msg"]}
            for e in error.errors(include_url=False)
        ]
        raise ValidationError(errors) from None
    state = LifecycleState(record.state)
    may = permissions(user, record.facility, state)
    if payload.action not in may.actions:
        raise NotAllowed(f"action.{payload.action.value}")
    if payload.action not in available_actions(may, state):
        raise Refused(409, "state", "action")
    if payload.action is Action.RETURN:
        try:
            do_return_with_comment(user, record, payload.comment or "")
        except CommentRequired:
            raise Refused(422, "comment-required", "comment") from None
    elif payload.action is Action.APPROVE:
        do_transition(user, record, Action.APPROVE, on=_approval_date(payload))
    else:
        do_transition(user, record, payload.action)
    response["ETag"] = etag(record.current_version)
    return TransitionOut(state=record.state, version=record.current_version)
