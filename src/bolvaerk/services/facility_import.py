"""Bulk import of facilities from a CSV or XLSX table: every row is validated first, and if any
row is bad nothing changes; otherwise all rows are created in one transaction with one audit
event (`facility.imported`: the count, the file's SHA-256 and the created organisations).

Who may import (the rule, in the style of services.access):
- site administrators and the maritime authority (reviewers and approvers): any facility;
- an RSO firm's lead consultant: facilities the firm assesses itself. The `rso` column is then
  empty (the firm is filled in) or names the firm; any other RSO is refused;
- nobody else (operators, port authorities, police, consultants).

Columns (header row, case-insensitive, in any order; comma, semicolon or tab in a CSV):
  name, port, unlocode, operator (required); is_port, rso, port_authority, police (optional).
`unlocode` is a UN/LOCODE: two letters for the country and three letters or digits 2-9
(DKAAR). `is_port` is yes/no (ja/nej, true/false, 1/0, x; empty = no): a port (PSA) instead of
a facility (PFSA). The organisation columns name organisations that must exist, of the column's
kind (operator: facility operator, rso: RSO firm, port_authority: port authority, police:
police district; the operator of a port may also be its port authority). Only with the explicit
option `create_organisations` is an unknown name created as a new organisation of the column's
kind. A facility is the same as another when name (case-insensitive) and UN/LOCODE are equal: a
duplicate in the file or in the database is refused. Unknown columns are refused too (a
misspelt optional column would lose data silently).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from bolvaerk.adapters.db.models import Facility, Organisation, OrgKind, Role
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, membership
from bolvaerk.services.facility_table import Table, TableReadError, read_table
from bolvaerk.services.workspace import NotAllowed

IMPORTED = "facility.imported"
REQUIRED = ("name", "port", "unlocode", "operator")
OPTIONAL = ("is_port", "rso", "port_authority", "police")
COLUMNS = REQUIRED + OPTIONAL
ORGANISATION_COLUMNS: dict[str, str] = {
    "operator": OrgKind.FACILITY_OPERATOR,
    "rso": OrgKind.RSO,
    "port_authority": OrgKind.PORT_AUTHORITY,
    "police": OrgKind.POLICE,
}
MAX_ROWS = 20_000
MAX_LENGTH = 200  # Facility.name/port and Organisation.name
MAX_PROBLEMS = 500  # reported; the first ones are enough to correct a file
UNLOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
YES = frozenset({"yes", "ja", "true", "1", "x", "y", "j"})
NO = frozenset({"", "no", "nej", "false", "0", "n"})


def may_import_facilities(user: AnyUser) -> bool:
    member = membership(user)
    if member is None:
        return False
    kind = member.organisation.kind
    if kind in {OrgKind.SITE, OrgKind.MARITIME_AUTHORITY}:
        return True
    return kind == OrgKind.RSO and member.role == Role.LEAD_CONSULTANT


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the file is refused: the row number in the file (None: the whole file), the column
    (as named in the header; "" for none), a code and its parameters (texts in the web)."""

    row: int | None
    column: str
    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "code": self.code, "params": self.params}


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    imported: int  # facilities created (0 when refused)
    problems: tuple[Problem, ...]
    sha256: str
    created_organisations: tuple[str, ...] = ()
    more_problems: int = 0  # problems beyond MAX_PROBLEMS, not listed

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    def as_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "problems": [p.as_json() for p in self.problems],
            "sha256": self.sha256,
            "created_organisations": list(self.created_organisations),
            "more_problems": self.more_problems,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ImportOutcome:
        problems = data.get("problems", [])
        assert isinstance(problems, list)  # noqa: S101 - written by as_json
        created = data.get("created_organisations", [])
        assert isinstance(created, list)  # noqa: S101
        return cls(
            imported=int(str(data.get("imported", 0))),
            problems=tuple(
                Problem(p["row"], p["column"], p["code"], dict(p["params"])) for p in problems
            ),
            sha256=str(data.get("sha256", "")),
            created_organisations=tuple(str(name) for name in created),
            more_problems=int(str(data.get("more_problems", 0))),
        )


