"""The job queue for site administrators: every background job with its attempts and errors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from bolvaerk.services.access import NotFound
from bolvaerk.services.operations import access_jobs, do_queue_reminders

STATUSES = ("READY", "RUNNING", "FAILED", "SUCCESSFUL")


@require_http_methods(["GET"])
def job_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    try:
        rows = access_jobs(request.user, status if status in STATUSES else None)
    except NotFound:
        raise Http404 from None
    return render(
        request, "bolvaerk/jobs.html", {"jobs": rows, "status": status, "statuses": STATUSES}
    )


@require_POST
def queue_reminders(request: HttpRequest) -> HttpResponse:
    try:
        job_id = do_queue_reminders(request.user)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Reminder job queued (%(id)s).") % {"id": job_id})
    return redirect("jobs")
