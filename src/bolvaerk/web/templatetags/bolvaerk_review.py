"""The review area's part of the assessment page: `{% review_state as review %}` gives the
lifecycle steps the user may take now, the lifecycle dates, the police review, the comments and
the import and download forms, so the page's template only includes the review partials."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.reviewing import available_actions, lifecycle_dates
from bolvaerk.services.workspace import load
from bolvaerk.web.views.lifecycle import (
    ACTION_LABELS,
    STATE_LABELS,
    police_initial,
    user_name,
)
from bolvaerk.web.views.review import comments_context
from bolvaerk.web.views.review_base import may
from bolvaerk.web.views.review_forms import (
    ApproveForm,
    ImportForm,
    PoliceReviewForm,
    ReturnForm,
    today_text,
)

register = template.Library()

DOWNLOADS = (
    ("docx", _("Word (DOCX)")),
    ("pdf", _("PDF")),
    ("xlsx", _("Register (XLSX)")),
)
READ_ONLY_NOTES: dict[LifecycleState, Any] = {
    LifecycleState.SUBMITTED: _(
        "Submitted to the authority: read-only until it is approved or returned."
    ),
    LifecycleState.APPROVED: _(
        "Approved: this version is frozen. A renewal or a major change starts a new version."
    ),
    LifecycleState.RETURNED: _(
        "Returned by the authority: read the comments, then reopen it as a new draft."
    ),
}
_PATH = (
    LifecycleState.DRAFT,
    LifecycleState.IN_REVIEW,
    LifecycleState.SUBMITTED,
    LifecycleState.APPROVED,
)
_WITH_FORM = {Action.APPROVE, Action.RETURN}
_STYLE = {Action.SUBMIT: "primary", Action.APPROVE: "primary", Action.RETURN: "danger"}


def steps(state: LifecycleState) -> list[dict[str, Any]]:
    """The way through the lifecycle; a returned assessment ends in "returned", not "approved"."""
    path = [*_PATH[:3], state] if state is LifecycleState.RETURNED else list(_PATH)
    position = path.index(state)
    return [
        {
            "key": step.value,
            "label": STATE_LABELS[step],
            "current": index == position,
            "done": index < position,
        }
        for index, step in enumerate(path)
    ]


@register.simple_tag(takes_context=True)
def review_state(context: template.Context) -> dict[str, Any]:
    request, record = context["request"], context["record"]
    allowed = context.get("may") or may(request, record)
    state = LifecycleState(record.state)
    actions = available_actions(allowed, state)
    assessment = context.get("assessment") or load(record)
    police = assessment.sections.introduction.police
    return {
        "actions": [
            {
                "value": action.value,
                "label": ACTION_LABELS[action],
                "with_form": action in _WITH_FORM,
                "style": _STYLE.get(action, "secondary"),
            }
            for action in actions
            if action not in _WITH_FORM
        ],
        "approve_form": ApproveForm(initial={"approved_on": today_text()})
        if Action.APPROVE in actions
        else None,
        "return_form": ReturnForm() if Action.RETURN in actions else None,
        "dates": lifecycle_dates(record),
        "steps": steps(state),
        "read_only_note": READ_ONLY_NOTES.get(state, ""),
        "police": police,
        "police_form": PoliceReviewForm(initial=police_initial(police, user_name(request)))
        if allowed.police_review
        else None,
        "import_form": ImportForm() if allowed.edit else None,
        "downloads": DOWNLOADS,
        **comments_context(request, record),
    }
