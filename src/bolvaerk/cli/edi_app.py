"""The `bolvaerk edi` command group. Its commands live in their own modules (message commands,
exchange commands), each adding to this Typer app; main.py registers the group."""

from __future__ import annotations

import typer

edi_app = typer.Typer(
    name="edi",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Secure EDI: port-call security messages in EDIFACT and XML, signed and encrypted.",
)
