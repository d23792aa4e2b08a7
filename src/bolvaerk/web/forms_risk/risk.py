"""The risk form 7.2: scalar fields as a Django form, the measure lists parsed by prefix.

Measure rows post as <list>-<n>-text / -catalogue / -type, and one new row as <list>-new-pick
(a catalogue id) and <list>-new-text; a button drop=<list>-<n> removes a row. Lists: existing,
level_1..level_3.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bolvaerk.content.catalogues import MeasureCatalogue
from bolvaerk.domain.enums import Consequence, Likelihood, MeasureType
from bolvaerk.domain.risk_forms import Measure, ProposedMeasures, RiskForm

MEASURE_LISTS = ("existing", "level_1", "level_2", "level_3")
# the measure lists by their path in a risk form, for the diff of a refused save
MEASURE_LABELS = {
    "existing_measures": _("Existing security measures"),
    "proposed.level_1": _("Security level 1"),
    "proposed.level_2": _("Security level 2"),
    "proposed.level_3": _("Security level 3"),
}
MAX_ROWS = 200


def _consequence(value: str) -> Consequence:
    return Consequence(int(value))


class RiskFormFields(forms.Form):
    number = forms.IntegerField(
        label=pgettext_lazy("risk form", "Number"), min_value=1, max_value=99999
    )
    # typed as the template writes dates (R-FP-03), not the browser's locale format
    date = forms.DateField(label=_("Date"), required=False, input_formats=["%d-%m-%Y"])
    consequence = forms.TypedChoiceField(
        label=_("Consequence"), required=False, coerce=_consequence, empty_value=None
    )
    likelihood = forms.TypedChoiceField(
        label=_("Likelihood"), required=False, coerce=Likelihood, empty_value=None
    )
    consequence_reason = forms.CharField(label=_("Reason for the consequence"), required=False)
    likelihood_reason = forms.CharField(label=_("Reason for the likelihood"), required=False)
    effect = forms.CharField(label=_("Effect of the proposed measures"), required=False)
    residual_consequence = forms.TypedChoiceField(
        label=_("Residual consequence"), required=False, coerce=_consequence, empty_value=None
    )
    residual_likelihood = forms.TypedChoiceField(
        label=_("Residual likelihood"), required=False, coerce=Likelihood, empty_value=None
    )
    residual_justification = forms.CharField(
        label=_("Justification of an accepted residual risk"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        consequence_choices = [("", "-"), *((str(int(c)), str(int(c))) for c in Consequence)]
        likelihood_choices = [("", "-"), *((lk.value, lk.value) for lk in Likelihood)]
        for name in ("consequence", "residual_consequence"):
            self.fields[name].choices = consequence_choices  # type: ignore[attr-defined]
        for name in ("likelihood", "residual_likelihood"):
            self.fields[name].choices = likelihood_choices  # type: ignore[attr-defined]


def initial_of(form: RiskForm) -> dict[str, object]:
    return {
        "number": form.number,
        "date": form.date,
        "consequence": str(int(form.consequence)) if form.consequence else "",
        "likelihood": form.likelihood.value if form.likelihood else "",
        "consequence_reason": form.consequence_reason,
        "likelihood_reason": form.likelihood_reason,
        "effect": form.effect,
        "residual_consequence": (
            str(int(form.residual_consequence)) if form.residual_consequence else ""
        ),
        "residual_likelihood": form.residual_likelihood.value if form.residual_likelihood else "",
        "residual_justification": form.residual_justification,
    }


@dataclass(frozen=True, slots=True)
class MeasureLists:
    existing: tuple[Measure, ...]
    proposed: ProposedMeasures

    def as_dict(self) -> dict[str, tuple[Measure, ...]]:
        return {
            "existing": self.existing,
            "level_1": self.proposed.level_1,
            "level_2": self.proposed.level_2,
            "level_3": self.proposed.level_3,
        }


def measures_of(form: RiskForm) -> MeasureLists:
    return MeasureLists(form.existing_measures, form.proposed)


def _row(data: QueryDict, prefix: str) -> Measure | None:
    text = data.get(f"{prefix}-text", "").strip()
    catalogue = data.get(f"{prefix}-catalogue", "").strip() or None
    kind = data.get(f"{prefix}-type", "").strip()
    dropped = data.get("drop") == prefix or data.get(f"{prefix}-remove")
    if dropped or not (text or catalogue):
        return None
    measure_type = MeasureType(kind) if kind in set(MeasureType) else None
    return Measure(text=text, catalogue=catalogue, type=measure_type)


def _new_row(data: QueryDict, name: str, catalogue: MeasureCatalogue, lang: str) -> Measure | None:
    pick = data.get(f"{name}-new-pick", "").strip()
    text = data.get(f"{name}-new-text", "").strip()
    picked = catalogue.by_id().get(pick)
    if picked is not None:
        return Measure(text=text or picked.name[lang], catalogue=picked.id, type=picked.type)
    return Measure(text=text) if text else None


def parse_measures(data: QueryDict, catalogue: MeasureCatalogue, lang: str) -> MeasureLists:
    """The four measure lists as posted: kept rows in order, then the new one (if any).
    `lang` is the document language, in which a picked catalogue measure is written."""
    lists: dict[str, tuple[Measure, ...]] = {}
    for name in MEASURE_LISTS:
        try:
            count = min(int(data.get(f"{name}-count", "0")), MAX_ROWS)
        except ValueError:
            count = 0
        rows = [_row(data, f"{name}-{index}") for index in range(count)]
        rows.append(_new_row(data, name, catalogue, lang))
        lists[name] = tuple(row for row in rows if row is not None)
    proposed = ProposedMeasures(lists["level_1"], lists["level_2"], lists["level_3"])
    return MeasureLists(lists["existing"], proposed)


def apply_fields(form: RiskForm, cleaned: dict[str, Any], lists: MeasureLists) -> RiskForm:
    """The form with what the user saved (the cross itself is not editable here)."""
    return replace(
        form,
        number=int(cleaned["number"]),
        date=cleaned["date"],
        consequence=cleaned["consequence"],
        likelihood=cleaned["likelihood"],
        consequence_reason=str(cleaned["consequence_reason"]).strip(),
        likelihood_reason=str(cleaned["likelihood_reason"]).strip(),
        effect=str(cleaned["effect"]).strip(),
        residual_consequence=cleaned["residual_consequence"],
        residual_likelihood=cleaned["residual_likelihood"],
        residual_justification=str(cleaned["residual_justification"]).strip(),
        existing_measures=lists.existing,
        proposed=lists.proposed,
    )
