"""URLs of the annex register: the register page and the download of an annex's file."""

from __future__ import annotations

from django.urls import URLPattern, path

from bolvaerk.web.views import annexes

urlpatterns: list[URLPattern] = [
    path("assessments/<int:record_id>/annexes/", annexes.register, name="annexes"),
    path(
        "assessments/<int:record_id>/annexes/<str:annex_id>/file",
        annexes.annex_file,
        name="annex-file",
    ),
]
