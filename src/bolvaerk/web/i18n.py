"""The language of a request: the user's own (set by UserLanguageMiddleware), else Danish."""

from __future__ import annotations

from django.http import HttpRequest


def request_language(request: HttpRequest) -> str:
    code = str(getattr(request, "LANGUAGE_CODE", "da"))[:2]
    return code if code in {"da", "en"} else "da"
