"""Optimistic locking in the services: two saves from the same base version of the same part
(a risk form, an item, a page of the editor, a cross) -> the second is refused with a Conflict
that carries both values; saves of different parts from the same base both apply; saving again
with the conflict's version as the new base wins. Real database, the persona cast."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.diff import ChangeKind
from bolvaerk.domain.enums import AssetCategory
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.conflicts import Conflict, Part, form_prefix, under
from bolvaerk.services.editing import do_edit_assessment
from bolvaerk.services.risk_editing import (
    do_remove_item,
    do_save_item,
    do_save_risk_form,
    do_toggle_cross,
)
from bolvaerk.services.workspace import NotAllowed, do_save_assessment, load
from tests.personas import Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    cast = build_cast()
    assessment = load(cast.record)
    office = replace(assessment.sections.assets.items[0], vulnerable=True, significant=True)
    gate = AssetItem(
        id="item-gate",
        category=AssetCategory.PERIMETER,
        name="Port 1",
        vulnerable=True,
        significant=True,
    )
    threats = assessment.sections.threats.threats
    first, second = replace(threats[0], relevant=True), replace(threats[1], relevant=True)
    forms = (
        RiskForm(id="form-1", number=1, item=office.id, threat=first.id),
        RiskForm(id="form-2", number=2, item=office.id, threat=second.id),
    )
    sections = assessment.sections
    do_save_assessment(
        cast.anne,
        cast.record,
        replace(
            assessment,
            sections=replace(
                sections,
                assets=replace(sections.assets, items=(office, gate)),
                threats=replace(sections.threats, threats=(first, second, *threats[2:])),
                risk=replace(sections.risk, forms=forms),
            ),
        ),
    )
    return cast


def _current(cast: Cast) -> Assessment:
    cast.record.refresh_from_db()
    return load(cast.record)


def _form(cast: Cast, form_id: str) -> RiskForm:
    return next(f for f in _current(cast).sections.risk.forms if f.id == form_id)


def _base(cast: Cast) -> int:
    cast.record.refresh_from_db()
    return cast.record.current_version


def test_the_second_save_of_the_same_form_is_refused_with_both_values(cast: Cast) -> None:
    base = _base(cast)
    form = _form(cast, "form-1")
    do_save_risk_form(cast.anne, cast.record, replace(form, effect="Anne's effect"), base=base)
    with pytest.raises(Conflict) as refused:
        do_save_risk_form(cast.bo, cast.record, replace(form, effect="Bo's effect"), base=base)
    conflict = refused.value
    assert (conflict.base, conflict.version, conflict.saved_in) == (base, base + 1, base + 1)
    assert conflict.saved_by == "anne"
    assert [c.path for c in conflict.theirs] == [f"{form_prefix('form-1')}.effect"]
    assert [(r.path, r.theirs, r.yours, r.by_them) for r in conflict.rows] == [
        ("sections.7.forms[form-1].effect", "Anne's effect", "Bo's effect", True)
    ]
    assert _form(cast, "form-1").effect == "Anne's effect"  # nothing of Bo's was saved
    assert _base(cast) == base + 1
    event = AuditEvent.objects.filter(action="assessment.save_conflict").get()
    assert event.actor == cast.bo
    assert event.details["base"] == base
    assert event.details["version"] == base + 1
    assert event.details["differs"] == ["sections.7.forms[form-1].effect"]


def test_saving_again_from_the_conflicts_version_wins(cast: Cast) -> None:
    base = _base(cast)
    form = _form(cast, "form-1")
    do_save_risk_form(cast.anne, cast.record, replace(form, effect="Anne's effect"), base=base)
    mine = replace(form, effect="Bo's effect", consequence_reason="Bo's reason")
    with pytest.raises(Conflict) as refused:
        do_save_risk_form(cast.bo, cast.record, mine, base=base)
    changed = do_save_risk_form(cast.bo, cast.record, mine, base=refused.value.version)
    assert sorted(changed) == [
        "sections.7.forms[form-1].consequence_reason",
        "sections.7.forms[form-1].effect",
    ]
    saved = _form(cast, "form-1")
    assert (saved.effect, saved.consequence_reason) == ("Bo's effect", "Bo's reason")


def test_saves_of_different_parts_from_the_same_base_both_apply(cast: Cast) -> None:
    base = _base(cast)
    one, two = _form(cast, "form-1"), _form(cast, "form-2")
    gate = next(i for i in _current(cast).sections.assets.items if i.id == "item-gate")
    do_save_risk_form(cast.anne, cast.record, replace(one, effect="Form 1"), base=base)
    do_save_risk_form(cast.bo, cast.record, replace(two, effect="Form 2"), base=base)
    do_save_item(cast.bo, cast.record, replace(gate, name="Port 2"), base=base)
    page = Part(("sections.3",))
    do_edit_assessment(
        cast.anne,
        cast.record,
        lambda a: replace(
            a,
            sections=replace(
                a.sections,
                existing_security=replace(a.sections.existing_security, text="Fence"),
            ),
        ),
        base=base,
        part=page,
    )
    current = _current(cast)
    forms = {f.id: f.effect for f in current.sections.risk.forms}
    assert forms == {"form-1": "Form 1", "form-2": "Form 2"}
    assert current.sections.assets.by_id()["item-gate"].name == "Port 2"
    assert current.sections.existing_security.text == "Fence"
    assert _base(cast) == base + 4
    assert not AuditEvent.objects.filter(action="assessment.save_conflict").exists()


def test_an_editor_page_conflicts_with_a_save_of_the_same_section(cast: Cast) -> None:
    base = _base(cast)

    def section_3(text: str):  # type: ignore[no-untyped-def]
        def edit(a: Assessment) -> Assessment:
            security = replace(a.sections.existing_security, text=text)
            return replace(a, sections=replace(a.sections, existing_security=security))

        return edit

    part = Part(("sections.3",))
    do_edit_assessment(cast.anne, cast.record, section_3("Anne"), base=base, part=part)
    with pytest.raises(Conflict) as refused:
        do_edit_assessment(cast.bo, cast.record, section_3("Bo"), base=base, part=part)
    assert [(r.path, r.theirs, r.yours) for r in refused.value.rows] == [
        ("sections.3.text", "Anne", "Bo")
    ]


def test_typing_what_the_other_saved_is_no_conflict(cast: Cast) -> None:
    base = _base(cast)
    form = replace(_form(cast, "form-1"), effect="Same text")
    do_save_risk_form(cast.anne, cast.record, form, base=base)
    assert do_save_risk_form(cast.bo, cast.record, form, base=base) == []


def test_a_cross_ticked_meanwhile_is_a_conflict_not_an_untick(cast: Cast) -> None:
    current = _current(cast)
    threat = current.sections.threats.threats[0].id
    base = _base(cast)
    made = do_toggle_cross(cast.anne, cast.record, "item-gate", threat, base=base)
    assert made.created
    with pytest.raises(Conflict) as refused:
        do_toggle_cross(cast.bo, cast.record, "item-gate", threat, base=base)
    assert refused.value.theirs[0].kind is ChangeKind.ADDED
    assert any(f.cross == ("item-gate", threat) for f in _current(cast).sections.risk.forms)
    # a cross nobody touched still toggles from the old base
    other = current.sections.threats.threats[1].id
    assert do_toggle_cross(cast.bo, cast.record, "item-gate", other, base=base).created


def test_an_item_removed_meanwhile_is_a_conflict(cast: Cast) -> None:
    base = _base(cast)
    gate = next(i for i in _current(cast).sections.assets.items if i.id == "item-gate")
    do_remove_item(cast.anne, cast.record, "item-gate", base=base)
    with pytest.raises(Conflict) as refused:
        do_save_item(cast.bo, cast.record, replace(gate, name="Port 9"), base=base)
    assert [c.kind for c in refused.value.theirs] == [ChangeKind.REMOVED]
    row = refused.value.rows[0]  # theirs: gone; yours: the item as typed
    assert (row.path, row.theirs, row.yours, row.kind) == (
        "sections.5.items[item-gate]",
        "",
        "Port 9",
        ChangeKind.ADDED,
    )


def test_removing_an_item_conflicts_with_a_form_rated_meanwhile(cast: Cast) -> None:
    base = _base(cast)
    form = _form(cast, "form-1")
    do_save_risk_form(cast.anne, cast.record, replace(form, effect="Rated"), base=base)
    office = form.item
    with pytest.raises(Conflict):
        do_remove_item(cast.bo, cast.record, office, with_forms=True, base=base)
    assert office in _current(cast).sections.assets.by_id()


def test_the_conflict_names_the_version_that_changed_the_part(cast: Cast) -> None:
    base = _base(cast)
    form = _form(cast, "form-1")
    do_save_risk_form(cast.anne, cast.record, replace(form, effect="Anne"), base=base)
    two = _form(cast, "form-2")
    do_save_risk_form(cast.anne, cast.record, replace(two, effect="Later, elsewhere"), base=base)
    with pytest.raises(Conflict) as refused:
        do_save_risk_form(cast.bo, cast.record, replace(form, effect="Bo"), base=base)
    assert (refused.value.saved_in, refused.value.version) == (base + 1, base + 2)


def test_a_base_that_is_no_version_is_refused(cast: Cast) -> None:
    form = _form(cast, "form-1")
    for base in (0, _base(cast) + 1):
        with pytest.raises(NotAllowed):
            do_save_risk_form(cast.anne, cast.record, replace(form, effect="x"), base=base)


def test_paths_under_a_part() -> None:
    assert under("sections.7.forms[form-1].effect", ["sections.7.forms[form-1]"])
    assert under("sections.7.forms[form-1]", ["sections.7.forms[form-1]"])
    assert not under("sections.7.forms[form-10].effect", ["sections.7.forms[form-1]"])
    assert not under("sections.30", ["sections.3"])
