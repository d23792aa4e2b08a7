"""The annex register (bilag): maps of 2.1/2.2, org charts of 4.1/4.2, company annexes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bolvaerk.domain.enums import AnnexKind
from bolvaerk.domain.ids import check_id


@dataclass(frozen=True, slots=True)
class Annex:
    id: str
    number: str = ""  # bilagsnummer, as written in the template (e.g. "1", "2a")
    name: str = ""  # navn
    kind: AnnexKind = AnnexKind.OTHER
    file: str = ""  # file name, relative to the assessment file
    electronic: bool = True  # False: sent on paper
    registered_letter_sent: date | None = None  # R-2-03: § 29 stk. 2, anbefalet brev

    def __post_init__(self) -> None:
        check_id(self.id, "annexes[].id")