@dataclass(frozen=True, slots=True)
class FacilityImport:
    """The audited object: one import, named by its upload id (or the file's SHA-256)."""

    pk: str


@dataclass
class _Plan:
    # each facility with the organisations still to be created: column -> key of the name
    facilities: list[tuple[Facility, dict[str, str]]] = field(default_factory=list)
    new_organisations: dict[str, tuple[str, str]] = field(default_factory=dict)  # key: name, kind
    problems: list[Problem] = field(default_factory=list)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _header_problems(table: Table) -> list[Problem]:
    if not table.header:
        return [Problem(None, "", "empty_file")]
    names = [_key(column) for column in table.header]
    problems = [
        Problem(1, column, "unknown_column", {"columns": ", ".join(COLUMNS)})
        for column, name in zip(table.header, names, strict=True)
        if name not in COLUMNS
    ]
    problems += [
        Problem(1, column, "duplicate_column")
        for index, (column, name) in enumerate(zip(table.header, names, strict=True))
        if name in COLUMNS and name in names[:index]
    ]
    problems += [Problem(1, column, "missing_column") for column in REQUIRED if column not in names]
    if not table.rows:
        problems.append(Problem(None, "", "no_rows"))
    elif len(table.rows) > MAX_ROWS:
        problems.append(Problem(None, "", "too_many_rows", {"max": str(MAX_ROWS)}))
    return problems


class _Validator:
    """Checks the rows against each other and the database (three queries in all)."""

    def __init__(self, user: AnyUser, table: Table, *, create_organisations: bool) -> None:
        self.table = table
        self.create = create_organisations
        member = membership(user)
        self.own_rso = (
            member.organisation if member and member.organisation.kind == OrgKind.RSO else None
        )
        self.columns = {_key(column): i for i, column in enumerate(table.header)}
        self.organisations: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            self.organisations.setdefault(_key(organisation.name), organisation)
        codes = {self._cell(cells, "unlocode").upper() for _, cells in table.rows}
        self.existing = {
            (_key(name), unlocode)
            for name, unlocode in Facility.objects.filter(unlocode__in=codes).values_list(
                "name", "unlocode"
            )
        }
        self.seen: dict[tuple[str, str], int] = {}
        self.plan = _Plan()

    def _cell(self, cells: tuple[str, ...], column: str) -> str:
        index = self.columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def _problem(self, row: int, column: str, code: str, **params: str) -> None:
        self.plan.problems.append(Problem(row, column, code, params))

    def _text(self, row: int, cells: tuple[str, ...], column: str) -> str:
        value = " ".join(self._cell(cells, column).split())
        if not value:
            self._problem(row, column, "required")
        elif len(value) > MAX_LENGTH:
            self._problem(row, column, "too_long", max=str(MAX_LENGTH))
        return value

    def _organisation(
        self, row: int, cells: tuple[str, ...], column: str, *, is_port: bool
    ) -> Organisation | None:
        name = " ".join(self._cell(cells, column).split())
        kind = ORGANISATION_COLUMNS[column]
        accepted = {kind}
        if column == "operator" and is_port:  # a port may be operated by its port authority
            accepted.add(OrgKind.PORT_AUTHORITY)
            if _key(name) == _key(self._cell(cells, "port_authority")):
                kind = OrgKind.PORT_AUTHORITY
        if column == "rso" and self.own_rso is not None:
            if name and _key(name) != _key(self.own_rso.name):
                self._problem(row, column, "not_own_firm", firm=self.own_rso.name)
            return self.own_rso
        if not name:
            if column == "operator":
                self._problem(row, column, "required")
            return None
        found = self.organisations.get(_key(name))
        if found is None and len(name) > MAX_LENGTH:
            self._problem(row, column, "too_long", max=str(MAX_LENGTH))
            return None
        if found is None and self.create:
            planned = self.plan.new_organisations.setdefault(_key(name), (name, kind))
            if planned[1] not in accepted:
                self._problem(row, column, "two_kinds", name=name)
            return None  # created and filled in when the plan is carried out
        if found is None:
            self._problem(row, column, "unknown_organisation", name=name)
        elif found.kind not in accepted:
            self._problem(row, column, "wrong_kind", name=found.name, kind=found.kind)
        return found

    def _is_port(self, row: int, cells: tuple[str, ...]) -> bool:
        value = self._cell(cells, "is_port").casefold()
        if value not in YES | NO:
            self._problem(row, "is_port", "yes_no", value=value)
        return value in YES

    def row(self, row: int, cells: tuple[str, ...]) -> None:
        name = self._text(row, cells, "name")
        port = self._text(row, cells, "port")
        unlocode = self._cell(cells, "unlocode").upper()
        if not UNLOCODE.match(unlocode):
            self._problem(row, "unlocode", "unlocode", value=self._cell(cells, "unlocode"))
        key = (_key(name), unlocode)
        if name and key in self.seen:
            self._problem(row, "name", "duplicate_in_file", first=str(self.seen[key]))
        elif name and key in self.existing:
            self._problem(row, "name", "duplicate_in_database")
        self.seen.setdefault(key, row)
        is_port = self._is_port(row, cells)
        orgs = {
            column: self._organisation(row, cells, column, is_port=is_port)
            for column in ORGANISATION_COLUMNS
        }
        facility = Facility(name=name, port=port, unlocode=unlocode, is_port=is_port)
        pending = {}
        for column, organisation in orgs.items():
            if organisation is not None:
                setattr(facility, column, organisation)
            elif self._cell(cells, column):
                pending[column] = _key(self._cell(cells, column))
        self.plan.facilities.append((facility, pending))


