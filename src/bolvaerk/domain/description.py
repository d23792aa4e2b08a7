"""Section 2 Beskrivelse af havnen og havnefaciliteten; section 3 Eksisterende sikringsforhold."""

from __future__ import annotations

from dataclasses import dataclass

from bolvaerk.domain.enums import ElectricityClass, RiskCompanyClass
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class TrafficRow:
    """Skema 2.3.1: expected annual traffic of one ship type. The Total row is derived."""

    ship_type: str  # key from the ship-type list in content, or own text
    calls: int | None = None  # Antal anløb: every row, 0 where the type does not call
    passengers: int | None = None  # Antal passagerer
    cargo_type: str = ""  # Type af gods
    quantity: float | None = None  # Mængde
    unit: str = ""  # tons unless stated otherwise (R-2-05)
    dangerous_goods: bool = False  # the row carries dangerous goods (R-5-11, R-X-02)


@dataclass(frozen=True, slots=True)
class Company:
    """Skema 2.4 Virksomhedsprofil: one per company on the facility outside its organisation."""

    id: str
    name: str = ""
    address: str = ""
    location: str = ""  # Beskrivelse af placering på faciliteten
    employees: int | None = None
    activities: str = ""
    risk_class: RiskCompanyClass | None = None  # Risikovirksomhed
    electricity_class: ElectricityClass = ElectricityClass.NONE
    other_matters: str = ""  # Øvrige relevante forhold
    other_matters_items: tuple[str, ...] = ()  # R-2-11: the 5.x items that assess those matters

    def __post_init__(self) -> None:
        check_id(self.id, "companies[].id")


@dataclass(frozen=True, slots=True)
class Description:
    port_maps_text: str = ""  # 2.1 supplementary text (the maps are annexes)
    facility_maps_text: str = ""  # 2.2 supplementary text
    map_checklist: tuple[str, ...] = ()  # R-2-02: keys of the map elements the RSO confirmed
    activity_text: str = ""  # 2.3
    traffic: tuple[TrafficRow, ...] = ()  # 2.3.1
    other_ship_types_text: str = ""  # Beskrivelse af kategorien "Andre skibstyper ..."
    traffic_pattern_text: str = ""  # Beskrivelse af trafikmønster
    other_activity_text: str = ""  # 2.3.2
    companies_text: str = ""  # 2.4 introduction
    companies: tuple[Company, ...] = ()  # 2.4


@dataclass(frozen=True, slots=True)
class ExistingSecurity:
    """Section 3: a short overall description; 3.2.4 procedural practices."""

    text: str = ""
    physical_technical: str = ""
    procedural: str = ""  # 3.2.4 proceduremæssige fremgangsmåder


def check_company_ids(companies: tuple[Company, ...]) -> None:
    for company in companies:
        check_id(company.id, "sections.2.companies[].id")
