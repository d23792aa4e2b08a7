"""The submission package of real assessments, opened with zipfile, pypdf and python-docx.

Rendering the whole example facility takes long (about a hundred PDF pages), so these tests use
the example with only the risk forms of the items that must always be assessed (a valid
assessment of ~8 forms), and the defects example cut down the same way for drafts.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document as WordDocument
from pypdf import PdfReader

from bolvaerk.adapters.file import load_assessment
from bolvaerk.adapters.package import MANIFEST_NAME, read_manifest
from bolvaerk.content import CONTENT_DIR
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import EXAMPLE_ANNEXES, example_path
from bolvaerk.services.package import (
    PackageRefused,
    PackageResult,
    annex_members,
    build_package,
)
from bolvaerk.services.validation import validate_file

DEFECTS = CONTENT_DIR / "examples" / "pfsa-defects.yaml"
# items every PFSA must risk-assess (risk company, dangerous goods, class 1 installation)
MANDATORY_ITEMS = {"item-fuel-depot", "item-dg-area", "item-transformer"}
PRESENT = (0, 3)  # the annexes (by index in the register) whose files lie beside the copy


def _annex_files(source: Path) -> tuple[str, ...]:
    return tuple(annex.file for annex in load_assessment(source).annexes)


def _present(source: Path) -> tuple[str, ...]:
    return tuple(_annex_files(source)[index] for index in PRESENT)


def _cut_down(source: Path, target: Path) -> Path:
    """A copy of `source` with only the risk forms of the mandatory items (renumbered), and
    every other item no longer ticked vulnerable, with its logo and two of its annex files
    (the shipped example files) beside it."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    forms = [form for form in data["sections"]["7"]["forms"] if form["item"] in MANDATORY_ITEMS]
    for number, form in enumerate(forms, 1):
        form["number"] = number
    data["sections"]["7"]["forms"] = forms
    for item in data["sections"]["5"]["items"]:
        if item["id"] not in MANDATORY_ITEMS:
            item["vulnerable"] = False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for name in (*_present(source), data["front_page"]["logo"]):
        shutil.copyfile(EXAMPLE_ANNEXES / name, target.parent / name)
    return target


@pytest.fixture(scope="module")
def valid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PackageResult, bytes]:
    folder = tmp_path_factory.mktemp("valid")
    path = _cut_down(example_path(AssessmentKind.PFSA), folder / "pfsa-fjordby.yaml")
    result = build_package(path, folder / "out" / "fjordby.zip")
    return path, result, result.output.read_bytes()


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PackageResult, bytes]:
    folder = tmp_path_factory.mktemp("draft")
    path = _cut_down(DEFECTS, folder / "pfsa-defects.yaml")
    result = build_package(path, folder / "draft.zip", "da", draft=True)
    return path, result, result.output.read_bytes()


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _pdf_pages(data: bytes, name: str) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(_zip(data).read(name))).pages]


