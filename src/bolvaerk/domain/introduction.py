"""Section 1 Indledning: who prepared the assessment, with the police (skema 1.2), and 1.3."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Participant:
    """Skema 1.2 Udarbejdelse: one row per participant."""

    name: str = ""
    function: str = ""  # e.g. PFSO, RSO, politiassistent
    organisation: str = ""
    is_rso: bool = False


@dataclass(frozen=True, slots=True)
class PoliceRecord:
    district: str = ""  # politikreds
    representative: str = ""  # repræsentant fra politiet
    review_date: date | None = None  # dato for politiets gennemgang
    confirmation_emailed: bool = False  # R-1-04: police e-mail to maritimsikring@trafikstyrelsen.dk


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """Skema 1.3 Forkortelser."""

    abbreviation: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class Introduction:
    text: str = ""
    prepared_by: str = ""  # who concretely prepared the assessment
    prepared_with_police: bool = False  # R-1-01: stated that it was prepared with the police
    participants: tuple[Participant, ...] = ()
    police: PoliceRecord = PoliceRecord()
    abbreviations: tuple[Abbreviation, ...] = ()
