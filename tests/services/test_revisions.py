"""Versions and the diff between two of them; the approved version frozen; renewal in the web.

The cast's assessment is filled with the PFSA example (39 risk forms) as version 2, then edited
or approved with the real do_* functions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bolvaerk.adapters.db.models import AssessmentRecord, AuditEvent
from bolvaerk.adapters.file import load_assessment
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import ApplicationReason, AssetCategory, LifecycleState, Likelihood
from bolvaerk.domain.lifecycle import Action
from bolvaerk.domain.risk_forms import RiskForm
from bolvaerk.services.assessments import EXAMPLES
from bolvaerk.services.revisions import (
    NoSuchVersion,
    Topic,
    approved_number,
    diff_versions,
    version_of,
    versions,
)
from bolvaerk.services.web_renewal import AlreadyOpen, do_renew, renewal_status
from bolvaerk.services.workspace import NotAllowed, do_save_assessment, do_transition, load
from tests.personas import Cast, build_cast

pytestmark = pytest.mark.django_db


def fill_with_example(cast: Cast) -> Assessment:
    """Version 2: the PFSA example as a draft of the cast's assessment."""
    example = load_assessment(EXAMPLES / "pfsa-example.yaml")
    draft = replace(
        example,
        id=cast.record.document_id,
        meta=replace(example.meta, state=LifecycleState.DRAFT, approved=None),
    )
    do_save_assessment(cast.anne, cast.record, draft)
    return draft


def approve(cast: Cast, record: AssessmentRecord | None = None) -> None:
    record = record or cast.record
    do_transition(cast.anne, record, Action.SUBMIT)
    do_transition(cast.finn, record, Action.APPROVE, on=date(2024, 3, 1))


def edited(old: Assessment) -> Assessment:
    """An item added, a cross added, a rating changed, a measure text changed, a text changed."""
    sections = old.sections
    first = sections.risk.forms[0]
    measures = first.existing_measures
    changed_first = replace(
        first,
        likelihood=Likelihood.II,
        existing_measures=(
            replace(measures[0], text="Hegnet er forhøjet til 2,5 m"),
            *measures[1:],
        ),
    )
    item = AssetItem(id="item-new-gate", category=AssetCategory.PERIMETER, name="Ny port mod nord")
    cross = RiskForm(id="form-new", number=40, item="item-new-gate", threat=first.threat)
    return replace(
        old,
        sections=replace(
            sections,
            description=replace(sections.description, activity_text="Kun færgedrift."),
            assets=replace(sections.assets, items=(*sections.assets.items, item)),
            risk=replace(sections.risk, forms=(changed_first, *sections.risk.forms[1:], cross)),
        ),
    )


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def test_the_diff_shows_exactly_the_changes(cast: Cast) -> None:
    old = fill_with_example(cast)
    do_save_assessment(cast.anne, cast.record, edited(old))
    diff = diff_versions(cast.record, 2, 3, "en")
    entries = [(e.topic, e.kind.value, e.path) for g in diff.groups for e in g.entries]
    assert entries == [
        (Topic.TEXT, "changed", "sections.2.activity_text"),
        (Topic.ITEM, "added", "sections.5.items[item-new-gate]"),
        (Topic.RATING, "changed", "sections.7.forms[form-001].likelihood"),
        (Topic.MEASURE, "changed", "sections.7.forms[form-001].existing_measures"),
        (Topic.CROSS, "added", "sections.7.forms[form-new]"),
    ]
    by_path = {e.path: e for g in diff.groups for e in g.entries}
    rating = by_path["sections.7.forms[form-001].likelihood"]
    assert (rating.old, rating.new, rating.field) == ("III", "II", "Likelihood (7.2)")
    assert rating.element.startswith("1: ")
    assert rating.element_id == "form-001"
    measure = by_path["sections.7.forms[form-001].existing_measures"]
    assert [(line.status, line.text) for line in measure.measures][:2] == [
        ("removed", "Området er indhegnet og skiltet"),
        ("added", "Hegnet er forhøjet til 2,5 m"),
    ]
    assert {line.status for line in measure.measures[2:]} == {"kept"}
    item = by_path["sections.5.items[item-new-gate]"]
    assert (item.old, item.new, item.section) == ("", "Ny port mod nord", "5")
    cross = by_path["sections.7.forms[form-new]"]
    assert cross.new == cross.element
    assert cross.element.startswith("40: Ny port mod nord / ")
    assert [g.title for g in diff.groups] == [
        "2 Description of the port and the port facility",
        "5 Important property and infrastructure and vulnerable elements of the port facility",
        "7 Risk assessment of vulnerable property, infrastructure and elements",
    ]
    assert diff.topics() == {
        "item": 1,
        "cross": 1,
        "rating": 1,
        "measure": 1,
        "text": 1,
        "field": 0,
    }


