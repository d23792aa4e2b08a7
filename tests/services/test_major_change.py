"""The major-change wizard (R-FP-10): its content file, and what it does to a draft, to an
approved and to a submitted assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bolvaerk.adapters.db.models import AssessmentRecord, AuditEvent
from bolvaerk.content import major_changes
from bolvaerk.content.loading import ContentError
from bolvaerk.domain.enums import ApplicationReason, MajorChange, Provenance
from bolvaerk.domain.lifecycle import Action
from bolvaerk.services.major_change import (
    do_major_change,
    questions,
    revisits,
    sections_to_revisit,
)
from bolvaerk.services.web_renewal import renewal_status
from bolvaerk.services.workspace import NotAllowed, do_transition, load
from tests.personas import Cast, build_cast
from tests.services.test_revisions import approve, fill_with_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def test_the_seven_questions_in_both_languages() -> None:
    asked = questions()
    assert [q.change for q in asked] == list(MajorChange)
    for question in asked:
        assert question.text("da").endswith("?")
        assert question.text("en").endswith("?")
        assert question.reason("da")
        assert question.reason("en")
        assert question.sections
        assert question.revisit_provenance is Provenance.PROPOSAL  # our reading, marked
        assert question.provenance is Provenance.SOURCED  # TS's examples
    assert sections_to_revisit([MajorChange.E_TECHNICAL_MANUAL_SWITCH]) == ("3", "4", "5", "7", "8")
    shown = revisits([MajorChange.G_STATUS_CHANGE], "pfsa", "en")
    assert [title for _, title in shown[0].sections] == [
        "Front page",
        "3 Existing security",
        "8 Summary",
    ]


def _load_from(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(major_changes, "MAJOR_CHANGES_FILE", path)
    major_changes.major_change_questions.__wrapped__()


def test_a_wrong_content_file_names_the_file_and_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = major_changes.MAJOR_CHANGES_FILE.read_text(encoding="utf-8")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(text.replace('sections: [front, "3", "8"]', 'sections: [front, "9"]'))
    with pytest.raises(ContentError, match=r"questions.g_status_change.revisit.sections: unknown"):
        _load_from(unknown, monkeypatch)
    missing = tmp_path / "missing.yaml"
    missing.write_text(text.replace("  g_status_change:", "  h_status_change:"))
    with pytest.raises(ContentError, match=r"questions: expected the questions"):
        _load_from(missing, monkeypatch)
    no_english = tmp_path / "no-english.yaml"
    no_english.write_text(
        text.replace("      en: Does an independent terminal get a new operator?\n", "")
    )
    with pytest.raises(ContentError, match=r"b_new_terminal_operator.question"):
        _load_from(no_english, monkeypatch)


def test_no_question_applies_so_nothing_changes(cast: Cast) -> None:
    outcome = do_major_change(cast.anne, cast.record, [], "nothing much")
    assert outcome.record is None
    cast.record.refresh_from_db()
    assert cast.record.current_version == 1
    assert not AuditEvent.objects.filter(action="assessment.major_change").exists()


def test_on_a_draft_it_sets_the_reason_in_a_new_version(cast: Cast) -> None:
    outcome = do_major_change(
        cast.anne, cast.record, [MajorChange.E_TECHNICAL_MANUAL_SWITCH], "Porten bemandes."
    )
    assert (outcome.record, outcome.started) == (cast.record, False)
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2
    front = load(cast.record).front_page
    assert front.application_reason is ApplicationReason.MAJOR_CHANGE
    assert front.major_changes == (MajorChange.E_TECHNICAL_MANUAL_SWITCH,)
    event = AuditEvent.objects.get(action="assessment.major_change")
    assert event.details["answers"] == ["e_technical_manual_switch"]
    assert event.details["description"] == "Porten bemandes."
    assert event.details["sections"] == ["3", "4", "5", "7", "8"]
    # the same answers again change nothing more
    do_major_change(cast.anne, cast.record, [MajorChange.E_TECHNICAL_MANUAL_SWITCH], "")
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2


def test_on_an_approved_assessment_it_starts_a_new_draft(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    outcome = do_major_change(
        cast.anne,
        cast.record,
        [MajorChange.G_STATUS_CHANGE, MajorChange.C_GENERAL_CARGO_TO_CRUISE],
        "Krydstogtskibe fra 2026",
    )
    assert outcome.started
    assert outcome.answers == (MajorChange.C_GENERAL_CARGO_TO_CRUISE, MajorChange.G_STATUS_CHANGE)
    started = outcome.record
    assert started is not None
    assert started.pk != cast.record.pk
    draft = load(started)
    assert draft.front_page.application_reason is ApplicationReason.MAJOR_CHANGE
    assert draft.front_page.major_changes == outcome.answers
    assert draft.meta.previous == cast.record.document_id
    assert len(renewal_status(started).to_reassess) == 39  # (c) says: re-assess the forms
    cast.record.refresh_from_db()
    assert (cast.record.state, cast.record.current_version) == ("approved", 4)


def test_a_status_change_alone_leaves_the_forms_unmarked(cast: Cast) -> None:
    fill_with_example(cast)
    approve(cast)
    outcome = do_major_change(cast.anne, cast.record, [MajorChange.G_STATUS_CHANGE], "")
    assert outcome.record is not None
    assert renewal_status(outcome.record).to_reassess == ()


def test_refused_while_submitted_and_for_the_police(cast: Cast) -> None:
    change = [MajorChange.A_HANDED_TO_TERMINAL_OPERATOR]
    with pytest.raises(NotAllowed):
        do_major_change(cast.carl, cast.record, change, "")
    do_transition(cast.anne, cast.record, Action.SUBMIT)
    with pytest.raises(NotAllowed):
        do_major_change(cast.anne, cast.record, change, "")
    assert AssessmentRecord.objects.count() == 1
