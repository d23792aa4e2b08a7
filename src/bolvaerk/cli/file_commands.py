"""new, validate, renew: working with one assessment file."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from bolvaerk.cli.output import (
    LANG_OPTION,
    Lang,
    console,
    errors,
    home,
    pick_lang,
    print_content_notes,
    text,
)
from bolvaerk.domain.enums import AssessmentKind, Severity
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.services import assessments, reference, validation
from bolvaerk.services.files import LoadError
from bolvaerk.services.messages import problem_message

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def _refuse_overwrite(path: Path, force: bool, lang: str) -> None:
    if path.exists() and not force:
        errors.print(text("exists", lang, file=path))
        raise typer.Exit(2)


def new(
    kind: AssessmentKind = typer.Argument(..., help="pfsa or psa"),
    output: Path = typer.Option(..., "-o", "--output", help="the file to write (.yaml or .json)"),
    example: bool = typer.Option(False, "--example", help="the complete example instead"),
    defects: bool = typer.Option(False, "--defects", help="the example with deliberate defects"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Write a new assessment file: an empty skeleton, or the example facility (port)."""
    language = pick_lang(lang)
    _refuse_overwrite(output, force, language)
    if defects:
        # copied as text: the file's comments explain each deliberate defect
        assessments.copy_defects_example(output)
    elif example:
        assessments.write_assessment(assessments.example_assessment(kind), output)
    else:
        assessments.write_assessment(assessments.new_assessment(kind, language), output)
    console.print(text("written", language, file=output))
    if defects or example:
        # the maps, org charts and logo the example names, beside it (existing files are kept)
        for path in assessments.copy_example_files(kind, output.parent, defects=defects):
            console.print(text("written", language, file=path))


def validate(
    file: Path = typer.Argument(..., help="the assessment file"),
    output_format: Format = typer.Option(Format.TEXT, "--format", help="text or json"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Check an assessment file against every rule. Exit 0 clean, 1 errors, 2 unusable input."""
    language = pick_lang(lang)
    report = validation.validate_file(file, home())
    entries = validation.report_entries(report, language)
    if output_format is Format.JSON:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
        raise typer.Exit(report.exit_code)
    if report.problems:
        errors.print(text("unusable", language, count=len(report.problems)))
    for entry in entries:
        style = SEVERITY_STYLE[str(entry["severity"])]
        where = f" (linje {entry['line']})" if "line" in entry and language == "da" else ""
        where = f" (line {entry['line']})" if "line" in entry and language == "en" else where
        target = errors if report.problems else console
        target.print(
            f"[{style}]{entry['severity']:<7}[/] {entry['code']:<9} {entry['path']}{where}\n"
            f"        {entry['message']}",
            markup=True,
        )
    if not report.problems:
        if report.assessment is not None:
            notes = reference.content_notes(report.assessment, home())
            print_content_notes([(n.key, n.params) for n in notes], language)
        console.print(text("summary", language, **report.counts()))
        if report.counts()[Severity.ERROR.value] == 0:
            console.print(text("clean", language))
    raise typer.Exit(report.exit_code)


def renew(
    old: Path = typer.Argument(..., help="the approved assessment"),
    output: Path = typer.Option(..., "-o", "--output", help="the renewal to write"),
    force: bool = typer.Option(False, "--force", help="overwrite an existing file"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Carry an approved assessment forward as a renewal draft ("Fornyet ...")."""
    language = pick_lang(lang)
    _refuse_overwrite(output, force, language)
    try:
        renewed = assessments.renew_file(old, output)
    except LoadError as error:
        for problem in error.problems:
            errors.print(f"{problem.code} {problem.path}: {problem_message(problem, language)}")
        raise typer.Exit(2) from None
    except InvalidValue:
        errors.print(text("not_approved", language, file=old))
        raise typer.Exit(2) from None
    forms = len(renewed.sections.risk.forms)
    console.print(text("renewed", language, file=output, forms=forms))


def register(app: typer.Typer) -> None:
    app.command()(new)
    app.command()(validate)
    app.command()(renew)
