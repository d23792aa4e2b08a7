"""Console, language and texts shared by the commands."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from bolvaerk.content.messages import cli_texts

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


class Lang(StrEnum):
    DA = "da"
    EN = "en"


def default_lang() -> Lang:
    value = os.environ.get("BOLVAERK_LANG", "da")
    return Lang.EN if value.lower().startswith("en") else Lang.DA


LANG_OPTION = typer.Option(None, "--lang", help="da or en (default: $BOLVAERK_LANG or da)")


def pick_lang(lang: Lang | None) -> str:
    return (lang or default_lang()).value


def text(key: str, lang: str, **params: object) -> str:
    return cli_texts()[key][lang].format(**params)


def home() -> Path | None:
    """BOLVAERK_HOME: the data folder (user risk models, demo data, later the database)."""
    value = os.environ.get("BOLVAERK_HOME")
    return Path(value) if value else None


RICH_COLOURS = {
    "grey": "black on grey70",
    "green": "black on green3",
    "yellow": "black on yellow1",
    "orange": "black on dark_orange",
    "red": "white on red3",
}


def print_content_notes(notes: list[tuple[str, dict[str, object]]], lang: str) -> None:
    for key, params in notes:
        console.print(f"[dim]{text(key, lang, **params)}[/]", markup=True)
