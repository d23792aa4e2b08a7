"""The submission package: a reproducible ZIP of named files plus a manifest.json.

The same members and the same information give a byte-identical ZIP: entries sorted by name,
every entry dated the same fixed day, the same permissions and compression, and a manifest
written with sorted keys. The manifest lists every other member with its SHA-256 and size, so
the authority (or anyone) can check that nothing was changed after packaging.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from bolvaerk.adapters.render.reproducible import zip_time

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = "bolvaerk-package/1"
UNIX_FILE = 0o100644 << 16  # a regular file, rw-r--r--
UNIX = 3  # ZipInfo.create_system; the default depends on the platform that writes the ZIP


@dataclass(frozen=True, slots=True)
class ManifestFinding:
    code: str
    severity: str
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What the manifest says about the assessment, besides the files."""

    assessment_id: str
    revision: int
    facility: str
    language: str
    draft: bool
    counts: Mapping[str, int]  # findings per severity: error, warning, info
    findings: tuple[ManifestFinding, ...] = ()
    created: date | None = None  # the document's date; also the date of every ZIP entry
    generator: str = ""  # e.g. "bolvaerk 0.1.0"
    missing_annexes: tuple[str, ...] = ()  # annex files named in the register but not found


@dataclass(frozen=True, slots=True)
class PackedFile:
    name: str
    sha256: str
    size: int


def check_name(name: str) -> str:
    """An archive name that stays inside the archive: relative, '/'-separated, no '..'."""
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or path.is_absolute()
        or ".." in path.parts
        or path.as_posix() != name
        or name == MANIFEST_NAME
    ):
        raise ValueError(f"not a usable archive name: {name!r}")
    return name


def packed(members: Sequence[tuple[str, bytes]]) -> tuple[PackedFile, ...]:
    """Name, SHA-256 and size of each member, sorted by name; duplicate names are refused."""
    names = [check_name(name) for name, _data in members]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"archive names used twice: {', '.join(duplicates)}")
    return tuple(
        PackedFile(name, hashlib.sha256(data).hexdigest(), len(data))
        for name, data in sorted(members)
    )


def manifest(files: Sequence[PackedFile], info: PackageInfo) -> bytes:
    """The manifest as JSON bytes: sorted keys, indent 2, UTF-8, a final newline."""
    document = {
        "format": MANIFEST_FORMAT,
        "generator": info.generator,
        "assessment": {
            "id": info.assessment_id,
            "revision": info.revision,
            "facility": info.facility,
            "language": info.language,
            "date": info.created.isoformat() if info.created else None,
        },
        "draft": info.draft,
        "validation": {
            "passed": info.counts.get("error", 0) == 0,
            "counts": dict(info.counts),
            "findings": [
                {
                    "code": finding.code,
                    "severity": finding.severity,
                    "path": finding.path,
                    "message": finding.message,
                }
                for finding in info.findings
            ],
        },
        "files": [{"name": item.name, "sha256": item.sha256, "size": item.size} for item in files],
        "missing_annexes": list(info.missing_annexes),
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode("utf-8")


def build_zip(members: Sequence[tuple[str, bytes]], info: PackageInfo) -> bytes:
    """The package: every member and manifest.json, sorted by name, with fixed metadata."""
    files = packed(members)
    entries = [*sorted(members), (MANIFEST_NAME, manifest(files, info))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries):
            archive.writestr(_entry(name, info.created), data, compresslevel=9)
    return out.getvalue()


def _entry(name: str, day: date | None) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=zip_time(day))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = UNIX
    entry.external_attr = UNIX_FILE
    return entry


def read_manifest(data: bytes) -> dict[str, object]:
    """The manifest of a package (for checks and tests)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        loaded: dict[str, object] = json.loads(archive.read(MANIFEST_NAME))
    return loaded
