"""Rules only a PSA (havnesårbarhedsvurdering) has, R-PSA-01 .. R-PSA-07 (pfsa-domain.md §7).

Sources: the PSA version of section 4 embedded in the PFSA guide (SEED L386-L414). The PSO is
sections.4.officer (skema 4.2.1 of the PSA); the port's own parts are in `port`. The PSO's
name, title and training are R-4-03's (skema 4.2.1, both kinds); here only what the port
order adds: the PFSO's competences, the port security committee, ownership and authorities
in the charts, and the register of the port's ISPS facilities.
"""

from __future__ import annotations

from collections.abc import Iterator

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.dates import expiry_date, format_dk_date
from bolvaerk.domain.enums import AssessmentKind, Provenance, Severity, Staffing
from bolvaerk.domain.organisation import CommitteeMember, PortFacility, PortPart, SecurityOfficer
from bolvaerk.domain.rules.base import Hit, Rule, RuleContext, blank, registrar

RULES: list[Rule] = []
rule = registrar(RULES)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
PSA = frozenset({AssessmentKind.PSA})
PORT = "port"
OFFICER = "sections.4.officer"
# The two B/18.1 competences the guide names for the PSO (SEED L394); ids of
# content/lists/competences.yaml, list pfso.
PSO_NAMED_COMPETENCES = ("instruction_techniques", "weapons_recognition")


def _name(facility: PortFacility) -> str:
    return facility.name if not blank(facility.name) else facility.id


def _port(a: Assessment) -> PortPart:
    """A PSA always has its port part (Assessment.__post_init__ creates an empty one)."""
    return a.port or PortPart()


@rule(
    "R-PSA-01",
    section="4.2.1 (PSA)",
    source="SEED L394",
    variants={"instruction_techniques": E, "weapons_recognition": E, "not_recorded": INFO},
    kinds=PSA,
)
def pso_competences(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The PSO has the PFSO's competences of ISPS B/18.1, e.g. instructing security staff and
    recognising weapons; (I) the competences are ticked at all."""
    competences = a.sections.organisation.officer.competences
    if not competences:
        yield Hit(f"{OFFICER}.competences", "not_recorded")
        return
    for competence in PSO_NAMED_COMPETENCES:
        if competence not in competences:
            yield Hit(f"{OFFICER}.competences", competence)


@rule("R-PSA-02", section="4.2.2 (PSA)", source="SEED L396", variants={"main": E}, kinds=PSA)
def staff_training(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The port's own employees with security duties have a relevant security training."""
    for index, group in enumerate(a.sections.organisation.groups_with_duties):
        if group.staffing is not Staffing.EXTERNAL and blank(group.training):
            yield Hit(
                f"sections.4.groups_with_duties[{index}].training",
                params={"function": group.function},
            )


def _is_pso(member: CommitteeMember, officer: SecurityOfficer) -> bool:
    same_person = not blank(officer.name) and member.name.strip() == officer.name.strip()
    return same_person or member.role.strip().casefold() == "pso"


@rule(
    "R-PSA-03",
    section="4.2 (PSA)",
    source="SEED L410-L412",
    variants={"main": E, "unknown_facility": E, "pso": W, "facility_pfso": W},
    kinds=PSA,
)
def security_committee(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The port security committee exists (skal); it typically holds the PSO and the PFSO
    of every facility of the port (W: "typisk")."""
    port = _port(a)
    if not port.committee:
        yield Hit(f"{PORT}.committee")
        return
    facility_ids = {facility.id for facility in port.facilities}
    for index, member in enumerate(port.committee):
        if not blank(member.facility) and member.facility not in facility_ids:
            yield Hit(
                f"{PORT}.committee[{index}].facility",
                "unknown_facility",
                {"value": member.facility},
            )
    officer = a.sections.organisation.officer
    if not any(_is_pso(member, officer) for member in port.committee):
        yield Hit(f"{PORT}.committee", "pso", {"pso": officer.name})
    represented = {member.facility for member in port.committee}
    for index, facility in enumerate(port.facilities):
        if facility.id not in represented:
            yield Hit(f"{PORT}.facilities[{index}]", "facility_pfso", {"facility": _name(facility)})


@rule("R-PSA-04", section="4.1 (PSA)", source="SEED L404", variants={"main": W}, kinds=PSA)
def ownership(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """4.1 is expected to show ownership and structures ("forventes")."""
    if blank(_port(a).ownership_text):
        yield Hit(f"{PORT}.ownership_text")


@rule(
    "R-PSA-05",
    section="4.2 (PSA)",
    source="SEED L412-L414",
    variants={"main": E, "committee": E},
    kinds=PSA,
)
def authorities_in_chart(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The 4.2 chart shows the security-related authorities (TS, police) and the port
    security committee."""
    if not _port(a).authorities_in_chart:
        yield Hit(f"{PORT}.authorities_in_chart")
    if not _port(a).committee_in_chart:
        yield Hit(f"{PORT}.committee_in_chart", "committee")


@rule(
    "R-PSA-06",
    section="4.2 (PSA)",
    source="SEED L408-L410 (INFERRED)",
    variants={"none": INFO, "name": INFO, "identifier": INFO, "pfso": INFO},
    kinds=PSA,
    provenance=Provenance.INFERRED,
)
def port_facilities(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The PSA lists the port's ISPS facilities: name, UN/LOCODE or GISIS number, PFSO."""
    facilities = _port(a).facilities
    if not facilities:
        yield Hit(f"{PORT}.facilities", "none")
    for index, facility in enumerate(facilities):
        path = f"{PORT}.facilities[{index}]"
        if blank(facility.name):
            yield Hit(f"{path}.name", "name", {"value": facility.id})
        if blank(facility.unlocode) and blank(facility.gisis_number):
            yield Hit(f"{path}.gisis_number", "identifier", {"facility": _name(facility)})
        if blank(facility.pfso):
            yield Hit(f"{path}.pfso", "pfso", {"facility": _name(facility)})


@rule(
    "R-PSA-07",
    section="4.2 (PSA)",
    source="SEED L123; TS-BOUNDARIES (INFERRED)",
    variants={"missing": INFO, "expired": INFO},
    kinds=PSA,
    provenance=Provenance.INFERRED,
)
def facility_pfsa_valid(a: Assessment, _: RuleContext) -> Iterator[Hit]:
    """The PSA takes the facilities' PFSAs as a basis: each has an approved PFSA that had not
    expired (approval + 5 years) when the PSA was completed."""
    completed = a.front_page.completed
    for index, facility in enumerate(_port(a).facilities):
        path = f"{PORT}.facilities[{index}].pfsa_approved"
        approved = facility.pfsa_approved
        if approved is None:
            yield Hit(path, "missing", {"facility": _name(facility)})
        elif completed is not None and expiry_date(approved) < completed:
            yield Hit(
                path,
                "expired",
                {
                    "facility": _name(facility),
                    "expiry": format_dk_date(expiry_date(approved)),
                    "completed": format_dk_date(completed),
                },
            )
