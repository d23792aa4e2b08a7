"""`bolvaerk`: the command line. Each command group lives in its own module."""

from __future__ import annotations

import typer

from bolvaerk.cli import (
    assessment_commands,
    demo,
    document_commands,
    file_commands,
    ops_commands,
    reference_commands,
    reminder_commands,
)
from bolvaerk.cli import edi_asic_commands as _edi_asic  # noqa: F401 - adds to edi_app
from bolvaerk.cli import edi_exchange_commands as _edi_exchange  # noqa: F401 - adds to edi_app
from bolvaerk.cli import edi_message_commands as _edi_messages  # noqa: F401 - adds to edi_app
from bolvaerk.cli.edi_app import edi_app

app = typer.Typer(
    name="bolvaerk",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="bolvaerk - port security workbench: PFSA/PSA in the TS template.",
)
for module in (
    file_commands,
    assessment_commands,
    document_commands,
    reference_commands,
    demo,
    ops_commands,
    reminder_commands,
):
    module.register(app)
app.add_typer(edi_app)
