"""Who calls the API: a personal token (`Authorization: Bearer <token>`), or the browser
session of a logged-in user (writes then need the CSRF token, as the pages do)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer, SessionAuth

from bolvaerk.services import api_tokens
from bolvaerk.services.access import membership


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_tokens.authenticate(token)
        if user is None:
            return None
        request.user = user
        member = membership(user)
        if member is not None:  # UserLanguageMiddleware ran before the token was known
            translation.activate(member.language)
            request.LANGUAGE_CODE = member.language
        return user


class BrowserSession(SessionAuth):
    """The session of the pages; ninja checks the CSRF token on writes."""


AUTH = [TokenAuth(), BrowserSession(csrf=True)]


def user_of(request: HttpRequest) -> User:
    """The authenticated user of an operation (ninja ran AUTH before the operation)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # pragma: no cover - AUTH returns only users
        raise TypeError(user)
    return user
