"""The cast of the web tests, built with the real do_* functions. One line each on who they are:

- anne: lead consultant at the RSO that assesses Fjordby (may edit and submit)
- bo: PFSO of the Fjordby ferry terminal operator (may edit the facility's draft)
- carl: police reviewer of the district (records the police review)
- eva / finn: authority reviewer / approver (see every facility; return / approve)
- olga: consultant at another RSO (sees nothing of Fjordby)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from bolvaerk.adapters.db.models import AssessmentRecord, Facility, OrgKind, Role
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.people import do_create_facility, do_create_organisation, do_create_user
from bolvaerk.services.workspace import do_create_assessment

PASSWORD = "not-a-real-password-1"  # noqa: S105 - test personas only, MD5-hashed in tests


@dataclass
class Cast:
    anne: User
    bo: User
    carl: User
    eva: User
    finn: User
    olga: User
    facility: Facility
    record: AssessmentRecord


def build_cast() -> Cast:
    rso = do_create_organisation(None, "Nordhav Sikring ApS", OrgKind.RSO)
    other_rso = do_create_organisation(None, "Anden Sikring ApS", OrgKind.RSO)
    operator = do_create_organisation(None, "Fjordby Færgeterminal A/S", OrgKind.FACILITY_OPERATOR)
    police = do_create_organisation(None, "Syd- og Sønderjyllands Politi", OrgKind.POLICE)
    authority = do_create_organisation(None, "Trafikstyrelsen", OrgKind.MARITIME_AUTHORITY)
    users = {
        "anne": (rso, Role.LEAD_CONSULTANT),
        "bo": (operator, Role.PFSO),
        "carl": (police, Role.POLICE_REVIEWER),
        "eva": (authority, Role.AUTHORITY_REVIEWER),
        "finn": (authority, Role.AUTHORITY_APPROVER),
        "olga": (other_rso, Role.CONSULTANT),
    }
    # English UI for stable assertions; the Danish UI has its own tests
    made = {
        name: do_create_user(None, name, PASSWORD, org, role, language="en")
        for name, (org, role) in users.items()
    }
    facility = do_create_facility(
        None,
        name="Færgeterminalen",
        port="Fjordby Havn",
        unlocode="DKFJ2",
        operator=operator,
        rso=rso,
        police=police,
    )
    record = do_create_assessment(made["anne"], facility, AssessmentKind.PFSA)
    return Cast(**made, facility=facility, record=record)
