"""Sections 1-4: Indledning, Beskrivelse, Eksisterende sikringsforhold, Organisation (+ PSA)."""

from __future__ import annotations

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.description import TrafficRow
from bolvaerk.domain.document.blocks import (
    cell,
    fields_table,
    heading,
    optional_text,
    text_or_empty,
)
from bolvaerk.domain.document.model import Align, Block, Cell, Column, Paragraph, Table
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import AnnexKind, AssessmentKind
from bolvaerk.domain.organisation import PersonnelGroup


def section_1(a: Assessment, t: Texts) -> tuple[Block, ...]:
    s1 = a.sections.introduction
    police = s1.police
    return (
        heading(1, "1", t("s1.heading")),
        text_or_empty(s1.text, t),
        fields_table(
            "1-prepared",
            t("s1.prepared_by"),
            [
                (t("s1.prepared_by"), cell(s1.prepared_by, t)),
                (t("s1.with_police"), Cell(t.yes_no(s1.prepared_with_police))),
            ],
            t,
        ),
        heading(2, "1.2", t("s1.2.heading")),
        Table(
            "1.2",
            t("s1.2.caption"),
            (
                Column(t("s1.2.name"), 2),
                Column(t("s1.2.function"), 2),
                Column(t("s1.2.organisation"), 3),
            ),
            tuple(
                (cell(p.name, t), cell(p.function, t), Cell(p.organisation))
                for p in s1.participants
            ),
        ),
        fields_table(
            "1.2-police",
            t("s1.police.caption"),
            [
                (t("s1.police.district"), cell(police.district, t)),
                (t("s1.police.representative"), cell(police.representative, t)),
                (
                    t("s1.police.review_date"),
                    cell(t.date(police.review_date) if police.review_date else None, t),
                ),
                (t("s1.police.emailed"), Cell(t.yes_no(police.confirmation_emailed))),
            ],
            t,
        ),
        heading(2, "1.3", t("s1.3.heading")),
        Table(
            "1.3",
            t("s1.3.caption"),
            (Column(t("s1.3.abbreviation"), 1), Column(t("s1.3.description"), 4)),
            tuple((cell(x.abbreviation, t), cell(x.description, t)) for x in s1.abbreviations),
        ),
    )


def _annex_table(a: Assessment, kind: AnnexKind, key: str, t: Texts) -> Table:
    return Table(
        key,
        t(f"s{key}.caption"),
        (Column(t("s2.annex_number"), 1), Column(t("s2.annex_name"), 5)),
        tuple((cell(x.number, t), cell(x.name, t)) for x in a.annexes if x.kind is kind),
    )


def section_2(a: Assessment, t: Texts) -> tuple[Block, ...]:
    s2 = a.sections.description
    blocks: list[Block] = [
        heading(1, "2", t.by_kind("s2.heading", a.kind)),
        heading(2, "2.1", t("s2.1.heading")),
        _annex_table(a, AnnexKind.MAP_PORT, "2.1", t),
        *optional_text(s2.port_maps_text),
        heading(2, "2.2", t("s2.2.heading")),
        _annex_table(a, AnnexKind.MAP_FACILITY, "2.2", t),
        *optional_text(s2.facility_maps_text),
        heading(2, "2.3", t("s2.3.heading")),
        *optional_text(s2.activity_text),
        heading(3, "2.3.1", t("s2.3.1.heading")),
        _traffic(a, t),
        Paragraph(t("s2.3.1.other_types")),
        text_or_empty(s2.other_ship_types_text, t),
        Paragraph(t("s2.3.1.pattern")),
        text_or_empty(s2.traffic_pattern_text, t),
        heading(3, "2.3.2", t("s2.3.2.heading")),
        text_or_empty(s2.other_activity_text, t),
        heading(2, "2.4", t("s2.4.heading")),
        *optional_text(s2.companies_text),
    ]
    for number, company in enumerate(s2.companies, start=1):
        risk = company.risk_class.value if company.risk_class is not None else None
        blocks.append(
            fields_table(
                f"2.4-{company.id}",
                t("s2.4.caption", number=number, name=company.name),
                [
                    (t("s2.4.name"), cell(company.name, t)),
                    (t("s2.4.address"), cell(company.address, t)),
                    (t("s2.4.location"), cell(company.location, t)),
                    (t("s2.4.employees"), cell(company.employees, t)),
                    (t("s2.4.activities"), cell(company.activities, t)),
                    (t("s2.4.risk_class"), cell(t(f"risk_class.{risk}") if risk else None, t)),
                    (
                        t("s2.4.electricity"),
                        Cell(t(f"electricity.{company.electricity_class.value}")),
                    ),
                    (t("s2.4.other"), Cell(company.other_matters.strip() or t("doc.none"))),
                ],
                t,
            )
        )
    return tuple(blocks)


