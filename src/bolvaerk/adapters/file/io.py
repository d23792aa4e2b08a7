"""Reading and writing assessment files (YAML or JSON) on disk.

Loading never raises anything but LoadError: YAML/JSON syntax errors carry line and column,
shape errors the field path. Saving is atomic (temp file + rename) with a stable key order,
so a diff in git shows only what changed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from bolvaerk.adapters.file.codec import LoadError, LoadProblem, decode, encode
from bolvaerk.domain.assessment import Assessment

try:  # libyaml's C loader and dumper are several times faster
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]

HEADER = (
    "# bolvaerk assessment file - FORTROLIGT når udfyldt / RESTRICTED when completed\n"
    "# Schema: `bolvaerk schema pfsa|psa`. Dates dd-mm-yyyy.\n"
)


def is_json(path: Path) -> bool:
    return path.suffix.lower() == ".json"


def parse_text(text: str, *, as_json: bool) -> Any:  # noqa: ANN401 - untyped until decoded
    """Plain data from YAML or JSON text; LoadError with line and column on a syntax error."""
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            problem = LoadProblem(
                "FILE-SYNTAX",
                "(document)",
                {"detail": error.msg},
                line=error.lineno,
                column=error.colno,
            )
            raise LoadError([problem]) from None
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        detail = error.problem or error.context or "syntax error"
        problem = LoadProblem(
            "FILE-SYNTAX",
            "(document)",
            {"detail": detail},
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
        raise LoadError([problem]) from None
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare (bad encoding)
        raise LoadError(
            [LoadProblem("FILE-SYNTAX", "(document)", {"detail": str(error)})]
        ) from None


def read_document(path: Path) -> Any:  # noqa: ANN401 - untyped until decoded
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError(
            [LoadProblem("FILE-NOT-FOUND", "(document)", {"file": str(path)})]
        ) from None
    except UnicodeDecodeError:
        raise LoadError([LoadProblem("FILE-ENCODING", "(document)", {"file": str(path)})]) from None
    except OSError as error:
        raise LoadError(
            [
                LoadProblem(
                    "FILE-UNREADABLE", "(document)", {"file": str(path), "detail": error.strerror}
                )
            ]
        ) from None
    return parse_text(text, as_json=is_json(path))


def load_assessment(path: Path) -> Assessment:
    return decode(Assessment, read_document(path))


class _Dumper(SafeDumper):
    pass


def _str_representer(dumper: _Dumper, value: str) -> yaml.Node:
    # Multi-line texts as literal blocks: readable, and a git diff shows the changed line.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: object) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def serialise(assessment: Assessment, *, as_json: bool) -> str:
    data = encode(assessment)
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return HEADER + dump_yaml(data)


def write_text(path: Path, text: str) -> None:
    """Atomic write: a reader sees the old file or the new one, never half of it."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Atomic write of bytes (temp file in the same folder, fsync, rename). A new file is
    readable by its owner only (the documents are FORTROLIGT); a replaced file keeps its mode."""
    directory = path.parent if str(path.parent) else Path()
    directory.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o7777)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def save_assessment(assessment: Assessment, path: Path) -> None:
    write_text(path, serialise(assessment, as_json=is_json(path)))
