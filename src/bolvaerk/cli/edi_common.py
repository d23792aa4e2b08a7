"""Shared by the EDI exchange commands: friendly errors, the data folder, the passphrase."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from bolvaerk.cli.output import errors
from bolvaerk.services import edi_identity, edi_partners
from bolvaerk.services.edi_texts import EdiError, edi_text


@contextmanager
def friendly(lang: str) -> Iterator[None]:
    """Every expected problem becomes one clear line and an exit code, never a traceback."""
    try:
        yield
    except EdiError as error:
        errors.print(edi_text(error.code, lang, **error.params))
        for detail in error.params.get("details", ()) or ():  # type: ignore[attr-defined]
            errors.print(f"  - {detail}")
        raise typer.Exit(error.exit_code) from None


def data_folder() -> edi_identity.EdiPaths:
    return edi_identity.edi_paths()


def passphrase(paths: edi_identity.EdiPaths, lang: str, *, confirm: bool = False) -> str | None:
    """From BOLVAERK_EDI_PASSPHRASE, or asked for once (not needed when the key is loaded)."""
    if not confirm and not edi_identity.needs_passphrase(paths):
        return edi_identity.passphrase_from_env()
    if confirm and edi_identity.passphrase_from_env():
        return edi_identity.passphrase_from_env()
    try:
        return str(
            typer.prompt(
                edi_text("passphrase-prompt", lang), hide_input=True, confirmation_prompt=confirm
            )
        )
    except (typer.Abort, EOFError):
        raise EdiError("passphrase-needed", env=edi_identity.PASSPHRASE_ENV) from None


def warn_expiry(paths: edi_identity.EdiPaths, lang: str) -> None:
    for warning in edi_partners.expiry_warnings(paths):
        key = "expiry-partner" if warning.who else "expiry-own"
        errors.print(
            edi_text(key, lang, name=warning.who, days=warning.days_left, date=warning.not_after)
        )
