"""Template context every page gets: the user's organisation and role, the marking."""

from __future__ import annotations

from django.http import HttpRequest

from bolvaerk.services.access import membership


def common(request: HttpRequest) -> dict[str, object]:
    return {"member": membership(request.user)}
