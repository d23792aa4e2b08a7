"""What the rules need from content, resolved for one assessment: its frozen risk model and
threat catalogue, and the map checklist."""

from __future__ import annotations

from pathlib import Path

from bolvaerk.content.catalogues import (
    load_risk_model,
    load_threat_catalogue,
    map_checklist,
)
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.risk import RiskModel
from bolvaerk.domain.rules import RuleContext
from bolvaerk.domain.threats import CatalogueThreat


def model_dirs(home: Path | None) -> tuple[Path, ...]:
    """Where a user's own risk models live: BOLVAERK_HOME/models/*.yaml."""
    if home is None:
        return ()
    folder = home / "models"
    return (folder,) if folder.is_dir() else ()


def resolve_model(ref: str, home: Path | None = None) -> RiskModel | None:
    try:
        return load_risk_model(ref, model_dirs(home))
    except ContentError:
        return None


def resolve_threats(ref: str) -> tuple[CatalogueThreat, ...] | None:
    try:
        return load_threat_catalogue(ref).threats
    except ContentError:
        return None


def files_present(assessment: Assessment, folder: Path) -> frozenset[str]:
    """Which of the files the assessment names (annexes, logo) exist in `folder`."""
    named = {annex.file.strip() for annex in assessment.annexes} | {assessment.front_page.logo}
    return frozenset(name for name in named if name.strip() and (folder / name).is_file())


def rule_context(
    assessment: Assessment, home: Path | None = None, folder: Path | None = None
) -> RuleContext:
    """The context for the rules; with `folder` (where the file lies) annex files are checked."""
    return RuleContext(
        risk_model=resolve_model(assessment.meta.risk_model, home),
        catalogue_threats=resolve_threats(assessment.meta.threat_catalogue) or (),
        map_checklist=tuple(entry.key for entry in map_checklist()),
        files_present=None if folder is None else files_present(assessment, folder),
    )
