"""grid and diff: looking into assessment files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from bolvaerk.cli.file_commands import Format
from bolvaerk.cli.output import (
    LANG_OPTION,
    RICH_COLOURS,
    Lang,
    console,
    errors,
    home,
    pick_lang,
    print_content_notes,
    text,
)
from bolvaerk.domain.diff import Change, ChangeKind
from bolvaerk.domain.enums import Colour
from bolvaerk.domain.grid import GridCell
from bolvaerk.services import assessments, reference
from bolvaerk.services.files import LoadError
from bolvaerk.services.messages import problem_message


def _fail_on_load(error: LoadError, lang: str) -> typer.Exit:
    for problem in error.problems:
        errors.print(f"{problem.code} {problem.path}: {problem_message(problem, lang)}")
    return typer.Exit(2)


def _cell_text(cell: GridCell | None, colours: Mapping[Colour, str]) -> str:
    """A cross: its form number on the colour of its rating, and an arrow on the colour
    after the proposed level-1 measures when that differs (named, for terminals without colour)."""
    if cell is None:
        return "[dim]·[/]"
    number = f"{cell.form.number}{'*' if cell.form.needs_reassessment else ''}"
    if cell.rating is None:
        return f"[bold]{number}[/]"
    label = f"[{RICH_COLOURS[cell.rating.colour.value]}] {number} [/]"
    if cell.residual is not None and cell.residual.colour != cell.rating.colour:
        residual = cell.residual.colour
        label += f"[{RICH_COLOURS[residual.value]}]→{colours[residual]}[/]"
    return label


def grid(
    file: Path = typer.Argument(..., help="the assessment file"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Show the asset x threat grid 6.2.1 with form numbers and colours."""
    language = pick_lang(lang)
    try:
        view = assessments.grid_of(file, home())
    except LoadError as error:
        raise _fail_on_load(error, language) from None
    colours = assessments.colour_names(view.assessment, language, home())
    table = Table(title=text("grid_title", language), show_lines=True)
    table.add_column(text("grid_item", language), overflow="fold", max_width=34)
    for index, _threat in enumerate(view.grid.columns, start=1):
        table.add_column(f"T{index}", justify="center", no_wrap=True)
    for item in view.grid.rows:
        cells = [_cell_text(view.grid.cell(item.id, t.id), colours) for t in view.grid.columns]
        table.add_row(escape(f"{item.category.value} {item.name}"), *cells)
    console.print(table)
    console.print(text("grid_threats", language))
    for index, threat in enumerate(view.grid.columns, start=1):
        console.print(f"  T{index}  {threat.name}")
    console.print(text("grid_legend", language))
    console.print(
        text(
            "grid_counts",
            language,
            rows=len(view.grid.rows),
            columns=len(view.grid.columns),
            crosses=view.grid.cross_count,
        )
    )
    if view.outside:
        console.print(text("grid_outside", language, count=view.outside))
    notes = reference.content_notes(view.assessment, home())
    print_content_notes([(n.key, n.params) for n in notes], language)


def diff(
    old: Path = typer.Argument(..., help="the older version"),
    new: Path = typer.Argument(..., help="the newer version"),
    output_format: Format = typer.Option(Format.TEXT, "--format", help="text or json"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """What changed between two versions (items, threats, crosses, ratings, measures, texts)."""
    language = pick_lang(lang)
    try:
        changes = assessments.diff_files(old, new)
    except LoadError as error:
        raise _fail_on_load(error, language) from None
    if output_format is Format.JSON:
        rows = [
            {"kind": c.kind.value, "path": c.path, "label": c.label, "old": c.old, "new": c.new}
            for c in changes
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not changes:
        console.print(text("no_changes", language))
        return
    for change in changes:
        print_change(change, language)
    counts = {kind.value: sum(1 for c in changes if c.kind is kind) for kind in ChangeKind}
    console.print(text("diff_counts", language, **counts))


def print_change(change: Change, lang: str) -> None:
    style = {ChangeKind.ADDED: "green", ChangeKind.REMOVED: "red", ChangeKind.CHANGED: "yellow"}
    head = f"[{style[change.kind]}]{text(change.kind.value, lang):<9}[/] {escape(change.path)}"
    if change.label:
        head += f"  ({escape(change.label)})"
    console.print(head, markup=True)
    if change.kind is ChangeKind.CHANGED:
        console.print(f"    - {change.old}", markup=False)
        console.print(f"    + {change.new}", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(grid)
    app.command()(diff)
