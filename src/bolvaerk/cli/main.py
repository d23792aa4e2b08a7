"""`bolvaerk`: the command line. Each command group lives in its own module."""

from __future__ import annotations

import typer

from bolvaerk.cli import (
    assessment_commands,
    demo,
    document_commands,
    file_commands,
    reference_commands,
)

app = typer.Typer(
    name="bolvaerk",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="bolvaerk - port security workbench: PFSA/PSA in the TS template.",
)
for module in (file_commands, assessment_commands, document_commands, reference_commands, demo):
    module.register(app)
