"""Front page (Forsiden), fields F1-F16 of the TS template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bolvaerk.domain.enums import Activity, ApplicationReason, FacilityStatus, MajorChange


@dataclass(frozen=True, slots=True)
class FrontPage:
    port: str = ""  # F1 Havn
    facility: str = ""  # F2 Havnefacilitet
    unlocode: str = ""  # F3 UN/LOCODE
    gisis_number: str = ""  # IMO GISIS port facility number (optional, INFERRED)
    new_facility: bool | None = None  # F4 Ny havnefacilitet
    position: str = ""  # F5 Sted angivelse, e.g. 55°16,1' N; 009°53,1' Ø
    postal_address: str = ""  # F6
    cvr: str = ""  # F7 CVR-nummer
    pfsa_approved: date | None = None  # F8 approval date of the existing PFSA
    pfsp_approved: date | None = None  # F9 approval date of the existing PFSP
    application_reason: ApplicationReason | None = None  # F10
    major_changes: tuple[MajorChange, ...] = ()  # R-FP-10 wizard answers (a)-(g)
    current_status: FacilityStatus | None = None  # F11
    requested_status: FacilityStatus | None = None  # F12
    activities: tuple[Activity, ...] = ()  # F13
    activity_other: str = ""  # F13 description when "andet" is ticked
    rso_name: str = ""  # F14 Anerkendt sikringsorganisation
    logo: str = ""  # F15 file name of the RSO logo (an image)
    completed: date | None = None  # F16 Dato for færdiggørelse
    position_checked_against_havnelods: bool | None = field(default=None)  # R-FP-02 (W)