def test_the_cut_down_example_is_a_valid_assessment(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    path, result, _ = valid
    assert validate_file(path).exit_code == 0
    assert result.counts["error"] == 0


def test_the_package_holds_pdf_docx_assessment_annexes_and_manifest(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    path, result, data = valid
    identifier = "pfsa-fjordby-faergeterminal-2021"
    assert _zip(data).namelist() == [
        *sorted(f"annexes/{name}" for name in _present(path)),
        MANIFEST_NAME,
        f"{identifier}.docx",
        f"{identifier}.pdf",
        path.name,
    ]
    assert [item.name for item in result.files] == [
        name for name in _zip(data).namelist() if name != MANIFEST_NAME
    ]
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.output.stat().st_size == result.size


def test_every_checksum_in_the_manifest_matches_its_member(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    _, _, data = valid
    archive = _zip(data)
    files = read_manifest(data)["files"]
    assert isinstance(files, list)
    assert len(files) == len(archive.namelist()) - 1
    for entry in files:
        member = archive.read(entry["name"])
        assert hashlib.sha256(member).hexdigest() == entry["sha256"]
        assert len(member) == entry["size"]


def test_the_assessment_and_annex_files_are_packed_as_they_are(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    path, _, data = valid
    archive = _zip(data)
    assert archive.read(path.name) == path.read_bytes()
    for name in _present(path):
        assert archive.read(f"annexes/{name}") == (EXAMPLE_ANNEXES / name).read_bytes()


def test_the_manifest_tells_the_assessment_the_validation_and_the_missing_annexes(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    path, result, data = valid
    manifest = read_manifest(data)
    assert manifest["assessment"] == {
        "id": "pfsa-fjordby-faergeterminal-2021",
        "revision": 1,
        "facility": "Færge- og ro-ro-terminalen Fjordby",
        "language": "da",
        "date": "2021-05-20",
    }
    assert manifest["draft"] is False
    validation = manifest["validation"]
    assert isinstance(validation, dict)
    assert validation["passed"] is True
    assert validation["counts"] == validate_file(path).counts()
    assert {finding["severity"] for finding in validation["findings"]} <= {"warning", "info"}
    present = _present(path)
    assert manifest["missing_annexes"] == list(result.missing_annexes)
    assert result.missing_annexes == tuple(
        name for name in _annex_files(path) if name not in present
    )


def test_the_documents_open_in_their_readers_without_a_draft_mark(
    valid: tuple[Path, PackageResult, bytes],
) -> None:
    _, _, data = valid
    pages = _pdf_pages(data, "pfsa-fjordby-faergeterminal-2021.pdf")
    assert "Færge- og ro-ro-terminalen Fjordby" in pages[0]
    assert not any("KLADDE" in page for page in pages)
    word = WordDocument(io.BytesIO(_zip(data).read("pfsa-fjordby-faergeterminal-2021.docx")))
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert any("Risikovurdering" in text for text in texts)


def test_an_assessment_with_errors_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "refused.zip"
    with pytest.raises(PackageRefused) as refused:
        build_package(DEFECTS, out, "da")
    report = validate_file(DEFECTS)
    assert len(refused.value.findings) == report.counts()["error"] > 0
    assert {finding.severity for finding in refused.value.findings} == {"error"}
    assert "R-7-08" in {finding.code for finding in refused.value.findings}
    assert all(finding.message for finding in refused.value.findings)
    assert refused.value.unreadable is False
    assert not out.exists()


def test_an_unreadable_file_is_refused_even_as_a_draft(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackageRefused) as refused:
        build_package(broken, tmp_path / "broken.zip", "da", draft=True)
    assert refused.value.unreadable is True
    assert refused.value.findings


def test_a_draft_with_errors_is_packed_with_its_findings(
    draft: tuple[Path, PackageResult, bytes],
) -> None:
    path, result, data = draft
    manifest = read_manifest(data)
    assert manifest["draft"] is True
    validation = manifest["validation"]
    assert isinstance(validation, dict)
    assert validation["passed"] is False
    errors = [item for item in validation["findings"] if item["severity"] == "error"]
    assert len(errors) == result.counts["error"] == validate_file(path).counts()["error"] > 0
    assert all(set(item) == {"code", "severity", "path", "message"} for item in errors)


def test_every_page_of_a_draft_is_marked_kladde(
    draft: tuple[Path, PackageResult, bytes],
) -> None:
    _, _, data = draft
    pages = _pdf_pages(data, "pfsa-fjordby-defects.pdf")
    assert pages
    assert all("KLADDE" in page for page in pages)
    word = WordDocument(io.BytesIO(_zip(data).read("pfsa-fjordby-defects.docx")))
    headers = [
        paragraph.text for section in word.sections for paragraph in section.header.paragraphs
    ]
    assert any("KLADDE" in text for text in headers)


def test_the_same_assessment_gives_the_same_package(
    draft: tuple[Path, PackageResult, bytes], tmp_path: Path
) -> None:
    path, first, data = draft
    again = build_package(path, tmp_path / "again.zip", "da", draft=True)
    assert again.sha256 == first.sha256
    assert again.output.read_bytes() == data


def test_an_annex_name_leading_out_of_the_folder_is_not_packed(tmp_path: Path) -> None:
    folder = tmp_path / "assessment"
    path = _cut_down(example_path(AssessmentKind.PFSA), folder / "pfsa.yaml")
    (tmp_path / "secret.pdf").write_bytes(b"outside")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(_present(path)[0], "../secret.pdf"), encoding="utf-8")
    members, missing = annex_members(load_assessment(path), folder)
    assert "../secret.pdf" in missing
    assert all(not name.endswith("secret.pdf") for name, _ in members)
