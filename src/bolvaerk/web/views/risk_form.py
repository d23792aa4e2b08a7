"""The risk form 7.2 of one cross: ratings with live colour from the assessment's matrix,
reasons, existing and proposed measures (per security level), residual rating. The form
carries the version it was loaded from; a save after someone else saved the same form is
refused (409) with the diff, the typed input kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bolvaerk.content.catalogues import MeasureCatalogue, measure_catalogue
from bolvaerk.domain.enums import Colour, Consequence, Likelihood, MeasureType, Provenance
from bolvaerk.domain.risk import Rating, RiskModel, rate_optional
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.conflicts import Conflict, assessment_at
from bolvaerk.services.context import resolve_model
from bolvaerk.services.risk_editing import do_save_risk_form
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.forms_risk.risk import (
    MEASURE_LABELS,
    MeasureLists,
    RiskFormFields,
    apply_fields,
    initial_of,
    measures_of,
    parse_measures,
)
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    posted_base,
)
from bolvaerk.web.views.risk_common import Loaded, Shown, findings_for, language, load_for
from bolvaerk.web.views.risk_labels import colour_names, model_labels


def _form_of(loaded: Loaded, form_id: str) -> tuple[int, RiskForm]:
    for index, form in enumerate(loaded.assessment.sections.risk.forms):
        if form.id == form_id:
            return index, form
    raise Http404


@dataclass(frozen=True, slots=True)
class Badge:
    rating: Rating | None
    colour_name: str
    proposal: bool


def _badge(model: RiskModel | None, rating: Rating | None, names: dict[Colour, str]) -> Badge:
    if model is None or rating is None:
        return Badge(None, "", proposal=False)
    return Badge(rating, names[rating.colour], rating.provenance is not Provenance.SOURCED)


def rating_context(
    assessment_model_ref: str,
    lang: str,
    values: tuple[str, str, str, str],
) -> dict[str, object]:
    """The rating panel: both badges and the 5x5 matrix with the rated cells marked."""
    model = resolve_model(assessment_model_ref)
    names = colour_names(assessment_model_ref, lang)
    labels = model_labels(assessment_model_ref, lang)
    consequence, likelihood, residual_c, residual_l = (
        _c(values[0]),
        _l(values[1]),
        _c(values[2]),
        _l(values[3]),
    )
    rating = rate_optional(model, consequence, likelihood) if model else None
    residual = rate_optional(model, residual_c, residual_l) if model else None
    matrix = []
    if model is not None:
        for level in reversed(Likelihood):
            cells = []
            for c in Consequence:
                cell = model.cells[(c, level)]
                cells.append(
                    {
                        "consequence": int(c),
                        "colour": cell.colour.value,
                        "name": names[cell.colour],
                        "proposal": cell.provenance is not Provenance.SOURCED,
                        "rated": (c, level) == (consequence, likelihood),
                        "residual": (c, level) == (residual_c, residual_l),
                    }
                )
            label = labels.likelihood(level) if labels else ""
            matrix.append({"likelihood": level.value, "label": label, "cells": cells})
    return {
        "model": model,
        "labels": labels,
        "badge": _badge(model, rating, names),
        "residual_badge": _badge(model, residual, names),
        "matrix": matrix,
        "consequences": [
            {"code": int(c), "label": labels.consequence(c) if labels else ""} for c in Consequence
        ],
    }


def _c(value: str) -> Consequence | None:
    return Consequence(int(value)) if value in {"1", "2", "3", "4", "5"} else None


def _l(value: str) -> Likelihood | None:
    return Likelihood(value) if value in {lk.value for lk in Likelihood} else None


def _values(data: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """The four rating values as typed (posted data) or as initially shown."""
    names = ("consequence", "likelihood", "residual_consequence", "residual_likelihood")
    a, b, c, d = (str(data.get(name) or "") for name in names)
    return (a, b, c, d)


def _catalogue_groups(catalogue: MeasureCatalogue, lang: str) -> list[dict[str, Any]]:
    groups = []
    for kind in MeasureType:
        text = catalogue.types[kind]
        measures = [
            {"id": m.id, "name": m.name[lang]} for m in catalogue.measures if m.type is kind
        ]
        groups.append({"label": f"{text.main[lang]} · {text.label[lang]}", "measures": measures})
    return groups


def _page(
    request: HttpRequest,
    loaded: Loaded,
    index: int,
    form: RiskForm,
    *,
    fields: RiskFormFields,
    lists: MeasureLists,
    shown: Shown,
    status: int = 200,
) -> HttpResponse:
    lang = language(request)
    assessment = loaded.assessment
    catalogue = measure_catalogue()
    values = _values(fields.data if fields.is_bound else fields.initial)
    path = f"sections.7.forms[{index}]"
    findings, counts = findings_for(loaded, lang, (path,))
    labels = model_labels(assessment.meta.risk_model, lang)
    context = {
        "record": loaded.record,
        "assessment": assessment,
        "may": loaded.may,
        "form": form,
        "fields": fields,
        "item": assessment.sections.assets.by_id().get(form.item),
        "threat": assessment.sections.threats.by_id().get(form.threat),
        "lists": [
            {"name": name, "anchor": anchor(f"{path}.{key}"), "measures": measures}
            for name, key, measures in (
                ("existing", "existing_measures", lists.existing),
                ("level_1", "proposed.level_1", lists.proposed.level_1),
                ("level_2", "proposed.level_2", lists.proposed.level_2),
                ("level_3", "proposed.level_3", lists.proposed.level_3),
            )
        ],
        "catalogue_groups": _catalogue_groups(catalogue, lang),
        "catalogue_names": {m.id: m.name[lang] for m in catalogue.measures},
        "type_names": {k.value: catalogue.types[k].label[lang] for k in MeasureType},
        "consequence_options": [
            (str(int(c)), f"{int(c)} · {labels.consequence(c)}" if labels else str(int(c)))
            for c in Consequence
        ],
        "likelihood_options": [
            (lk.value, f"{lk.value} · {labels.likelihood(lk)}" if labels else lk.value)
            for lk in Likelihood
        ],
        "values": values,
        "a": anchor(path),
        "findings": findings,
        "counts": counts,
        "base_version": shown.base,
        "conflict": shown.conflict,
        "gone": shown.gone,
        **_neighbours(assessment.sections.risk.forms, form),
        **rating_context(assessment.meta.risk_model, lang, values),
    }
    return render(request, "bolvaerk/risk/form.html", context, status=status)


def _neighbours(forms: tuple[RiskForm, ...], form: RiskForm) -> dict[str, RiskForm | None]:
    ordered = sorted(forms, key=lambda f: (f.number, f.id))
    if form not in ordered:  # removed meanwhile by someone else
        return {"previous": None, "next": None}
    at = ordered.index(form)
    return {
        "previous": ordered[at - 1] if at > 0 else None,
        "next": ordered[at + 1] if at + 1 < len(ordered) else None,
    }


def risk_form_page(request: HttpRequest, record_id: int, form_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    if request.method != "POST":
        index, form = _form_of(loaded, form_id)
        fields = RiskFormFields(initial=initial_of(form))
        shown = Shown(loaded.record.current_version)
        return _page(
            request, loaded, index, form, fields=fields, lists=measures_of(form), shown=shown
        )
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    loaded, index, form = _posted_form(loaded, form_id, base)
    fields = RiskFormFields(request.POST)
    doc_lang = loaded.assessment.meta.language
    lists = parse_measures(request.POST, measure_catalogue(), doc_lang)
    again = Shown(base_for(request, loaded.record.current_version))
    if not fields.is_valid():
        messages.error(request, _("The risk assessment was not saved: see the marked fields."))
        return _page(
            request, loaded, index, form, fields=fields, lists=lists, shown=again, status=400
        )
    try:
        do_save_risk_form(
            request.user, loaded.record, apply_fields(form, fields.cleaned_data, lists), base=base
        )
    except Conflict as conflict:
        loaded = replace(loaded, assessment=conflict.current)
        index = _index_in(loaded, form)
        shown = Shown(conflict.version, conflict_context(conflict, _labels(fields)))
        return _page(
            request,
            loaded,
            index,
            form,
            fields=fields,
            lists=lists,
            shown=shown,
            status=CONFLICT_STATUS,
        )
    except NotAllowed as refusal:
        if refusal.code != "unknown_form":
            raise PermissionDenied from None
        messages.error(
            request,
            _(
                "Not saved: someone else removed this risk assessment. "
                "Your input is still shown below."
            ),
        )
        shown = Shown(loaded.record.current_version, gone=True)
        return _page(
            request,
            loaded,
            index,
            form,
            fields=fields,
            lists=lists,
            shown=shown,
            status=CONFLICT_STATUS,
        )
    messages.success(
        request, _("Risk assessment %(number)s saved.") % {"number": fields.cleaned_data["number"]}
    )
    target = request.POST.get("next_anchor", "")
    url = reverse("risk-form", args=[record_id, form_id])
    return redirect(url + (f"#{target}" if target.replace("-", "").isalnum() else ""))


def _posted_form(loaded: Loaded, form_id: str, base: int) -> tuple[Loaded, int, RiskForm]:
    """The form the user saves: in the current version, or (when someone else removed it
    meanwhile) as it was in the version the user's page was loaded from."""
    for index, form in enumerate(loaded.assessment.sections.risk.forms):
        if form.id == form_id:
            return loaded, index, form
    if base >= loaded.record.current_version:
        raise Http404
    try:
        old = assessment_at(loaded.record, base)
    except LookupError:
        raise Http404 from None
    for index, form in enumerate(old.sections.risk.forms):
        if form.id == form_id:
            return loaded, index, form
    raise Http404


def _index_in(loaded: Loaded, form: RiskForm) -> int:
    forms = loaded.assessment.sections.risk.forms
    return next((i for i, f in enumerate(forms) if f.id == form.id), len(forms))


def _labels(fields: RiskFormFields) -> dict[str, str]:
    labels = {name: str(field.label) for name, field in fields.fields.items()}
    return labels | {key: str(label) for key, label in MEASURE_LABELS.items()}


def rating_panel(request: HttpRequest, record_id: int, form_id: str) -> HttpResponse:
    """The live colour: the rating panel for the values chosen so far (htmx, GET)."""
    loaded = load_for(request, record_id)
    _form_of(loaded, form_id)
    context = rating_context(
        loaded.assessment.meta.risk_model, language(request), _values(request.GET)
    )
    context["live"] = True
    return render(request, "bolvaerk/risk/_rating.html", context)
