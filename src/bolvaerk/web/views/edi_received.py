"""The port's pages: received EDI messages with their verification status and validation result;
one message in detail (for a pre-arrival notification the ship's last ten calls against the
facility's current security level); and a facility's EDI page where its PFSO or PSO sets that
level and the facility's GISIS number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bolvaerk.domain.edi import PreArrivalSecurity
from bolvaerk.services import edi_messages
from bolvaerk.services.access import NotFound
from bolvaerk.services.edi_received import (
    LevelRefused,
    Received,
    access_level_facility,
    access_received,
    compare_calls,
    do_set_security_level,
    level_facilities,
    may_see_received,
    may_set_level,
    parse_time,
    received_for,
    received_for_facility,
)
from bolvaerk.web.i18n import request_language

DASH = "\u2013"  # an en dash for an empty value, as the templates write it
TYPE_LABELS: dict[str, Any] = {
    "isps": gettext_lazy("ISPS pre-arrival security notification"),
    "berman": gettext_lazy("Berth / arrival notification"),
    "wasdis": gettext_lazy("Waste notification"),
    "iftdgn": gettext_lazy("Dangerous goods notification"),
    "aperak": gettext_lazy("Acknowledgement"),
}
LEVEL_ERRORS: dict[str, Any] = {
    "level": gettext_lazy("Choose security level 1, 2 or 3."),
    "format": gettext_lazy(
        "The GISIS number is the UN/LOCODE, a hyphen and four digits, e.g. DKAAR-0001."
    ),
    "port": gettext_lazy("The GISIS number must begin with the facility's UN/LOCODE."),
}


@dataclass(frozen=True, slots=True)
class Row:
    """One received file as the list and the detail page show it."""

    key: str
    received_at: Any
    partner: str
    type: str
    message_id: str
    verified: bool
    status: str  # the reason in the user's language when quarantined
    validation: str
    validation_css: str
    findings: list[tuple[str, str, str, str]]  # severity, code, path, text
    facility: Any


def _validation(received: Received, lang: str) -> tuple[str, str, list[tuple[str, str, str, str]]]:
    reading = received.reading
    if reading.message is None:
        if reading.error_text:
            return _("Unreadable: %(why)s") % {"why": reading.error_text[lang]}, "sev-error", []
        return _("No payload (it could not be decrypted)"), "muted", []
    found = [
        (f.severity.value, f.code, f.path, edi_messages.finding_text(f, lang))
        for f in reading.findings
    ]
    errors = sum(1 for f in reading.findings if f.severity.value == "error")
    if errors:
        text = _("%(errors)d errors, %(warnings)d warnings") % {
            "errors": errors,
            "warnings": len(found) - errors,
        }
        return text, "sev-error", found
    if found:
        return _("Valid, %(count)d warnings") % {"count": len(found)}, "sev-warning", found
    return _("Valid"), "ok", found


def _row(received: Received, facility: Any, lang: str) -> Row:  # noqa: ANN401 - a Facility
    text, css, found = _validation(received, lang)
    return Row(
        key=received.key,
        received_at=parse_time(received.received_at),
        partner=received.partner or DASH,
        type=str(TYPE_LABELS.get(received.type, received.type or DASH)),
        message_id=received.message_id or DASH,
        verified=received.verified,
        status=_("Verified") if received.verified else received.reason_in(lang),
        validation=text,
        validation_css=css,
        findings=found,
        facility=facility,
    )


@require_http_methods(["GET"])
def received_list(request: HttpRequest) -> HttpResponse:
    try:
        found = received_for(request.user)
    except NotFound:
        raise Http404 from None
    lang = request_language(request)
    rows = [_row(received, facility, lang) for received, facility in found]
    own = level_facilities(request.user)
    return render(request, "bolvaerk/edi/received.html", {"rows": rows, "own": own})


@require_http_methods(["GET"])
def message_detail(request: HttpRequest) -> HttpResponse:
    try:
        received, facility = access_received(request.user, request.GET.get("key", ""))
    except NotFound:
        raise Http404 from None
    lang = request_language(request)
    message = received.reading.message
    isps = message if isinstance(message, PreArrivalSecurity) else None
    return render(
        request,
        "bolvaerk/edi/message.html",
        {
            "row": _row(received, facility, lang),
            "received": received,
            "isps": isps,
            "comparison": compare_calls(isps, facility) if isps is not None else None,
            "facility": facility,
        },
    )


class FacilityEdiForm(forms.Form):
    security_level = forms.TypedChoiceField(
        label=gettext_lazy("Current security level"),
        choices=[(1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        error_messages={"invalid_choice": LEVEL_ERRORS["level"], "required": LEVEL_ERRORS["level"]},
    )
    gisis_number = forms.CharField(
        label=gettext_lazy("GISIS port facility number"),
        required=False,
        max_length=10,
        help_text=gettext_lazy(
            "UN/LOCODE-NNNN, e.g. DKAAR-0001: received notifications that name this number "
            "are shown to the facility."
        ),
    )


@require_http_methods(["GET", "POST"])
def facility_edi(request: HttpRequest, facility_id: int) -> HttpResponse:
    try:
        facility = access_level_facility(request.user, facility_id)
    except NotFound:
        raise Http404 from None
    may_edit = may_set_level(request.user, facility)
    status = 200
    if request.method == "POST":
        form = FacilityEdiForm(request.POST)
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                do_set_security_level(
                    request.user,
                    facility.pk,
                    form.cleaned_data["security_level"],
                    form.cleaned_data["gisis_number"],
                )
            except NotFound:
                raise Http404 from None
            except LevelRefused as refusal:
                form.add_error(refusal.field, str(LEVEL_ERRORS[refusal.code]))
            else:
                messages.success(request, _("The facility's EDI settings were saved."))
                return redirect("edi-facility", facility_id=facility.pk)
        status = 400
    else:
        form = FacilityEdiForm(
            initial={
                "security_level": facility.security_level,
                "gisis_number": facility.gisis_number,
            }
        )
    lang = request_language(request)
    rows = [_row(r, facility, lang) for r in received_for_facility(request.user, facility)]
    return render(
        request,
        "bolvaerk/edi/facility.html",
        {
            "facility": facility,
            "form": form,
            "may_edit": may_edit,
            "sees_messages": may_see_received(request.user),
            "rows": rows,
        },
        status=status,
    )
