"""The package ZIP read back with zipfile: names, manifest, checksums, fixed metadata."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date

import pytest

from bolvaerk.adapters.package import (
    MANIFEST_NAME,
    ManifestFinding,
    PackageInfo,
    build_zip,
    read_manifest,
)

MEMBERS = [
    ("pfsa-fjordby.pdf", b"%PDF-1.7 not a real pdf"),
    ("annexes/bilag-2-detailkort.pdf", b"kort 2"),
    ("pfsa-fjordby.yaml", "id: pfsa-fjordby\nnavn: Færgeterminalen Ærø\n".encode()),
    ("annexes/bilag-1-oversigtskort.pdf", b"kort 1"),
    ("pfsa-fjordby.docx", b"PK not a real docx"),
]
INFO = PackageInfo(
    assessment_id="pfsa-fjordby",
    revision=2,
    facility="Færge- og ro-ro-terminalen Fjordby",
    language="da",
    draft=True,
    counts={"error": 1, "warning": 1, "info": 0},
    findings=(
        ManifestFinding("R-2-01", "error", "annexes[2].file", "Bilagsfilen findes ikke."),
        ManifestFinding("R-FP-02", "warning", "front_page.position", "Tjek positionen."),
    ),
    created=date(2026, 3, 15),
    generator="bolvaerk 0.1.0",
    missing_annexes=("bilag-3.pdf",),
)


def _open(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_package_holds_every_member_and_the_manifest_sorted_by_name() -> None:
    archive = _open(build_zip(MEMBERS, INFO))
    assert archive.namelist() == sorted([name for name, _ in MEMBERS] + [MANIFEST_NAME])
    assert archive.testzip() is None
    for name, data in MEMBERS:
        assert archive.read(name) == data


def test_the_manifest_lists_every_member_with_its_sha256_and_size() -> None:
    data = build_zip(MEMBERS, INFO)
    archive = _open(data)
    manifest = read_manifest(data)
    files = manifest["files"]
    assert isinstance(files, list)
    assert [entry["name"] for entry in files] == sorted(name for name, _ in MEMBERS)
    for entry in files:
        member = archive.read(entry["name"])
        assert entry["sha256"] == hashlib.sha256(member).hexdigest()
        assert entry["size"] == len(member)


def test_the_manifest_carries_the_assessment_and_the_validation_result() -> None:
    manifest = read_manifest(build_zip(MEMBERS, INFO))
    assert manifest["assessment"] == {
        "id": "pfsa-fjordby",
        "revision": 2,
        "facility": "Færge- og ro-ro-terminalen Fjordby",
        "language": "da",
        "date": "2026-03-15",
    }
    assert manifest["draft"] is True
    assert manifest["generator"] == "bolvaerk 0.1.0"
    assert manifest["missing_annexes"] == ["bilag-3.pdf"]
    assert manifest["validation"] == {
        "passed": False,
        "counts": {"error": 1, "warning": 1, "info": 0},
        "findings": [
            {
                "code": "R-2-01",
                "severity": "error",
                "path": "annexes[2].file",
                "message": "Bilagsfilen findes ikke.",
            },
            {
                "code": "R-FP-02",
                "severity": "warning",
                "path": "front_page.position",
                "message": "Tjek positionen.",
            },
        ],
    }


def test_the_manifest_is_sorted_indented_utf8_json() -> None:
    text = _open(build_zip(MEMBERS, INFO)).read(MANIFEST_NAME).decode("utf-8")
    loaded = json.loads(text)
    assert text == json.dumps(loaded, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert "Færge" in text


def test_every_entry_has_the_same_date_and_permissions() -> None:
    for entry in _open(build_zip(MEMBERS, INFO)).infolist():
        assert entry.date_time == (2026, 3, 15, 0, 0, 0)
        assert entry.create_system == 3
        assert entry.external_attr >> 16 == 0o100644
        assert entry.compress_type == zipfile.ZIP_DEFLATED


def test_the_same_members_give_the_same_bytes_in_any_order() -> None:
    first = build_zip(MEMBERS, INFO)
    assert build_zip(list(reversed(MEMBERS)), INFO) == first
    assert build_zip(MEMBERS, INFO) == first


def test_a_changed_member_changes_its_checksum_only() -> None:
    changed = [(name, data + b"!" if name.endswith(".yaml") else data) for name, data in MEMBERS]
    before = read_manifest(build_zip(MEMBERS, INFO))["files"]
    after = read_manifest(build_zip(changed, INFO))["files"]
    assert isinstance(before, list)
    assert isinstance(after, list)
    differing = [new["name"] for old, new in zip(before, after, strict=True) if old != new]
    assert differing == ["pfsa-fjordby.yaml"]


@pytest.mark.parametrize(
    "name", ["", "/etc/passwd", "../x.pdf", "annexes/../../x", "a\\b.pdf", "./a.pdf", "a//b"]
)
def test_a_name_outside_the_archive_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="archive name"):
        build_zip([(name, b"x")], INFO)


def test_duplicate_names_and_a_second_manifest_are_refused() -> None:
    with pytest.raises(ValueError, match="used twice"):
        build_zip([("a.pdf", b"1"), ("a.pdf", b"2")], INFO)
    with pytest.raises(ValueError, match="archive name"):
        build_zip([(MANIFEST_NAME, b"{}")], INFO)
