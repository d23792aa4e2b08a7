"""Names from the assessment's risk model in the user's language, with plain fallbacks when
the model is unknown (R-7-11 reports that)."""

from __future__ import annotations

from bolvaerk.content.catalogues import RiskModelLabels, risk_model_labels
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.enums import Colour


def model_labels(ref: str, lang: str) -> RiskModelLabels | None:
    try:
        return risk_model_labels(ref, lang)
    except ContentError:
        return None


def colour_names(ref: str, lang: str) -> dict[Colour, str]:
    labels = model_labels(ref, lang)
    if labels is None:
        return {colour: colour.value for colour in Colour}
    return {colour: labels.colour(colour) for colour in Colour}
