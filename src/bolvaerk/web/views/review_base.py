"""What the review views share: the assessment through access_* (404 for forbidden and missing
alike), the user's permissions in its state, the user's language, the way back to the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import (
    NotFound,
    Permissions,
    access_assessment_by_id,
    permissions,
)
from bolvaerk.services.reviewing import Record
from bolvaerk.web.i18n import request_language

DEFAULT_REASON = _(
    "Your role cannot do this to the assessment in its present state. A submitted or approved "
    "assessment is read-only; returning it opens a new draft."
)


language = request_language  # the request's language, da or en


def record_or_404(request: HttpRequest, record_id: int) -> Record:
    try:
        return access_assessment_by_id(request.user, record_id)
    except NotFound:
        raise Http404 from None


def may(request: HttpRequest, record: Record) -> Permissions:
    return permissions(request.user, record.facility, LifecycleState(record.state))


View = Callable[..., HttpResponse]


def refusal_page(view: View) -> View:
    """A visible assessment the user may not do this to: a 403 page in the product's look that
    says why and leads back (an invisible one stays a plain 404)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:  # noqa: ANN401
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refused:
            reason = refused.args[0] if refused.args else DEFAULT_REASON
            return render(
                request,
                "bolvaerk/review/refused.html",
                {"record_id": kwargs.get("record_id"), "reason": reason},
                status=403,
            )

    return wrapper
