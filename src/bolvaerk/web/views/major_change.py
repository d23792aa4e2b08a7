"""The major-change wizard (R-FP-10): the seven TS examples as yes/no questions and a description.
When one applies, the assessment gets reason "Større ændring" (on an approved assessment, as a
new draft carried forward) and the page lists the sections to revisit; when none applies,
nothing changes and the page says so."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from bolvaerk.domain.enums import ApplicationReason, LifecycleState, MajorChange
from bolvaerk.services.major_change import (
    DESCRIPTION_CHARS,
    do_major_change,
    may_record,
    questions,
    revisits,
)
from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.web_renewal import AlreadyOpen, forms_to_reassess
from bolvaerk.services.workspace import NotAllowed, load
from bolvaerk.web.views.renewal import ALREADY_OPEN, REFUSED, refusal
from bolvaerk.web.views.review_base import language, record_or_404, refusal_page
from bolvaerk.web.views.revisions import section_url

YES, NO = "yes", "no"
NOT_NOW = _(
    "A submitted assessment waits for the authority's decision. Record the major change when "
    "it is approved (a new draft is started) or returned."
)


class WizardForm(forms.Form):
    """One yes/no question per TS example, named after it; "no" unless answered."""

    description = forms.CharField(
        label=_("Describe the change"),
        help_text=_("What changes, where and from when. Kept in the audit log with the answers."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=DESCRIPTION_CHARS,
    )

    def __init__(
        self,
        data: Any,  # noqa: ANN401 - a QueryDict or None
        lang: str,
        *,
        ticked: tuple[MajorChange, ...] = (),
        disabled: bool = False,
    ) -> None:
        initial = {q.change.value: YES if q.change in ticked else NO for q in questions()}
        super().__init__(data, initial=initial)
        for question in questions():
            self.fields[question.change.value] = forms.ChoiceField(
                label=f"{question.change.value[0]}) {question.text(lang)}",
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
                required=False,
                disabled=disabled,
            )
        self.fields["description"].disabled = disabled
        self.order_fields([*(q.change.value for q in questions()), "description"])

    def answers(self) -> list[MajorChange]:
        return [q.change for q in questions() if self.cleaned_data.get(q.change.value) == YES]

    def questions(self) -> list[forms.BoundField]:
        return [self[q.change.value] for q in questions()]


def _page(
    request: HttpRequest, record: AssessmentRecord, form: WizardForm, *, none_applies: bool = False
) -> HttpResponse:
    assessment = load(record)
    fp = assessment.front_page
    lang = language(request)
    current = []
    if fp.application_reason is ApplicationReason.MAJOR_CHANGE and fp.major_changes:
        current = [
            {
                "question": f"{item.question.change.value[0]}) {item.question.text(lang)}",
                "why": item.question.reason(lang),
                "reassess": item.question.reassess_forms,
                "sections": [(title, section_url(record.pk, key)) for key, title in item.sections],
            }
            for item in revisits(fp.major_changes, record.kind, lang)
        ]
    return render(
        request,
        "bolvaerk/revisions/major_change.html",
        {
            "record": record,
            "form": form,
            "may_record": may_record(request.user, record),
            "approved": record.state == LifecycleState.APPROVED.value,
            "current": current,
            "to_reassess": len(forms_to_reassess(assessment)),
            "none_applies": none_applies,
        },
    )


@refusal_page
@require_http_methods(["GET", "POST"])
def wizard(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    lang = language(request)
    allowed = may_record(request.user, record)
    if request.method != "POST":
        front = load(record).front_page
        ticked = front.major_changes
        if front.application_reason is not ApplicationReason.MAJOR_CHANGE:
            ticked = ()
        form = WizardForm(None, lang, ticked=ticked, disabled=not allowed)
        return _page(request, record, form)
    if not allowed:
        submitted = record.state == LifecycleState.SUBMITTED.value
        raise PermissionDenied(NOT_NOW if submitted else REFUSED["edit"])
    form = WizardForm(request.POST, lang)
    if not form.is_valid():
        return _page(request, record, form)
    answers = form.answers()
    if not answers:
        return _page(request, record, form, none_applies=True)
    try:
        outcome = do_major_change(request.user, record, answers, form.cleaned_data["description"])
    except AlreadyOpen as open_one:
        messages.info(request, ALREADY_OPEN)
        return redirect("major-change", record_id=open_one.successor.pk)
    except NotAllowed as refused:
        raise refusal(refused) from None
    if outcome.record is None:  # not reached: answers were given, so a record carries them
        return _page(request, record, form, none_applies=True)
    if outcome.started:
        messages.success(
            request,
            _(
                "A new draft was started from the approved assessment with the reason “Major "
                "change”. The approved assessment is unchanged. Revisit the sections below."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "The reason “Major change” was recorded as a new version. Revisit the "
                "sections below."
            ),
        )
    return redirect("major-change", record_id=outcome.record.pk)
