"""Section 4 Organisation; for a PSA also the port security committee and the port's facilities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bolvaerk.domain.enums import Staffing
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class SecurityOfficer:
    """Skema 4.2.1 PFSO (PSA: the PSO, with the competences of ISPS B/18.1)."""

    name: str = ""
    title: str = ""
    training: str = ""  # Uddannelse
    competences: tuple[str, ...] = ()  # keys of ISPS B/18.1 competences (content)
    dangerous_goods_training: bool = False  # IMDG 1.4 / IMSBC 11 (R-4-05)


@dataclass(frozen=True, slots=True)
class PersonnelGroup:
    """Skema 4.2.2 (with security duties) and 4.2.3 (without) rows."""

    id: str
    function: str = ""
    count: int | None = None  # Antal
    training: str = ""  # (Eventuel) sikringsrelateret uddannelse
    staffing: Staffing | None = None  # Intern/ekstern (4.2.2 only)
    dangerous_goods_training: bool = False

    def __post_init__(self) -> None:
        check_id(self.id, "personnel[].id")


@dataclass(frozen=True, slots=True)
class CommitteeMember:
    """PSA: udvalg for havnesikring (port security committee)."""

    name: str = ""
    organisation: str = ""
    role: str = ""  # PSO, PFSO, terminal operator, ...
    facility: str = ""  # id of the port facility this member is PFSO of, if any


@dataclass(frozen=True, slots=True)
class PortFacility:
    """PSA: one ISPS port facility of the port (a part of the port's assessment)."""

    id: str
    name: str = ""
    unlocode: str = ""
    gisis_number: str = ""
    pfso: str = ""
    pfsa_approved: date | None = None

    def __post_init__(self) -> None:
        check_id(self.id, "port.facilities[].id")


@dataclass(frozen=True, slots=True)
class Organisation:
    general_text: str = ""  # 4.1 (the chart itself is an annex)
    security_text: str = ""  # 4.2 (the chart itself is an annex)
    persons_total: int | None = None  # persons attached to the facility (port)
    persons_with_security_duties: int | None = None
    officer: SecurityOfficer = SecurityOfficer()  # 4.2.1 PFSO / PSO
    groups_with_duties: tuple[PersonnelGroup, ...] = ()  # 4.2.2
    groups_without_duties: tuple[PersonnelGroup, ...] = ()  # 4.2.3
    attendance_text: str = ""  # 4.2.4 daily attendance
    staffed_round_the_clock: bool | None = None


@dataclass(frozen=True, slots=True)
class PortPart:
    """What only a PSA has (pfsa-domain.md §7)."""

    ownership_text: str = ""  # 4.1 must show ownership and structures
    committee: tuple[CommitteeMember, ...] = ()  # udvalg for havnesikring
    authorities_in_chart: bool = False  # TS and police appear in the 4.2 chart
    committee_in_chart: bool = False  # the port security committee appears in the 4.2 chart
    facilities: tuple[PortFacility, ...] = ()
    sub_areas_text: str = ""  # division of the port by likelihood of incidents (INFERRED)
