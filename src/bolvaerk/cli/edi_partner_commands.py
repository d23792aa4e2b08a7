"""`bolvaerk edi init | cert export | cert import | partner add | list | export | import`:
our identity and the partner directory, for people who know no PKI."""

from __future__ import annotations

from pathlib import Path

import typer

from bolvaerk.cli.edi_app import edi_app
from bolvaerk.cli.edi_common import data_folder, friendly, passphrase, warn_expiry
from bolvaerk.cli.output import LANG_OPTION, Lang, console, pick_lang
from bolvaerk.services import edi_identity, edi_partners
from bolvaerk.services.edi_texts import EdiError, edi_text

cert_app = typer.Typer(
    name="cert",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Our certificate: export it for partners, import one a CA issued.",
)
partner_app = typer.Typer(
    name="partner",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="The partner directory: add, list, export, import.",
)
edi_app.add_typer(cert_app)
edi_app.add_typer(partner_app)


@edi_app.command("init")
def init(
    name: str = typer.Option(..., "--name", help="Your organisation's name as partners see it."),
    force: bool = typer.Option(False, "--force", help="Replace an existing identity."),
    bits: int = typer.Option(3072, "--bits", min=2048, max=8192, help="RSA key size."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Make a key pair, a self-signed certificate and a CSR under BOLVAERK_HOME/edi."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        secret = passphrase(paths, language, confirm=True) or ""
        edi_identity.init_identity(name, secret, home=paths.root.parent, bits=bits, force=force)
        info = edi_identity.describe_own(paths)
        console.print(
            edi_text(
                "initialised",
                language,
                name=name,
                folder=paths.root,
                certificate=paths.certificate,
                fingerprint=info.fingerprint,
                request=paths.request,
            )
        )


@cert_app.command("export")
def cert_export(
    output: Path = typer.Option(
        ..., "-o", "--output", help="Where to write the certificate (PEM)."
    ),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Write our certificate for a partner."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        info = edi_identity.export_certificate(paths, output)
        console.print(
            edi_text(
                "cert-exported",
                language,
                subject=info.subject,
                file=output,
                not_after=info.not_after.date(),
                fingerprint=info.fingerprint,
            )
        )
        warn_expiry(paths, language)


@cert_app.command("import")
def cert_import(
    source: Path = typer.Argument(..., help="The certificate a CA issued for our CSR (+ chain)."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Use a CA-issued certificate for our key instead of the self-signed one."""
    language = pick_lang(lang)
    with friendly(language):
        info = edi_identity.install_certificate(data_folder(), source)
        console.print(
            edi_text(
                "cert-installed",
                language,
                subject=info.subject,
                issuer=info.issuer,
                not_after=info.not_after.date(),
                fingerprint=info.fingerprint,
            )
        )


@partner_app.command("add")
def partner_add(
    name: str = typer.Argument(..., help="The partner's name in your directory."),
    cert: Path = typer.Option(..., "--cert", help="Their certificate: PEM, DER, P7B or P12."),
    outbox: Path | None = typer.Option(None, "--outbox", help="A drop folder for them."),
    url: str | None = typer.Option(
        None, "--url", help="sftp://user@host/path or https://…/edi/inbox"
    ),
    ca: list[Path] = typer.Option(
        [], "--ca", help="A CA certificate trusted for them (repeatable)."
    ),
    password: str | None = typer.Option(None, "--password", help="Password of a P12 file."),
    ssh_key: Path | None = typer.Option(None, "--ssh-key", help="SSH private key for SFTP."),
    replace: bool = typer.Option(False, "--replace", help="Replace a partner of that name."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Add a partner: their certificate and where to deliver to them."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        if (outbox is None) == (url is None):
            raise EdiError("need-endpoint")
        partner = edi_partners.add_partner(
            paths,
            name,
            cert,
            endpoint=str(outbox) if outbox else str(url),
            ca_files=ca,
            password=password,
            ssh_key=str(ssh_key) if ssh_key else "",
            replace=replace,
        )
        info = edi_partners.describe_partner(partner)
        console.print(edi_text("partner-added", language, name=partner.name, **info))


@partner_app.command("list")
def partner_list(lang: Lang | None = LANG_OPTION) -> None:
    """The partners with their certificates and endpoints."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        partners = edi_partners.list_partners(paths)
        if not partners:
            console.print(edi_text("no-partners", language))
        for partner in partners:
            console.print(
                edi_text(
                    "partner-line",
                    language,
                    name=partner.name,
                    **edi_partners.describe_partner(partner),
                )
            )
        warn_expiry(paths, language)


@partner_app.command("export")
def partner_export(
    output: Path = typer.Option(..., "-o", "--output"),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """The whole directory as one file signed by us."""
    language = pick_lang(lang)
    paths = data_folder()
    with friendly(language):
        identity = edi_identity.load_identity(paths, passphrase(paths, language))
        count = edi_partners.export_directory(identity, output)
        console.print(edi_text("partners-exported", language, count=count, file=output))


@partner_app.command("import")
def partner_import(
    source: Path = typer.Argument(..., help="A directory file signed by us or a known partner."),
    replace: bool = typer.Option(False, "--replace", help="Replace partners of the same name."),
    lang: Lang | None = LANG_OPTION,
) -> None:
    """Partners from a signed directory file."""
    language = pick_lang(lang)
    with friendly(language):
        names = edi_partners.import_directory(data_folder(), source, replace=replace)
        console.print(
            edi_text("partners-imported", language, count=len(names), names=", ".join(names) or "-")
        )
