"""Use cases of the JSON API on an assessment: its current document, its versions, and replacing
the document with optimistic concurrency (the client names the version it read; a stale one is
refused). The document is the same JSON as the assessment file (adapters.file codec)."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from bolvaerk.adapters.db.models import AssessmentRecord, AssessmentVersion
from bolvaerk.adapters.file import LoadError, LoadProblem, decode
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.access import AnyUser, NotFound, permissions
from bolvaerk.services.workspace import NotAllowed, do_save_assessment, load

MAX_DEPTH = 64  # deeper than any assessment; a deeper body is refused before decoding


class PreconditionRequired(Exception):  # noqa: N818 - the condition, answered 428
    """A write must name the version it was based on."""


class StaleVersion(Exception):  # noqa: N818 - the condition, answered 412
    """The assessment changed since the client read it."""

    def __init__(self, current: int) -> None:
        super().__init__(current)
        self.current = current


class DocumentRejected(Exception):  # noqa: N818 - the condition, answered 422 with every problem
    """The body is not a usable assessment document. `problems` are the loader's (their text
    comes from services.messages); `refusals` are (code, path) pairs of this API's own rules."""

    def __init__(
        self, problems: list[LoadProblem], refusals: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__([p.code for p in problems] + [c for c, _ in refusals or []])
        self.problems = problems
        self.refusals = refusals or []


def document_of(record: AssessmentRecord, number: int | None = None) -> Any:  # noqa: ANN401 - JSON
    """The stored document of version `number` (default: the current one)."""
    try:
        return record.versions.values_list("document", flat=True).get(
            number=record.current_version if number is None else number
        )
    except AssessmentVersion.DoesNotExist:
        raise NotFound from None


def versions_of(record: AssessmentRecord) -> QuerySet[AssessmentVersion]:
    return record.versions.select_related("created_by").order_by("-number")


def _reject_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON, and no database stores them


def _unstorable(value: object, path: str, depth: int = 0) -> list[tuple[str, str]]:
    """(code, path) of what no database stores: a NUL character in a string (PostgreSQL refuses
    it in JSON) and nesting deeper than any assessment goes."""
    where = path or "(document)"
    if depth > MAX_DEPTH:
        return [("too-deep", where)]
    if isinstance(value, str):
        return [("nul-character", where)] if "\x00" in value else []
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            bad_key = "\x00" in str(key)
            found += [("nul-character", child)] if bad_key else _unstorable(item, child, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _unstorable(item, f"{path}[{i}]", depth + 1)
    return found


def parse_document(body: bytes) -> object:
    """Plain data from a JSON body; DocumentRejected with line and column on a syntax error."""
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise DocumentRejected(
            [LoadProblem("FILE-ENCODING", "(document)", {"file": "body"})]
        ) from None
    except json.JSONDecodeError as error:
        problem = LoadProblem(
            "FILE-SYNTAX",
            "(document)",
            {"detail": error.msg},
            line=error.lineno,
            column=error.colno,
        )
        raise DocumentRejected([problem]) from None
    except (ValueError, RecursionError) as error:
        problem = LoadProblem("FILE-SYNTAX", "(document)", {"detail": str(error)[:100]})
        raise DocumentRejected([problem]) from None
    unstorable = _unstorable(data, "")
    if unstorable:
        raise DocumentRejected([], unstorable[:20])
    return data


def _refusals(old: Assessment, new: Assessment) -> list[tuple[str, str]]:
    """What a client may not change through the document: which assessment it is, its kind,
    and its lifecycle (state and approval date change only by a transition)."""
    refusals = []
    if new.id != old.id:
        refusals.append(("other-assessment", "id"))
    if new.kind != old.kind:
        refusals.append(("kind-fixed", "kind"))
    if new.meta.state != old.meta.state:
        refusals.append(("state-via-transition", "meta.state"))
    if new.meta.approved != old.meta.approved:
        refusals.append(("state-via-transition", "meta.approved"))
    return refusals


@transaction.atomic
def do_replace_document(
    user: AnyUser, record: AssessmentRecord, expected_version: int | None, body: bytes
) -> tuple[AssessmentRecord, list[str]]:
    """Replace the current version with the document in `body` if the client read the current
    version; returns the record as saved and the changed paths (none: no new version)."""
    locked = (
        AssessmentRecord.objects.select_for_update().select_related("facility").get(pk=record.pk)
    )
    if not permissions(user, locked.facility, LifecycleState(locked.state)).edit:
        raise NotAllowed("edit")
    if expected_version is None:
        raise PreconditionRequired
    if expected_version != locked.current_version:
        raise StaleVersion(locked.current_version)
    data = parse_document(body)
    try:
        new = decode(Assessment, data)
    except LoadError as error:
        raise DocumentRejected(error.problems) from None
    refusals = _refusals(load(locked), new)
    if refusals:
        raise DocumentRejected([], refusals)
    return locked, do_save_assessment(user, locked, new)
