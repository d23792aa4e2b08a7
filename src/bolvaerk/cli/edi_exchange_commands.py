"""`bolvaerk edi send | receive | receipts | log`: the secured exchange between two data
folders. Exit codes: 0 ok, 1 rejected, 2 unusable input."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import typer

from bolvaerk.cli import edi_partner_commands as _identity_and_partners  # noqa: F401 - registers
from bolvaerk.cli.edi_app import edi_app
from bolvaerk.cli.edi_common import data_folder, friendly, passphrase, warn_expiry
from bolvaerk.cli.output import LANG_OPTION, Lang, console, errors, pick_lang
from bolvaerk.services import edi_exchange, edi_log, edi_records
from bolvaerk.services.edi_records import Outcome
from bolvaerk.services.edi_texts import edi_text


@edi_app.command("send")
def send(
    file: Path = typer.Argument(..., help="The message (EDIFACT or XML)."),
    to: str = typer.Option(..., "--to", help="The partner's name."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Validate, sign, encrypt and deliver a message; take the receipt when it comes back."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        warn_expiry(paths, language)
        result = edi_exchange.send(paths, file, to, passphrase=passphrase(paths, language))
        console.print(
            edi_text(
                "sent",
                language,
                message_id=result.message_id,
                partner=result.partner,
                where=result.delivered_to,
            )
        )
        if result.new_host_key:
            console.print(edi_text("new-host-key", language, fingerprint=result.new_host_key))
        if result.receipt is None:
            console.print(edi_text("receipt-pending", language))
            return
        _print_outcome(result.receipt, language)
        if not result.receipt.ok or result.receipt.params.get("result") != "accepted":
            raise typer.Exit(1)


@edi_app.command("receive")
def receive(
    path: Path = typer.Argument(..., help="A secured file or receipt, or a drop folder."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Decrypt, verify, check for replays, validate, store, and send the receipt back."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        warn_expiry(paths, language)
        outcomes = edi_exchange.receive(paths, path, passphrase=passphrase(paths, language))
        if not outcomes:
            console.print(edi_text("nothing-received", language, folder=path))
        for outcome in outcomes:
            _print_outcome(outcome, language)
        refused = sum(not o.ok for o in outcomes)
        if len(outcomes) > 1:
            console.print(
                edi_text(
                    "received-summary", language, accepted=len(outcomes) - refused, rejected=refused
                )
            )
        if refused:
            raise typer.Exit(1)


def _print_outcome(outcome: Outcome, language: str) -> None:
    if not outcome.ok:
        reason = edi_text(outcome.code, language, **outcome.params)
        errors.print(
            edi_text("refused", language, file=outcome.file, reason=reason, saved=outcome.saved)
        )
        for detail in outcome.details:
            errors.print(f"  - {detail}")
    elif outcome.kind == "receipt":
        result = str(outcome.params.get("result", ""))
        console.print(
            edi_text(
                "receipt-ok",
                language,
                partner=outcome.partner,
                message_id=outcome.message_id,
                result=result,
            )
        )
        for detail in outcome.details:
            console.print(f"  - {detail}")
    else:
        console.print(
            edi_text(
                "received",
                language,
                message_id=outcome.message_id,
                partner=outcome.partner,
                saved=outcome.saved,
                receipt=outcome.receipt,
            )
        )


@edi_app.command("receipts")
def receipts(
    hours: float = typer.Option(
        edi_records.receipt_hours(), "--overdue-hours", help="When a missing receipt is overdue."
    ),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Sent messages with their receipts; overdue ones are listed last and give exit code 1."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        for record in edi_records.load_sent(paths):
            result = record.receipt_result or edi_text("no-receipt", language)
            console.print(
                edi_text(
                    "receipt-line",
                    language,
                    message_id=record.message_id,
                    partner=record.partner,
                    sent_at=record.sent_at,
                    result=result,
                )
            )
        late = edi_records.overdue(paths, hours=hours)
        for record in late:
            errors.print(
                edi_text(
                    "overdue",
                    language,
                    message_id=record.message_id,
                    partner=record.partner,
                    sent_at=record.sent_at,
                )
            )
        if late:
            raise typer.Exit(1)


@edi_app.command("log")
def log(
    verify: bool = typer.Option(False, "--verify", help="Recompute the hash chain."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """The audit log of everything sent, received and receipted."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        if verify:
            check = edi_log.verify(paths.log)
            if check.broken_at is None:
                console.print(
                    edi_text("chain-ok", language, entries=check.entries, head=check.head)
                )
                return
            reason = edi_text(f"chain-{check.reason}", language)
            errors.print(
                edi_text(
                    "chain-broken",
                    language,
                    line=check.broken_at,
                    reason=reason,
                    entries=check.entries,
                )
            )
            raise typer.Exit(1)
        shown = _show_entries(edi_log.entries(paths.log), console.print)
        if not shown:
            console.print(edi_text("log-empty", language))


def _show_entries(entries: Iterator[dict[str, object]], show: Callable[[str], None]) -> int:
    count = 0
    for entry in entries:
        details = " ".join(
            f"{key}={value}"
            for key, value in entry.items()
            if key not in {"seq", "at", "event", "prev", "hash"} and value not in ("", [], None)
        )
        show(f"{entry.get('seq', '?')} {entry.get('at', '')} {entry.get('event', '')} {details}")
        count += 1
    return count
