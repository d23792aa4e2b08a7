"""Front page F1-F16."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import (
    REQUESTABLE_STATUSES,
    Activity,
    ApplicationReason,
    FacilityStatus,
    MajorChange,
)
from bolvaerk.web.forms.base import (
    YES_NO,
    DKDateField,
    EditorForm,
    enum_choices,
    set_choices,
    yes_no,
    yes_no_value,
)

Bundle = dict[str, Any]


class FrontPageForm(EditorForm):
    port = forms.CharField(label=_("Port (F1)"), required=False)
    facility = forms.CharField(label=_("Port facility (F2)"), required=False)
    unlocode = forms.CharField(label=_("UN/LOCODE (F3)"), required=False, max_length=6)
    gisis_number = forms.CharField(label=_("IMO GISIS number"), required=False)
    new_facility = forms.ChoiceField(
        label=_("New port facility (F4)"), choices=YES_NO, required=False, widget=forms.RadioSelect
    )
    position = forms.CharField(
        label=_("Position (F5)"),
        required=False,
        help_text=_("Degrees and minutes, e.g. 55°16,1' N; 009°53,1' Ø"),
    )
    position_checked_against_havnelods = forms.ChoiceField(
        label=_("Position checked against Den Danske Havnelods"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    postal_address = forms.CharField(
        label=_("Postal address (F6)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cvr = forms.CharField(label=_("CVR number (F7)"), required=False, max_length=8)
    pfsa_approved = DKDateField(label=_("Approval date of the existing assessment (F8)"))
    pfsp_approved = DKDateField(label=_("Approval date of the existing security plan (F9)"))
    application_reason = forms.ChoiceField(
        label=_("Application for approval of (F10)"), required=False, widget=forms.RadioSelect
    )
    major_changes = forms.MultipleChoiceField(
        label=_("Major changes (a-g)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a major change: tick each of the authority's examples that applies."),
    )
    current_status = forms.ChoiceField(
        label=_("Current status of the facility (F11)"), required=False
    )
    requested_status = forms.ChoiceField(label=_("Requested future approval (F12)"), required=False)
    activities = forms.MultipleChoiceField(
        label=_("Activities of the port facility (F13)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activity_other = forms.CharField(
        label=_("Description of the activity “other” (F13)"), required=False
    )
    rso_name = forms.CharField(
        label=_("Recognised security organisation, RSO (F14)"), required=False
    )
    completed = DKDateField(label=_("Date the assessment was completed (F16)"))

    def setup(self) -> None:
        lang = self.lang
        requestable = [s for s in FacilityStatus if s in REQUESTABLE_STATUSES]
        set_choices(self, "application_reason", enum_choices("reason", ApplicationReason, lang))
        set_choices(
            self, "current_status", enum_choices("status", FacilityStatus, lang, blank=True)
        )
        set_choices(self, "requested_status", enum_choices("status", requestable, lang, blank=True))
        set_choices(self, "major_changes", enum_choices("change", MajorChange, lang))
        set_choices(self, "activities", enum_choices("activity", Activity, lang))


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    fp = assessment.front_page
    initial = {
        "port": fp.port,
        "facility": fp.facility,
        "unlocode": fp.unlocode,
        "gisis_number": fp.gisis_number,
        "new_facility": yes_no_value(fp.new_facility),
        "position": fp.position,
        "position_checked_against_havnelods": yes_no_value(fp.position_checked_against_havnelods),
        "postal_address": fp.postal_address,
        "cvr": fp.cvr,
        "pfsa_approved": fp.pfsa_approved,
        "pfsp_approved": fp.pfsp_approved,
        "application_reason": fp.application_reason.value if fp.application_reason else "",
        "major_changes": [change.value for change in fp.major_changes],
        "current_status": fp.current_status.value if fp.current_status else "",
        "requested_status": fp.requested_status.value if fp.requested_status else "",
        "activities": [activity.value for activity in fp.activities],
        "activity_other": fp.activity_other,
        "rso_name": fp.rso_name,
        "completed": fp.completed,
    }
    form = FrontPageForm(data, initial=initial, path="front_page", lang=lang, read_only=read_only)
    return {"front": form}


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    d = bundle["front"].cleaned_data
    front = replace(
        assessment.front_page,
        port=d["port"],
        facility=d["facility"],
        unlocode=d["unlocode"].upper(),
        gisis_number=d["gisis_number"],
        new_facility=yes_no(d["new_facility"]),
        position=d["position"],
        position_checked_against_havnelods=yes_no(d["position_checked_against_havnelods"]),
        postal_address=d["postal_address"],
        cvr=d["cvr"],
        pfsa_approved=d["pfsa_approved"],
        pfsp_approved=d["pfsp_approved"],
        application_reason=ApplicationReason(d["application_reason"])
        if d["application_reason"]
        else None,
        major_changes=tuple(c for c in MajorChange if c.value in d["major_changes"]),
        current_status=FacilityStatus(d["current_status"]) if d["current_status"] else None,
        requested_status=FacilityStatus(d["requested_status"]) if d["requested_status"] else None,
        activities=tuple(a for a in Activity if a.value in d["activities"]),
        activity_other=d["activity_other"],
        rso_name=d["rso_name"],
        completed=d["completed"],
    )
    return replace(assessment, front_page=front)