def plan_import(user: AnyUser, table: Table, *, create_organisations: bool) -> _Plan:
    """Validate every row; the plan's problems are empty when the whole file can be imported."""
    problems = _header_problems(table)
    if problems:
        return _Plan(problems=problems)
    validator = _Validator(user, table, create_organisations=create_organisations)
    for row, cells in table.rows:
        validator.row(row, cells)
    return validator.plan


def _carry_out(plan: _Plan) -> list[str]:
    created = {
        key: Organisation(name=name, kind=kind)
        for key, (name, kind) in plan.new_organisations.items()
    }
    Organisation.objects.bulk_create(created.values())
    names = [organisation.name for organisation in created.values()]
    made = {o.name: o for o in Organisation.objects.filter(name__in=names)}  # with their pks
    for facility, pending in plan.facilities:
        for column, key in pending.items():
            setattr(facility, column, made[created[key].name])
    Facility.objects.bulk_create([facility for facility, _ in plan.facilities], batch_size=500)
    return sorted(made)


def do_import_facilities(
    user: AnyUser,
    file_name: str,
    data: bytes,
    *,
    create_organisations: bool = False,
    import_id: str = "",
) -> ImportOutcome:
    """Validate the whole file, then create every facility or, on any problem, nothing."""
    if not may_import_facilities(user):
        raise NotAllowed("import")
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        table = read_table(file_name, data)
    except TableReadError:
        return ImportOutcome(0, (Problem(None, "", "unreadable"),), sha256)
    with transaction.atomic():
        plan = plan_import(user, table, create_organisations=create_organisations)
        if plan.problems:
            listed = tuple(plan.problems[:MAX_PROBLEMS])
            return ImportOutcome(0, listed, sha256, (), len(plan.problems) - len(listed))
        created = _carry_out(plan)
        audit.record(
            user,
            IMPORTED,
            FacilityImport(import_id or sha256),
            details={
                "count": len(plan.facilities),
                "sha256": sha256,
                "file": file_name,
                "created_organisations": created,
            },
        )
    return ImportOutcome(len(plan.facilities), (), sha256, tuple(created))
