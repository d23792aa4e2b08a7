"""Review and lifecycle use cases of the web workspace on top of services.workspace: returning
with a comment, the lifecycle dates, review comments, the assessment's audit trail and versions,
and importing an assessment file with every load problem in the user's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from bolvaerk.adapters.db.models import (
    AssessmentRecord,
    AssessmentVersion,
    AuditEvent,
    ReviewComment,
)
from bolvaerk.adapters.file import LoadError, LoadProblem
from bolvaerk.adapters.file.io import dump_yaml
from bolvaerk.content.messages import label_for
from bolvaerk.domain.dates import expiry_date, submit_by_date
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.domain.lifecycle import TRANSITIONS, Action
from bolvaerk.services.access import AnyUser, NotFound, Permissions
from bolvaerk.services.audit import visible_events
from bolvaerk.services.messages import problem_message
from bolvaerk.services.workspace import do_comment, do_import_yaml, do_transition

Record = AssessmentRecord  # for the web's type annotations (the web never imports adapters)
Comment = ReviewComment
WHOLE_ASSESSMENT = ""  # the path of a comment on the assessment as a whole


class CommentRequired(Exception):  # noqa: N818 - the condition, shown next to the field
    """Returning an assessment needs a comment that says why."""


class ImportRejected(Exception):  # noqa: N818 - the condition, shown as a list of problems
    """The uploaded file cannot replace the assessment; nothing was changed."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True, slots=True)
class LifecycleDates:
    approved: date | None
    expiry: date | None
    submit_by: date | None


def lifecycle_dates(record: AssessmentRecord) -> LifecycleDates:
    """Approval date, expiry (approval + 5 years) and the last day to submit the renewal."""
    approved = record.approved_on
    if approved is None:
        return LifecycleDates(None, None, None)
    return LifecycleDates(approved, expiry_date(approved), submit_by_date(approved))


def available_actions(may: Permissions, state: LifecycleState) -> list[Action]:
    """The user's actions that the lifecycle allows from `state`, in the table's order."""
    return [a for (s, a) in TRANSITIONS if s == state and a in may.actions]


@transaction.atomic
def do_return_with_comment(user: AnyUser, record: AssessmentRecord, text: str) -> ReviewComment:
    """Return a submitted assessment; the comment saying why is mandatory and kept with it."""
    if not text.strip():
        raise CommentRequired
    do_transition(user, record, Action.RETURN)
    return do_comment(user, record, WHOLE_ASSESSMENT, text)


def comments_of(record: AssessmentRecord) -> QuerySet[ReviewComment]:
    return record.comments.select_related("author").order_by("resolved", "created_at")


def comment_of(record: AssessmentRecord, comment_id: int) -> ReviewComment:
    """A comment of this (already accessible) assessment; NotFound for any other."""
    try:
        return record.comments.select_related("assessment__facility").get(pk=comment_id)
    except ReviewComment.DoesNotExist:
        raise NotFound from None


def path_label(path: str, lang: str) -> str:
    return label_for(path, lang) if path else ""


def assessment_events(user: AnyUser, record: AssessmentRecord) -> QuerySet[AuditEvent]:
    """The events of this assessment and its comments that the user may see, newest first."""
    comment_ids = [str(pk) for pk in record.comments.values_list("pk", flat=True)]
    return visible_events(user).filter(
        Q(object_type="AssessmentRecord", object_id=str(record.pk))
        | Q(object_type="ReviewComment", object_id__in=comment_ids),
        facility_id=record.facility_id,
    )


def versions_of(record: AssessmentRecord) -> QuerySet[AssessmentVersion]:
    return record.versions.select_related("created_by").order_by("-number")


def version_yaml(record: AssessmentRecord, number: int) -> str:
    try:
        version = record.versions.get(number=number)
    except AssessmentVersion.DoesNotExist:
        raise NotFound from None
    return dump_yaml(version.document)


def do_import_file(
    user: AnyUser, record: AssessmentRecord, name: str, data: bytes, lang: str
) -> list[str]:
    """Replace the current version with an uploaded assessment file; returns the changed paths.
    A file that does not load raises ImportRejected with every problem; nothing changes."""
    try:
        return do_import_yaml(user, record, data.decode("utf-8"))
    except UnicodeDecodeError:
        problems = [LoadProblem("FILE-ENCODING", "(document)", {"file": name})]
    except LoadError as error:
        problems = error.problems
    raise ImportRejected([problem_message(p, lang) for p in problems])
