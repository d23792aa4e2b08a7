"""The message catalogue: rule titles and finding messages (da/en), and field labels.

messages/rules/*.yaml hold, per rule code: `title: {da, en}` and `messages: {variant: {da, en}}`.
Messages are str.format templates; `{label}` is always available (the label of the finding's
field), besides the finding's own params. messages/fields.yaml maps field paths (list indices
removed) to labels; messages/load.yaml holds the messages of the file loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.loading import ContentError, read_yaml, translations

_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class RuleText:
    code: str
    title: dict[str, str]
    messages: dict[str, dict[str, str]]  # variant -> lang -> template


def _add_rule_texts(document: dict[str, object], name: str, texts: dict[str, RuleText]) -> None:
    for code, entry in document.items():
        where = f"{name}:{code}"
        if code in texts:
            raise ContentError(f"{where}: rule code defined twice")
        if not isinstance(entry, dict) or not isinstance(entry.get("messages"), dict):
            raise ContentError(f"{where}: needs title and messages")
        texts[code] = RuleText(
            code=code,
            title=translations(entry.get("title"), f"{where}.title"),
            messages={
                variant: translations(text, f"{where}.messages.{variant}")
                for variant, text in entry["messages"].items()
            },
        )


@cache
def rule_texts() -> dict[str, RuleText]:
    texts: dict[str, RuleText] = {}
    for path in sorted((CONTENT_DIR / "messages" / "rules").glob("*.yaml")):
        _add_rule_texts(read_yaml(path) or {}, path.name, texts)
    return texts


@cache
def edi_rule_texts() -> dict[str, RuleText]:
    """Titles and messages of the EDI message rules (messages/edi.yaml, section rules)."""
    texts: dict[str, RuleText] = {}
    _add_rule_texts(
        read_yaml(CONTENT_DIR / "messages" / "edi.yaml").get("rules") or {}, "edi.yaml", texts
    )
    return texts


def _edi_section(section: str) -> dict[str, dict[str, str]]:
    document = read_yaml(CONTENT_DIR / "messages" / "edi.yaml").get(section) or {}
    return {key: translations(text, f"edi.yaml:{section}.{key}") for key, text in document.items()}


@cache
def edi_error_texts() -> dict[str, dict[str, str]]:
    """Messages of the EDI readers and writers, by error code (messages/edi.yaml, errors)."""
    return _edi_section("errors")


@cache
def edi_cli_texts() -> dict[str, dict[str, str]]:
    """Texts of the `bolvaerk edi` message commands (messages/edi.yaml, cli)."""
    return _edi_section("cli")


@cache
def load_texts() -> dict[str, dict[str, str]]:
    """Messages of the file loader (syntax, shape, type errors), by code."""
    document = read_yaml(CONTENT_DIR / "messages" / "load.yaml")
    return {code: translations(text, f"load.yaml:{code}") for code, text in document.items()}


@cache
def field_labels() -> dict[str, dict[str, str]]:
    document = read_yaml(CONTENT_DIR / "messages" / "fields.yaml")
    return {path: translations(text, f"fields.yaml:{path}") for path, text in document.items()}


def label_for(path: str, lang: str) -> str:
    """The label of a field path such as sections.7.forms[3].date; the last name if unknown."""
    key = _INDEX.sub("", path)
    labels = field_labels()
    while key:
        if key in labels:
            return labels[key][lang]
        key = key.rpartition(".")[0] if "." in key else ""
    return path.rsplit(".", 1)[-1]


@cache
def cli_texts() -> dict[str, dict[str, str]]:
    document = read_yaml(CONTENT_DIR / "messages" / "cli.yaml")
    return {key: translations(text, f"cli.yaml:{key}") for key, text in document.items()}
