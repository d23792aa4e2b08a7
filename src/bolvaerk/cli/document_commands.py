"""render, import-xlsx, package: the documents of an assessment."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

from bolvaerk.cli.assessment_commands import print_change
from bolvaerk.cli.output import LANG_OPTION, Lang, console, errors, home, pick_lang, text
from bolvaerk.services import package as packaging
from bolvaerk.services import register_import
from bolvaerk.services import render as rendering
from bolvaerk.services.files import LoadError
from bolvaerk.services.messages import problem_message

STEPS = ("load", "render", "write")


class DocumentFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"
    XLSX = "xlsx"
    HEATMAP = "heatmap"


def render(
    file: Path = typer.Argument(..., help="the assessment file"),
    output_format: DocumentFormat = typer.Option(
        ..., "--format", help="docx, pdf, html, xlsx or heatmap"
    ),
    output: Path = typer.Option(
        ..., "-o", "--output", help="the file to write (heatmap: .png or .svg)"
    ),
    lang: Lang | None = typer.Option(
        None, "--lang", help="document language (default: the assessment's)"
    ),
    draft: bool = typer.Option(False, "--draft", help="mark every page DRAFT / KLADDE"),
) -> None:
    """Render the assessment in the TS layout: DOCX, PDF, HTML, the XLSX register or a heat map."""
    language = pick_lang(lang)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task(output_format.value, total=len(STEPS))

        def step(name: str) -> None:
            progress.update(
                task, description=f"{output_format.value}: {text('step_' + name, language)}"
            )
            if name != STEPS[0]:
                progress.advance(task)

        try:
            rendered = rendering.render_file(
                file,
                output_format.value,
                output,
                lang=lang.value if lang else None,
                draft=draft,
                home=home(),
                step=step,
            )
        except LoadError as error:
            progress.stop()
            for problem in error.problems:
                errors.print(f"{problem.code} {problem.path}: {problem_message(problem, language)}")
            raise typer.Exit(2) from None
        progress.advance(task)
    console.print(text("rendered", language, file=rendered.output, size=rendered.size))


def import_xlsx(
    file: Path = typer.Argument(..., help="the assessment file to update"),
    xlsx: Path = typer.Argument(..., help="the risk register edited in Excel or LibreOffice"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Apply ratings and measures edited in the XLSX register to the assessment file, or change
    nothing and say why (row, column, reason). Rows are never deleted: a form missing from the
    sheet stays as it is."""
    language = pick_lang(lang)
    try:
        result = register_import.import_register(file, xlsx)
    except LoadError as error:
        for problem in error.problems:
            errors.print(f"{problem.code} {problem.path}: {problem_message(problem, language)}")
        raise typer.Exit(2) from None
    if result.problems:
        for register_problem in result.problems:
            errors.print(register_import.problem_message(register_problem, language), markup=False)
        errors.print(
            register_import.message("IMPORT-REFUSED", language, {"count": len(result.problems)})
        )
        raise typer.Exit(1)
    for change in result.changes:
        print_change(change, language)
    if result.absent:
        params = {"count": len(result.absent), "forms": ", ".join(result.absent)}
        console.print(register_import.message("IMPORT-ABSENT", language, params), markup=False)
    if not result.changes:
        console.print(register_import.message("IMPORT-NO-CHANGES", language))
        return
    console.print(text("imported", language, file=file, count=len(result.changes)))


def package(
    file: Path = typer.Argument(..., help="the assessment file"),
    output: Path = typer.Option(..., "-o", "--output", help="the ZIP to write"),
    lang: Lang | None = typer.Option(
        None, "--lang", help="document language (default: the assessment's)"
    ),
    draft: bool = typer.Option(
        False, "--draft", help="package despite errors, every page marked DRAFT"
    ),
) -> None:
    """The submission package for the authority: PDF, DOCX, the assessment file, the annex
    files and a manifest with SHA-256 of every file and the validation result. Refused while
    the assessment has errors, unless --draft."""
    language = pick_lang(lang)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=errors, transient=True
    ) as bar:
        task = bar.add_task("package")

        def step(name: str) -> None:
            bar.update(task, description=f"package: {name}")

        try:
            result = packaging.build_package(
                file, output, lang.value if lang else None, draft, home=home(), step=step
            )
        except LoadError as error:
            bar.stop()
            for problem in error.problems:
                errors.print(f"{problem.code} {problem.path}: {problem_message(problem, language)}")
            raise typer.Exit(2) from None
        except packaging.PackageRefused as refused:
            bar.stop()
            errors.print(text("package_refused", language, count=len(refused.findings)))
            for finding in refused.findings:
                errors.print(f"  {finding.code:<9} {finding.path}: {finding.message}", markup=False)
            raise typer.Exit(1) from None
    for name in result.missing_annexes:
        errors.print(text("package_missing_annex", language, file=name))
    console.print(
        text("packaged", language, file=result.output, files=len(result.files), size=result.size)
    )


def register(app: typer.Typer) -> None:
    app.command()(render)
    app.command()(package)
    app.command("import-xlsx")(import_xlsx)
