"""Lifecycle steps of an assessment (send to review, back to draft, submit, approve with its date,
return with a comment, reopen) and the police review, as plain POST forms that redirect back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from bolvaerk.domain.dates import format_dk_date
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.introduction import PoliceRecord
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.reviewing import (
    CommentRequired,
    Record,
    available_actions,
    do_return_with_comment,
)
from bolvaerk.services.workspace import NotAllowed, do_record_police_review, do_transition, load
from bolvaerk.web.views.review_base import may, record_or_404, refusal_page
from bolvaerk.web.views.review_forms import (
    ApproveForm,
    PoliceReviewForm,
    ReturnForm,
    today_text,
)

STATE_LABELS: dict[LifecycleState, Any] = {
    LifecycleState.DRAFT: _("Draft"),
    LifecycleState.IN_REVIEW: _("In review"),
    LifecycleState.SUBMITTED: _("Submitted"),
    LifecycleState.APPROVED: _("Approved"),
    LifecycleState.RETURNED: _("Returned"),
}
ACTION_LABELS: dict[Action, Any] = {
    Action.SEND_TO_REVIEW: _("Send to review"),
    Action.BACK_TO_DRAFT: _("Back to draft"),
    Action.SUBMIT: _("Submit to the authority"),
    Action.APPROVE: _("Approve"),
    Action.RETURN: _("Return with comments"),
    Action.REOPEN: _("Reopen as a new draft"),
}
ACTION_DONE: dict[Action, Any] = {
    Action.SEND_TO_REVIEW: _("The assessment is in review with the PFSO and the police."),
    Action.BACK_TO_DRAFT: _("The assessment is a draft again."),
    Action.SUBMIT: _("The assessment was submitted to the authority; it is now read-only."),
    Action.APPROVE: _("The assessment was approved."),
    Action.RETURN: _("The assessment was returned with your comment."),
    Action.REOPEN: _("The assessment is a new draft and can be edited again."),
}
ACTION_INTRO: dict[Action, Any] = {
    Action.APPROVE: _(
        "Approving freezes this version. It expires five years after the approval date."
    ),
    Action.RETURN: _(
        "Returning sends the assessment back to the consultant and the PFSO for changes."
    ),
}

POLICE_REFUSED = _(
    "Only the police reviewer of the facility's police district records the police review, "
    "while the assessment is a draft, in review or returned."
)


def _back(record: Record, anchor: str = "review-lifecycle") -> str:
    return reverse("assessment", args=[record.pk]) + f"#{anchor}"


def _form_page(
    request: HttpRequest, record: Record, action: Action, form: forms.Form
) -> HttpResponse:
    return render(
        request,
        "bolvaerk/review/form_page.html",
        {
            "record": record,
            "title": ACTION_LABELS[action],
            "intro": ACTION_INTRO.get(action, ""),
            "form": form,
            "action_url": reverse("review-transition", args=[record.pk]),
            "hidden": {"action": action.value},
            "button": ACTION_LABELS[action],
            "danger": action is Action.RETURN,
        },
    )


@refusal_page
@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, record_id: int) -> HttpResponse:
    """POST action=<step> takes the step; GET ?action=approve|return shows its form alone."""
    record = record_or_404(request, record_id)
    name = (request.POST if request.method == "POST" else request.GET).get("action", "")
    if not name:
        return redirect(_back(record))
    try:
        chosen = Action(name)
    except ValueError:
        raise Http404 from None
    allowed = may(request, record)
    if chosen not in allowed.actions:
        raise PermissionDenied
    if chosen not in available_actions(allowed, LifecycleState(record.state)):
        messages.error(
            request,
            _("This step is not possible while the assessment is “%(state)s”.")
            % {"state": record.state},
        )
        return redirect(_back(record))
    if chosen is Action.APPROVE:
        return _approve(request, record)
    if chosen is Action.RETURN:
        return _return(request, record)
    if request.method != "POST":
        return redirect(_back(record))
    try:
        do_transition(request.user, record, chosen)
    except NotAllowed:
        raise PermissionDenied from None
    messages.success(request, ACTION_DONE[chosen])
    return redirect(_back(record))


def _approve(request: HttpRequest, record: Record) -> HttpResponse:
    if request.method != "POST":
        form = ApproveForm(initial={"approved_on": today_text()})
        return _form_page(request, record, Action.APPROVE, form)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _form_page(request, record, Action.APPROVE, form)
    try:
        do_transition(request.user, record, Action.APPROVE, on=form.cleaned_data["approved_on"])
    except NotAllowed:
        raise PermissionDenied from None
    messages.success(request, ACTION_DONE[Action.APPROVE])
    return redirect(_back(record))


def _return(request: HttpRequest, record: Record) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, record, Action.RETURN, ReturnForm())
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            do_return_with_comment(request.user, record, form.cleaned_data["return_comment"])
        except NotAllowed:
            raise PermissionDenied from None
        except CommentRequired:
            form.add_error(
                "return_comment",
                ReturnForm.base_fields["return_comment"].error_messages["required"],
            )
        else:
            messages.success(request, ACTION_DONE[Action.RETURN])
            return redirect(_back(record))
    return _form_page(request, record, Action.RETURN, form)


@refusal_page
@require_http_methods(["GET", "POST"])
def police_review(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    if not may(request, record).police_review:
        raise PermissionDenied(POLICE_REFUSED)
    if request.method == "POST":
        form = PoliceReviewForm(request.POST)
        if form.is_valid():
            try:
                do_record_police_review(
                    request.user,
                    record,
                    form.cleaned_data["review_date"],
                    form.cleaned_data["representative"].strip(),
                )
            except NotAllowed:
                raise PermissionDenied(POLICE_REFUSED) from None
            messages.success(request, _("The police review was recorded."))
            return redirect(_back(record, "review-police"))
    else:
        police = load(record).sections.introduction.police
        form = PoliceReviewForm(initial=police_initial(police, user_name(request)))
    return render(
        request,
        "bolvaerk/review/form_page.html",
        {
            "record": record,
            "title": _("Police review"),
            "intro": _("Record the date the police reviewed the assessment and who took part."),
            "form": form,
            "action_url": reverse("review-police", args=[record.pk]),
            "button": _("Record the police review"),
        },
    )


def user_name(request: HttpRequest) -> str:
    user = request.user
    return user.get_full_name() if isinstance(user, User) else ""


def police_initial(police: PoliceRecord, name: str) -> dict[str, str]:
    """The police form's start values: what is recorded, else today and the user's name."""
    return {
        "review_date": format_dk_date(police.review_date) if police.review_date else today_text(),
        "representative": police.representative or name,
    }
