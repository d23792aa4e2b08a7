"""Section 2: texts, the map checklist, skema 2.3.1 traffic with its Total row, skema 2.4."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.content.catalogues import map_checklist, ship_types
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.description import Company, TrafficRow
from bolvaerk.domain.enums import ElectricityClass, RiskCompanyClass
from bolvaerk.web.forms.base import (
    EditorForm,
    RowFormSet,
    enum_choices,
    rows_formset,
    set_choices,
    textarea,
    vars_of,
)

Bundle = dict[str, Any]
PATH = "sections.2"


class DescriptionForm(EditorForm):
    port_maps_text = textarea(_("Overview maps, supplementary text (2.1)"), 3)
    facility_maps_text = textarea(_("Maps of the facility, supplementary text (2.2)"), 3)
    map_checklist = forms.MultipleChoiceField(
        label=_("The maps clearly mark"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick what the attached maps show."),
    )
    activity_text = textarea(_("Activity of the port facility (2.3)"))
    other_ship_types_text = textarea(
        _("Description of the category “Other ship types, incl. non-ISPS ships”"), 3
    )
    traffic_pattern_text = textarea(_("Traffic pattern at the port facility"), 3)
    other_activity_text = textarea(_("Other activity at the port facility (2.3.2)"), 3)
    companies_text = textarea(_("Company profiles, introduction (2.4)"), 3)

    def setup(self) -> None:
        elements = map_checklist()
        choices = [(e.key, f"{e.label[self.lang]} ({', '.join(e.skemas)})") for e in elements]
        set_choices(self, "map_checklist", choices)


class TrafficForm(EditorForm):
    ship_type = forms.CharField(label=_("Ship type"), required=False, max_length=120)
    calls = forms.IntegerField(label=_("Number of calls"), required=False, min_value=0)
    passengers = forms.IntegerField(label=_("Number of passengers"), required=False, min_value=0)
    cargo_type = forms.CharField(label=_("Type of cargo"), required=False)
    quantity = forms.FloatField(label=_("Quantity"), required=False, min_value=0)
    unit = forms.CharField(
        label=_("Unit"), required=False, widget=forms.TextInput(attrs={"placeholder": "tons"})
    )
    dangerous_goods = forms.BooleanField(label=_("Dangerous goods"), required=False)


class CompanyForm(EditorForm):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), required=False)
    address = forms.CharField(label=_("Address"), required=False)
    location = textarea(_("Location on the facility"), 2)
    employees = forms.IntegerField(label=_("Number of employees"), required=False, min_value=0)
    activities = textarea(_("Activities"), 2)
    risk_class = forms.ChoiceField(label=_("Major-accident company"), required=False)
    electricity_class = forms.ChoiceField(
        label=_("Classified electricity installation"), required=False, initial="none"
    )
    other_matters = textarea(_("Other relevant matters"), 2)
    other_matters_items = forms.MultipleChoiceField(
        label=_("Items of section 5 that assess those matters"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def setup(self) -> None:
        lang = self.lang
        set_choices(
            self, "risk_class", enum_choices("risk_class", RiskCompanyClass, lang, blank=True)
        )
        set_choices(self, "electricity_class", enum_choices("electricity", ElectricityClass, lang))


TrafficRows = rows_formset(TrafficForm, extra=0)
CompanyRows = rows_formset(CompanyForm, extra=0)  # a profile is added by its button


@dataclass(frozen=True, slots=True)
class Total:
    """The Total row of skema 2.3.1: "heraf" rows are not counted twice; the quantity only
    when every row with a quantity uses the same unit."""

    calls: int
    passengers: int
    quantity: float | None
    unit: str
    mixed_units: bool  # rows with a quantity use different units: no quantity total


def traffic_total(rows: list[TrafficRow]) -> Total:
    subsets = {row.key for row in ship_types() if row.subset_of}
    counted = [row for row in rows if row.ship_type not in subsets]
    units = {row.unit.strip() or "tons" for row in counted if row.quantity is not None}
    quantity = sum(r.quantity or 0 for r in counted) if len(units) == 1 else None
    return Total(
        calls=sum(r.calls or 0 for r in counted),
        passengers=sum(r.passengers or 0 for r in counted),
        quantity=quantity,
        unit=units.pop() if len(units) == 1 else "",
        mixed_units=len(units) > 1,
    )


def ship_type_labels(lang: str) -> dict[str, str]:
    return {row.key: row.label[lang] for row in ship_types()}


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    s2 = assessment.sections.description
    common: dict[str, Any] = {"lang": lang, "read_only": read_only}
    initial = vars_of(s2)
    item_choices = [(i.id, i.name or i.id) for i in assessment.sections.assets.items]
    companies = CompanyRows(
        data,
        initial=[vars_of(c) for c in s2.companies],
        prefix="companies",
        path=f"{PATH}.companies",
        **common,
    )
    for form in [*companies.forms, companies.empty_form]:
        set_choices(form, "other_matters_items", item_choices)
    return {
        "description": DescriptionForm(data, initial=initial, path=PATH, **common),
        "traffic": TrafficRows(
            data,
            initial=[vars_of(row) for row in s2.traffic],
            prefix="traffic",
            path=f"{PATH}.traffic",
            **common,
        ),
        "companies": companies,
    }


def traffic_rows_of_form(form: forms.Form) -> TrafficRow | None:
    """The row of a (validated) traffic form; None for a removed row or one without a type."""
    d = getattr(form, "cleaned_data", None)
    if not d or d.get("DELETE") or not (d.get("ship_type") or "").strip():
        return None
    return TrafficRow(
        ship_type=d["ship_type"].strip(),
        calls=d["calls"],
        passengers=d["passengers"],
        cargo_type=d["cargo_type"],
        quantity=d["quantity"],
        unit=d["unit"],
        dangerous_goods=d["dangerous_goods"],
    )


def traffic_rows(formset: RowFormSet) -> list[TrafficRow]:
    rows = (traffic_rows_of_form(form) for form in formset.forms)
    return [row for row in rows if row is not None]


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    s2 = assessment.sections.description
    d = bundle["description"].cleaned_data
    companies = tuple(
        Company(
            id=row["id"] or f"company-{secrets.token_hex(4)}",
            name=row["name"],
            address=row["address"],
            location=row["location"],
            employees=row["employees"],
            activities=row["activities"],
            risk_class=RiskCompanyClass(row["risk_class"]) if row["risk_class"] else None,
            electricity_class=ElectricityClass(row["electricity_class"] or "none"),
            other_matters=row["other_matters"],
            other_matters_items=tuple(row["other_matters_items"]),
        )
        for row in bundle["companies"].rows()
    )
    new = replace(
        s2,
        port_maps_text=d["port_maps_text"],
        facility_maps_text=d["facility_maps_text"],
        map_checklist=tuple(d["map_checklist"]),
        activity_text=d["activity_text"],
        traffic=tuple(traffic_rows(bundle["traffic"])),
        other_ship_types_text=d["other_ship_types_text"],
        traffic_pattern_text=d["traffic_pattern_text"],
        other_activity_text=d["other_activity_text"],
        companies_text=d["companies_text"],
        companies=companies,
    )
    return replace(assessment, sections=replace(assessment.sections, description=new))
