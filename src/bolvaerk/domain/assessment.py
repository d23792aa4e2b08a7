"""The assessment aggregate: one PFSA (or PSA) document, front page, sections 1-8, annexes.

Rules: every table of the template is a tuple of frozen values here; the grid 6.2.1, list 7.1
and table 8.2 are derived (grid.py, summary.py), never stored. Section attributes carry their
template number as the file key, so paths read like the template: sections.7.forms[3].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assets import Assets
from bolvaerk.domain.description import Description, ExistingSecurity
from bolvaerk.domain.enums import AssessmentKind, LifecycleState
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.front_page import FrontPage
from bolvaerk.domain.ids import check_id, check_unique_ids
from bolvaerk.domain.introduction import Introduction
from bolvaerk.domain.organisation import Organisation, PortPart
from bolvaerk.domain.risk_forms import RiskAssessments
from bolvaerk.domain.summary import Summary
from bolvaerk.domain.threats import Threats

FILE_FORMAT_VERSION = 1


def _key(number: str) -> dict[str, str]:
    return {"key": number}


@dataclass(frozen=True, slots=True)
class Sections:
    introduction: Introduction = field(default=Introduction(), metadata=_key("1"))
    description: Description = field(default=Description(), metadata=_key("2"))
    existing_security: ExistingSecurity = field(default=ExistingSecurity(), metadata=_key("3"))
    organisation: Organisation = field(default=Organisation(), metadata=_key("4"))
    assets: Assets = field(default=Assets(), metadata=_key("5"))
    threats: Threats = field(default=Threats(), metadata=_key("6"))
    risk: RiskAssessments = field(default=RiskAssessments(), metadata=_key("7"))
    summary: Summary = field(default=Summary(), metadata=_key("8"))


@dataclass(frozen=True, slots=True)
class Meta:
    """What the document is and what it was assessed with (frozen references to content)."""

    risk_model: str = "ts-default@1"  # name@version of the risk model used
    threat_catalogue: str = "ts-threats@1"  # name@version of the 6.1 catalogue
    language: str = "da"  # document language
    revision: int = 1
    state: LifecycleState = LifecycleState.DRAFT
    approved: date | None = None  # approval date given by the authority to this version
    previous: str = ""  # id of the assessment this one renews or changes


@dataclass(frozen=True, slots=True)
class Assessment:
    id: str
    kind: AssessmentKind = AssessmentKind.PFSA
    format_version: int = FILE_FORMAT_VERSION
    meta: Meta = Meta()
    front_page: FrontPage = FrontPage()
    sections: Sections = Sections()
    annexes: tuple[Annex, ...] = ()
    port: PortPart | None = None  # PSA only

    def __post_init__(self) -> None:
        check_id(self.id, "id")
        if self.kind is AssessmentKind.PSA and self.port is None:
            object.__setattr__(self, "port", PortPart())
        if self.kind is AssessmentKind.PFSA and self.port is not None:
            raise InvalidValue("PFSA-HAS-PORT-PART", "port")
        sections = self.sections
        check_unique_ids(self.annexes, "annexes")
        check_unique_ids(sections.description.companies, "sections.2.companies")
        check_unique_ids(
            sections.organisation.groups_with_duties + sections.organisation.groups_without_duties,
            "sections.4.groups",
        )
        check_unique_ids(sections.assets.items, "sections.5.items")
        check_unique_ids(sections.threats.threats, "sections.6.threats")
        check_unique_ids(sections.risk.forms, "sections.7.forms")
        if self.port is not None:
            check_unique_ids(self.port.facilities, "port.facilities")
