"""Section 4 Organisation: counts, skema 4.2.1 PFSO/PSO, skemas 4.2.2/4.2.3, attendance."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.content.catalogues import competences
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Staffing
from bolvaerk.domain.organisation import PersonnelGroup
from bolvaerk.web.forms.base import (
    YES_NO,
    EditorForm,
    enum_choices,
    rows_formset,
    set_choices,
    textarea,
    vars_of,
    yes_no,
    yes_no_value,
)

Bundle = dict[str, Any]
PATH = "sections.4"


class OrganisationForm(EditorForm):
    general_text = textarea(_("General organisation (4.1)"), 4)
    security_text = textarea(_("Security organisation (4.2)"), 4)
    persons_total = forms.IntegerField(
        label=_("Persons attached to the facility"), required=False, min_value=0
    )
    persons_with_security_duties = forms.IntegerField(
        label=_("Of whom with security duties"), required=False, min_value=0
    )
    attendance_text = textarea(_("Daily attendance at the port facility (4.2.4)"), 4)
    staffed_round_the_clock = forms.ChoiceField(
        label=_("Staffed round the clock"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )


class OfficerForm(EditorForm):
    name = forms.CharField(label=_("Name"), required=False)
    title = forms.CharField(label=_("Title"), required=False)
    training = textarea(_("Training"), 3)
    competences = forms.MultipleChoiceField(
        label=_("Competences (ISPS B/18.1)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dangerous_goods_training = forms.BooleanField(
        label=_("Trained in dangerous goods (IMDG 1.4 / IMSBC 11)"), required=False
    )

    def setup(self) -> None:
        pfso = next((c for c in competences() if c.key == "pfso"), None)
        items = pfso.items if pfso is not None else ()
        choices = [(c.id, f"{c.clause} {c.name[self.lang]}") for c in items]
        set_choices(self, "competences", choices)


class GroupForm(EditorForm):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    function = forms.CharField(label=_("Function"), required=False)
    count = forms.IntegerField(label=_("Number"), required=False, min_value=0)
    training = forms.CharField(label=_("Security training"), required=False)
    staffing = forms.ChoiceField(label=_("Internal/external"), required=False)
    dangerous_goods_training = forms.BooleanField(label=_("Dangerous goods"), required=False)

    def setup(self) -> None:
        set_choices(self, "staffing", enum_choices("staffing", Staffing, self.lang, blank=True))


class GroupWithoutDutiesForm(GroupForm):
    training = forms.CharField(label=_("Any security training"), required=False)
    staffing = None  # type: ignore[assignment]  # 4.2.3 has no internal/external column

    def setup(self) -> None:
        """No staffing column."""


GroupRows = rows_formset(GroupForm)
GroupWithoutDutiesRows = rows_formset(GroupWithoutDutiesForm)


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    s4 = assessment.sections.organisation
    common: dict[str, Any] = {"lang": lang, "read_only": read_only}
    initial = vars_of(s4) | {"staffed_round_the_clock": yes_no_value(s4.staffed_round_the_clock)}
    officer = vars_of(s4.officer) | {"competences": list(s4.officer.competences)}
    return {
        "organisation": OrganisationForm(data, initial=initial, path=PATH, **common),
        "officer": OfficerForm(
            data, initial=officer, prefix="officer", path=f"{PATH}.officer", **common
        ),
        "with_duties": GroupRows(
            data,
            initial=[_group(g) for g in s4.groups_with_duties],
            prefix="with_duties",
            path=f"{PATH}.groups_with_duties",
            **common,
        ),
        "without_duties": GroupWithoutDutiesRows(
            data,
            initial=[_group(g) for g in s4.groups_without_duties],
            prefix="without_duties",
            path=f"{PATH}.groups_without_duties",
            **common,
        ),
    }


def _group(group: PersonnelGroup) -> dict[str, Any]:
    return vars_of(group) | {"staffing": group.staffing.value if group.staffing else ""}


def _groups(rows: list[dict[str, Any]]) -> tuple[PersonnelGroup, ...]:
    return tuple(
        PersonnelGroup(
            id=row["id"] or f"group-{secrets.token_hex(4)}",
            function=row["function"],
            count=row["count"],
            training=row["training"],
            staffing=Staffing(row["staffing"]) if row.get("staffing") else None,
            dangerous_goods_training=row["dangerous_goods_training"],
        )
        for row in rows
    )


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    s4 = assessment.sections.organisation
    d = bundle["organisation"].cleaned_data
    o = bundle["officer"].cleaned_data
    new = replace(
        s4,
        general_text=d["general_text"],
        security_text=d["security_text"],
        persons_total=d["persons_total"],
        persons_with_security_duties=d["persons_with_security_duties"],
        attendance_text=d["attendance_text"],
        staffed_round_the_clock=yes_no(d["staffed_round_the_clock"]),
        officer=replace(
            s4.officer,
            name=o["name"],
            title=o["title"],
            training=o["training"],
            competences=tuple(o["competences"]),
            dangerous_goods_training=o["dangerous_goods_training"],
        ),
        groups_with_duties=_groups(bundle["with_duties"].rows()),
        groups_without_duties=_groups(bundle["without_duties"].rows()),
    )
    return replace(assessment, sections=replace(assessment.sections, organisation=new))
