"""Sections 5 and 6: the items of skemas 5.1-5.15 with S and V, the threats 6.1, the grid 6.2.1."""

from __future__ import annotations

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.document.blocks import cell, heading, optional_text
from bolvaerk.domain.document.model import (
    Align,
    Block,
    Cell,
    Column,
    Paragraph,
    Table,
    TableKind,
    TextStyle,
)
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import AssetCategory
from bolvaerk.domain.grid import Grid


def _mark(value: bool | None) -> Cell:
    if value is None:
        return Cell("?", align=Align.CENTER, empty=True)
    return Cell("X" if value else "", align=Align.CENTER, bold=True)


def _description(item: AssetItem, t: Texts) -> Cell:
    text = item.description.strip()
    if item.cyber is not None and item.cyber.is_filled:
        cyber = item.cyber.description.strip() or item.cyber.system_type.strip()
        text = f"{text}\n{t('s5.cyber', text=cyber)}" if text else t("s5.cyber", text=cyber)
    return cell(text, t)


def section_5(a: Assessment, t: Texts) -> tuple[Block, ...]:
    assets = a.sections.assets
    blocks: list[Block] = [
        heading(1, "5", t.by_kind("s5.heading", a.kind)),
        *optional_text(assets.text),
        Paragraph(t("s5.sv_note"), TextStyle.NOTE),
    ]
    for category in AssetCategory:
        items = [item for item in assets.items if item.category is category]
        title = t(f"category.{category.value}")
        blocks.append(heading(2, category.value, title))
        if not items:
            blocks.append(Paragraph(t("s5.no_items"), TextStyle.NOTE))
            continue
        blocks.append(
            Table(
                category.value,
                t("s5.caption", number=category.value, title=title),
                (
                    Column(t("s5.item"), 3),
                    Column(t("s5.description"), 7),
                    Column(t("s5.s"), 1, Align.CENTER),
                    Column(t("s5.v"), 1, Align.CENTER),
                ),
                tuple(
                    (
                        cell(item.name, t),
                        _description(item, t),
                        _mark(item.vulnerable),
                        _mark(item.significant),
                    )
                    for item in items
                ),
            )
        )
    return tuple(blocks)


def section_6(a: Assessment, grid: Grid, t: Texts) -> tuple[Block, ...]:
    threats = a.sections.threats
    rows = tuple(
        (
            Cell(f"T{index}", align=Align.CENTER),
            cell(threat.name, t),
            Cell(t.yes_no(threat.relevant), empty=threat.relevant is None),
            Cell(threat.assessment.strip()),
        )
        for index, threat in enumerate(threats.threats, start=1)
    )
    return (
        heading(1, "6", t("s6.heading")),
        *optional_text(threats.sources_text),
        heading(2, "6.1", t("s6.1.heading")),
        Table(
            "6.1",
            t("s6.1.caption"),
            (
                Column(t("s6.1.number"), 1, Align.CENTER),
                Column(t("s6.1.threat"), 5),
                Column(t("s6.1.relevant"), 1),
                Column(t("s6.1.assessment"), 5),
            ),
            rows,
        ),
        heading(2, "6.2", t("s6.2.heading")),
        grid_table(a, grid, t),
        Paragraph(t("s6.2.1.legend"), TextStyle.NOTE),
    )


def grid_table(a: Assessment, grid: Grid, t: Texts) -> Table:
    """Skema 6.2.1: a row per S+V item, a column per threat (T1..Tn, as numbered in 6.1), a
    cross carries its form number and the colour of its rating."""
    numbers = {threat.id: index for index, threat in enumerate(a.sections.threats.threats, start=1)}
    columns = (
        Column(t("s6.2.1.item"), 6),
        *(Column(f"T{numbers[threat.id]}", 1, Align.CENTER) for threat in grid.columns),
    )
    rows = []
    for item in grid.rows:
        cells = [Cell(f"{item.category.value} {item.name}")]
        for threat in grid.columns:
            found = grid.cell(item.id, threat.id)
            if found is None:
                cells.append(Cell("", align=Align.CENTER))
                continue
            fill = found.rating.colour if found.rating is not None else None
            cells.append(Cell(str(found.form.number), fill=fill, bold=True, align=Align.CENTER))
        rows.append(tuple(cells))
    return Table("6.2.1", t("s6.2.1.caption"), columns, tuple(rows), kind=TableKind.CROSSES)
