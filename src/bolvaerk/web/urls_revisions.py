"""URLs of the revisions pages: the versions and the diff between two, renewal, the major-change
wizard."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from bolvaerk.web.views import major_change, renewal, revisions

A = "assessments/<int:record_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(f"{A}versions/", revisions.versions_page, name="revisions"),
    path(f"{A}versions/diff/", revisions.diff_page, name="revisions-diff"),
    path(f"{A}renewal/", renewal.renewal_page, name="renewal"),
    path(f"{A}major-change/", major_change.wizard, name="major-change"),
]
