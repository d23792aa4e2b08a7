"""Every view x every role x own/other organisation.

The views are found from the URL configuration, so a new view is in the matrix the day it is
added. A user of an organisation that is not party to the facility must get 404 for GET and
POST alike (the same answer as for a missing object; 405 for a method the view never accepts
does not depend on the object); a party must never get 404 or a server
error for the pages of its facility. The number of cases run is printed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from bolvaerk.adapters.db.models import OrgKind, Role
from bolvaerk.services.people import do_create_organisation, do_create_user
from bolvaerk.services.workspace import load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db

OPEN = {"login", "logout"}
ROLES = {
    "rso": (OrgKind.RSO, (Role.CONSULTANT, Role.LEAD_CONSULTANT)),
    "operator": (OrgKind.FACILITY_OPERATOR, (Role.PFSO, Role.STAFF)),
    "port": (OrgKind.PORT_AUTHORITY, (Role.PSO, Role.STAFF)),
    "police": (OrgKind.POLICE, (Role.POLICE_REVIEWER,)),
}


def _patterns(
    resolver: URLResolver | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif entry.name not in OPEN:
            yield prefix + str(entry.pattern), entry


def _url(pattern: str, cast: Cast) -> str:
    form_ids = [f.id for f in load(cast.record).sections.risk.forms] or ["form-none"]
    values = {
        "<int:facility_id>": str(cast.facility.pk),
        "<int:record_id>": str(cast.record.pk),
        "<str:form_id>": form_ids[0],
        "<slug:form_id>": form_ids[0],
        "<int:comment_id>": "1",
        "<str:item_id>": "item-port-office",
        "<str:threat_id>": "damage_destruction",
        "<int:version>": "1",
        "<int:number>": "1",
        "<str:fmt>": "docx",  # API documents
    }
    url = "/" + pattern
    for key, value in values.items():
        url = url.replace(key, value)
    return url


def _insiders_and_outsiders(cast: Cast) -> Iterator[tuple[str, bool]]:
    """(username, party to the facility) for every role, in the facility's organisations and in
    other organisations of the same kind."""
    cast.facility.port_authority = do_create_organisation(
        None, "Fjordby Havn", OrgKind.PORT_AUTHORITY
    )
    cast.facility.save()
    parties = {
        OrgKind.RSO: cast.facility.rso,
        OrgKind.FACILITY_OPERATOR: cast.facility.operator,
        OrgKind.POLICE: cast.facility.police,
        OrgKind.PORT_AUTHORITY: cast.facility.port_authority,
    }
    for label, (kind, roles) in ROLES.items():
        own = parties[kind]
        other = do_create_organisation(None, f"Other {label}", kind)
        for role in roles:
            if own is not None:
                name = f"own-{label}-{role}"
                do_create_user(None, name, PASSWORD, own, role)
                yield name, True
            name = f"other-{label}-{role}"
            do_create_user(None, name, PASSWORD, other, role)
            yield name, False
    yield "eva", True  # the maritime authority sees every facility
    yield "finn", True
    site = do_create_organisation(None, "bolvaerk drift", OrgKind.SITE)
    do_create_user(None, "site-admin", PASSWORD, site, Role.SITE_ADMIN)
    yield "site-admin", True  # site administrators see everything


def test_the_permission_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    cast = build_cast()
    patterns = [(p, e) for p, e in _patterns() if "<" in p]  # object pages (the list is per user)
    cases = 0
    failures = []
    users = list(_insiders_and_outsiders(cast))
    # GETs first: POSTs of parties change the assessment (a removed item's page is then 404).
    # Outsiders POST before parties, so they meet the objects as they were.
    order = [("get", u) for u in users] + [("post", u) for u in users if not u[1]]
    order += [("post", u) for u in users if u[1]]
    clients: dict[str, Client] = {}
    for method, (username, party) in order:
        if username not in clients:
            clients[username] = Client()
            assert clients[username].login(username=username, password=PASSWORD)
        client = clients[username]
        for pattern, _entry in patterns:
            url = _url(pattern, cast)
            status = getattr(client, method)(url).status_code
            cases += 1
            # 405 (method not allowed) does not depend on the object, so it tells nothing
            if not party and status not in {404, 405}:
                failures.append((username, method, url, status))
            if party and (
                status >= 500 or (method == "get" and status == 404 and "form-none" not in url)
            ):
                failures.append((username, method, url, status))
    with capsys.disabled():
        print(f"\npermission matrix: {cases} cases ({len(patterns)} views x users x GET/POST)")
    assert failures == []
