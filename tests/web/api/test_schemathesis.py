"""schemathesis against the API: cases generated from /api/openapi.json, sent through the whole
Django stack (WSGI) with a valid token of the demo's lead consultant on the seeded demo data.
No case may give a server error, and every answer must match the description (status, media
type, body schema). Bounded: a few cases per operation; the count is printed."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir, storage_directory
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import example_assessment
from bolvaerk.services.demo_data import do_seed_demo
from bolvaerk.services.workspace import do_create_assessment
from tests.web.api.helpers import token_for

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
DEFAULT_EXAMPLES = 20  # per operation; a deeper search: BOLVAERK_SCHEMATHESIS_EXAMPLES=500
EXAMPLES = int(os.environ.get("BOLVAERK_SCHEMATHESIS_EXAMPLES", DEFAULT_EXAMPLES))  # per operation
RENDERING = 4  # the documents operation renders a PDF in about two seconds


@pytest.fixture
def seeded(tmp_path: Path, settings: Any) -> dict[str, Any]:
    """The demo data (its portfolio too), with uploads and rendered files in the test's own
    folder: nothing is written outside the test database and tmp_path."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    assert Path(default_storage.location).is_relative_to(tmp_path)
    assert Path(settings.HOME).is_relative_to(tempfile.gettempdir())
    do_seed_demo(tmp_path)
    consultant = User.objects.get(username="konsulent")
    example = AssessmentRecord.objects.select_related("facility").get(
        document_id=example_assessment(AssessmentKind.PFSA).id
    )
    # the example is approved (read-only): a new draft beside it takes the writes
    draft = do_create_assessment(consultant, example.facility, AssessmentKind.PFSA)
    return {
        "token": token_for(consultant),
        "draft": draft,
        "paths": [
            {"record_id": record.pk, "facility_id": record.facility_id, "number": 1}
            for record in (example, draft)
        ],
    }


def _cases(operation: Any, real: list[dict[str, Any]]) -> Any:
    """Generated cases, positive and negative, with random ids and aimed at the seeded
    objects (the approved example and a draft)."""
    names = [p.name for p in operation.path_parameters]
    modes = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
    if "documents" in operation.path:  # few cases here: spend them on real renderings
        modes = modes[:1]
    strategies = [operation.as_strategy(generation_mode=mode) for mode in modes]
    for values in real:
        fixed = {name: values[name] for name in names if name in values}
        if fixed:
            strategies += [
                operation.as_strategy(generation_mode=mode, path_parameters=fixed) for mode in modes
            ]
    return st.one_of(strategies)


def _aim(case: Any, record: AssessmentRecord) -> None:
    """A PUT on the seeded assessment names its current version and its id, so generated
    documents get past the precondition to the decoder (and the valid ones get saved)."""
    if case.method.upper() != "PUT" or case.path_parameters.get("record_id") != record.pk:
        return
    record.refresh_from_db()
    case.headers = {**(case.headers or {}), "If-Match": f'"{record.current_version}"'}
    if isinstance(case.body, dict):
        case.body = {**case.body, "id": record.document_id}


def _run(operation: Any, seeded: dict[str, Any], headers: dict[str, str]) -> Counter[int]:
    """Run the generated cases of one operation; returns how many gave which status."""
    statuses: Counter[int] = Counter()

    @settings(
        max_examples=RENDERING if "documents" in operation.path else EXAMPLES,
        deadline=None,
        database=None,  # no .hypothesis folder in the tree
        derandomize=EXAMPLES == DEFAULT_EXAMPLES,  # the same cases on every normal run
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_cases(operation, seeded["paths"]))
    def run(case: Any) -> None:
        _aim(case, seeded["draft"])
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        statuses[response.status_code] += 1

    run()
    return statuses


@pytest.fixture
def hypothesis_home(tmp_path: Path) -> Iterator[Path]:
    """Hypothesis keeps its caches in the test's folder, not in .hypothesis/ of the tree."""
    before = storage_directory(intent_to_write=False).home_directory
    set_hypothesis_home_dir(tmp_path / "hypothesis")
    try:
        yield tmp_path / "hypothesis"
    finally:
        set_hypothesis_home_dir(before)


@pytest.fixture
def application() -> Iterator[Any]:
    """The real WSGI application. Like Django's test client, it keeps the test's database
    connection open between requests (the end of a request would close it, and with it the
    test's transaction, on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("hypothesis_home")
def test_schemathesis_finds_no_server_error(
    application: Any, seeded: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    headers = {"Authorization": f"Bearer {seeded['token']}"}
    counts: dict[str, Counter[int]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        counts[f"{operation.method.upper()} {operation.path}"] = _run(operation, seeded, headers)
    with capsys.disabled():
        total = sum(c.total() for c in counts.values())
        print(f"\nschemathesis: {total} cases over {len(counts)} operations")
        for label, statuses in counts.items():
            shown = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            print(f"  {statuses.total():4d}  {label}  ({shown})")
    assert len(counts) == 10  # every operation of the description
    # every operation got past the access check and its parameters to its work at least once
    assert all(set(statuses) - {404, 422} for statuses in counts.values())
    assert 200 in counts["PUT /api/assessments/{record_id}"]  # a generated document was saved
