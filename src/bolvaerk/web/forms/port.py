"""The PSA's own part: ownership, the port security committee, the port's facilities."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.organisation import CommitteeMember, PortFacility, PortPart
from bolvaerk.web.forms.base import (
    DKDateField,
    EditorForm,
    rows_formset,
    set_choices,
    textarea,
    vars_of,
)

Bundle = dict[str, Any]
PATH = "port"


class PortForm(EditorForm):
    ownership_text = textarea(_("Ownership and structure (4.1)"), 4)
    authorities_in_chart = forms.BooleanField(
        label=_("The authority and the police appear in the security chart (4.2)"),
        required=False,
    )
    committee_in_chart = forms.BooleanField(
        label=_("The port security committee appears in the security chart (4.2)"),
        required=False,
    )
    sub_areas_text = textarea(_("Division of the port by likelihood of incidents"), 4)


class MemberForm(EditorForm):
    name = forms.CharField(label=_("Name"), required=False)
    organisation = forms.CharField(label=_("Organisation"), required=False)
    role = forms.CharField(label=_("Role"), required=False)
    facility = forms.ChoiceField(label=_("PFSO of the facility"), required=False)


class FacilityForm(EditorForm):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Port facility"), required=False)
    unlocode = forms.CharField(label=_("UN/LOCODE"), required=False)
    gisis_number = forms.CharField(label=_("GISIS number"), required=False)
    pfso = forms.CharField(label=_("PFSO"), required=False)
    pfsa_approved = DKDateField(label=_("PFSA approved"))


MemberRows = rows_formset(MemberForm)
FacilityRows = rows_formset(FacilityForm)


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    port = assessment.port or PortPart()
    common: dict[str, Any] = {"lang": lang, "read_only": read_only}
    committee = MemberRows(
        data,
        initial=[vars_of(m) for m in port.committee],
        prefix="committee",
        path=f"{PATH}.committee",
        **common,
    )
    choices = [("", "—"), *[(f.id, f.name or f.id) for f in port.facilities]]
    for form in [*committee.forms, committee.empty_form]:
        set_choices(form, "facility", choices)
    return {
        "port": PortForm(data, initial=vars_of(port), path=PATH, **common),
        "committee": committee,
        "facilities": FacilityRows(
            data,
            initial=[vars_of(f) for f in port.facilities],
            prefix="facilities",
            path=f"{PATH}.facilities",
            **common,
        ),
    }


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    port = assessment.port or PortPart()
    d = bundle["port"].cleaned_data
    new = replace(
        port,
        ownership_text=d["ownership_text"],
        authorities_in_chart=d["authorities_in_chart"],
        committee_in_chart=d["committee_in_chart"],
        sub_areas_text=d["sub_areas_text"],
        committee=tuple(
            CommitteeMember(
                name=row["name"],
                organisation=row["organisation"],
                role=row["role"],
                facility=row["facility"],
            )
            for row in bundle["committee"].rows()
        ),
        facilities=tuple(
            PortFacility(
                id=row["id"] or f"facility-{secrets.token_hex(4)}",
                name=row["name"],
                unlocode=row["unlocode"].upper(),
                gisis_number=row["gisis_number"],
                pfso=row["pfso"],
                pfsa_approved=row["pfsa_approved"],
            )
            for row in bundle["facilities"].rows()
        ),
    )
    return replace(assessment, port=new)
