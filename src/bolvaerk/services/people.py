"""Organisations, users and facilities: set up by a site administrator (or the demo seed)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from bolvaerk.adapters.db.models import Facility, Membership, Organisation
from bolvaerk.adapters.db.models.organisations import ROLES_OF_KIND
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser


@transaction.atomic
def do_create_organisation(actor: AnyUser | None, name: str, kind: str) -> Organisation:
    organisation = Organisation.objects.create(name=name, kind=kind)
    audit.record(actor, "organisation.created", organisation, details={"name": name, "kind": kind})
    return organisation


@transaction.atomic
def do_create_user(
    actor: AnyUser | None,
    username: str,
    password: str,
    organisation: Organisation,
    role: str,
    *,
    full_name: str = "",
    language: str = "da",
    email: str = "",
) -> User:
    if role not in ROLES_OF_KIND[organisation.kind]:
        raise ValueError(
            f"role {role} does not exist in an organisation of kind {organisation.kind}"
        )
    first, _, last = full_name.partition(" ")
    user = User.objects.create_user(
        username=username, password=password, first_name=first, last_name=last, email=email
    )
    Membership.objects.create(user=user, organisation=organisation, role=role, language=language)
    audit.record(
        actor,
        "user.created",
        user,
        details={"username": username, "role": role, "organisation": organisation.name},
    )
    return user


@transaction.atomic
def do_create_facility(
    actor: AnyUser | None,
    *,
    name: str,
    port: str,
    unlocode: str,
    operator: Organisation,
    rso: Organisation | None = None,
    port_authority: Organisation | None = None,
    police: Organisation | None = None,
    is_port: bool = False,
) -> Facility:
    facility = Facility.objects.create(
        name=name,
        port=port,
        unlocode=unlocode,
        operator=operator,
        rso=rso,
        port_authority=port_authority,
        police=police,
        is_port=is_port,
    )
    audit.record(
        actor, "facility.created", facility, facility_id=facility.pk, details={"name": name}
    )
    return facility
