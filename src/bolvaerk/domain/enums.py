"""Closed choices of the TS template, as enums.

Rules: every closed choice of the template is an enum here; its value is the spelling used in
assessment files (English, stable). Danish labels live in content (translations), never here.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class AssessmentKind(StrEnum):
    PFSA = "pfsa"  # havnefacilitetssårbarhedsvurdering
    PSA = "psa"  # havnesårbarhedsvurdering


class ApplicationReason(StrEnum):
    """F10 Ansøgning om godkendelse af."""

    NEW = "new"
    RENEWAL = "renewal"
    MAJOR_CHANGE = "major_change"


class FacilityStatus(StrEnum):
    """F11 current status (all five) and F12 requested status (all but NONE_NEW)."""

    ON_OFF = "on_off"
    DISPENSATION_9 = "dispensation_9"
    ESA = "esa"
    PERMANENT = "permanent"
    NONE_NEW = "none_new"


REQUESTABLE_STATUSES = frozenset(
    {
        FacilityStatus.ON_OFF,
        FacilityStatus.DISPENSATION_9,
        FacilityStatus.ESA,
        FacilityStatus.PERMANENT,
    }
)
LIGHTER_STATUSES = frozenset(
    {FacilityStatus.ON_OFF, FacilityStatus.DISPENSATION_9, FacilityStatus.ESA}
)


class Activity(StrEnum):
    """F13 Havnefacilitetens aktiviteter (also the cargo categories of 2.3.1)."""

    WET_BULK = "wet_bulk"
    SHIPYARD = "shipyard"
    CONTAINERS = "containers"
    SPECIAL_OPERATIONS = "special_operations"
    DRY_BULK = "dry_bulk"
    GENERAL_CARGO = "general_cargo"
    PASSENGERS = "passengers"
    OTHER = "other"


class MajorChange(StrEnum):
    """R-FP-10: the seven TS examples (a)-(g) of a major change."""

    A_HANDED_TO_TERMINAL_OPERATOR = "a_handed_to_terminal_operator"
    B_NEW_TERMINAL_OPERATOR = "b_new_terminal_operator"
    C_GENERAL_CARGO_TO_CRUISE = "c_general_cargo_to_cruise"
    D_TENDERS_TO_CRUISE = "d_tenders_to_cruise"
    E_TECHNICAL_MANUAL_SWITCH = "e_technical_manual_switch"
    F_THREATENING_INTERFACE = "f_threatening_interface"
    G_STATUS_CHANGE = "g_status_change"


class SecurityLevel(IntEnum):
    """ISPS sikringsniveau."""

    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3


class Consequence(IntEnum):
    """Konsekvens, the X axis of the matrix."""

    LIMITED = 1  # Begrænset
    MODERATE = 2  # Moderat
    SERIOUS = 3  # Alvorlig
    VERY_SERIOUS = 4  # Meget alvorlig
    CRITICAL = 5  # Kritisk


class Likelihood(StrEnum):
    """Sandsynlighed, the Y axis of the matrix, written in Roman numerals as in the template."""

    I = "I"  # noqa: E741 - the template's own numeral; Meget usandsynlig
    II = "II"  # Overvejende usandsynlig
    III = "III"  # Sandsynlig
    IV = "IV"  # Overvejende sandsynlig
    V = "V"  # Meget sandsynlig

    @property
    def rank(self) -> int:
        return _LIKELIHOOD_RANK[self]


_LIKELIHOOD_RANK = {
    Likelihood.I: 1,
    Likelihood.II: 2,
    Likelihood.III: 3,
    Likelihood.IV: 4,
    Likelihood.V: 5,
}


class Colour(StrEnum):
    GREY = "grey"
    GREEN = "green"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


class Provenance(StrEnum):
    """Where a piece of content comes from: the authority's text, or our own reading."""

    SOURCED = "sourced"
    PROPOSAL = "proposal"
    INFERRED = "inferred"


class RiskCompanyClass(StrEnum):
    """2.4 Risikovirksomhed (risikobekendtgørelsen bilag 1)."""

    NONE = "none"
    COLUMN_2 = "column_2"
    COLUMN_3 = "column_3"


class ElectricityClass(StrEnum):
    """Classification of an electricity installation (elberedskab § 11)."""

    NONE = "none"
    CLASS_1 = "class_1"
    CLASS_2 = "class_2"
    CLASS_3 = "class_3"


class AssetCategory(StrEnum):
    """Skemas 5.1-5.15; the value is the template's section number."""

    BUILDINGS = "5.1"
    RISK_COMPANIES = "5.2"
    PERIMETER = "5.3"
    SURVEILLANCE = "5.4"
    IT_COMMUNICATION = "5.5"
    TRAFFIC_NAVIGATION = "5.6"
    LAND_ACCESS = "5.7"
    WATER_ACCESS = "5.8"
    CARGO_HANDLING = "5.9"
    BRIDGES_RAIL_ROADS = "5.10"
    UTILITIES = "5.11"
    PORT_VESSELS = "5.12"
    OTHER_AREAS = "5.13"
    PERSONNEL = "5.14"
    EXTERNAL_PARTNERS = "5.15"


class Staffing(StrEnum):
    """4.2.2 Intern/ekstern."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class AnnexKind(StrEnum):
    """Which part of the template an annex belongs to."""

    MAP_PORT = "map_port"  # skema 2.1
    MAP_FACILITY = "map_facility"  # skema 2.2
    ORG_GENERAL = "org_general"  # 4.1
    ORG_SECURITY = "org_security"  # 4.2
    COMPANY = "company"  # supplementary annex of a 2.4 company profile
    OTHER = "other"


class MeasureType(StrEnum):
    """7.2.2 Sikringstiltag: main type / sub-type."""

    PHYSICAL = "physical"
    ELECTRONIC = "electronic"
    CYBER_TECHNICAL = "cyber_technical"
    ORGANISATIONAL = "organisational"
    HUMAN = "human"


class Severity(StrEnum):
    """error = the guide says "skal"; warning = "bør"; info = our INFERRED consistency check."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class LifecycleState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
