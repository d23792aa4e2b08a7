"""Reading and checking content files, for the loaders of catalogues.py.

Every check raises ContentError naming the file and the key ("risk_models/x@1.yaml: matrix.III:
..."). Versioned files are found by ref: "name@version", or "name" for the latest version.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import yaml

from bolvaerk.content import CONTENT_DIR, LANGUAGES
from bolvaerk.content.loading import ContentError, read_yaml, translations
from bolvaerk.domain.enums import Provenance
from bolvaerk.domain.errors import InvalidValue
from bolvaerk.domain.ids import check_id

Text = Mapping[str, str]  # language -> text
_E = TypeVar("_E", bound=StrEnum)
_REF = re.compile(r"^(?P<name>[a-z0-9][a-z0-9_-]*)(?:@(?P<version>\d+(?:\.\d+)*))?$")


@dataclass(frozen=True, slots=True)
class At:
    """Where in which file a value sits, for error messages: "lists/x.yaml: districts.fyn"."""

    file: str
    key: str = ""

    def __truediv__(self, part: object) -> At:
        step = str(part)
        if self.key and not step.startswith("["):
            step = f".{step}"
        return At(self.file, f"{self.key}{step}")

    def __str__(self) -> str:
        return f"{self.file}: {self.key or '(top level)'}"

    def error(self, problem: str) -> ContentError:
        return ContentError(f"{self}: {problem}")


def file_label(path: Path) -> str:
    try:
        return path.relative_to(CONTENT_DIR).as_posix()
    except ValueError:
        return str(path)


def check_unique_keys(node: yaml.Node, at: At) -> None:
    """PyYAML keeps the last of two equal keys silently; content must not."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise (at / key).error("the key appears twice")
            seen.add(key)
            check_unique_keys(value_node, at / key)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            check_unique_keys(item, at / f"[{index}]")


def read_document(path: Path, *, builtin: bool) -> tuple[object, At]:
    """The YAML document of a file and its location. Built-in files are read and checked once;
    user files are read every time (they may have been edited since)."""
    if builtin:
        return _read_builtin(path)
    return _read(path, read_yaml.__wrapped__)


@cache
def _read_builtin(path: Path) -> tuple[object, At]:
    return _read(path, read_yaml)


