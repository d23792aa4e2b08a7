"""Section 1 Indledning: texts, skema 1.2 participants, the police record, skema 1.3."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.introduction import Abbreviation, Participant
from bolvaerk.web.forms.base import DKDateField, EditorForm, rows_formset, vars_of

Bundle = dict[str, Any]
PATH = "sections.1"


class IntroductionForm(EditorForm):
    text = forms.CharField(
        label=_("Introduction (1)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    prepared_by = forms.CharField(
        label=_("Prepared by (1)"),
        required=False,
        help_text=_("Who concretely prepared the assessment."),
    )
    prepared_with_police = forms.BooleanField(
        label=_("Prepared in cooperation with the police"), required=False
    )


class ParticipantForm(EditorForm):
    name = forms.CharField(label=_("Name"), required=False)
    function = forms.CharField(label=_("Function"), required=False)
    organisation = forms.CharField(label=_("Organisation"), required=False)
    is_rso = forms.BooleanField(label=_("RSO"), required=False)


class PoliceForm(EditorForm):
    district = forms.CharField(
        label=_("Police district"),
        required=False,
        widget=forms.TextInput(attrs={"list": "police-districts"}),
    )
    representative = forms.CharField(label=_("Police representative"), required=False)
    review_date = DKDateField(label=_("Date of the police review"))
    confirmation_emailed = forms.BooleanField(
        label=_("The police have e-mailed their confirmation to maritimsikring@trafikstyrelsen.dk"),
        required=False,
    )


class AbbreviationForm(EditorForm):
    abbreviation = forms.CharField(label=_("Abbreviation"), required=False)
    description = forms.CharField(label=_("Description"), required=False)


ParticipantRows = rows_formset(ParticipantForm)
AbbreviationRows = rows_formset(AbbreviationForm)


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    intro = assessment.sections.introduction
    common: dict[str, Any] = {"lang": lang, "read_only": read_only}
    return {
        "intro": IntroductionForm(
            data,
            initial={
                "text": intro.text,
                "prepared_by": intro.prepared_by,
                "prepared_with_police": intro.prepared_with_police,
            },
            path=PATH,
            **common,
        ),
        "participants": ParticipantRows(
            data,
            initial=[vars_of(p) for p in intro.participants],
            prefix="participants",
            path=f"{PATH}.participants",
            **common,
        ),
        "police": PoliceForm(
            data, initial=vars_of(intro.police), path=f"{PATH}.police", prefix="police", **common
        ),
        "abbreviations": AbbreviationRows(
            data,
            initial=[vars_of(a) for a in intro.abbreviations],
            prefix="abbreviations",
            path=f"{PATH}.abbreviations",
            **common,
        ),
    }


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    intro = assessment.sections.introduction
    d = bundle["intro"].cleaned_data
    police = bundle["police"].cleaned_data
    new = replace(
        intro,
        text=d["text"],
        prepared_by=d["prepared_by"],
        prepared_with_police=d["prepared_with_police"],
        participants=tuple(
            Participant(
                name=row["name"],
                function=row["function"],
                organisation=row["organisation"],
                is_rso=row["is_rso"],
            )
            for row in bundle["participants"].rows()
        ),
        police=replace(
            intro.police,
            district=police["district"],
            representative=police["representative"],
            review_date=police["review_date"],
            confirmation_emailed=police["confirmation_emailed"],
        ),
        abbreviations=tuple(
            Abbreviation(abbreviation=row["abbreviation"], description=row["description"])
            for row in bundle["abbreviations"].rows()
        ),
    )
    return replace(assessment, sections=replace(assessment.sections, introduction=new))
