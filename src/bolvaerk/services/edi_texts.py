"""Errors and reasons of the EDI exchange, and their da/en texts
(content/messages/edi_exchange.yaml: one entry per code, str.format templates)."""

from __future__ import annotations

from functools import cache

from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.loading import read_yaml, translations

TEXT_FILE = CONTENT_DIR / "messages" / "edi_exchange.yaml"


class EdiError(Exception):
    """Something the user must fix or know. exit_code 2 = unusable input, 1 = rejected."""

    def __init__(self, code: str, *, exit_code: int = 2, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.exit_code = exit_code
        self.params = params

    @classmethod
    def wrap(cls, code: str, params: dict[str, object], *, exit_code: int = 2) -> EdiError:
        """An EdiError carrying an adapter error's code and params."""
        error = cls(code, exit_code=exit_code)
        error.params = dict(params)
        return error


@cache
def edi_texts() -> dict[str, dict[str, str]]:
    document = read_yaml(TEXT_FILE)
    return {
        code: translations(text, f"edi_exchange.yaml:{code}") for code, text in document.items()
    }


def edi_text(code: str, lang: str, **params: object) -> str:
    """The text of a code; unknown codes or missing params still give a readable line."""
    entry = edi_texts().get(code)
    if entry is None:
        details = ", ".join(f"{key}={value}" for key, value in params.items())
        return f"{code} ({details})" if details else code
    template = entry.get(lang, entry["en"])
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
