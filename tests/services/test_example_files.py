"""The annex files and logo of the example assessments, copied beside a written example."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bolvaerk.adapters.file import load_assessment
from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.assessments import (
    EXAMPLE_ANNEXES,
    copy_example_files,
    example_file_names,
    example_path,
)

EXAMPLES = [
    (AssessmentKind.PFSA, False),
    (AssessmentKind.PSA, False),
    (AssessmentKind.PFSA, True),
]


def _named(kind: AssessmentKind, defects: bool) -> set[str]:
    assessment = load_assessment(example_path(kind, defects=defects))
    return {annex.file for annex in assessment.annexes} | {assessment.front_page.logo}


@pytest.mark.parametrize(("kind", "defects"), EXAMPLES)
def test_every_file_an_example_names_is_shipped(kind: AssessmentKind, defects: bool) -> None:
    named = _named(kind, defects)
    assert "rso-logo.png" in named
    assert all(name.isascii() and name == Path(name).name for name in named)
    assert set(example_file_names(load_assessment(example_path(kind, defects=defects)))) == named


def test_only_files_some_example_names_are_shipped() -> None:
    named = set().union(*(_named(kind, defects) for kind, defects in EXAMPLES))
    assert {p.name for p in EXAMPLE_ANNEXES.iterdir()} == named


@pytest.mark.parametrize("path", sorted(EXAMPLE_ANNEXES.glob("*.svg")), ids=lambda p: p.name)
def test_the_annexes_are_small_self_contained_svg(path: Path) -> None:
    data = path.read_bytes()
    assert len(data) < 30_000
    root = ET.fromstring(data)  # noqa: S314 - the project's own files
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("version") == "1.1"
    text = data.decode("utf-8")
    assert "<script" not in text
    assert "<image" not in text
    # only references inside the file (#id), nothing fetched from elsewhere
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), (name, value)
            assert "url(" not in value or value.startswith("url(#"), (name, value)
    assert "FORTROLIGT når udfyldt" in text


def test_the_logo_is_a_png() -> None:
    data = (EXAMPLE_ANNEXES / "rso-logo.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (400, 120)


def test_copy_writes_every_file_into_the_folder(tmp_path: Path) -> None:
    written = copy_example_files(AssessmentKind.PSA, tmp_path / "new")
    named = _named(AssessmentKind.PSA, False)
    assert {p.name for p in written} == named
    assert all(p.parent == tmp_path / "new" for p in written)
    for path in written:
        assert path.read_bytes() == (EXAMPLE_ANNEXES / path.name).read_bytes()


def test_copy_skips_files_already_there(tmp_path: Path) -> None:
    first = copy_example_files(AssessmentKind.PFSA, tmp_path)
    assert len(first) == 7  # six annexes and the logo
    assert copy_example_files(AssessmentKind.PFSA, tmp_path) == []
    # the defects example names the same files
    assert copy_example_files(AssessmentKind.PFSA, tmp_path, defects=True) == []


def test_copy_never_overwrites_a_different_file(tmp_path: Path) -> None:
    logo = tmp_path / "rso-logo.png"
    logo.write_bytes(b"our own logo")
    written = copy_example_files(AssessmentKind.PFSA, tmp_path)
    assert logo not in written
    assert logo.read_bytes() == b"our own logo"
    assert len(written) == 6


def test_psa_and_pfsa_files_lie_side_by_side(tmp_path: Path) -> None:
    pfsa = copy_example_files(AssessmentKind.PFSA, tmp_path)
    psa = copy_example_files(AssessmentKind.PSA, tmp_path)
    assert {p.name for p in psa} == _named(AssessmentKind.PSA, False) - {"rso-logo.png"}
    assert not {p.name for p in pfsa} & {p.name for p in psa}
