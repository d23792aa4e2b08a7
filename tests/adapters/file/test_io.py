"""Reading and writing files on disk: syntax errors with line and column, atomic stable saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from bolvaerk.adapters.file import LoadError, load_assessment, save_assessment
from bolvaerk.adapters.file.io import dump_yaml, parse_text, read_document, write_bytes
from tests.casework import CASES

BASE = CASES / "bases" / "pfsa-small.yaml"


def _problem(path: Path) -> tuple[str, int | None, int | None]:
    with pytest.raises(LoadError) as raised:
        load_assessment(path)
    (problem,) = raised.value.problems
    return problem.code, problem.line, problem.column


def test_broken_yaml_reports_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nfront_page:\n  port: [unclosed\n  facility: y\n", encoding="utf-8")
    code, line, column = _problem(broken)
    assert code == "FILE-SYNTAX"
    assert line is not None
    assert line >= 3
    assert column is not None


def test_broken_json_reports_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",\n "kind": }', encoding="utf-8")
    assert _problem(broken) == ("FILE-SYNTAX", 2, 10)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nope.yaml")[0] == "FILE-NOT-FOUND"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00id")
    assert _problem(binary)[0] == "FILE-ENCODING"
    assert _problem(tmp_path)[0] == "FILE-UNREADABLE"  # a folder


def test_save_then_load_gives_the_same_assessment_in_yaml_and_json(tmp_path: Path) -> None:
    assessment = load_assessment(BASE)
    for name in ("copy.yaml", "copy.json"):
        target = tmp_path / name
        save_assessment(assessment, target)
        assert load_assessment(target) == assessment


def test_saving_is_stable_so_git_diffs_stay_small(tmp_path: Path) -> None:
    assessment = load_assessment(BASE)
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    save_assessment(assessment, first)
    save_assessment(load_assessment(first), second)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# bolvaerk assessment file - FORTROLIGT")
    assert text.index("front_page:") < text.index("sections:") < text.index("annexes:")


def test_saving_leaves_no_temp_file_and_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.yaml"
    save_assessment(load_assessment(BASE), target)
    save_assessment(load_assessment(BASE), target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.yaml"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("old", encoding="utf-8")

    class Boom:
        def __str__(self) -> str:
            raise RuntimeError

    with pytest.raises(TypeError):
        write_bytes(target, Boom())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_multiline_texts_are_literal_blocks() -> None:
    assert dump_yaml({"text": "a\nb"}) == "text: |-\n  a\n  b\n"
    assert parse_text("text: |-\n  a\n  b\n", as_json=False) == {"text": "a\nb"}


def test_read_document_reads_json_by_suffix(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text('{"a": 1}', encoding="utf-8")
    assert read_document(target) == {"a": 1}


def test_new_files_are_private_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "new.yaml"
    write_bytes(fresh, b"a")
    assert fresh.stat().st_mode & 0o777 == 0o600
    shared = tmp_path / "shared.yaml"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    write_bytes(shared, b"new")
    assert (shared.read_bytes(), shared.stat().st_mode & 0o777) == (b"new", 0o640)