def test_any_two_versions_compare_both_ways(cast: Cast) -> None:
    old = fill_with_example(cast)
    do_save_assessment(cast.anne, cast.record, edited(old))
    backwards = diff_versions(cast.record, 3, 2, "da")
    kinds = {e.path: e.kind.value for g in backwards.groups for e in g.entries}
    assert kinds["sections.7.forms[form-new]"] == "removed"
    assert diff_versions(cast.record, 3, 3, "da").groups == ()
    assert diff_versions(cast.record, 1, 3, "da").count > 100  # from the empty assessment
    with pytest.raises(NoSuchVersion):
        diff_versions(cast.record, 1, 9, "da")


def test_the_version_list_has_state_author_and_the_approved_version(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    rows = list(versions(cast.record))
    assert [(v.number, v.state) for v in rows] == [  # type: ignore[attr-defined]
        (4, "approved"),
        (3, "submitted"),
        (2, "draft"),
        (1, "draft"),
    ]
    assert rows[-1].created_by == cast.anne
    assert rows[0].summary.startswith("approve")
    assert approved_number(cast.record) == 4


def test_the_approved_version_is_frozen(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    approved = version_of(cast.record, 4)
    with pytest.raises(NotAllowed):
        do_save_assessment(cast.anne, cast.record, edited(approved))
    cast.record.refresh_from_db()
    assert cast.record.current_version == 4
    assert version_of(cast.record, 4) == approved


def test_renewal_starts_a_new_record_with_every_form_marked(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    before = list(cast.record.versions.values_list("number", "document"))
    renewed = do_renew(cast.anne, cast.record)
    assert renewed.pk != cast.record.pk
    assert (renewed.facility_id, renewed.state) == (cast.facility.pk, "draft")
    draft = load(renewed)
    assert draft.meta.previous == cast.record.document_id
    assert draft.front_page.application_reason is ApplicationReason.RENEWAL
    assert all(form.needs_reassessment for form in draft.sections.risk.forms)
    status = renewal_status(renewed)
    assert (len(status.to_reassess), status.forms) == (39, 39)
    assert status.previous == cast.record
    # the approved record is untouched
    cast.record.refresh_from_db()
    assert (cast.record.state, cast.record.current_version) == ("approved", 4)
    assert list(cast.record.versions.values_list("number", "document")) == before
    assert renewal_status(cast.record).successor == renewed
    event = AuditEvent.objects.get(action="assessment.renewed")
    assert event.object_id == str(renewed.pk)
    assert event.details["source_record"] == cast.record.pk
    assert event.details["source_version"] == 4


def test_a_saved_form_is_no_longer_to_reassess(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    renewed = do_renew(cast.anne, cast.record)
    draft = load(renewed)
    forms = draft.sections.risk.forms
    touched = replace(forms[0], needs_reassessment=False)
    risk = replace(draft.sections.risk, forms=(touched, *forms[1:]))
    do_save_assessment(
        cast.anne, renewed, replace(draft, sections=replace(draft.sections, risk=risk))
    )
    marks = renewal_status(renewed).to_reassess
    assert len(marks) == 38
    assert forms[0].id not in {mark.id for mark in marks}


def test_renewal_is_refused_twice_for_drafts_and_for_the_police(cast: Cast) -> None:
    fill_with_example(cast)
    with pytest.raises(NotAllowed) as draft:
        do_renew(cast.anne, cast.record)
    assert draft.value.code == "not_approved"
    approve(cast)
    with pytest.raises(NotAllowed) as police:
        do_renew(cast.carl, cast.record)
    assert police.value.code == "create"
    renewed = do_renew(cast.anne, cast.record)
    with pytest.raises(AlreadyOpen) as again:
        do_renew(cast.anne, cast.record)
    assert again.value.successor == renewed
    assert AssessmentRecord.objects.filter(facility=cast.facility).count() == 2
