"""Every error of the API as one JSON shape (schemas.Error): a stable code and a message in the
user's language, plus the problems of a refused document. Registered on the NinjaAPI."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bolvaerk.services.access import NotFound
from bolvaerk.services.api_assessments import DocumentRejected, PreconditionRequired, StaleVersion
from bolvaerk.services.messages import problem_message
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.api.schemas import Error
from bolvaerk.web.i18n import request_language

# The answers an operation may give besides its success, for the OpenAPI description.
READ_ERRORS: dict[int, type[Error]] = {401: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, type[Error]] = {**READ_ERRORS, 403: Error}


class Refused(Exception):  # noqa: N818 - the condition, answered with its status and code
    """A request the API refuses after loading the object (status, code, field path)."""

    def __init__(self, status: int, code: str, path: str = "") -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.path = path


def _refusal_text(code: str) -> str:
    texts = {
        "edit": _(
            "Only the consultants, the PFSO and, for a port, the PSO edit an assessment, and "
            "only while it is a draft, in review or returned."
        ),
        "action-required": _("Name the lifecycle step in “action”."),
        "state": _("This step is not possible in the assessment's present state."),
        "comment-required": _("Returning an assessment needs a comment that says why."),
        "approval-date": _("The approval date must lie between 01-01-2000 and today."),
        "nul-character": _("The text contains a NUL character (U+0000), which cannot be stored."),
        "too-deep": _("The document is nested deeper than any assessment."),
        "other-assessment": _(
            "The document is a different assessment (its id differs); get this one and edit that."
        ),
        "kind-fixed": _("The kind of an assessment (PFSA or PSA) cannot change."),
        "state-via-transition": _(
            "The state and the approval date change only through the transition operation."
        ),
    }
    if code in texts:
        return texts[code]
    if code.startswith("action."):
        return _("You may not take this step on this assessment.")
    return _("You may not do this to this assessment.")


def _answer(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    *,
    problems: list[dict[str, Any]] | None = None,
    current_version: int | None = None,
) -> HttpResponse:
    body = Error.model_validate(
        {"code": code, "message": message, "problems": problems or []}
    ).model_dump(exclude_none=True)
    if current_version is not None:
        body["current_version"] = current_version
    for problem in body["problems"]:  # line and column only where the loader knows them
        for key in ("line", "column"):
            if problem.get(key) is None:
                problem.pop(key, None)
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api`."""

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, _exc: Exception) -> HttpResponse:
        message = _("A valid API token is needed: send the header “Authorization: Bearer <token>”.")
        response = _answer(api, request, 401, "unauthenticated", message)
        response["WWW-Authenticate"] = 'Bearer realm="bolvaerk"'
        return response

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, _exc: Exception) -> HttpResponse:
        return _answer(api, request, 404, "not-found", _("Not found."))

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Exception) -> HttpResponse:
        return not_found(request, exc)

    @api.exception_handler(NotAllowed)
    def not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
        return _answer(api, request, 403, exc.code, _refusal_text(exc.code))

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        message = _refusal_text(exc.code)
        problems = [{"code": exc.code, "path": exc.path, "message": message}] if exc.path else []
        return _answer(api, request, exc.status, exc.code, message, problems=problems)

    @api.exception_handler(PreconditionRequired)
    def precondition_required(request: HttpRequest, _exc: Exception) -> HttpResponse:
        message = _(
            "Send the version you read in the header “If-Match” (the ETag of the GET), so that "
            "nobody's changes are overwritten."
        )
        return _answer(api, request, 428, "if-match-required", message)

    @api.exception_handler(StaleVersion)
    def stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
        message = _(
            "The assessment was changed since you read it (it is now version %(version)d). Get "
            "it again, apply your change to it and send it with the new ETag."
        ) % {"version": exc.current}
        response = _answer(api, request, 412, "stale-version", message, current_version=exc.current)
        response["ETag"] = f'"{exc.current}"'
        return response

    @api.exception_handler(DocumentRejected)
    def rejected(request: HttpRequest, exc: DocumentRejected) -> HttpResponse:
        lang = request_language(request)
        problems = [
            {
                "code": p.code,
                "path": p.path,
                "message": problem_message(p, lang),
                "line": p.line,
                "column": p.column,
            }
            for p in exc.problems
        ]
        problems += [
            {"code": code, "path": path, "message": _refusal_text(code)}
            for code, path in exc.refusals
        ]
        message = _("The document is not a usable assessment; nothing was changed.")
        return _answer(api, request, 422, "invalid-document", message, problems=problems)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        problems = [
            {
                "code": str(error.get("type", "invalid")),
                "path": ".".join(str(part) for part in error.get("loc", ())),
                "message": str(error.get("msg", "")),
            }
            for error in exc.errors
        ]
        message = _("The request has invalid parameters; nothing was changed.")
        return _answer(api, request, 422, "invalid-request", message, problems=problems)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == HTTPStatus.FORBIDDEN:  # ninja's CSRF check of a session write
            message = _(
                "The CSRF check failed: a browser session writes only with its CSRF token "
                "(header X-CSRFToken); programs use an API token instead."
            )
            return _answer(api, request, exc.status_code, "csrf", message)
        return _answer(api, request, exc.status_code, "http-error", str(exc))
