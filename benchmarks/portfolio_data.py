"""Synthetic portfolio for the load benchmark and the query-count tests: `make_facilities(n)`
bulk-creates n facilities with their organisations in the current database, in a few queries.

The facilities get the portfolio columns only (approval, expiry, submit-by, state), spread
deterministically over the last six years so that every urgency occurs: about one in seven was
never approved, the rest approved on a date between 6 years and 1 day ago. No assessment records
are made: the portfolio reads the stored columns, never the assessments.
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

from bolvaerk.adapters.db.models import Facility, Organisation, OrgKind
from bolvaerk.domain.dates import expiry_date, submit_by_date

RSO_FIRMS = 20
PORTS = 25
POLICE_DISTRICTS = 12
FACILITIES_PER_OPERATOR = 5
STATES = ("approved", "approved", "approved", "draft", "in_review", "submitted", "returned")


def _organisations(kind: str, names: list[str]) -> list[Organisation]:
    Organisation.objects.bulk_create(
        [Organisation(name=name, kind=kind) for name in names], ignore_conflicts=True
    )
    return list(Organisation.objects.filter(name__in=names).order_by("name"))


def make_facilities(n: int, *, today: date | None = None, seed: int = 7) -> None:
    """Create n facilities (and the organisations they name, reused when they exist)."""
    today = today or date.today()  # noqa: DTZ011 - a benchmark fixture, local date is fine
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    start = Facility.objects.count()  # names stay unique when called again
    rsos = _organisations(OrgKind.RSO, [f"Bench RSO {i:02d}" for i in range(RSO_FIRMS)])
    ports = _organisations(OrgKind.PORT_AUTHORITY, [f"Bench Havn {i:02d}" for i in range(PORTS)])
    police = _organisations(
        OrgKind.POLICE, [f"Bench Politikreds {i:02d}" for i in range(POLICE_DISTRICTS)]
    )
    first_operator, operators_needed = (
        start // FACILITIES_PER_OPERATOR,
        n // FACILITIES_PER_OPERATOR + 1,
    )
    operator_names = [
        f"Bench Operatør {i:05d}" for i in range(first_operator, first_operator + operators_needed)
    ]
    operators = _organisations(OrgKind.FACILITY_OPERATOR, operator_names)
    facilities = []
    for index in range(start, start + n):
        port = index % PORTS
        approved = None if rng.random() < 0.15 else today - timedelta(days=rng.randint(1, 6 * 365))
        facilities.append(
            Facility(
                name=f"Kaj {index:05d}",
                port=f"Bench Havn {port:02d}",
                unlocode=f"DKB{string.ascii_uppercase[port]}X",
                is_port=index % 50 == 0,
                operator=operators[(index - start) // FACILITIES_PER_OPERATOR],
                rso=rsos[index % RSO_FIRMS],
                port_authority=ports[port],
                police=police[index % POLICE_DISTRICTS],
                approved_on=approved,
                expires_on=expiry_date(approved) if approved else None,
                submit_by=submit_by_date(approved) if approved else None,
                assessment_state=rng.choice(STATES) if approved else rng.choice(("", "draft")),
            )
        )
    Facility.objects.bulk_create(facilities, batch_size=1000)
