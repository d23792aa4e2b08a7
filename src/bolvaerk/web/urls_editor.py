"""URLs of the assessment editor: one page per part of the template (editor-front, editor-1, ...,
editor-port, editor-8)."""

from __future__ import annotations

from django.urls import URLPattern, path

from bolvaerk.web.views import editor
from bolvaerk.web.views.editor_pages import PAGES

urlpatterns: list[URLPattern] = [
    path("assessments/<int:record_id>/edit/", editor.start, name="editor"),
    path(
        "assessments/<int:record_id>/edit/traffic-total/",
        editor.traffic_total,
        name="editor-traffic-total",
    ),
    *(
        path(
            f"assessments/<int:record_id>/edit/{key}/",
            editor.edit,
            {"page": key},
            name=f"editor-{key}",
        )
        for key in PAGES
    ),
]
