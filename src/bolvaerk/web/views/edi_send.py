"""The ship agent's page: fill an ISPS pre-arrival security notification, "Check" it against the
EDI rules (findings next to their fields, with the rule code), "Send" it signed and encrypted to
a port from the partner directory; and the list of sent messages with their receipts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bolvaerk.domain.edi import PreArrivalSecurity
from bolvaerk.domain.findings import Finding
from bolvaerk.services import edi_messages
from bolvaerk.services.access import NotFound
from bolvaerk.services.edi_web import (
    SendRefused,
    SendSetup,
    access_send_setup,
    check_notification,
    do_send_notification,
    sent_messages,
)
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.forms.edi_isps import NotificationForms, bind, build_message, initial_from
from bolvaerk.web.i18n import request_language

GROUP_TITLES: dict[str, Any] = {
    "ship": gettext_lazy("Ship"),
    "company": gettext_lazy("Company"),
    "cso": gettext_lazy("Company security officer (24 hours)"),
    "call": gettext_lazy("Arrival"),
    "issc": gettext_lazy("International Ship Security Certificate (ISSC)"),
    "": gettext_lazy("Security"),
    "agent": gettext_lazy("Agent"),
    "last_calls": gettext_lazy("The last ten calls at port facilities (newest first)"),
    "ship_to_ship": gettext_lazy("Ship-to-ship activities in the same period"),
}
# Findings about parts the page fills in itself are shown at the field the user controls.
ALIASES = {"header.prepared_at": "call.eta", "header.recipient": "send.partner"}
RECEIPT_LABELS: dict[str, Any] = {
    "accepted": gettext_lazy("accepted by the port"),
    "rejected": gettext_lazy("rejected by the port"),
    "duplicate": gettext_lazy("a duplicate of an earlier message"),
    "waiting": gettext_lazy("waiting for the receipt"),
    "receipt-refused": gettext_lazy("a receipt came back but did not verify"),
}


@dataclass
class Note:
    code: str
    severity: str
    text: str
    href: str
    where: str = ""  # the field's label, for the summary


@dataclass
class FieldView:
    bound: BoundField
    notes: list[Note] = field(default_factory=list)


@dataclass
class RowView:
    number: int
    cells: list[FieldView]
    notes: list[Note] = field(default_factory=list)


@dataclass
class PartView:
    key: str
    title: str
    anchor: str
    fields: list[FieldView] = field(default_factory=list)
    rows: list[RowView] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    management: Any = None
    notes: list[Note] = field(default_factory=list)


@dataclass
class Layout:
    parts: list[PartView]
    by_path: dict[str, FieldView]
    rows: dict[str, RowView]
    general: list[Note] = field(default_factory=list)
    summary: list[Note] = field(default_factory=list)


def _layout(forms_: NotificationForms) -> Layout:
    parts, by_path, rows = [], {}, {}
    options = PartView("send", str(_("Sending")), "send")
    for name in ("partner", "form"):
        view = FieldView(forms_.options[name])
        options.fields.append(view)
        by_path[f"send.{name}"] = view
    for path, form in forms_.parts.items():
        part = PartView(path, str(GROUP_TITLES[path]), anchor(path or "security"))
        for bound in form:
            view = FieldView(bound)
            part.fields.append(view)
            by_path[f"{path}.{bound.name}" if path else bound.name] = view
        parts.append(part)
    for table, formset in (
        ("last_calls", forms_.last_calls),
        ("ship_to_ship", forms_.ship_to_ship),
    ):
        part = PartView(
            table, str(GROUP_TITLES[table]), anchor(table), management=formset.management_form
        )
        part.headers = [str(f.label) for f in formset.empty_form]
        for index, form in enumerate(formset.forms):
            row = RowView(index + 1, [FieldView(bound) for bound in form])
            for view in row.cells:
                by_path[f"{table}[{index}].{view.bound.name}"] = view
            rows[f"{table}[{index}]"] = row
            part.rows.append(row)
        parts.append(part)
    return Layout([options, *parts], by_path, rows)


def _row_path(path: str, forms_: NotificationForms) -> str:
    """A finding path about the message's i-th call -> the form row it was typed in (blank
    rows are left out of the message, so the two can differ)."""
    for table in ("last_calls", "ship_to_ship"):
        prefix = f"{table}["
        if path.startswith(prefix) and "]" in path:
            number, rest = path[len(prefix) :].split("]", 1)
            kept = forms_.kept_rows.get(table, [])
            if number.isdigit() and int(number) < len(kept):
                return f"{table}[{kept[int(number)]}]{rest}"
    return path


def place_findings(
    layout: Layout, forms_: NotificationForms, findings: tuple[Finding, ...], lang: str
) -> None:
    for finding in findings:
        path = _row_path(ALIASES.get(finding.path, finding.path), forms_)
        note = Note(
            code=finding.code,
            severity=finding.severity.value,
            text=edi_messages.finding_text(finding, lang),
            href=f"#{anchor(path)}",
        )
        if path in layout.by_path:
            view = layout.by_path[path]
            note.where = str(view.bound.label)
            view.notes.append(note)
        elif path in layout.rows:
            layout.rows[path].notes.append(note)
        else:
            part = next((p for p in layout.parts if p.key == path.split(".")[0]), None)
            (part.notes if part is not None else layout.general).append(note)
        layout.summary.append(note)


def _page(
    request: HttpRequest,
    setup: SendSetup,
    forms_: NotificationForms,
    *,
    findings: tuple[Finding, ...] = (),
    checked: bool = False,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    layout = _layout(forms_)
    place_findings(layout, forms_, findings, request_language(request))
    errors = sum(1 for f in findings if f.severity.value == "error")
    return render(
        request,
        "bolvaerk/edi/send.html",
        {
            "setup": setup,
            "layout": layout,
            "checked": checked,
            "errors": errors,
            "warnings": len(findings) - errors,
            "problem": problem,
            "invalid": _typing_errors(forms_),
        },
        status=status,
    )


def _typing_errors(forms_: NotificationForms) -> int:
    """How many fields were typed in a way that could not be read (dates, numbers, …)."""
    every = [forms_.options, *forms_.parts.values(), *forms_.last_calls, *forms_.ship_to_ship]
    return sum(len(form.errors) for form in every)


@require_http_methods(["GET", "POST"])
def send_page(request: HttpRequest) -> HttpResponse:
    try:
        setup = access_send_setup(request.user)
    except NotFound:
        raise Http404 from None
    lang = request_language(request)
    partners = [p.name for p in setup.partners]
    if request.method != "POST":
        example = request.GET.get("example") == "1"
        sample = edi_messages.example("isps") if example else None
        initial = initial_from(sample) if isinstance(sample, PreArrivalSecurity) else None
        return _page(request, setup, bind(None, lang, partners, initial))
    forms_ = bind(request.POST, lang, partners)
    if not forms_.all_valid():
        return _page(request, setup, forms_, status=400)
    message = build_message(forms_)
    partner = forms_.options.cleaned_data["partner"]
    if request.POST.get("action") != "send":
        findings = check_notification(request.user, message, partner)
        return _page(request, setup, forms_, findings=findings, checked=True)
    if not partner:
        forms_.options.add_error("partner", _("Choose the port to send the notification to."))
        return _page(request, setup, forms_, status=400)
    try:
        outcome = do_send_notification(
            request.user, message, partner, form=forms_.options.cleaned_data["form"]
        )
    except SendRefused as refusal:
        return _page(
            request,
            setup,
            forms_,
            findings=refusal.findings,
            checked=bool(refusal.findings),
            problem=refusal.text(lang),
            status=400,
        )
    messages.success(
        request,
        _("Sent %(id)s to %(partner)s, signed and encrypted. Receipt: %(receipt)s.")
        % {
            "id": outcome.message_id,
            "partner": outcome.partner,
            "receipt": RECEIPT_LABELS.get(outcome.receipt, outcome.receipt),
        },
    )
    return redirect("edi-sent")


@dataclass(frozen=True, slots=True)
class SentRow:
    message_id: str
    partner: str
    sent_at: str
    receipt: str
    receipt_at: str
    reasons: str


@require_http_methods(["GET"])
def sent_list(request: HttpRequest) -> HttpResponse:
    try:
        setup = access_send_setup(request.user)
        records = sent_messages(request.user)
    except NotFound:
        raise Http404 from None
    rows = [
        SentRow(
            message_id=r.message_id,
            partner=r.partner,
            sent_at=r.sent_at,
            receipt=str(RECEIPT_LABELS.get(r.receipt_result or "waiting", r.receipt_result)),
            receipt_at=r.receipt_at,
            reasons=", ".join(r.receipt_reasons),
        )
        for r in records
    ]
    return render(request, "bolvaerk/edi/sent.html", {"setup": setup, "rows": rows})
