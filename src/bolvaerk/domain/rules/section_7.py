"""Rules of section 7 (list 7.1 and the risk forms 7.2), R-7-01 .. R-7-11 (pfsa-domain.md §3.4).

Rules: the grid 6.2.1 and the list 7.1 are derived - a cross *is* a form (item id, threat id).
So the count rule R-7-01 can only fail by one cross being assessed twice; a form whose cross
lies outside the grid is R-7-04's (dangling id, threat judged not relevant) or R-5-03's (item
not ticked S and V). Colours come from the assessment's risk model (RuleContext.risk_model):
when the model is unknown, every colour-based rule stays quiet and R-7-11 reports it once.
The order of dates (form date <= completion date) is R-X-03's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Provenance, SecurityLevel, Severity
from bolvaerk.domain.risk import Rating, RiskModel, rate, rate_optional
from bolvaerk.domain.risk_forms import Measure, RiskForm
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
FORMS = "sections.7.forms"

# R-7-02: a text that refers to another risk assessment instead of assessing its own pair,
# e.g. "se risikovurdering nr. 3", "som nr. 3", "jf. risikovurdering 4", "samme som
# risikovurdering 2", "same as no. 3", "see assessment 3", "as in form no. 5".
_REF_DA = r"(?:se|jf\.?|jævnfør|som|som\s+i|samme\s+som|henvis\w*\s+til)"
_REF_EN = r"(?:same\s+as|see|as\s+in|as\s+for|refer\s+to)"
_POOLING = re.compile(
    rf"""\b(?:
        {_REF_DA}\s+(?:risikovurdering(?:en)?\s*)?(?:nr\.?|nummer)\s*(?P<da_no>\d+)
      | {_REF_DA}\s+risikovurdering(?:en)?\s+(?P<da>\d+)
      | {_REF_EN}\s+(?:(?:risk\s+)?(?:assessment|form)\s*)?(?:no\.?|number|\#)\s*(?P<en_no>\d+)
      | {_REF_EN}\s+(?:risk\s+)?(?:assessment|form)\s+(?P<en>\d+)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def pooling_references(text: str) -> Iterator[tuple[str, int]]:
    """Every reference to a numbered risk assessment in a text: (matched text, number)."""
    for match in _POOLING.finditer(text):
        number = next(group for group in match.groups() if group is not None)
        yield match.group(0), int(number)


def _form_texts(prefix: str, form: RiskForm) -> Iterator[tuple[str, str]]:
    """(path, text) of every free text of a form in which it could lean on another form."""
    yield f"{prefix}.consequence_reason", form.consequence_reason
    yield f"{prefix}.likelihood_reason", form.likelihood_reason
    yield f"{prefix}.effect", form.effect
    measures: list[tuple[str, tuple[Measure, ...]]] = [
        ("existing_measures", form.existing_measures),
        ("proposed.level_1", form.proposed.level_1),
        ("proposed.level_2", form.proposed.level_2),
        ("proposed.level_3", form.proposed.level_3),
    ]
    for name, listed in measures:
        for index, measure in enumerate(listed):
            yield f"{prefix}.{name}[{index}].text", measure.text


@rule("R-7-01", section="6.2.1, 7.1", source="SEED L705-L707, L727, L733", variants={"main": E})
def one_form_per_cross(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """A cross assessed twice: 7.1 would have more rows than 6.2.1 has crosses."""
    items = a.sections.assets.by_id()
    threats = a.sections.threats.by_id()
    first: dict[tuple[str, str], RiskForm] = {}
    for index, form in enumerate(a.sections.risk.forms):
        earlier = first.setdefault(form.cross, form)
        if earlier is not form:
            item, threat = items.get(form.item), threats.get(form.threat)
            yield Hit(
                f"{FORMS}[{index}]",
                params={
                    "number": form.number,
                    "first": earlier.number,
                    "item": item.name if item is not None else form.item,
                    "threat": threat.name if threat is not None else form.threat,
                },
            )


@rule("R-7-02", section="7.1, 7.2", source="SEED L729", variants={"main": E})
def no_pooling(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """A form that refers to another form's assessment instead of assessing its own pair."""
    for index, form in enumerate(a.sections.risk.forms):
        for path, text in _form_texts(f"{FORMS}[{index}]", form):
            others = [ref for ref, number in pooling_references(text) if number != form.number]
            if others:
                yield Hit(path, params={"number": form.number, "reference": others[0]})


@rule("R-7-03", section="7.1, 7.2", source="SEED L723, L751", variants={"main": E})
def numbered_in_order(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """7.1 is numbered 1..n in list order, without gaps or duplicates."""
    for index, form in enumerate(a.sections.risk.forms):
        expected = index + 1
        if form.number != expected:
            yield Hit(
                f"{FORMS}[{index}].number", params={"number": form.number, "expected": expected}
            )


@rule(
    "R-7-04",
    section="6.2.1, 7.2",
    source="SEED L757-L763",
    variants={"item": E, "threat": E, "threat_not_relevant": E},
)
def form_labels_resolve(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """Sårbarhed and Trussel of a form are taken from 6.2.1, so their ids must resolve there.

    A form on an item that exists but is not ticked S and V is R-5-03's."""
    items = a.sections.assets.by_id()
    threats = a.sections.threats.by_id()
    for index, form in enumerate(a.sections.risk.forms):
        prefix = f"{FORMS}[{index}]"
        if form.item not in items:
            yield Hit(f"{prefix}.item", "item", {"number": form.number, "value": form.item})
        threat = threats.get(form.threat)
        if threat is None:
            yield Hit(f"{prefix}.threat", "threat", {"number": form.number, "value": form.threat})
        elif threat.relevant is False:
            yield Hit(
                f"{prefix}.threat",
                "threat_not_relevant",
                {"number": form.number, "value": threat.name},
            )


def has_measures(measures: tuple[Measure, ...]) -> bool:
    """At least one measure written out (or picked from the catalogue)."""
    return any(not blank(measure.text) or measure.catalogue for measure in measures)


def initial_rating(form: RiskForm, model: RiskModel | None) -> Rating | None:
    """The form's rating before further measures; None when unrated or the model is unknown."""
    if model is None:
        return None
    return rate_optional(model, form.consequence, form.likelihood)


def has_residual(form: RiskForm) -> bool:
    return form.residual_consequence is not None or form.residual_likelihood is not None


def raised_consequence(form: RiskForm) -> bool:
    initial, residual = form.consequence, form.residual_consequence
    return initial is not None and residual is not None and residual > initial


def raised_likelihood(form: RiskForm) -> bool:
    initial, residual = form.likelihood, form.residual_likelihood
    return initial is not None and residual is not None and residual.rank > initial.rank


def _cell(rating: Rating) -> dict[str, object]:
    return {
        "consequence": int(rating.consequence),
        "likelihood": str(rating.likelihood),
        "colour": str(rating.colour),
    }


@rule("R-7-05", section="7.2", source="SEED L755", variants={"main": E})
def form_dated(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The format is checked on loading (R-FP-03); the order of dates is R-X-03's."""
    for index, form in enumerate(a.sections.risk.forms):
        if form.date is None:
            yield Hit(f"{FORMS}[{index}].date", params={"number": form.number})


@rule("R-7-06", section="7.2", source="SEED L774-L792, L862-L892", variants={"main": E})
def consequence_and_likelihood(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    for index, form in enumerate(a.sections.risk.forms):
        if form.consequence is None:
            yield Hit(f"{FORMS}[{index}].consequence", params={"number": form.number})
        if form.likelihood is None:
            yield Hit(f"{FORMS}[{index}].likelihood", params={"number": form.number})


@rule(
    "R-7-07",
    section="7.2",
    source="SEED L786, L898",
    variants={"main": E, "likelihood_reason": INFO},
)
def existing_measures(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """Existing measures recorded, and (I) the likelihood justified in their light."""
    for index, form in enumerate(a.sections.risk.forms):
        prefix = f"{FORMS}[{index}]"
        if not has_measures(form.existing_measures):
            yield Hit(f"{prefix}.existing_measures", params={"number": form.number})
        # an unset likelihood is R-7-06's; here only its missing justification
        if form.likelihood is not None and blank(form.likelihood_reason):
            yield Hit(f"{prefix}.likelihood_reason", "likelihood_reason", {"number": form.number})


@rule(
    "R-7-08",
    section="7.2",
    source="SEED L790-L792, L900-L918",
    variants={"main": E, "no_residual": E},
)
def unacceptable_needs_proposals(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    """Yellow, orange or red: measures for security levels 1, 2 and 3 and a residual rating."""
    for index, form in enumerate(a.sections.risk.forms):
        rating = initial_rating(form, context.risk_model)
        if rating is None or rating.acceptable:
            continue
        prefix = f"{FORMS}[{index}]"
        params = {"number": form.number, **_cell(rating)}
        for level in SecurityLevel:
            if not has_measures(form.proposed.at(level)):
                yield Hit(
                    f"{prefix}.proposed.level_{int(level)}", params={**params, "level": int(level)}
                )
        if not has_residual(form):
            yield Hit(f"{prefix}.residual_likelihood", "no_residual", params)


@rule(
    "R-7-09",
    section="7.2",
    source="SEED L792, L916-L918 (error by default: PROPOSAL)",
    variants={"main": E, "justified": W},
    provenance=Provenance.PROPOSAL,
)
def residual_acceptable(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    """After the measures the risk ends green or grey, unless a justification is written.
    An axis without a residual value keeps its initial value (the worked example lowers only
    the likelihood, III -> II).

    Only forms that were not acceptable and have a residual rating: a missing residual is
    R-7-08's, a residual worse than the initial rating is R-7-10's."""
    model = context.risk_model
    if model is None:
        return
    for index, form in enumerate(a.sections.risk.forms):
        rating = initial_rating(form, model)
        if rating is None or rating.acceptable or not has_residual(form):
            continue
        if raised_consequence(form) or raised_likelihood(form):
            continue  # R-7-10's
        residual = rate(
            model,
            form.residual_consequence or rating.consequence,
            form.residual_likelihood or rating.likelihood,
        )
        if residual.acceptable:
            continue
        field = "residual_likelihood" if form.residual_likelihood else "residual_consequence"
        variant = "main" if blank(form.residual_justification) else "justified"
        yield Hit(f"{FORMS}[{index}].{field}", variant, {"number": form.number, **_cell(residual)})


@rule(
    "R-7-10",
    section="7.2",
    source="SEED L900, L918 (INFERRED)",
    variants={"main": INFO},
    provenance=Provenance.INFERRED,
)
def residual_not_worse(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """Further measures cannot raise the risk: the residual consequence and likelihood are
    not higher than the initial ones (independent of the risk model)."""
    for index, form in enumerate(a.sections.risk.forms):
        prefix = f"{FORMS}[{index}]"
        if raised_consequence(form):
            yield Hit(
                f"{prefix}.residual_consequence",
                params={
                    "number": form.number,
                    "initial": int(form.consequence or 0),
                    "value": int(form.residual_consequence or 0),
                },
            )
        if raised_likelihood(form):
            yield Hit(
                f"{prefix}.residual_likelihood",
                params={
                    "number": form.number,
                    "initial": str(form.likelihood),
                    "value": str(form.residual_likelihood),
                },
            )


@rule("R-7-11", section="7.2.1", source="SEED L739", variants={"main": E})
def risk_model_known(a: Assessment, context: RuleContext) -> Iterator[Hit]:
    """The model named in the file exists, so the forms can be coloured. (Method freedom:
    another model than the template's may be used; the content loader refuses such a model
    without a method description, so 7.2.1 can always print one.)"""
    if context.risk_model is None:
        yield Hit("meta.risk_model", params={"model": a.meta.risk_model})
