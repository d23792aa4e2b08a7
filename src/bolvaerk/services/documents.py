"""Build the Document of an assessment file: the texts of the template in one language, the
frozen risk model, and the folder the assessment lies in (annex files, the logo)."""

from __future__ import annotations

from pathlib import Path

from bolvaerk.adapters.file import load_assessment
from bolvaerk.content.catalogues import asset_categories, risk_model_labels, ship_types
from bolvaerk.content.labels import template_labels
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.document.builder import build_document as build
from bolvaerk.domain.document.model import Document
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import Colour
from bolvaerk.services.context import model_dirs, resolve_model

# The default model's labels name the scales when an assessment's own model is unknown.
FALLBACK_MODEL = "ts-default@1"


def document_texts(assessment: Assessment, lang: str, home: Path | None = None) -> Texts:
    """Every text the builder needs, in `lang`: the template's labels, the asset categories,
    the ship types, and the scales and colours of the assessment's risk model."""
    values = {key: text[lang] for key, text in template_labels().items()}
    for category, skema in asset_categories().items():
        values[f"category.{category.value}"] = skema.title[lang]
    for row in ship_types():
        values[f"ship_type.{row.key}"] = row.label[lang]
        if row.subset_of:
            values[f"subset.{row.key}"] = row.subset_of
    try:
        labels = risk_model_labels(assessment.meta.risk_model, lang, model_dirs(home))
    except ContentError:
        labels = risk_model_labels(FALLBACK_MODEL, lang)
    values["scale.consequence_title"] = (
        f"{labels.consequence_title} ({labels.consequence_dimensions})"
    )
    values["scale.likelihood_title"] = f"{labels.likelihood_title} ({labels.likelihood_dimensions})"
    for level, label in labels.consequence_levels.items():
        values[f"scale.consequence.{int(level)}"] = label.label
    for likelihood, label in labels.likelihood_levels.items():
        values[f"scale.likelihood.{likelihood.value}"] = label.label
    for colour in Colour:
        values[f"colour.{colour.value}"] = labels.colour(colour)
    return Texts(lang, values)


def document_of(
    assessment: Assessment,
    lang: str | None = None,
    *,
    draft: bool = False,
    home: Path | None = None,
) -> Document:
    language = lang or assessment.meta.language
    model = resolve_model(assessment.meta.risk_model, home)
    return build(assessment, document_texts(assessment, language, home), model, draft=draft)


def build_document(
    assessment_path: Path, lang: str | None = None, draft: bool = False, home: Path | None = None
) -> tuple[Document, Path]:
    """The Document of an assessment file (in its own language unless `lang` is given) and the
    folder its annex files and logo are looked up in."""
    assessment = load_assessment(assessment_path)
    return document_of(assessment, lang, draft=draft, home=home), assessment_path.parent
