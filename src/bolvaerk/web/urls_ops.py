"""URLs of the operations pages (site administrators)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from bolvaerk.web.views import jobs

urlpatterns: list[URLPattern | URLResolver] = [
    path("ops/jobs/", jobs.job_list, name="jobs"),
    path("ops/jobs/reminders/", jobs.queue_reminders, name="jobs-queue-reminders"),
]
