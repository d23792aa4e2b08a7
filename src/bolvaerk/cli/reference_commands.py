"""risk, rules, schema: reference information that needs no assessment file."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from bolvaerk.cli.output import (
    LANG_OPTION,
    RICH_COLOURS,
    Lang,
    console,
    errors,
    home,
    pick_lang,
    text,
)
from bolvaerk.domain.enums import AssessmentKind, Consequence, Likelihood, Provenance
from bolvaerk.services import edi_messages, reference


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def risk(
    consequence: str | None = typer.Option(None, "--consequence", "-c", help="1-5"),
    likelihood: str | None = typer.Option(None, "--likelihood", "-l", help="I, II, III, IV or V"),
    model: str = typer.Option("ts-default@1", "--model", help="risk model name[@version]"),
    matrix: bool = typer.Option(False, "--matrix", help="show the whole 5x5 matrix"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Colour and acceptability of one cell of the risk matrix, and whether it is sourced."""
    language = pick_lang(lang)
    if matrix:
        _show_matrix(model, language)
        return
    if consequence is None or likelihood is None:
        errors.print(text("risk_usage", language))
        raise typer.Exit(2)
    try:
        c = Consequence(int(consequence))
    except ValueError:
        errors.print(text("bad_consequence", language, value=consequence))
        raise typer.Exit(2) from None
    try:
        lk = Likelihood(likelihood.strip().upper())
    except ValueError:
        errors.print(text("bad_likelihood", language, value=likelihood))
        raise typer.Exit(2) from None
    try:
        rating, risk_model = reference.rate_cell(c, lk, model, home())
    except reference.UnknownModel as error:
        errors.print(text("unknown_model", language, value=model, known=", ".join(error.known)))
        raise typer.Exit(2) from None
    labels = reference.model_labels(risk_model.ref, language, home())
    colour_name = labels.colour(rating.colour)
    console.print(
        text(
            "risk_line",
            language,
            consequence=int(c),
            consequence_label=labels.consequence(c),
            likelihood=lk.value,
            likelihood_label=labels.likelihood(lk),
            colour=f"[{RICH_COLOURS[rating.colour.value]}] {colour_name} [/]",
            acceptable=text("acceptable" if rating.acceptable else "not_acceptable", language),
        ),
        markup=True,
    )
    note = reference.provenance_note_key(rating.provenance)
    console.print(text(note, language, model=risk_model.ref))


def _show_matrix(ref: str, lang: str) -> None:
    try:
        risk_model = reference.risk_model(ref, home())
    except reference.UnknownModel as error:
        errors.print(text("unknown_model", lang, value=ref, known=", ".join(error.known)))
        raise typer.Exit(2) from None
    labels = reference.model_labels(risk_model.ref, lang, home())
    table = Table(title=text("matrix_title", lang, model=risk_model.ref), show_lines=True)
    table.add_column(labels.likelihood_title)
    for c in Consequence:
        table.add_column(f"{int(c)} {labels.consequence(c)}", justify="center")
    for lk in reversed(Likelihood):
        cells = []
        for c in Consequence:
            cell = risk_model.cells[(c, lk)]
            mark = "" if cell.provenance is Provenance.SOURCED else " *"
            cells.append(
                f"[{RICH_COLOURS[cell.colour.value]}] {labels.colour(cell.colour)}{mark} [/]"
            )
        table.add_row(f"{lk.value} {labels.likelihood(lk)}", *cells)
    console.print(table)
    acceptable = ", ".join(labels.colour(colour) for colour in sorted(risk_model.acceptable))
    console.print(text("matrix_legend", lang, acceptable=acceptable))


def rules(
    output_format: RulesFormat = typer.Option(RulesFormat.TEXT, "--format", help="text or json"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """List every rule: code, severity, template section, source and what it checks."""
    language = pick_lang(lang)
    rows = reference.list_rules(language)
    if output_format is RulesFormat.JSON:
        document = json.dumps([_row(row) for row in rows], ensure_ascii=False, indent=2)
        print(document)
        return
    table = Table(show_lines=False)
    for column in ("code", "severity", "section", "source", "rule"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.code, row.severity, escape(row.section), escape(row.source), escape(row.title)
        )
    console.print(table)


def _row(row: reference.RuleRow) -> dict[str, str]:
    return {name: getattr(row, name) for name in reference.RuleRow.__slots__}


class SchemaKind(StrEnum):
    PFSA = "pfsa"
    PSA = "psa"
    EDI_ISPS = "edi-isps"
    EDI_BERMAN = "edi-berman"
    EDI_WASDIS = "edi-wasdis"
    EDI_IFTDGN = "edi-iftdgn"
    EDI_APERAK = "edi-aperak"


def schema(
    kind: SchemaKind = typer.Argument(..., help="pfsa, psa or edi-TYPE (the XSD of a message)"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file"),
) -> None:
    """Print the JSON Schema of the assessment file, or the XSD of an EDI message type."""
    if kind.value.startswith("edi-"):
        document = edi_messages.schema(kind.value.removeprefix("edi-")).decode("utf-8")
    else:
        schema_of = reference.schema(AssessmentKind(kind.value))
        document = json.dumps(schema_of, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        print(document, end="")
    else:
        output.write_text(document, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command()(risk)
    app.command()(rules)
    app.command()(schema)
