"""Login required everywhere but the login page and static files; the user's own language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from bolvaerk.services.access import membership

OPEN_PATHS = ("/login/", "/static/", "/healthz", "/calendar/feed.ics", "/edi/inbox")  # signed
# The API authenticates every operation itself (token or session) and answers 401 JSON, not a
# redirect to the login page (web.api.auth; only /api/openapi.json is public).
API_PATH = "/api/"


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(
            (*OPEN_PATHS, API_PATH)
        ):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in user's language is theirs (Membership.language), not the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        member = membership(request.user) if hasattr(request, "user") else None
        if member is not None:
            translation.activate(member.language)
            request.LANGUAGE_CODE = member.language
        return self.get_response(request)
