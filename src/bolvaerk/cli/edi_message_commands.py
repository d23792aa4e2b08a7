"""`bolvaerk edi new | validate | convert`: the message layer of secure EDI.

Exit codes: 0 ok, 1 the message has errors (it would be rejected), 2 unusable input.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from bolvaerk.cli.edi_app import edi_app
from bolvaerk.cli.output import LANG_OPTION, Lang, console, errors, pick_lang
from bolvaerk.content.messages import edi_cli_texts
from bolvaerk.services import edi_messages
from bolvaerk.services.edi_messages import EdiInputError, Form

SUFFIXES = {".edi": Form.EDIFACT, ".edifact": Form.EDIFACT, ".xml": Form.XML}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class Kind(StrEnum):
    ISPS = "isps"
    BERMAN = "berman"
    WASDIS = "wasdis"
    IFTDGN = "iftdgn"
    APERAK = "aperak"


class Output(StrEnum):
    TEXT = "text"
    JSON = "json"


def say(key: str, lang: str, **params: object) -> str:
    return edi_cli_texts()[key][lang].format(**params)


def _form(path: Path, given: Form | None, lang: str) -> Form:
    form = given or SUFFIXES.get(path.suffix.lower())
    if form is None:
        errors.print(say("unknown_format", lang, file=path))
        raise typer.Exit(2)
    return form


def _refuse_overwrite(path: Path, force: bool, lang: str) -> None:
    if path.exists() and not force:
        errors.print(say("exists", lang, file=path))
        raise typer.Exit(2)


def _read(path: Path, lang: str) -> tuple[edi_messages.Message, Form]:
    try:
        data = path.read_bytes()
    except OSError:
        errors.print(say("not_found", lang, file=path))
        raise typer.Exit(2) from None
    try:
        return edi_messages.read_message(data), edi_messages.detect_form(data)
    except EdiInputError as error:
        errors.print(say("unusable", lang))
        errors.print(f"  {error.code}: {escape(error.text(lang))}", markup=True)
        raise typer.Exit(2) from None


def _write(path: Path, data: bytes, lang: str) -> None:
    try:
        path.write_bytes(data)
    except OSError:
        errors.print(say("not_found", lang, file=path))
        raise typer.Exit(2) from None


def _serialise(message: edi_messages.Message, form: Form, lang: str) -> bytes:
    try:
        return edi_messages.serialise(message, form)
    except EdiInputError as error:
        errors.print(f"{error.code}: {escape(error.text(lang))}", markup=True)
        raise typer.Exit(2) from None


@edi_app.command()
def new(
    kind: Kind = typer.Argument(..., help="isps, berman, wasdis, iftdgn or aperak"),
    output: Path = typer.Option(..., "-o", "--output", help="the file to write (.edi or .xml)"),
    example: bool = typer.Option(False, "--example", help="the complete example message"),
    form: Form | None = typer.Option(None, "--format", help="edifact or xml (else by suffix)"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Write a new message of a type: the complete example, in EDIFACT or XML."""
    language = pick_lang(lang)
    if not example:
        errors.print(say("need_example", language))
        raise typer.Exit(2)
    chosen = _form(output, form, language)
    _refuse_overwrite(output, force, language)
    message = edi_messages.example(kind.value)
    _write(output, _serialise(message, chosen, language), language)
    console.print(say("written", language, file=output))


@edi_app.command()
def validate(
    file: Path = typer.Argument(..., help="a message in EDIFACT or XML"),
    output_format: Output = typer.Option(Output.TEXT, "--format", help="text or json"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Check a message against the EDI rules. Exit 0 clean, 1 errors, 2 unusable input."""
    language = pick_lang(lang)
    message, form = _read(file, language)
    findings = edi_messages.validate(message)
    code = 1 if edi_messages.has_errors(findings) else 0
    if output_format is Output.JSON:
        rows = [
            {
                "severity": f.severity.value,
                "code": f.code,
                "path": f.path,
                "message": edi_messages.finding_text(f, language),
            }
            for f in findings
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        raise typer.Exit(code)
    header = message.header
    console.print(
        say(
            "message_line",
            language,
            kind=message.TYPE.value.upper(),
            message_id=escape(header.message_id),
            sender=escape(header.sender),
            recipient=escape(header.recipient),
            form=form.value,
        )
    )
    if findings:
        table = Table(show_lines=False)
        for column in ("column_severity", "column_code", "column_field", "column_message"):
            table.add_column(say(column, language), overflow="fold")
        for f in findings:
            style = SEVERITY_STYLE[f.severity.value]
            severity = say(f"severity_{f.severity.value}", language)
            text = escape(edi_messages.finding_text(f, language))
            table.add_row(f"[{style}]{severity}[/]", f.code, escape(f.path), text)
        console.print(table)
    counts = {s: sum(f.severity.value == s for f in findings) for s in SEVERITY_STYLE}
    console.print(say("summary", language, **counts))
    console.print(say("rejected" if code else "clean", language))
    raise typer.Exit(code)


@edi_app.command()
def convert(
    file: Path = typer.Argument(..., help="a message in EDIFACT or XML"),
    to: Form = typer.Option(..., "--to", help="edifact or xml"),
    output: Path = typer.Option(..., "-o", "--output", help="the file to write"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Convert a message between EDIFACT and XML, losslessly (the content is not judged)."""
    language = pick_lang(lang)
    message, _ = _read(file, language)
    _refuse_overwrite(output, force, language)
    _write(output, _serialise(message, to, language), language)
    errors_found = sum(f.severity.value == "error" for f in edi_messages.validate(message))
    console.print(say("converted", language, form=to.value, file=output, findings=errors_found))
