"""The Document of real assessments, with the real texts, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bolvaerk.domain.document.model import Heading, MatrixView, Table, TableKind
from bolvaerk.domain.enums import AssessmentKind, Colour, Consequence, Likelihood
from bolvaerk.services.assessments import example_path
from bolvaerk.services.documents import build_document

EXAMPLES = [example_path(AssessmentKind.PFSA), example_path(AssessmentKind.PSA)]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=["pfsa", "psa"])
def test_every_text_exists_in_both_languages(path: Path, lang: str) -> None:
    document, folder = build_document(path, lang)
    assert document.language == lang
    assert folder == path.parent
    assert all("{" not in h.text for h in document.headings())


def test_the_pfsa_has_the_template_sections_in_order() -> None:
    document, _ = build_document(EXAMPLES[0], "da")
    numbered = [h.number for h in document.headings() if h.level == 1 and h.number]
    assert numbered == ["1", "2", "3", "4", "5", "6", "7", "8"]
    numbers = [h.number for h in document.headings()]
    for number in (
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3.1",
        "2.4",
        "4.2.1",
        "5.1",
        "5.15",
        "6.1",
        "6.2",
        "7.1",
        "7.2.1",
        "8.1",
        "8.2",
    ):
        assert number in numbers, number
    assert document.marking == "FORTROLIGT når udfyldt"
    assert document.draft_marking == ""
    assert document.page_label == "Side {page} af {pages}"


def test_one_form_per_cross_with_the_worked_example_first() -> None:
    document, _ = build_document(EXAMPLES[0], "en", draft=True)
    assert document.draft_marking == "DRAFT"
    forms = [h for h in document.headings() if h.number == "7.2" and h.level == 3]
    assert len(forms) == 39
    assert forms[0].text == "Risk assessment no. 1"
    matrices = [
        b for b in document.blocks if isinstance(b, MatrixView) and b.key.endswith("-matrix")
    ]
    first = matrices[0]
    assert first.rated == (Consequence.SERIOUS, Likelihood.III)
    assert first.residual == (Consequence.SERIOUS, Likelihood.II)
    assert first.colours[2][2] is Colour.YELLOW  # likelihood III, consequence 3
    assert first.colours[1][2] is Colour.GREEN  # likelihood II, consequence 3
    assert first.proposal[2][2] is False  # a sourced cell
    assert first.proposal[4][4] is True


def test_traffic_total_and_grid() -> None:
    document, _ = build_document(EXAMPLES[0], "da")
    tables = {t.key: t for t in document.tables()}
    traffic = tables["2.3.1"]
    assert traffic.total_row
    assert traffic.rows[-1][0].text == "Total"
    grid = tables["6.2.1"]
    assert grid.kind is TableKind.CROSSES
    crosses = [c for row in grid.rows for c in row[1:] if c.text]
    assert len(crosses) == 39
    assert document.grid == grid
    assert document.register is not None
    assert [r.number for r in document.register.rows] == list(range(1, 40))
    assert sum(sum(row) for row in document.heatmaps[0].counts or ()) == 39


def test_the_psa_has_its_port_part() -> None:
    document, _ = build_document(EXAMPLES[1], "da")
    keys = {t.key for t in document.tables()}
    assert {"psa-committee", "psa-facilities"} <= keys
    assert document.title == "Havnesårbarhedsvurdering (PSA)"
    headings = [h for h in document.blocks if isinstance(h, Heading) and h.number == "4.2.1"]
    assert headings[0].text == "Havnens sikringsansvarlige (PSO)"


def test_tables_have_as_many_cells_as_columns() -> None:
    for path in EXAMPLES:
        document, _ = build_document(path, "da")
        for table in document.tables():
            assert isinstance(table, Table)
            assert all(len(row) == len(table.columns) for row in table.rows), table.key
