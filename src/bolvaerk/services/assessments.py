"""Use cases on assessment files: new, example, renew, diff, grid."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from bolvaerk.adapters.file import load_assessment, save_assessment, write_bytes, write_text
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
EXAMPLE_ANNEXES = EXAMPLES / "annexes"  # the examples' annex files (maps, org charts) and logo
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


def example_file_names(assessment: Assessment) -> list[str]:
    """The annex files and the logo an assessment names that the examples ship, in order."""
    named = [annex.file.strip() for annex in assessment.annexes]
    named.append(assessment.front_page.logo.strip())
    names: list[str] = []
    for name in named:
        # bare file names only: a name with a folder in it is not one of the shipped files
        bare = bool(name) and name == Path(name).name
        if bare and name not in names and (EXAMPLE_ANNEXES / name).is_file():
            names.append(name)
    return names


def copy_example_files(kind: AssessmentKind, folder: Path, *, defects: bool = False) -> list[Path]:
    """Copy the annex files and the logo the example (or the defects example) names into
    `folder`, beside the assessment file. A file already there is left alone, whether it is
    the same or a different one (never overwritten); returns the files written."""
    assessment = load_assessment(example_path(kind, defects=defects))
    written: list[Path] = []
    for name in example_file_names(assessment):
        target = folder / name
        if target.exists():
            continue
        write_bytes(target, (EXAMPLE_ANNEXES / name).read_bytes())
        written.append(target)
    return written


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
