"""Construction-time checks and small properties of the domain values."""

from __future__ import annotations

import pytest

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment, Sections
from bolvaerk.domain.assets import Assets, CyberDescription
from bolvaerk.domain.description import Company, Description, check_company_ids
from bolvaerk.domain.enums import AssessmentKind, SecurityLevel, Severity
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.findings import Finding, has_errors
from bolvaerk.domain.organisation import PersonnelGroup, PortFacility, PortPart
from bolvaerk.domain.risk_forms import RiskAssessments
from bolvaerk.domain.summary import Summary, SummaryEdit, generate_summary
from bolvaerk.domain.threats import Threat, Threats
from tests.domain.builders import form, item, proposals


def test_ids_must_be_plain() -> None:
    with pytest.raises(InvalidValue) as raised:
        Annex(id="has space")
    assert (raised.value.code, raised.value.path) == ("ID-INVALID", "annexes[].id")


def test_ids_are_unique_within_a_table() -> None:
    with pytest.raises(InvalidValue) as raised:
        Assessment(id="a", sections=Sections(assets=Assets(items=(item("x"), item("x")))))
    assert (raised.value.code, raised.value.path) == ("ID-DUPLICATE", "sections.5.items[1].id")


def test_every_table_with_ids_is_checked() -> None:
    for value in (PersonnelGroup(id="g"), Company(id="c"), PortFacility(id="p")):
        assert value.id
    check_company_ids((Company(id="c"),))
    with pytest.raises(InvalidValue):
        Assessment(
            id="a",
            kind=AssessmentKind.PSA,
            port=PortPart(facilities=(PortFacility(id="p"), PortFacility(id="p"))),
        )


def test_a_psa_always_has_a_port_part_and_a_pfsa_never() -> None:
    assert Assessment(id="a", kind=AssessmentKind.PSA).port == PortPart()
    with pytest.raises(InvalidValue) as raised:
        Assessment(id="a", port=PortPart())
    assert raised.value.code == "PFSA-HAS-PORT-PART"


def test_findings_freeze_their_params_and_name_their_message() -> None:
    finding = Finding("R-7-08", Severity.ERROR, "p", "level_2", {"n": 1})
    assert finding.message_key == "R-7-08.level_2"
    with pytest.raises(TypeError):
        finding.params["n"] = 2  # type: ignore[index]
    assert has_errors((finding,))
    assert not has_errors((Finding("R-1-05", Severity.WARNING, "p"),))


def test_cyber_description_is_filled_by_text_or_by_type_and_measures() -> None:
    assert not CyberDescription().is_filled
    assert CyberDescription(description="Segmenteret net").is_filled
    assert CyberDescription(system_type="CCTV", measures=("backup",)).is_filled
    assert not CyberDescription(measures=("backup",)).is_filled


def test_proposed_measures_by_level() -> None:
    p = proposals(("a",), ("b",), ("c",))
    assert [m.text for m in p.at(SecurityLevel.LEVEL_2)] == ["b"]
    assert not p.is_empty
    assert proposals().is_empty


def test_summary_lists_level_1_measures_of_forms_with_proposals() -> None:
    assets = Assets(items=(item("a", name="Kaj 1"),))
    threats = Threats(threats=(Threat(id="t", name="Sabotage"),))
    forms = (
        form("f2", 2, "a", "t", proposed=proposals(("Hegn", " "), ("Vagt",))),
        form("f1", 1, "a", "t"),  # no proposals: not in 8.2
        form("f3", 3, "gone", "gone", proposed=proposals(("Lys",))),
    )
    rows = generate_summary(assets, threats, RiskAssessments(forms=forms), Summary())
    assert [(r.number, r.vulnerability, r.threat, r.measures) for r in rows] == [
        (2, "Kaj 1", "Sabotage", "Hegn"),
        (3, "gone", "gone", "Lys"),
    ]
    edited = generate_summary(
        assets,
        threats,
        RiskAssessments(forms=forms),
        Summary(edits=(SummaryEdit(form="f2", measures="Hegn og port"),)),
    )
    assert (edited[0].measures, edited[0].vulnerability, edited[0].edited) == (
        "Hegn og port",
        "Kaj 1",
        True,
    )


def test_lookups_by_id() -> None:
    assert list(Threats(threats=(Threat(id="t"),)).by_id()) == ["t"]
    assert Description().traffic == ()