def _traffic(a: Assessment, t: Texts) -> Table:
    rows = a.sections.description.traffic
    subsets = {key[len("subset.") :] for key in t.values if key.startswith("subset.")}
    body = [
        (
            Cell(t.values.get(f"ship_type.{row.ship_type}", row.ship_type)),
            cell(row.calls, t, align=Align.RIGHT),
            cell(row.passengers, t, align=Align.RIGHT) if row.passengers is not None else Cell(""),
            Cell(row.cargo_type),
            Cell(_quantity(row.quantity, row.unit, t), align=Align.RIGHT),
        )
        for row in rows
    ]
    counted = [row for row in rows if row.ship_type not in subsets]  # "heraf" rows: not twice
    total = (
        Cell(t("s2.3.1.total"), bold=True),
        Cell(_number(sum(r.calls or 0 for r in counted)), bold=True, align=Align.RIGHT),
        Cell(_number(sum(r.passengers or 0 for r in counted)), bold=True, align=Align.RIGHT),
        Cell(""),
        Cell(_total_quantity(counted, t), bold=True, align=Align.RIGHT),
    )
    return Table(
        "2.3.1",
        t("s2.3.1.caption"),
        (
            Column(t("s2.3.1.ship_type"), 4),
            Column(t("s2.3.1.calls"), 1, Align.RIGHT),
            Column(t("s2.3.1.passengers"), 2, Align.RIGHT),
            Column(t("s2.3.1.cargo_type"), 2),
            Column(t("s2.3.1.quantity"), 2, Align.RIGHT),
        ),
        (*body, total),
        total_row=True,
    )


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _unit(unit: str, t: Texts) -> str:
    return unit.strip() or t("s2.3.1.tons")


def _quantity(quantity: float | None, unit: str, t: Texts) -> str:
    return "" if quantity is None else f"{_number(quantity)} {_unit(unit, t)}"


def _total_quantity(rows: list[TrafficRow], t: Texts) -> str:
    """The quantity total only when every row uses the same unit (R-2-04 (I))."""
    units = {_unit(r.unit, t) for r in rows if r.quantity is not None}
    if len(units) != 1:
        return ""
    total = sum(r.quantity or 0 for r in rows)
    return f"{_number(total)} {units.pop()}"


def section_3(a: Assessment, t: Texts) -> tuple[Block, ...]:
    s3 = a.sections.existing_security
    return (
        heading(1, "3", t("s3.heading")),
        text_or_empty(s3.text, t),
        Paragraph(t("s3.physical")),
        text_or_empty(s3.physical_technical, t),
        Paragraph(t("s3.procedural")),
        text_or_empty(s3.procedural, t),
    )


def _groups(key: str, groups: tuple[PersonnelGroup, ...], t: Texts, *, staffing: bool) -> Table:
    columns = [
        Column(t("s4.group.function"), 3),
        Column(t("s4.group.count"), 1, Align.RIGHT),
        Column(t("s4.group.training" if staffing else "s4.group.training_optional"), 4),
    ]
    if staffing:
        columns.append(Column(t("s4.group.staffing"), 1))
    rows = []
    for group in groups:
        row = [cell(group.function, t), cell(group.count, t, align=Align.RIGHT)]
        row.append(cell(group.training, t) if staffing else Cell(group.training))
        if staffing:
            row.append(cell(t(f"staffing.{group.staffing.value}") if group.staffing else None, t))
        rows.append(tuple(row))
    return Table(key, t(f"s{key}.caption"), tuple(columns), tuple(rows))


