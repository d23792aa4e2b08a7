"""Section 3 Eksisterende sikringsforhold."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assessment import Assessment
from bolvaerk.web.forms.base import EditorForm, textarea, vars_of

Bundle = dict[str, Any]


class ExistingSecurityForm(EditorForm):
    text = textarea(_("Existing security, overall description (3)"), 6)
    physical_technical = textarea(_("Physical and technical security"), 6)
    procedural = textarea(_("Procedural practices at the port facility (3.2.4)"), 6)


def build(assessment: Assessment, data: Any, lang: str, read_only: bool) -> Bundle:  # noqa: ANN401
    initial = vars_of(assessment.sections.existing_security)
    form = ExistingSecurityForm(
        data, initial=initial, path="sections.3", lang=lang, read_only=read_only
    )
    return {"existing": form}


def apply(assessment: Assessment, bundle: Bundle) -> Assessment:
    d = bundle["existing"].cleaned_data
    new = replace(
        assessment.sections.existing_security,
        text=d["text"],
        physical_technical=d["physical_technical"],
        procedural=d["procedural"],
    )
    return replace(assessment, sections=replace(assessment.sections, existing_security=new))
