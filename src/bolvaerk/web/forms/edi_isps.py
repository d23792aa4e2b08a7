"""The ISPS pre-arrival security notification as web forms: one form per part of the message
(ship, company, CSO, arrival, ISSC, security, agent) and a formset each for the last ten calls
and the ship-to-ship activities. Every widget's id is the anchor of the EDI finding path of its
field (ship.imo_number -> ship-imo_number, last_calls[2].port -> last_calls-2--port), so a
finding is shown next to its field; what was typed is always kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.edi import (
    Arrival,
    Company,
    Contact,
    Header,
    Issc,
    IsscType,
    PortCall,
    PreArrivalSecurity,
    Ship,
)
from bolvaerk.domain.edi.isps import MAX_LAST_CALLS, ShipToShip
from bolvaerk.web.forms.base import EditorForm, RowFormSet, rows_formset, vars_of

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]
LEVEL_CHOICES = [("", "—"), ("1", "1"), ("2", "2"), ("3", "3")]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _text(label: Any, *, max_length: int = 200, **kwargs: Any) -> forms.CharField:  # noqa: ANN401
    return forms.CharField(label=label, required=False, max_length=max_length, **kwargs)


def _note(label: Any) -> forms.CharField:  # noqa: ANN401 - a lazy label
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


def _date(label: Any, **kwargs: Any) -> forms.DateField:  # noqa: ANN401
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"placeholder": "dd-mm-yyyy"}, format="%d-%m-%Y"),
        error_messages={"invalid": _("Write the date as dd-mm-yyyy, e.g. 26-11-2026.")},
        **kwargs,
    )


class ShipForm(EditorForm):
    imo_number = _text(_("IMO number"), max_length=20)
    name = _text(_("Ship's name"))
    call_sign = _text(_("Call sign"), max_length=20)
    flag = _text(_("Flag (country code)"), max_length=10)
    port_of_registry = _text(_("Port of registry (UN/LOCODE)"), max_length=10)
    ship_type = _text(_("Ship type"))
    gross_tonnage = forms.DecimalField(
        label=_("Gross tonnage"), required=False, max_digits=12, decimal_places=2
    )


class CompanyForm(EditorForm):
    name = _text(_("Company"))
    imo_number = _text(_("Company IMO number"), max_length=20)


class ContactForm(EditorForm):
    family_name = _text(_("Family name"))
    given_name = _text(_("Given name"))
    organisation = _text(_("Organisation"))
    phone = _text(_("Telephone"), max_length=40)
    mobile = _text(_("Mobile (24 hours)"), max_length=40)
    email = forms.EmailField(label=_("E-mail"), required=False)


class CallForm(EditorForm):
    port = _text(_("Port of arrival (UN/LOCODE)"), max_length=10)
    facility = _text(_("Port facility (GISIS number)"), max_length=20)
    eta = forms.DateTimeField(
        label=_("Expected arrival (local time)"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("The expected time of arrival is required."),
            "invalid": _("Write the arrival as dd-mm-yyyy hh:mm, e.g. 26-11-2026 14:00."),
        },
    )
    purpose = _text(_("Purpose of the call"))


class IsscForm(EditorForm):
    valid = forms.ChoiceField(label=_("ISSC valid"), choices=YES_NO, initial="yes")
    type = forms.ChoiceField(
        label=_("ISSC type"),
        choices=[(IsscType.FULL.value, _("Full")), (IsscType.INTERIM.value, _("Interim"))],
        initial=IsscType.FULL.value,
    )
    issuer = _text(_("Issuing government (country code)"), max_length=10)
    rso_name = _text(_("Issued by RSO"))
    expiry = _date(_("Expiry date"))
    identifier = _text(_("Certificate number"), max_length=60)
    no_valid_reason = _note(_("Why there is no valid ISSC"))


class SecurityForm(EditorForm):
    ssp_on_board = forms.ChoiceField(
        label=_("Approved ship security plan on board"), choices=YES_NO, initial="yes"
    )
    security_level = forms.ChoiceField(
        label=_("The ship's current security level"),
        choices=LEVEL_CHOICES,
        error_messages={"required": _("Choose the ship's current security level (1, 2 or 3).")},
    )
    higher_level_reason = _note(_("Reason for a higher security level"))
    missing_calls_reason = _note(_("Why fewer than ten calls are given"))
    other_matters = _note(_("Other security matters (stowaways, rescued persons …)"))


class LastCallForm(EditorForm):
    port = _text(_("Port (UN/LOCODE)"), max_length=10)
    facility = _text(_("Port facility (GISIS number)"), max_length=20)
    arrival = _date(_("Arrival"))
    departure = _date(_("Departure"))
    security_level = forms.ChoiceField(label=_("Security level"), choices=LEVEL_CHOICES)
    additional_measures = _note(_("Additional security measures"))

    def setup(self) -> None:
        self.fields["security_level"].required = False


class ShipToShipForm(EditorForm):
    location = _text(_("Place (UN/LOCODE, name or position)"))
    start = _date(_("Start"))
    end = _date(_("End"))
    activity = _text(_("Activity"))
    measures = _note(_("Security procedures kept"))


class SendOptionsForm(forms.Form):
    partner = forms.ChoiceField(
        label=_("Send to"),
        required=False,
        error_messages={"invalid_choice": _("Choose a port from the partner directory.")},
    )
    form = forms.ChoiceField(
        label=_("Message form"),
        choices=[("xml", "XML"), ("edifact", "UN/EDIFACT")],
        initial="xml",
    )


_REQUIRED_IN_A_ROW = {
    "last_calls": ("arrival", "departure", "security_level"),
    "ship_to_ship": ("start", "end"),
}
LastCalls = rows_formset(LastCallForm, extra=0, can_delete=False)
ShipToShips = rows_formset(ShipToShipForm, extra=0, can_delete=False)
PARTS: tuple[tuple[str, type[EditorForm]], ...] = (
    ("ship", ShipForm),
    ("company", CompanyForm),
    ("cso", ContactForm),
    ("call", CallForm),
    ("issc", IsscForm),
    ("", SecurityForm),
    ("agent", ContactForm),
)
STS_ROWS = 3


@dataclass
class NotificationForms:
    """Every form of the page, bound to the POST or filled from a message."""

    options: SendOptionsForm
    parts: dict[str, EditorForm]
    last_calls: RowFormSet
    ship_to_ship: RowFormSet
    kept_rows: dict[str, list[int]] = field(default_factory=dict)  # message index -> row

    def all_valid(self) -> bool:
        results = [self.options.is_valid(), self.last_calls.is_valid()]
        results += [self.ship_to_ship.is_valid()]
        results += [form.is_valid() for form in self.parts.values()]
        complete = self._rows_complete()  # also when other parts failed: all errors at once
        return all(results) and complete

    def _rows_complete(self) -> bool:
        complete = True
        for table, formset in (
            ("last_calls", self.last_calls),
            ("ship_to_ship", self.ship_to_ship),
        ):
            self.kept_rows[table] = []
            for index, form in enumerate(formset.forms):
                data = form.cleaned_data
                if not any(value not in ("", None) for value in data.values()):
                    continue
                self.kept_rows[table].append(index)
                for name in _REQUIRED_IN_A_ROW[table]:
                    if data.get(name) in ("", None):
                        form.add_error(name, _("Required when the row is filled in."))
                        complete = False
        for index in self.kept_rows["last_calls"][MAX_LAST_CALLS:]:
            self.last_calls.forms[index].add_error("port", _("Give at most the last ten calls."))
            complete = False
        return complete


def _prefix(path: str) -> str:
    return path or "security"


def bind(
    data: QueryDict | None,
    lang: str,
    partners: list[str],
    initial: dict[str, Any] | None = None,
) -> NotificationForms:
    """The forms of the page: bound to `data`, or unbound with `initial` (from a message)."""
    initial = initial or {}
    parts = {
        path: form_class(
            data, prefix=_prefix(path), path=path, lang=lang, initial=initial.get(path)
        )
        for path, form_class in PARTS
    }
    options = SendOptionsForm(data, prefix="send")
    choices = [("", "—"), *((name, name) for name in partners)]
    options.fields["partner"].choices = choices  # type: ignore[attr-defined]
    calls = initial.get("last_calls", [])
    sts = initial.get("ship_to_ship", [])
    return NotificationForms(
        options=options,
        parts=parts,
        last_calls=_formset(LastCalls, data, "last_calls", lang, calls, MAX_LAST_CALLS),
        ship_to_ship=_formset(ShipToShips, data, "ship_to_ship", lang, sts, STS_ROWS),
    )


def _formset(  # noqa: PLR0917 - one private call shape
    kind: type[RowFormSet],
    data: QueryDict | None,
    path: str,
    lang: str,
    rows: list[dict[str, Any]],
    size: int,
) -> RowFormSet:
    if data is not None:
        return kind(data, prefix=path, path=path, lang=lang)
    filled = list(rows) + [{} for _ in range(max(0, size - len(rows)))]
    return kind(prefix=path, path=path, lang=lang, initial=filled)


def _yes(value: str) -> bool:
    return value == "yes"


def _level(value: str) -> int:
    return int(value) if value else 0


def _contact(data: dict[str, Any]) -> Contact:
    return Contact(**{name: data.get(name) or "" for name in Contact.__dataclass_fields__})


def _aware(value: datetime) -> datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def build_message(forms_: NotificationForms) -> PreArrivalSecurity:
    """The notification from valid forms (all_valid() first); the header is a placeholder the
    service replaces (message id, sender, recipient, prepared-at)."""
    d = {path: form.cleaned_data for path, form in forms_.parts.items()}
    ship, call, issc, sec = d["ship"], d["call"], d["issc"], d[""]
    calls = [forms_.last_calls.forms[i].cleaned_data for i in forms_.kept_rows["last_calls"]]
    sts = [forms_.ship_to_ship.forms[i].cleaned_data for i in forms_.kept_rows["ship_to_ship"]]
    agent = _contact(d["agent"])
    return PreArrivalSecurity(
        header=Header(message_id="", sender="", recipient="", prepared_at=datetime.now(UTC)),
        ship=Ship(
            imo_number=ship["imo_number"].strip(),
            name=ship["name"].strip(),
            call_sign=ship["call_sign"].strip(),
            flag=ship["flag"].strip(),
            port_of_registry=ship["port_of_registry"].strip(),
            ship_type=ship["ship_type"].strip(),
            gross_tonnage=ship["gross_tonnage"],
        ),
        company=Company(name=d["company"]["name"], imo_number=d["company"]["imo_number"].strip()),
        cso=_contact(d["cso"]),
        call=Arrival(
            port=call["port"].strip(),
            eta=_aware(call["eta"]).replace(second=0, microsecond=0),
            facility=call["facility"].strip(),
            purpose=call["purpose"],
        ),
        issc=Issc(
            valid=_yes(issc["valid"]),
            type=IsscType(issc["type"]),
            issuer=issc["issuer"].strip(),
            rso_name=issc["rso_name"],
            expiry=issc["expiry"],
            identifier=issc["identifier"].strip(),
            no_valid_reason=issc["no_valid_reason"],
        ),
        ssp_on_board=_yes(sec["ssp_on_board"]),
        security_level=_level(sec["security_level"]),
        higher_level_reason=sec["higher_level_reason"],
        last_calls=tuple(
            PortCall(
                port=c["port"].strip(),
                arrival=c["arrival"],
                departure=c["departure"],
                security_level=_level(c["security_level"]),
                facility=c["facility"].strip(),
                additional_measures=c["additional_measures"],
            )
            for c in calls
        ),
        missing_calls_reason=sec["missing_calls_reason"],
        ship_to_ship=tuple(
            ShipToShip(
                location=s["location"].strip(),
                start=s["start"],
                end=s["end"],
                activity=s["activity"],
                measures=s["measures"],
            )
            for s in sts
        ),
        other_matters=sec["other_matters"],
        agent=agent if any(vars_of(agent).values()) else None,
    )


def _plain(value: object) -> object:
    """A model value as a form's initial: booleans as the yes/no choices, enums as text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (date, Decimal)) or value is None:
        return value
    return str(value)


def initial_from(message: PreArrivalSecurity) -> dict[str, Any]:
    """Initial values of every form from a message (the shipped example, a copy)."""
    tz = timezone.get_current_timezone()
    security = {
        "ssp_on_board": _plain(message.ssp_on_board),
        "security_level": str(message.security_level),
        "higher_level_reason": message.higher_level_reason,
        "missing_calls_reason": message.missing_calls_reason,
        "other_matters": message.other_matters,
    }
    issc = {k: _plain(v) for k, v in vars_of(message.issc).items()}
    return {
        "ship": vars_of(message.ship),
        "company": vars_of(message.company),
        "cso": vars_of(message.cso),
        "call": {
            **vars_of(message.call),
            "eta": message.call.eta.astimezone(tz).replace(tzinfo=None),
        },
        "issc": issc,
        "": security,
        "agent": vars_of(message.agent) if message.agent else {},
        "last_calls": [
            {**vars_of(c), "security_level": str(c.security_level)} for c in message.last_calls
        ],
        "ship_to_ship": [vars_of(s) for s in message.ship_to_ship],
    }
