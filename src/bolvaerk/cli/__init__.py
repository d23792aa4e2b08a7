"""The command line (Typer + Rich): thin commands over bolvaerk.services."""
