"""Renewal in the web: the status panel of an assessment (approval and expiry, an open renewal,
the risk forms still to re-assess) and the button that starts the renewal of an approved one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from bolvaerk.domain.dates import expiry_date, submit_by_date
from bolvaerk.services.web_renewal import (
    AlreadyOpen,
    do_renew,
    may_carry_forward,
    renewal_status,
)
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.forms.base import label
from bolvaerk.web.views.review_base import language, record_or_404, refusal_page

REFUSED: dict[str, Promise] = {
    "create": _(
        "Only the facility's RSO (or, for a port, its PSO) starts a renewal or a major change."
    ),
    "not_approved": _(
        "Only an approved assessment is renewed. A draft is still being prepared: edit it, or "
        "record a major change on it."
    ),
    "state_changed": _("The assessment changed state meanwhile. Open it again and retry."),
    "edit": _("Your role cannot change this assessment in its present state."),
}
ALREADY_OPEN = _(
    "A renewal or major change of this assessment is already under way: continue it here."
)


def refusal(error: NotAllowed) -> PermissionDenied:
    return PermissionDenied(REFUSED.get(error.code, REFUSED["edit"]))


@refusal_page
@require_http_methods(["GET", "POST"])
def renewal_page(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    if request.method == "POST":
        try:
            renewed = do_renew(request.user, record)
        except AlreadyOpen as open_one:
            messages.info(request, ALREADY_OPEN)
            return redirect("renewal", record_id=open_one.successor.pk)
        except NotAllowed as refused:
            raise refusal(refused) from None
        messages.success(
            request,
            _(
                "The renewal has started as a new draft. Every risk form is marked for "
                "re-assessment until it is saved again; the approved assessment is unchanged."
            ),
        )
        return redirect("renewal", record_id=renewed.pk)
    status = renewal_status(record)
    lang = language(request)
    approved = record.approved_on
    before = status.previous.approved_on if status.previous else None
    return render(
        request,
        "bolvaerk/revisions/renewal.html",
        {
            "record": record,
            "status": status,
            "reason": label(f"reason.{status.reason.value}", lang) if status.reason else "",
            "may_renew": may_carry_forward(request.user, record) and status.successor is None,
            "approved": approved,
            "expires": expiry_date(approved) if approved else None,
            "submit_by": submit_by_date(approved) if approved else None,
            "previous_expires": expiry_date(before) if before else None,
            "previous_submit_by": submit_by_date(before) if before else None,
        },
    )
