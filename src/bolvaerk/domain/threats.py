"""Section 6.1 Liste over relevante trusler."""

from __future__ import annotations

from dataclasses import dataclass

from bolvaerk.domain.enums import Provenance
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class CatalogueThreat:
    """A threat of a catalogue (content), e.g. one of the pre-printed ones."""

    id: str
    name: str
    preprinted: bool
    provenance: Provenance
    cyber: bool = False
    unauthorised_access: bool = False  # R-6-03: always a threat, whatever the intent


@dataclass(frozen=True, slots=True)
class Threat:
    id: str
    name: str = ""  # Trussel, as written in 6.1, 6.2.1 and 7.2
    catalogue: str | None = None  # id of the catalogue threat this row comes from
    assessment: str = ""  # why the threat is (or is not) relevant here
    relevant: bool | None = None  # None = not yet assessed
    unauthorised_access: bool = False  # this row is the unauthorised-access threat (R-6-03)
    cyber: bool = False

    def __post_init__(self) -> None:
        check_id(self.id, "sections.6.threats[].id")


@dataclass(frozen=True, slots=True)
class Threats:
    sources_text: str = ""  # where the threat picture comes from (PET, FE, police)
    threats: tuple[Threat, ...] = ()

    def by_id(self) -> dict[str, Threat]:
        return {threat.id: threat for threat in self.threats}
