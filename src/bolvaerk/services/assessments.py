"""Use cases on assessment files: new, example, renew, diff, grid."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from bolvaerk.adapters.file import load_assessment, save_assessment, write_text
from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.catalogues import load_threat_catalogue, risk_model_labels, ship_types
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.assessment import Assessment, Meta, Sections
from bolvaerk.domain.assets import AssetItem, Assets
from bolvaerk.domain.description import Description, TrafficRow
from bolvaerk.domain.diff import Change, diff_assessments
from bolvaerk.domain.enums import AssessmentKind, AssetCategory, Colour
from bolvaerk.domain.grid import Grid, build_grid
from bolvaerk.domain.renewal import renew
from bolvaerk.domain.threats import Threat, Threats
from bolvaerk.services.context import model_dirs, resolve_model

EXAMPLES = CONTENT_DIR / "examples"
EXAMPLE_FILES = {AssessmentKind.PFSA: "pfsa-example.yaml", AssessmentKind.PSA: "psa-example.yaml"}
DEFECTS_FILE = "pfsa-defects.yaml"
DEFAULT_THREATS = "ts-threats@1"


def new_id(kind: AssessmentKind) -> str:
    return f"{kind.value}-{secrets.token_hex(6)}"


def new_assessment(kind: AssessmentKind, lang: str) -> Assessment:
    """An empty assessment with every section present: the pre-printed threats of 6.1, the
    ship-type rows of 2.3.1 and the port office of 5.1 are there to be filled in."""
    catalogue = load_threat_catalogue(DEFAULT_THREATS)
    threats = tuple(
        Threat(
            id=threat.id,
            name=catalogue.threat_name(threat.id, lang),
            catalogue=threat.id,
            unauthorised_access=threat.unauthorised_access,
            cyber=threat.cyber,
        )
        for threat in catalogue.threats
        if threat.preprinted
    )
    traffic = tuple(TrafficRow(ship_type=row.key) for row in ship_types())
    port_office = AssetItem(
        id="item-port-office",
        category=AssetCategory.BUILDINGS,
        name="Havnekontoret" if lang == "da" else "Port office",
        port_office=True,
    )
    return Assessment(
        id=new_id(kind),
        kind=kind,
        meta=Meta(language=lang, threat_catalogue=DEFAULT_THREATS),
        sections=Sections(
            description=Description(traffic=traffic),
            assets=Assets(items=(port_office,)),
            threats=Threats(threats=threats),
        ),
    )


def example_path(kind: AssessmentKind, *, defects: bool = False) -> Path:
    return EXAMPLES / (DEFECTS_FILE if defects else EXAMPLE_FILES[kind])


def example_assessment(kind: AssessmentKind) -> Assessment:
    return load_assessment(example_path(kind))


def copy_defects_example(output: Path) -> None:
    write_text(output, example_path(AssessmentKind.PFSA, defects=True).read_text(encoding="utf-8"))


def write_assessment(assessment: Assessment, path: Path) -> None:
    save_assessment(assessment, path)


def renew_file(old: Path, new: Path) -> Assessment:
    previous = load_assessment(old)
    renewed = renew(previous, new_id=new_id(previous.kind))
    save_assessment(renewed, new)
    return renewed


def diff_files(old: Path, new: Path) -> tuple[Change, ...]:
    return diff_assessments(load_assessment(old), load_assessment(new))


@dataclass(frozen=True, slots=True)
class GridView:
    assessment: Assessment
    grid: Grid
    outside: int  # forms whose cross lies outside the grid


def grid_of(path: Path, home: Path | None = None) -> GridView:
    assessment = load_assessment(path)
    grid = build_grid(assessment, resolve_model(assessment.meta.risk_model, home))
    outside = len(assessment.sections.risk.forms) - grid.cross_count
    return GridView(assessment, grid, outside)


def with_language(assessment: Assessment, lang: str) -> Assessment:
    return replace(assessment, meta=replace(assessment.meta, language=lang))


def colour_names(assessment: Assessment, lang: str, home: Path | None = None) -> dict[Colour, str]:
    """The colours' names in the assessment's risk model (the plain names if it is unknown)."""
    try:
        labels = risk_model_labels(assessment.meta.risk_model, lang, model_dirs(home))
    except ContentError:
        return {colour: colour.value for colour in Colour}
    return {colour: labels.colour(colour) for colour in Colour}
