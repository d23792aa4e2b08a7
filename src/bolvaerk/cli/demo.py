"""demo: the example facility in the data folder, its grid and its findings.

Until the web application exists (issue "Web workspace"), the demo writes the example
assessment files into BOLVAERK_HOME and shows what the product does with them.
"""

from __future__ import annotations

from pathlib import Path

import typer

from bolvaerk.cli.assessment_commands import grid
from bolvaerk.cli.file_commands import Format, validate
from bolvaerk.cli.output import LANG_OPTION, Lang, console, home, pick_lang, text
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services import assessments, webapp

DEFAULT_HOME = Path("bolvaerk-home")


def demo(
    lang: Lang | None = LANG_OPTION,
    port: int = typer.Option(8000, "--port", help="the port the web application listens on"),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="start the web application"),
) -> None:
    """Write the example PFSA and PSA into the data folder, show the PFSA's grid and findings, and
    start the web application on the embedded database (SQLite) with one demo user per role."""
    language = pick_lang(lang)
    folder = home() or DEFAULT_HOME
    folder.mkdir(parents=True, exist_ok=True)
    console.print(text("demo_home", language, home=folder.resolve()))
    pfsa = folder / "pfsa-example.yaml"
    for kind, path in (
        (AssessmentKind.PFSA, pfsa),
        (AssessmentKind.PSA, folder / "psa-example.yaml"),
    ):
        assessments.write_assessment(assessments.example_assessment(kind), path)
        console.print(text("written", language, file=path))
    assessments.copy_defects_example(folder / "pfsa-defects.yaml")
    console.print(text("written", language, file=folder / "pfsa-defects.yaml"))
    # the annex files and the logo the examples name, beside them (existing files are kept)
    for kind, defects in (
        (AssessmentKind.PFSA, False),
        (AssessmentKind.PSA, False),
        (AssessmentKind.PFSA, True),
    ):
        for path in assessments.copy_example_files(kind, folder, defects=defects):
            console.print(text("written", language, file=path))
    grid(pfsa, lang)
    try:
        validate(pfsa, Format.TEXT, lang)
    except typer.Exit as done:
        if not serve:
            raise typer.Exit(done.exit_code) from None
    if serve:
        _serve(folder, port, language)


def _serve(folder: Path, port: int, language: str) -> None:
    webapp.setup(folder.resolve(), embedded=True)
    webapp.migrate()
    logins = webapp.seed_demo(folder.resolve())
    if logins:
        console.print(text("demo_logins", language, file=folder / "demo-users.txt"))
        for username, password, role, organisation in logins:
            console.print(
                f"  {username:<12} {password:<14} {role:<20} {organisation}", markup=False
            )
    else:
        console.print(text("demo_logins_before", language, file=folder / "demo-users.txt"))
    console.print(text("demo_url", language, url=f"http://127.0.0.1:{port}/"))
    webapp.serve_development(port)


def register(app: typer.Typer) -> None:
    app.command()(demo)
