"""Optimistic locking of the annex register (services.annexes): the parts its saves lock, the
diff shown when a new annex meets one of the same number added meanwhile, and the audit of a
refused save that runs in a transaction of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from django.db import transaction

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.diff import ChangeKind, diff_assessments
from bolvaerk.services.access import AnyUser
from bolvaerk.services.conflicts import (
    Conflict,
    ConflictRow,
    Part,
    assessment_at,
    record_conflict,
)

P = ParamSpec("P")
R = TypeVar("R")


def audits_conflicts(
    save: Callable[Concatenate[AnyUser, AssessmentRecord, P], R],
) -> Callable[Concatenate[AnyUser, AssessmentRecord, P], R]:
    """Run `save` in one transaction. A refusal as a conflict rolls it back, and with it the
    audit event editing wrote inside it: the event is written again here, where it stays (the
    events of inner calls roll back with the outer transaction, so one refusal is one event)."""

    @wraps(save)
    def run(user: AnyUser, record: AssessmentRecord, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with transaction.atomic():
                return save(user, record, *args, **kwargs)
        except Conflict as conflict:
            record_conflict(user, record, conflict)
            raise

    return run


def annex_prefix(annex_id: str) -> str:
    """The part of one annex: every diff path under annexes[<id>]."""
    return f"annexes[{annex_id}]"


def same_number(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()


def numbered_since(record: AssessmentRecord, base: int | None, number: str) -> Part:
    """The part a new annex numbered `number` touches: the annexes that have the number now but
    did not have it in version `base` (added or renumbered meanwhile). One that had it then was
    on the user's page, so adding the number again is deliberate."""
    if base is None:
        return Part(())
    try:
        at_base = assessment_at(record, base)
    except LookupError:  # no such version: editing refuses the base itself
        return Part(())
    seen = {annex.id for annex in at_base.annexes if same_number(annex.number, number)}

    def related(version: Assessment) -> tuple[str, ...]:
        return tuple(
            annex_prefix(annex.id)
            for annex in version.annexes
            if same_number(annex.number, number) and annex.id not in seen
        )

    return Part((), related=related)


def paired(conflict: Conflict, part: Part, typed: Callable[[Annex], Annex]) -> Conflict:
    """The conflict of a new annex with its diff field by field: their annex of the same number
    against what the user typed (`typed` puts the typed fields into an annex). The generic diff
    would show their annex as removed by the user, who never saw it."""
    current = conflict.current
    prefixes = part.prefixes_in(current)
    rows: list[ConflictRow] = []
    for theirs in current.annexes:
        if annex_prefix(theirs.id) not in prefixes:
            continue
        yours = typed(theirs)  # their id and file: only the typed fields can differ
        changes = diff_assessments(
            replace(current, annexes=(theirs,)), replace(current, annexes=(yours,))
        )
        number = f"{annex_prefix(theirs.id)}.number"
        if all(change.path != number for change in changes):  # the number is the reason: shown
            rows.append(_row(number, theirs, theirs.number, yours.number))
        rows.extend(_row(change.path, theirs, change.old, change.new) for change in changes)
    return Conflict(
        base=conflict.base,
        version=conflict.version,
        saved_in=conflict.saved_in,
        saved_at=conflict.saved_at,
        saved_by=conflict.saved_by,
        theirs=conflict.theirs,
        rows=tuple(rows),
        current=current,
        base_assessment=conflict.base_assessment,
    )


def _row(path: str, theirs: Annex, old: str, new: str) -> ConflictRow:
    return ConflictRow(
        path=path, label=theirs.name, theirs=old, yours=new, kind=ChangeKind.CHANGED, by_them=True
    )
