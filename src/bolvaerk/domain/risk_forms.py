"""Section 7: the register 7.1 and the risk forms 7.2, one form per cross of grid 6.2.1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bolvaerk.domain.enums import Consequence, Likelihood, MeasureType, SecurityLevel
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class Measure:
    """A sikringstiltag: free text, optionally picked from the measure catalogue."""

    text: str = ""
    catalogue: str | None = None  # id in the measure catalogue
    type: MeasureType | None = None


@dataclass(frozen=True, slots=True)
class ProposedMeasures:
    """Forslag til yderligere sikringstiltag, per ISPS security level."""

    level_1: tuple[Measure, ...] = ()
    level_2: tuple[Measure, ...] = ()
    level_3: tuple[Measure, ...] = ()

    def at(self, level: SecurityLevel) -> tuple[Measure, ...]:
        return (self.level_1, self.level_2, self.level_3)[level - 1]

    @property
    def is_empty(self) -> bool:
        return not (self.level_1 or self.level_2 or self.level_3)


@dataclass(frozen=True, slots=True)
class RiskForm:
    """One 7.2 risk assessment: exactly one (item, threat) cross, never pooled."""

    id: str
    number: int  # Nummer in list 7.1 (1..n)
    item: str  # id of the S+V item (Sårbarhed)
    threat: str  # id of the 6.1 threat (Trussel)
    date: date | None = None  # Dato
    consequence: Consequence | None = None
    likelihood: Likelihood | None = None
    consequence_reason: str = ""
    likelihood_reason: str = ""
    existing_measures: tuple[Measure, ...] = ()  # taken into account for the likelihood
    proposed: ProposedMeasures = ProposedMeasures()
    effect: str = ""  # what the proposed measures achieve
    residual_consequence: Consequence | None = None  # after the level-1 measures
    residual_likelihood: Likelihood | None = None
    residual_justification: str = ""  # R-7-09 override: why a non-green residual is accepted
    needs_reassessment: bool = False  # set by renewal until the form is touched

    def __post_init__(self) -> None:
        check_id(self.id, "sections.7.forms[].id")

    @property
    def cross(self) -> tuple[str, str]:
        return (self.item, self.threat)


@dataclass(frozen=True, slots=True)
class RiskAssessments:
    text: str = ""
    method_text: str = ""  # 7.2.1: description of the model when another one is used
    forms: tuple[RiskForm, ...] = ()
