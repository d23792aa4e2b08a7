"""Build the submission package of an assessment: PDF, DOCX, the assessment file, its annex
files and a manifest (SHA-256 of every file, the validation result), in one reproducible ZIP.

Rules: an assessment with errors is refused unless it is packaged as a draft, and then every
page of the documents is marked DRAFT (KLADDE). An unreadable file is always refused: there is
nothing to render. The ZIP is written atomically: a reader sees the old file or the new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bolvaerk.adapters.file import write_bytes
from bolvaerk.adapters.package import (
    ManifestFinding,
    PackageInfo,
    PackedFile,
    build_zip,
    packed,
)
from bolvaerk.adapters.render.builtin import load_builtin_renderers
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import Severity
from bolvaerk.services.documents import build_document
from bolvaerk.services.validation import report_entries, validate_file

ANNEX_FOLDER = "annexes"
DOCUMENT_FORMATS = ("pdf", "docx")
Step = Callable[[str], None]  # reports a step to a progress display


class PackageRefused(Exception):  # noqa: N818 - the outcome, read as `except PackageRefused`
    """The assessment has errors (or cannot be read), so it is not packaged for submission."""

    def __init__(
        self, path: Path, findings: tuple[ManifestFinding, ...], *, unreadable: bool
    ) -> None:
        self.path = path
        self.findings = findings  # the errors, with translated messages
        self.unreadable = unreadable  # True: even --draft cannot package it
        hint = "the file cannot be read" if unreadable else "package it with --draft to mark it"
        super().__init__(f"{path}: {len(findings)} error(s), no package written ({hint})")


@dataclass(frozen=True, slots=True)
class PackageResult:
    output: Path
    size: int
    sha256: str  # of the ZIP itself
    files: tuple[PackedFile, ...]  # every member but the manifest
    counts: dict[str, int]  # findings per severity
    draft: bool
    missing_annexes: tuple[str, ...]  # named in the annex register, not found beside the file


def build_package(
    assessment_path: Path,
    out_zip: Path,
    lang: str | None = None,
    draft: bool = False,
    *,
    home: Path | None = None,
    step: Step = lambda _: None,
) -> PackageResult:
    """Validate, render and pack one assessment file into `out_zip`."""
    step("validate")
    report = validate_file(assessment_path, home)
    assessment = report.assessment
    language = lang or (assessment.meta.language if assessment is not None else "da")
    findings = tuple(_finding(entry) for entry in report_entries(report, language))
    errors = tuple(finding for finding in findings if finding.severity == Severity.ERROR.value)
    if assessment is None or report.problems:
        raise PackageRefused(assessment_path, errors, unreadable=True)
    if errors and not draft:
        raise PackageRefused(assessment_path, errors, unreadable=False)

    step("build")
    document, assets = build_document(assessment_path, language, draft, home)
    load_builtin_renderers()
    members: list[tuple[str, bytes]] = []
    for fmt in DOCUMENT_FORMATS:
        step(fmt)
        renderer = renderer_for(fmt)
        members.append((f"{assessment.id}{renderer.suffix}", renderer.render(document, assets)))
    members.append((assessment_path.name, assessment_path.read_bytes()))
    annexes, missing = annex_members(assessment, assets)
    members.extend(annexes)

    step("write")
    info = PackageInfo(
        assessment_id=assessment.id,
        revision=assessment.meta.revision,
        facility=assessment.front_page.facility,
        language=document.language,
        draft=draft,
        counts=report.counts(),
        findings=findings,
        created=document.created,
        generator=_generator(),
        missing_annexes=missing,
    )
    data = build_zip(members, info)
    write_bytes(out_zip, data)
    return PackageResult(
        output=out_zip,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        files=packed(members),
        counts=report.counts(),
        draft=draft,
        missing_annexes=missing,
    )


def annex_members(
    assessment: Assessment, folder: Path
) -> tuple[list[tuple[str, bytes]], tuple[str, ...]]:
    """The annex files of the register found in `folder` (as annexes/<relative path>), and the
    names of those not found. A name that leads outside the folder counts as not found."""
    root = folder.resolve()
    members: dict[str, bytes] = {}
    missing: list[str] = []
    for annex in assessment.annexes:
        name = annex.file.strip()
        if not name:
            continue
        source = (root / name).resolve()
        if not source.is_relative_to(root) or not source.is_file():
            missing.append(name)
            continue
        members[f"{ANNEX_FOLDER}/{source.relative_to(root).as_posix()}"] = source.read_bytes()
    return sorted(members.items()), tuple(dict.fromkeys(missing))


def _finding(entry: dict[str, object]) -> ManifestFinding:
    return ManifestFinding(
        code=str(entry["code"]),
        severity=str(entry["severity"]),
        path=str(entry["path"]),
        message=str(entry["message"]),
    )


def _generator() -> str:
    try:
        return f"bolvaerk {version('bolvaerk')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "bolvaerk"
