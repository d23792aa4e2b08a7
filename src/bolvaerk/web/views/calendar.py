"""The expiry calendar (iCalendar) of the logged-in user, and the subscription link for
calendar programs, which cannot log in: a signed token in the query string instead."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bolvaerk.services.access import AnyUser, membership
from bolvaerk.services.expiry_calendar import (
    CalendarTexts,
    calendar_token,
    expiry_calendar,
    user_of_calendar_token,
)

FEED_PATH = "/calendar/feed.ics"  # open to anonymous requests (the token is the login)


def _texts() -> CalendarTexts:
    return CalendarTexts(
        name=_("bolvaerk: submit-by and expiry dates"),
        submit_by=_("{kind} to be submitted by: {facility}"),
        expires=_("{kind} expires: {facility}"),
        description=_("{facility}, {port} ({unlocode})"),
    )


def _response(user: AnyUser) -> HttpResponse:
    member = membership(user)
    with translation.override(member.language if member else "da"):
        body = expiry_calendar(user, _texts(), timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bolvaerk-expiry.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    return _response(request.user)


@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    user = user_of_calendar_token(request.GET.get("token", ""))
    if user is None:
        raise Http404
    return _response(user)


@require_GET
def calendar_link(request: HttpRequest) -> HttpResponse:
    if not isinstance(request.user, User) or membership(request.user) is None:
        raise Http404
    feed = reverse("calendar-feed") + "?token=" + calendar_token(request.user)
    return render(
        request, "bolvaerk/calendar_link.html", {"feed_url": request.build_absolute_uri(feed)}
    )
