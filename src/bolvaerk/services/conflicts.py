"""Optimistic locking of the editor: every form carries the version it was loaded from (its
base). A save from an older base goes through when nobody changed the form's part since then
(the edit is applied to the current version, so edits of different parts merge); when someone
did, the save is refused with a Conflict that says who saved the part, when, and how their
version differs from what the user typed. Nothing is lost: the view shows the typed input again
with the new base, so saving once more overwrites deliberately."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.contrib.auth.models import User

from bolvaerk.adapters.db.models import AssessmentRecord, AssessmentVersion
from bolvaerk.adapters.file import decode
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.diff import Change, ChangeKind, diff_assessments
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser

Edit = Callable[[Assessment], Assessment]
WALK_BACK = 12  # versions looked at to find who saved the part last (then: the current one)


@dataclass(frozen=True, slots=True)
class Part:
    """The part of the assessment one form edits: the diff paths under `prefixes` (e.g.
    sections.1, sections.7.forms[form-x]) and under the prefixes `related` finds in a version
    (e.g. the risk forms of an item that is being removed, which go with it)."""

    prefixes: tuple[str, ...]
    related: Callable[[Assessment], Iterable[str]] | None = None

    def prefixes_in(self, *versions: Assessment) -> tuple[str, ...]:
        found = list(self.prefixes)
        if self.related is not None:
            for version in versions:
                found.extend(p for p in self.related(version) if p not in found)
        return tuple(found)


def under(path: str, prefixes: Iterable[str]) -> bool:
    """Whether a diff path lies in the part: sections.7.forms[form-1] owns
    sections.7.forms[form-1].effect but not sections.7.forms[form-10]."""
    return any(path == p or path.startswith((f"{p}.", f"{p}[")) for p in prefixes)


def form_prefix(form_id: str) -> str:
    return f"sections.7.forms[{form_id}]"


def item_prefix(item_id: str) -> str:
    return f"sections.5.items[{item_id}]"


def threat_prefix(threat_id: str) -> str:
    return f"sections.6.threats[{threat_id}]"


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """One field where the saved version and the refused input differ."""

    path: str
    label: str  # the name of the element concerned (an item's name), when it has one
    theirs: str  # the value in the version saved meanwhile ("" when they removed it)
    yours: str  # the value the user typed ("" when the user's input lacks it)
    kind: ChangeKind  # ADDED: only in yours, REMOVED: only in theirs, CHANGED: both
    by_them: bool  # the other person changed this field since the user's base


class Conflict(Exception):  # noqa: N818 - the condition, shown to the user with the diff
    """Someone saved the same part after the user's form was loaded; nothing was saved."""

    def __init__(
        self,
        *,
        base: int,
        version: int,
        saved_in: int,
        saved_at: datetime,
        saved_by: str,
        theirs: tuple[Change, ...],
        rows: tuple[ConflictRow, ...],
        current: Assessment,
        base_assessment: Assessment,
    ) -> None:
        super().__init__(f"conflict: base {base}, version {version}")
        self.base = base  # the version the user's form was loaded from
        self.version = version  # the current version: the form's new base
        self.saved_in = saved_in  # the version in which the part was last saved
        self.saved_at = saved_at  # when the part was last saved (by the other person)
        self.saved_by = saved_by
        self.theirs = theirs  # what they changed in the part, base -> current
        self.rows = rows  # where their version and the user's input differ
        self.current = current
        self.base_assessment = base_assessment


@lru_cache(maxsize=32)
def _decoded(pk: int, created: datetime) -> Assessment:
    """A stored version, decoded (versions never change; the key survives id reuse)."""
    del created  # part of the key only
    document = AssessmentVersion.objects.values_list("document", flat=True).get(pk=pk)
    return decode(Assessment, document)


def _version(record: AssessmentRecord, number: int) -> tuple[AssessmentVersion, Assessment]:
    row = AssessmentVersion.objects.select_related("created_by").get(
        assessment_id=record.pk, number=number
    )
    return row, _decoded(row.pk, row.created_at)


def assessment_at(record: AssessmentRecord, number: int) -> Assessment:
    """Version `number` of the assessment (LookupError when it has none such)."""
    try:
        return _version(record, number)[1]
    except AssessmentVersion.DoesNotExist:
        raise LookupError(number) from None


def _in_part(changes: Iterable[Change], prefixes: tuple[str, ...]) -> tuple[Change, ...]:
    return tuple(change for change in changes if under(change.path, prefixes))


def _name(user: User | None) -> str:
    if user is None:
        return "?"
    return user.get_full_name() or user.username


def _last_saver(
    record: AssessmentRecord, base: int, current: int, prefixes: tuple[str, ...]
) -> AssessmentVersion:
    """The newest version after `base` that changed the part (the current one if that is not
    found within WALK_BACK versions)."""
    newest, newer = _version(record, current)
    row, number = newest, current
    while number > base and current - number < WALK_BACK:
        older_row, older = _version(record, number - 1)
        if _in_part(diff_assessments(older, newer), prefixes):
            return row
        row, newer, number = older_row, older, number - 1
    return newest


def find_conflict(
    record: AssessmentRecord, base: int, current: Assessment, part: Part, edit: Edit
) -> Conflict | None:
    """The conflict of saving `edit` made on version `base` when `current` is the current
    version, or None when the edit can be applied to the current version (nobody changed the
    part since `base`, or they left it as the user wants it)."""
    if base == record.current_version:
        return None
    _row, before = _version(record, base)
    prefixes = part.prefixes_in(before, current)
    theirs = _in_part(diff_assessments(before, current), prefixes)
    if not theirs:
        return None
    changed = {change.path for change in theirs}
    try:
        mine: Assessment | None = edit(before)
    except Exception:  # the edit does not fit the old version (e.g. a removed item): show theirs
        mine = None
    rows = (
        tuple(
            ConflictRow(
                path=change.path,
                label=change.label,
                theirs=change.old,
                yours=change.new,
                kind=change.kind,
                by_them=under(change.path, changed)
                or any(under(p, [change.path]) for p in changed),
            )
            for change in _in_part(diff_assessments(current, mine), prefixes)
        )
        if mine is not None
        else ()
    )
    if mine is not None and not rows:
        return None  # they saved what the user typed: nothing is lost by going on
    saver = _last_saver(record, base, record.current_version, prefixes)
    return Conflict(
        base=base,
        version=record.current_version,
        saved_in=saver.number,
        saved_at=saver.created_at,
        saved_by=_name(saver.created_by),
        theirs=theirs,
        rows=rows,
        current=current,
        base_assessment=before,
    )


def record_conflict(user: AnyUser, record: AssessmentRecord, conflict: Conflict) -> None:
    """The audit event of a refused save (written outside the refused save's transaction)."""
    audit.record(
        user,
        "assessment.save_conflict",
        record,
        facility_id=record.facility_id,
        details={
            "base": conflict.base,
            "version": conflict.version,
            "saved_by": conflict.saved_by,
            "theirs": [change.path for change in conflict.theirs][:50],
            "differs": [row.path for row in conflict.rows][:50],
        },
    )