def _read(path: Path, load: Callable[[Path], object]) -> tuple[object, At]:
    at = At(file_label(path))
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        document = load(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise at.error(f"cannot be read as YAML: {error}") from error
    if node is not None:
        check_unique_keys(node, at)
    return document, at


def record(
    value: object, at: At, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, object]:
    if not isinstance(value, dict):
        raise at.error(f"expected a mapping, got {value!r}")
    fields = {str(key): item for key, item in value.items()}  # YAML may give 1 for "1"
    known = (*required, *optional)
    unknown = [key for key in fields if key not in known]
    if unknown:
        raise at.error(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(known)}")
    missing = [key for key in required if key not in fields]
    if missing:
        raise at.error(f"missing key(s) {', '.join(missing)}")
    return fields


def mapping(value: object, at: At) -> dict[str, object]:
    if not isinstance(value, dict) or not value:
        raise at.error(f"expected a non-empty mapping, got {value!r}")
    return {str(key): item for key, item in value.items()}


def sequence(value: object, at: At) -> list[object]:
    if not isinstance(value, list) or not value:
        raise at.error(f"expected a non-empty list, got {value!r}")
    return value


def string(value: object, at: At) -> str:
    if not isinstance(value, str) or not value.strip():
        raise at.error(f"expected a non-empty text, got {value!r}")
    return value


def flag(value: object, at: At) -> bool:
    if not isinstance(value, bool):
        raise at.error(f"expected true or false, got {value!r}")
    return value


def choice(kind: type[_E], value: object, at: At) -> _E:
    if isinstance(value, kind):
        return value
    if isinstance(value, str) and value in {member.value for member in kind}:
        return kind(value)
    allowed = ", ".join(member.value for member in kind)
    raise at.error(f"unknown value {value!r}; allowed: {allowed}")


def ident(value: object, at: At) -> str:
    text = string(value, at)
    try:
        check_id(text, str(at))
    except InvalidValue:
        raise at.error(f"{text!r} is not a valid id (letters, digits, _ . : -)") from None
    return text


def translated(value: object, at: At) -> Text:
    if isinstance(value, dict) and set(value) - set(LANGUAGES):
        raise at.error(f"unknown language(s) {sorted(set(value) - set(LANGUAGES))}")
    text = translations(value, str(at))
    for lang, item in text.items():
        if not item.strip():
            raise (at / lang).error("the text is empty")
    return MappingProxyType(text)


def translated_lists(value: object, at: At) -> Mapping[str, tuple[str, ...]]:
    block = record(value, at, LANGUAGES)
    lists = {
        lang: tuple(string(item, at / lang / f"[{index}]") for index, item in enumerate(items))
        for lang in LANGUAGES
        for items in [sequence(block[lang], at / lang)]
    }
    if len({len(items) for items in lists.values()}) != 1:
        raise at.error("every language needs the same number of entries")
    return MappingProxyType(lists)


def provenance_of(entry: Mapping[str, object], at: At, default: Provenance) -> Provenance:
    if "provenance" not in entry:
        return default
    return choice(Provenance, entry["provenance"], at / "provenance")


def check_unique(ids: list[str], at: At) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise (at / f"[{index}]").error(f"duplicate id {item!r}")
        seen.add(item)


def check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")


# ---------------------------------------------------------------- versioned content


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    version: str
    path: Path
    builtin: bool

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def find_sources(builtin_dir: Path, extra_dirs: tuple[Path, ...]) -> dict[str, Source]:
    found: dict[str, Source] = {}
    for directory, builtin in [(builtin_dir, True), *((path, False) for path in extra_dirs)]:
        if not directory.is_dir():
            raise ContentError(f"{directory}: not a directory")
        for path in sorted(directory.glob("*.yaml")):
            match = _REF.match(path.stem)
            if match is None or match["version"] is None:
                raise ContentError(
                    f"{file_label(path)}: content files are named <name>@<version>.yaml, "
                    "e.g. my-model@1.yaml (lower-case name, numeric version)"
                )
            source = Source(match["name"], match["version"], path, builtin)
            if source.ref in found:
                other = file_label(found[source.ref].path)
                raise ContentError(f"{file_label(path)}: {source.ref} is also defined by {other}")
            found[source.ref] = source
    return found


def resolve(kind: str, builtin_dir: Path, ref: str, extra_dirs: tuple[Path, ...]) -> Source:
    sources = find_sources(builtin_dir, extra_dirs)
    match = _REF.match(ref)
    if match is not None and match["version"] is None:
        versions = [source for source in sources.values() if source.name == match["name"]]
        if versions:
            return max(versions, key=lambda source: version_key(source.version))
    elif ref in sources:
        return sources[ref]
    known = ", ".join(sorted_refs(sources.values())) or "none"
    raise ContentError(f"unknown {kind} {ref!r}; known: {known}")


def sorted_refs(sources: Iterable[Source]) -> list[str]:
    ordered = sorted(sources, key=lambda source: (source.name, version_key(source.version)))
    return [source.ref for source in ordered]


def versioned_head(
    document: object, at: At, source: Source, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[dict[str, object], Provenance]:
    """The common head of a versioned file: name and version (as in the file name), provenance."""
    fields = record(document, at, ("name", "version", "provenance", *required), optional)
    name = string(fields["name"], at / "name")
    version = str(fields["version"]) if isinstance(fields["version"], int) else fields["version"]
    if name != source.name or version != source.version:
        raise at.error(f"says {name}@{version} inside, but the file is named {source.ref}.yaml")
    return fields, choice(Provenance, fields["provenance"], at / "provenance")
