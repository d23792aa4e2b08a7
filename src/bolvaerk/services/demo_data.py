"""The demo's example data: the organisations of the example port, one user per role (random
passwords, written to BOLVAERK_HOME/demo-users.txt), the example facility with its PFSA and
the port with its PSA."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from bolvaerk.adapters.db.models import AssessmentRecord, Organisation, OrgKind, Role
from bolvaerk.adapters.file import write_text
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services import audit
from bolvaerk.services.assessments import example_assessment
from bolvaerk.services.demo_portfolio import seed_portfolio
from bolvaerk.services.people import do_create_facility, do_create_organisation, do_create_user
from bolvaerk.services.workspace import store_version

DEMO_USERS = (
    ("konsulent", "Anne Holm", "Nordhav Sikring ApS", OrgKind.RSO, Role.LEAD_CONSULTANT),
    ("pfso", "Bo Lund", "Fjordby Færgeterminal A/S", OrgKind.FACILITY_OPERATOR, Role.PFSO),
    ("pso", "Dorte Sø", "Fjordby Havn", OrgKind.PORT_AUTHORITY, Role.PSO),
    ("politi", "Carl Dahl", "Syd- og Sønderjyllands Politi", OrgKind.POLICE, Role.POLICE_REVIEWER),
    (
        "ts-review",
        "Eva Berg",
        "Trafikstyrelsen",
        OrgKind.MARITIME_AUTHORITY,
        Role.AUTHORITY_REVIEWER,
    ),
    (
        "ts-approve",
        "Finn Krog",
        "Trafikstyrelsen",
        OrgKind.MARITIME_AUTHORITY,
        Role.AUTHORITY_APPROVER,
    ),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    username: str
    password: str
    role: str
    organisation: str


@transaction.atomic
def do_seed_demo(home: Path) -> list[DemoLogin]:
    """Create the demo data once; returns the logins (passwords only on the first run)."""
    if Organisation.objects.exists():
        return []
    organisations: dict[str, Organisation] = {}
    logins = []
    for username, full_name, org_name, kind, role in DEMO_USERS:
        if org_name not in organisations:
            organisations[org_name] = do_create_organisation(None, org_name, kind)
        password = secrets.token_urlsafe(9)
        do_create_user(
            None,
            username,
            password,
            organisations[org_name],
            role,
            full_name=full_name,
            email=f"{username}@demo.bolvaerk.invalid",  # reminders go to the console in the demo
        )
        logins.append(DemoLogin(username, password, role, org_name))
    rso = organisations["Nordhav Sikring ApS"]
    police = organisations["Syd- og Sønderjyllands Politi"]
    port = organisations["Fjordby Havn"]
    for assessment_kind, operator, is_port in (
        (AssessmentKind.PFSA, organisations["Fjordby Færgeterminal A/S"], False),
        (AssessmentKind.PSA, port, True),
    ):
        assessment = example_assessment(assessment_kind)
        fp = assessment.front_page
        facility = do_create_facility(
            None,
            name=fp.facility,
            port=fp.port,
            unlocode=fp.unlocode,
            operator=operator,
            rso=rso,
            port_authority=port,
            police=police,
            is_port=is_port,
        )
        record = AssessmentRecord.objects.create(
            facility=facility, document_id=assessment.id, kind=assessment_kind.value
        )
        store_version(None, record, assessment, "demo example")
        audit.record(
            None,
            "assessment.imported",
            record,
            facility_id=facility.pk,
            details={"source": "example"},
        )
    seed_portfolio(rso, police, timezone.localdate())
    lines = [f"{d.username}\t{d.password}\t{d.role}\t{d.organisation}" for d in logins]
    write_text(home / "demo-users.txt", "\n".join(lines) + "\n")
    return logins
