"""Reading content YAML, failing loudly with the file name when a file is malformed."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bolvaerk.content import LANGUAGES

try:  # the C loader is several times faster; fall back where libyaml is absent
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]


class ContentError(Exception):
    """A content file is malformed; names the file and what is wrong."""


@cache
def read_yaml(path: Path) -> Any:  # noqa: ANN401 - YAML documents are untyped until checked
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SafeLoader)


def translations(value: object, where: str) -> dict[str, str]:
    """A {da: ..., en: ...} block, checked to hold every language."""
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), str) for lang in LANGUAGES
    ):
        raise ContentError(f"{where}: needs text in every language {LANGUAGES}, got {value!r}")
    return {lang: value[lang] for lang in LANGUAGES}
