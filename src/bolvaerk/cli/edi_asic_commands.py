"""`bolvaerk edi asic | asic-verify`: an ASiC-E container with a CAdES signature for an EMSWe
single window, and its check. Exit codes: 0 ok, 1 refused container, 2 unusable input."""

from __future__ import annotations

from pathlib import Path

import typer

from bolvaerk.cli.edi_app import edi_app
from bolvaerk.cli.edi_common import data_folder, friendly, passphrase, warn_expiry
from bolvaerk.cli.output import LANG_OPTION, Lang, console, pick_lang
from bolvaerk.services import edi_asic
from bolvaerk.services.edi_texts import EdiError, edi_text


@edi_app.command("asic")
def asic(
    files: list[Path] = typer.Argument(..., help="The message and any attachments."),
    out: Path = typer.Option(..., "-o", "--out", help="The container to write (.asice)."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Sign files into an ASiC-E container (CAdES-BES over the manifest) with our identity."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        warn_expiry(paths, language)
        summary = edi_asic.build_container(
            paths, files, out, passphrase=passphrase(paths, language)
        )
        _show(summary, "asic-built", language)


@edi_app.command("asic-verify")
def asic_verify(
    file: Path = typer.Argument(..., help="The container (.asice)."),
    cert: Path | None = typer.Option(
        None, "--cert", help="The expected signer's certificate (PEM, DER, P7B)."
    ),
    partner: str | None = typer.Option(None, "--partner", help="The expected signer, a partner."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Check a container: layout, manifest digests, signature, and the signer (by default us)."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        if cert is not None and partner is not None:
            raise EdiError("asic-one-signer")
        summary = edi_asic.check_container(paths, file, cert_file=cert, partner=partner)
        _show(summary, "asic-ok", language)


def _show(summary: edi_asic.AsicSummary, code: str, language: str) -> None:
    console.print(
        edi_text(
            code,
            language,
            file=summary.file,
            signer=summary.signer,
            fingerprint=summary.fingerprint,
            at=summary.signing_time.isoformat(timespec="seconds"),
            count=len(summary.objects),
        )
    )
    for item in summary.objects:
        console.print(f"  {item.name} ({item.media_type}, {item.size} bytes, sha256 {item.sha256})")
