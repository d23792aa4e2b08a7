"""URLs of the JSON API (/api/, web.api) and of the page where a user manages their tokens."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from bolvaerk.web.api import api, unknown_path
from bolvaerk.web.views import tokens

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    re_path(r"^api/", unknown_path),  # JSON 404, never the site's HTML page
    path("account/tokens/", tokens.tokens, name="api-tokens"),
    path("account/tokens/revoke/", tokens.revoke, name="api-token-revoke"),
]
