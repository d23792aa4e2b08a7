"""Section 8 Resume: texts, the status justification, and edits of the generated skema 8.2."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.summary import Summary, SummaryEdit, SummaryRow, generate_summary
from bolvaerk.web.forms.base import EditorForm, rows_formset, textarea, vars_of

Bundle = dict[str, Any]
PATH = "sections.8"


class SummaryForm(EditorForm):
    text = textarea(_("Summary, introduction (8)"), 5)
    status_justification = textarea(_("Justification of the requested status"), 4)
    method_text = textarea(_("How was the assessment carried out? (8.1)"), 5)


class EditForm(EditorForm):
    form = forms.CharField(widget=forms.HiddenInput)
    vulnerability = textarea(_("Vulnerability"), 2)
    measures = textarea(_("Measures"), 2)


EditRows = rows_formset(EditForm, extra=0, can_delete=False)


def generated_rows(assessment: Assessment) -> tuple[SummaryRow, ...]:
    """Skema 8.2 as generated from section 7, before the user's edits."""
    s = assessment.sections
    return generate_summary(s.assets, s.threats, s.risk, replace(s.summary, edits=()))


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    summary = assessment.sections.summary
    edits = {edit.form: edit for edit in summary.edits}
    rows = generated_rows(assessment)
    initial = [
        {
            "form": row.form,
            "vulnerability": edits[row.form].vulnerability if row.form in edits else "",
            "measures": edits[row.form].measures if row.form in edits else "",
        }
        for row in rows
    ]
    common: dict[str, Any] = {"lang": lang, "read_only": read_only}
    return {
        "summary": SummaryForm(data, initial=vars_of(summary), path=PATH, **common),
        "edits": EditRows(data, initial=initial, prefix="edits", path=f"{PATH}.edits", **common),
        "generated": rows,
    }


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    summary: Summary = assessment.sections.summary
    d = bundle["summary"].cleaned_data
    shown = {row.form for row in bundle["generated"]}
    kept = [edit for edit in summary.edits if edit.form not in shown]  # rows not shown now
    for form in bundle["edits"].forms:
        row = form.cleaned_data
        if row.get("form") in shown and (row["vulnerability"] or row["measures"]):
            kept.append(
                SummaryEdit(
                    form=row["form"], vulnerability=row["vulnerability"], measures=row["measures"]
                )
            )
    new = replace(
        summary,
        text=d["text"],
        status_justification=d["status_justification"],
        method_text=d["method_text"],
        edits=tuple(kept),
    )
    return replace(assessment, sections=replace(assessment.sections, summary=new))
