from __future__ import annotations

from dataclasses import replace
from datetime import date

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.description import Description, TrafficRow
from bolvaerk.domain.diff import ChangeKind, diff_assessments, show
from bolvaerk.domain.enums import Consequence, Likelihood
from bolvaerk.domain.front_page import FrontPage
from bolvaerk.domain.introduction import Participant
from bolvaerk.domain.risk_forms import Measure
from bolvaerk.domain.summary import SummaryEdit
from bolvaerk.domain.threats import Threat
from tests.domain.builders import assessment, form, item, measures

THREATS = (Threat(id="t1", name="Uautoriseret adgang"),)


def _base() -> Assessment:
    return assessment(
        (item("a", name="Kaj 1"), item("b", name="Port")),
        THREATS,
        (
            form("f1", 1, "a", "t1", consequence=Consequence.SERIOUS, likelihood=Likelihood.III),
            form("f2", 2, "b", "t1"),
        ),
    )


def test_identical_versions_have_no_changes() -> None:
    assert diff_assessments(_base(), _base()) == ()


def test_a_rename_is_a_change_of_the_same_item_not_a_removal() -> None:
    old = _base()
    items = (replace(old.sections.assets.items[0], name="Kaj 1 nord"), old.sections.assets.items[1])
    new = replace(
        old, sections=replace(old.sections, assets=replace(old.sections.assets, items=items))
    )
    (change,) = diff_assessments(old, new)
    assert change.kind is ChangeKind.CHANGED
    assert change.path == "sections.5.items[a].name"
    assert (change.old, change.new, change.label) == ("Kaj 1", "Kaj 1 nord", "Kaj 1 nord")


def test_renumbering_and_reordering_forms_is_matched_by_id() -> None:
    old = _base()
    f1, f2 = old.sections.risk.forms
    forms = (replace(f2, number=1), replace(f1, number=2, likelihood=Likelihood.II))
    new = replace(old, sections=replace(old.sections, risk=replace(old.sections.risk, forms=forms)))
    changes = {(c.path, c.old, c.new) for c in diff_assessments(old, new)}
    assert changes == {
        ("sections.7.forms[f1].number", "1", "2"),
        ("sections.7.forms[f1].likelihood", "III", "II"),
        ("sections.7.forms[f2].number", "2", "1"),
    }


def test_added_and_removed_elements() -> None:
    old = _base()
    items = (old.sections.assets.items[0], item("c", name="Kran"))
    new = replace(
        old, sections=replace(old.sections, assets=replace(old.sections.assets, items=items))
    )
    kinds = {(c.kind, c.path, c.label) for c in diff_assessments(old, new)}
    assert kinds == {
        (ChangeKind.REMOVED, "sections.5.items[b]", "Port"),
        (ChangeKind.ADDED, "sections.5.items[c]", "Kran"),
    }


def test_measures_and_traffic_rows() -> None:
    old = replace(
        _base(),
        sections=replace(
            _base().sections,
            description=Description(traffic=(TrafficRow("ro_ro_passenger", calls=700),)),
        ),
    )
    f1 = replace(old.sections.risk.forms[0], existing_measures=measures("Hegn", "Kamera"))
    new = replace(
        old,
        front_page=FrontPage(completed=date(2021, 5, 20)),
        sections=replace(
            old.sections,
            description=Description(traffic=(TrafficRow("ro_ro_passenger", calls=650),)),
            risk=replace(old.sections.risk, forms=(f1, old.sections.risk.forms[1])),
        ),
    )
    changes = {(c.path, c.old, c.new) for c in diff_assessments(old, new)}
    assert ("sections.2.traffic[ro_ro_passenger].calls", "700", "650") in changes
    assert ("sections.7.forms[f1].existing_measures", "", "Hegn; Kamera") in changes
    assert ("front_page.completed", "", "20-05-2021") in changes


def test_show_renders_values_as_one_line() -> None:
    assert show(None) == ""
    assert show(Likelihood.III) == "III"
    assert show((Measure(text="Hegn"),)) == "Hegn"
    assert show(Participant(name="", function="", organisation="", is_rso=False)) == ", , , False"


def test_lists_without_keys_are_compared_whole() -> None:
    old = _base()
    intro = replace(old.sections.introduction, participants=(Participant(name="A"),))
    new = replace(old, sections=replace(old.sections, introduction=intro))
    (change,) = diff_assessments(old, new)
    assert change.path == "sections.1.participants"


def test_string_lists_and_unlabelled_rows() -> None:
    old = _base()
    new = replace(
        old,
        sections=replace(
            old.sections,
            description=Description(map_checklist=("port_layout",)),
            summary=replace(old.sections.summary, edits=(SummaryEdit(form="f1", measures="Hegn"),)),
        ),
    )
    changes = {(c.kind, c.path, c.label) for c in diff_assessments(old, new)}
    assert changes == {
        (ChangeKind.CHANGED, "sections.2.map_checklist", ""),
        (ChangeKind.ADDED, "sections.8.edits[f1]", ""),
    }