def _chart(a: Assessment, kind: AnnexKind, t: Texts) -> tuple[Block, ...]:
    numbers = ", ".join(x.number for x in a.annexes if x.kind is kind and x.number.strip())
    return (Paragraph(t("s4.chart", annexes=numbers)),) if numbers else ()


def section_4(a: Assessment, t: Texts) -> tuple[Block, ...]:
    s4 = a.sections.organisation
    officer = s4.officer
    total = s4.persons_total if s4.persons_total is not None else t("doc.empty")
    duties = s4.persons_with_security_duties
    blocks: list[Block] = [
        heading(1, "4", t("s4.heading")),
        Paragraph(
            t("s4.persons", total=total, duties=duties if duties is not None else t("doc.empty"))
        ),
        heading(2, "4.1", t.by_kind("s4.1.heading", a.kind)),
        *_chart(a, AnnexKind.ORG_GENERAL, t),
        *optional_text(s4.general_text),
    ]
    if a.port is not None:
        blocks += [Paragraph(t("psa.ownership")), text_or_empty(a.port.ownership_text, t)]
    blocks += [
        heading(2, "4.2", t.by_kind("s4.2.heading", a.kind)),
        *_chart(a, AnnexKind.ORG_SECURITY, t),
        *optional_text(s4.security_text),
        heading(3, "4.2.1", t.by_kind("s4.2.1.heading", a.kind)),
        fields_table(
            "4.2.1",
            t.by_kind("s4.2.1.caption", a.kind),
            [
                (t("s4.officer.name"), cell(officer.name, t)),
                (t("s4.officer.title"), cell(officer.title, t)),
                (t("s4.officer.training"), cell(officer.training, t)),
            ],
            t,
        ),
        heading(3, "4.2.2", t("s4.2.2.heading")),
        _groups("4.2.2", s4.groups_with_duties, t, staffing=True),
        heading(3, "4.2.3", t("s4.2.3.heading")),
        _groups("4.2.3", s4.groups_without_duties, t, staffing=False),
        heading(3, "4.2.4", t("s4.2.4.heading")),
        text_or_empty(s4.attendance_text, t),
    ]
    if a.kind is AssessmentKind.PSA:
        blocks += list(_port_part(a, t))
    return tuple(blocks)


def _port_part(a: Assessment, t: Texts) -> tuple[Block, ...]:
    port = a.port
    assert port is not None  # noqa: S101 - a PSA always has its port part (Assessment checks)
    return (
        heading(3, "4.3", t("psa.heading")),
        Table(
            "psa-committee",
            t("psa.committee.caption"),
            (
                Column(t("psa.committee.name"), 2),
                Column(t("psa.committee.organisation"), 3),
                Column(t("psa.committee.role"), 2),
            ),
            tuple(
                (cell(m.name, t), cell(m.organisation, t), cell(m.role, t)) for m in port.committee
            ),
        ),
        Table(
            "psa-facilities",
            t("psa.facilities.caption"),
            (
                Column(t("psa.facilities.name"), 3),
                Column(t("psa.facilities.identifier"), 2),
                Column(t("psa.facilities.pfso"), 2),
                Column(t("psa.facilities.approved"), 1),
            ),
            tuple(
                (
                    cell(f.name, t),
                    cell(" / ".join(x for x in (f.unlocode, f.gisis_number) if x.strip()), t),
                    cell(f.pfso, t),
                    cell(t.date(f.pfsa_approved) if f.pfsa_approved else None, t),
                )
                for f in port.facilities
            ),
        ),
        Paragraph(t("psa.sub_areas")),
        text_or_empty(port.sub_areas_text, t),
    )
