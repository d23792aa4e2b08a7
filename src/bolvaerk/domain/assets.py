"""Section 5: items (ejendom, infrastruktur, sårbare elementer) of skemas 5.1-5.15 with S and V."""

from __future__ import annotations

from dataclasses import dataclass

from bolvaerk.domain.enums import AssetCategory, ElectricityClass
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class CyberDescription:
    """The cyber-security description every 5.5 system needs (R-5-10); also usable in 5.6."""

    system_type: str = ""
    supplier: str = ""
    outsourced_maintenance: bool | None = None
    measures: tuple[str, ...] = ()  # measure catalogue ids in place (segregation, backup, ...)
    gaps: str = ""
    description: str = ""

    @property
    def is_filled(self) -> bool:
        return bool(self.description.strip() or (self.measures and self.system_type.strip()))


@dataclass(frozen=True, slots=True)
class AssetItem:
    id: str
    category: AssetCategory
    name: str = ""  # Emne
    description: str = ""  # use and importance for security and operations
    vulnerable: bool | None = None  # S (sårbart); None = not yet decided
    significant: bool | None = None  # V (væsentligt); None = not yet decided
    present: bool = True  # exists on the facility (R-5-01)
    port_office: bool = False  # the havnekontor (R-5-05)
    company: str | None = None  # id of the 2.4 company this item stands for
    dangerous_goods: bool = False  # used for dangerous goods/substances (R-5-07)
    electricity_class: ElectricityClass = ElectricityClass.NONE  # (R-5-08)
    state_or_symbolic: bool = False  # state installation or high symbolic value (R-5-09)
    deviation_justification: str = ""  # why a "by default S+V" item is not S+V
    cyber: CyberDescription | None = None

    def __post_init__(self) -> None:
        check_id(self.id, "sections.5.items[].id")

    @property
    def in_grid(self) -> bool:
        """Only items ticked both S and V are rows of grid 6.2.1 (R-5-03)."""
        return self.vulnerable is True and self.significant is True


@dataclass(frozen=True, slots=True)
class Assets:
    text: str = ""
    items: tuple[AssetItem, ...] = ()

    def by_id(self) -> dict[str, AssetItem]:
        return {item.id: item for item in self.items}

    def grid_rows(self) -> tuple[AssetItem, ...]:
        return tuple(item for item in self.items if item.in_grid)
