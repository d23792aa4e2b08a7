"""Bulk import of facilities: who may, every row validated first, all or nothing, one audit event
with the count and the file's SHA-256, CSV and XLSX, and the background job through the real
worker (idempotent: a second run imports nothing)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from openpyxl import Workbook

from bolvaerk.adapters.db.models import AuditEvent, Facility, Organisation, OrgKind, Role
from bolvaerk.content import CONTENT_DIR
from bolvaerk.services.facility_import import (
    IMPORTED,
    do_import_facilities,
    may_import_facilities,
)
from bolvaerk.services.facility_import_jobs import import_status, run_import, start_import
from bolvaerk.services.people import do_create_organisation, do_create_user
from bolvaerk.services.workspace import NotAllowed
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

HEADER = "name,port,unlocode,is_port,operator,rso,port_authority,police\n"
GOOD = (
    HEADER + "Containerkajen,Fjordby Havn,DKFJ2,no,Fjordby Færgeterminal A/S,Nordhav Sikring ApS,,"
    "Syd- og Sønderjyllands Politi\n"
    + "Olieterminalen,Fjordby Havn,dkfj2,,Fjordby Færgeterminal A/S,,,\n"
)


@pytest.fixture
def cast(settings: Any, tmp_path: Path) -> Cast:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    return build_cast()


def _state() -> tuple[int, int, int]:
    return Facility.objects.count(), Organisation.objects.count(), AuditEvent.objects.count()


def _xlsx(lines: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in lines:
        sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_who_may_import(cast: Cast) -> None:
    site = do_create_organisation(None, "Drift", OrgKind.SITE)
    admin = do_create_user(None, "admin", PASSWORD, site, Role.SITE_ADMIN)
    assert may_import_facilities(admin)
    assert may_import_facilities(cast.eva)  # maritime authority, reviewer and approver
    assert may_import_facilities(cast.finn)
    assert may_import_facilities(cast.anne)  # the RSO's lead consultant
    assert not may_import_facilities(cast.olga)  # a consultant
    assert not may_import_facilities(cast.bo)  # the operator's PFSO
    assert not may_import_facilities(cast.carl)  # police
    with pytest.raises(NotAllowed):
        do_import_facilities(cast.bo, "f.csv", GOOD.encode())


def test_a_good_file_is_imported_with_one_audit_event(cast: Cast) -> None:
    data = GOOD.encode()
    before = Facility.objects.count()
    outcome = do_import_facilities(cast.eva, "f.csv", data)
    assert outcome.problems == ()
    assert outcome.imported == 2
    assert Facility.objects.count() == before + 2
    oil = Facility.objects.get(name="Olieterminalen")
    assert oil.unlocode == "DKFJ2"  # upper-cased
    assert oil.rso is None
    assert oil.is_port is False
    assert oil.operator == cast.facility.operator
    event = AuditEvent.objects.get(action=IMPORTED)
    assert event.actor == cast.eva
    assert event.details["count"] == 2
    assert event.details["sha256"] == hashlib.sha256(data).hexdigest()


def test_one_bad_row_changes_nothing_and_every_problem_is_named(cast: Cast) -> None:
    do_create_organisation(None, "Anden Sikring 2 ApS", OrgKind.RSO)
    text = (
        HEADER
        + "Kaj 1,Fjordby Havn,DKFJ2,no,Fjordby Færgeterminal A/S,,,\n"  # good
        + "Kaj 2,Fjordby Havn,DK-FJ,no,Fjordby Færgeterminal A/S,,,\n"  # bad UN/LOCODE
        + "Kaj 1,Fjordby Havn,DKFJ2,no,Fjordby Færgeterminal A/S,,,\n"  # again in the file
        + "Færgeterminalen,Fjordby Havn,DKFJ2,,Fjordby Færgeterminal A/S,,,\n"  # in the database
        + "Kaj 5,Fjordby Havn,DKFJ2,måske,Ukendt A/S,,,\n"  # yes/no, unknown organisation
        + "Kaj 6,,DKFJ2,,Syd- og Sønderjyllands Politi,,,Nordhav Sikring ApS\n"  # kinds, port
    )
    before = _state()
    outcome = do_import_facilities(cast.eva, "f.csv", text.encode())
    assert _state() == before  # nothing changed
    assert outcome.imported == 0
    found = [(p.row, p.column, p.code) for p in outcome.problems]
    assert found == [
        (3, "unlocode", "unlocode"),
        (4, "name", "duplicate_in_file"),
        (5, "name", "duplicate_in_database"),
        (6, "is_port", "yes_no"),
        (6, "operator", "unknown_organisation"),
        (7, "port", "required"),
        (7, "operator", "wrong_kind"),
        (7, "police", "wrong_kind"),
    ]
    params = {p.code: dict(p.params) for p in outcome.problems}
    assert params["duplicate_in_file"] == {"first": "2"}
    assert params["unlocode"] == {"value": "DK-FJ"}
    assert params["unknown_organisation"] == {"name": "Ukendt A/S"}


def test_the_header_is_checked(cast: Cast) -> None:
    text = "Name;Port;Operatør;polise\nKaj;Fjordby;Fjordby Færgeterminal A/S;x\n"
    outcome = do_import_facilities(cast.eva, "f.csv", text.encode())
    found = {(p.row, p.column, p.code) for p in outcome.problems}
    assert found == {
        (1, "Operatør", "unknown_column"),
        (1, "polise", "unknown_column"),
        (1, "unlocode", "missing_column"),
        (1, "operator", "missing_column"),
    }
    assert [p.code for p in do_import_facilities(cast.eva, "f.csv", b"").problems] == ["empty_file"]
    assert [p.code for p in do_import_facilities(cast.eva, "f.csv", HEADER.encode()).problems] == [
        "no_rows"
    ]
    assert [p.code for p in do_import_facilities(cast.eva, "f.xlsx", b"PK\x03\x04no").problems] == [
        "unreadable"
    ]


def test_organisations_are_created_only_on_request(cast: Cast) -> None:
    text = HEADER + "Kaj,Nyby Havn,DKNYB,,Nyby Terminal A/S,,Nyby Havn,\n"
    refused = do_import_facilities(cast.eva, "f.csv", text.encode())
    assert {(p.column, p.code) for p in refused.problems} == {
        ("operator", "unknown_organisation"),
        ("port_authority", "unknown_organisation"),
    }
    done = do_import_facilities(cast.eva, "f.csv", text.encode(), create_organisations=True)
    assert done.problems == ()
    assert done.created_organisations == ("Nyby Havn", "Nyby Terminal A/S")
    facility = Facility.objects.get(name="Kaj")
    assert facility.operator.kind == OrgKind.FACILITY_OPERATOR
    assert facility.port_authority is not None
    assert facility.port_authority.kind == OrgKind.PORT_AUTHORITY
    assert AuditEvent.objects.get(action=IMPORTED).details["created_organisations"] == [
        "Nyby Havn",
        "Nyby Terminal A/S",
    ]
    clash = HEADER + "Kaj 2,Ny,DKNYB,,Samme Navn,,Samme Navn,\n"
    outcome = do_import_facilities(cast.eva, "f.csv", clash.encode(), create_organisations=True)
    assert [(p.column, p.code) for p in outcome.problems] == [("port_authority", "two_kinds")]


def test_an_rso_imports_only_its_own_clients(cast: Cast) -> None:
    own = HEADER + "Kaj A,Fjordby Havn,DKFJ2,,Fjordby Færgeterminal A/S,,,\n"
    assert do_import_facilities(cast.anne, "f.csv", own.encode()).imported == 1
    assert Facility.objects.get(name="Kaj A").rso == cast.facility.rso  # filled in
    other = HEADER + "Kaj B,Fjordby Havn,DKFJ2,,Fjordby Færgeterminal A/S,Anden Sikring ApS,,\n"
    outcome = do_import_facilities(cast.anne, "f.csv", other.encode())
    assert [(p.row, p.column, p.code) for p in outcome.problems] == [(2, "rso", "not_own_firm")]
    assert dict(outcome.problems[0].params) == {"firm": "Nordhav Sikring ApS"}


def test_xlsx_and_a_danish_excel_csv(cast: Cast) -> None:
    data = _xlsx(
        [
            ["Name", "Port", "UNLOCODE", "Operator", "is_port", None],
            ["Kaj X", "Fjordby Havn", "DKFJ2", "Fjordby Færgeterminal A/S", True, None],
            [None, None, None, None, None, None],  # a blank row is skipped
            ["Kaj Y", "Fjordby Havn", "DKFJ2", "Fjordby Færgeterminal A/S", None, None],
        ]
    )
    assert do_import_facilities(cast.eva, "f.xlsx", data).problems == ()
    assert Facility.objects.get(name="Kaj X").is_port is True
    bad = _xlsx([["name", "port", "unlocode", "operator"], ["Kaj Z", "Fjordby", "DK1", "Ukendt"]])
    found = [(p.row, p.column) for p in do_import_facilities(cast.eva, "f.xlsx", bad).problems]
    assert found == [(2, "unlocode"), (2, "operator")]
    semicolons = "name;port;unlocode;operator\nKaj Æ;Århus;DKAAR;Fjordby Færgeterminal A/S\n"
    assert do_import_facilities(cast.eva, "f.csv", semicolons.encode("cp1252")).imported == 1
    assert Facility.objects.filter(name="Kaj Æ", port="Århus").exists()


def test_the_example_file_imports(cast: Cast) -> None:
    data = (CONTENT_DIR / "examples" / "facilities-import.csv").read_bytes()
    outcome = do_import_facilities(
        cast.eva, "facilities-import.csv", data, create_organisations=True
    )
    # the cast's ferry terminal is already there; everything else is new
    assert [(p.row, p.code) for p in outcome.problems] == [(2, "duplicate_in_database")]
    Facility.objects.filter(name="Færgeterminalen").update(name="Gammel terminal")
    outcome = do_import_facilities(
        cast.eva, "facilities-import.csv", data, create_organisations=True
    )
    assert outcome.problems == ()
    assert outcome.imported == 4
    assert Facility.objects.get(name="Fjordby Havn").is_port


def _run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


# The worker commits and checks its connection like a real one: outside the test's transaction
# (inside it, on PostgreSQL, the worker's close_old_connections closes the test's connection).
@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_once_by_the_real_worker(cast: Cast) -> None:
    lines = [HEADER] + [
        f"Kaj {n:05d},Fjordby Havn,DKFJ2,,Fjordby Færgeterminal A/S,,,\n" for n in range(3000)
    ]
    data = "".join(lines).encode()
    before = Facility.objects.count()
    import_id = start_import(cast.eva, "stor.csv", data)  # > 64 KB: a background job
    waiting = import_status(cast.eva, import_id)
    assert waiting is not None
    assert waiting.outcome is None
    assert waiting.job is not None
    assert waiting.job.status == "READY"
    assert Facility.objects.count() == before  # nothing until the worker runs
    _run_worker()
    done = import_status(cast.eva, import_id)
    assert done is not None
    assert done.outcome is not None
    assert done.outcome.imported == 3000
    assert done.job is not None
    assert done.job.status == "SUCCESSFUL"
    assert Facility.objects.count() == before + 3000
    # the job again (a retry, or a second worker run): nothing is imported twice
    assert run_import(import_id)["imported"] == 3000
    _result_path(import_id).unlink()  # even when the result file was lost
    assert run_import(import_id)["imported"] == 3000
    assert Facility.objects.count() == before + 3000
    assert AuditEvent.objects.filter(action=IMPORTED).count() == 1
    assert import_status(cast.anne, import_id) is None  # only the one who uploaded sees it
    assert import_status(cast.eva, "not-an-id") is None


@pytest.mark.django_db(transaction=True)
def test_a_refused_file_in_the_job_reports_and_changes_nothing(cast: Cast) -> None:
    data = (HEADER + "Kaj,Fjordby Havn,XX,,Fjordby Færgeterminal A/S,,,\n").encode()
    before = _state()
    import_id = start_import(cast.eva, "f.csv", data, background=True)
    _run_worker()
    status = import_status(cast.eva, import_id)
    assert status is not None
    assert status.outcome is not None
    assert [(p.row, p.column, p.code) for p in status.outcome.problems] == [
        (2, "unlocode", "unlocode")
    ]
    assert _state() == before


def _result_path(import_id: str) -> Path:
    return Path(default_storage.path(f"facility-imports/{import_id}.result.json"))
