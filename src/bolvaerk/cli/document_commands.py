"""render, import-xlsx, package: the documents of an assessment."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

from bolvaerk.cli.output import Lang, console, errors, home, pick_lang, text
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


def register(app: typer.Typer) -> None:
    app.command()(render)
