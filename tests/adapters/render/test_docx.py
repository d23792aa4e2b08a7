"""The DOCX renderer: python-docx reads the file back (headings, tables, colours, header and
footer, properties); LibreOffice opens it as a second reader in one test."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from bolvaerk.adapters.render.docx_renderer import MEDIA_TYPE, render
from bolvaerk.adapters.render.docx_tables import column_widths, matrix_xml
from bolvaerk.adapters.render.docx_xml import element
from bolvaerk.adapters.render.registry import renderer_for
from bolvaerk.domain.document.model import (
    Document,
    Heading,
    MatrixView,
    Paragraph,
    Table,
    TableKind,
    TextStyle,
)
from bolvaerk.domain.enums import Consequence, Likelihood
from bolvaerk.services.documents import build_document
from tests.adapters.render.sample_document import (
    GRID,
    HEATMAP_BEFORE,
    MATRIX,
    SHIP_TRAFFIC,
    sample_document,
    write_assets,
)

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "src" / "bolvaerk" / "content" / "examples" / "pfsa-example.yaml"
ARTEFACTS = ROOT / "build" / "test-artefacts"
YELLOW, GREEN = "FFFF00", "00B050"
HEATMAP_PICTURES = importlib.util.find_spec("bolvaerk.adapters.render.heatmap") is not None


@cache
def _sample(*, draft: bool = False, logo: bool = True) -> tuple[Document, bytes]:
    document = sample_document(draft=draft)
    assets = write_assets(ARTEFACTS / "docx-assets") if logo else None
    return document, render(document, assets)


@cache
def _example(*, draft: bool = False) -> tuple[Document, bytes]:
    document, assets = build_document(EXAMPLE, "da", draft)
    return document, render(document, assets)


def _read(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


BOTH = pytest.mark.parametrize("built", [_sample, _example], ids=["sample", "example"])


# ---------------------------------------------------------------- helpers


def _heading_texts(word: WordDocument) -> list[tuple[str, str]]:
    """(style, text) of every heading: Heading 1-3, and the Title when it carries a bookmark
    (the front-page heading that names the document)."""
    found = []
    for paragraph in word.paragraphs:
        style = _style(paragraph)
        bookmarked = paragraph._p.find(qn("w:bookmarkStart")) is not None
        if style.startswith("Heading") or (style == "Title" and bookmarked):
            found.append((style, paragraph.text))
    return found


def _style(paragraph: WordParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def _child(parent: BaseOxmlElement | None, tag: str) -> BaseOxmlElement | None:
    return parent.find(qn(tag)) if parent is not None else None


def _expected_tables(document: Document) -> list[Table | MatrixView]:
    """The blocks that become Word tables, in order (heat maps are pictures when the heat map
    renderer is installed, else tables placed before section 8)."""
    placed = {block.key for block in document.blocks if isinstance(block, MatrixView)}
    pending = [] if HEATMAP_PICTURES else [v for v in document.heatmaps if v.key not in placed]
    expected: list[Table | MatrixView] = []
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1 and block.number == "8":
            expected += pending
            pending = []
        if isinstance(block, Table):
            expected.append(block)
        if isinstance(block, MatrixView) and (block.counts is None or not HEATMAP_PICTURES):
            expected.append(block)
    return expected + pending


def _texts(table: WordTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _fill(cell: _Cell) -> str:
    properties = cell._tc.tcPr
    shading = properties.find(qn("w:shd")) if properties is not None else None
    return shading.get(qn("w:fill"), "") if shading is not None else ""


def _matrix_cell(table: WordTable, consequence: Consequence, likelihood: Likelihood) -> _Cell:
    """Row 0 holds the consequence labels, rows 1..5 likelihood V..I; column 0 the labels."""
    return table.rows[1 + 5 - likelihood.rank].cells[int(consequence)]


def _matrix_table(document: Document, word: WordDocument, key: str) -> WordTable:
    index = next(i for i, item in enumerate(_expected_tables(document)) if item.key == key)
    return word.tables[index]


# ---------------------------------------------------------------- structure


def test_it_is_registered_as_docx() -> None:
    renderer = renderer_for("docx")
    assert (renderer.suffix, renderer.media_type) == (".docx", MEDIA_TYPE)
    assert renderer.render is render


@BOTH
def test_headings_come_in_order_with_their_numbers(
    built: Callable[[], tuple[Document, bytes]],
) -> None:
    document, data = built()
    expected = []
    for heading in document.headings():
        text = f"{heading.number} {heading.text}" if heading.number else heading.text
        is_title = heading.level == 1 and not heading.number and heading.text == document.title
        expected.append(("Title" if is_title else f"Heading {min(heading.level, 3)}", text))
    assert _heading_texts(_read(data)) == expected
    assert ("Heading 2", "7.2 Risikovurdering") in expected


@BOTH
def test_every_table_has_its_rows_and_texts(built: Callable[[], tuple[Document, bytes]]) -> None:
    document, data = built()
    word = _read(data)
    expected = _expected_tables(document)
    assert len(word.tables) == len(expected)
    for block, table in zip(expected, word.tables, strict=True):
        rows = _texts(table)
        if isinstance(block, MatrixView):
            assert len(rows) == 6
            assert rows[0][1:] == list(block.consequence_labels)
            assert [row[0] for row in rows[1:]] == list(reversed(block.likelihood_labels))
            continue
        titles = [] if block.kind is TableKind.FIELDS else [[c.title for c in block.columns]]
        assert rows == titles + [[cell.text for cell in row] for row in block.rows], block.key


@BOTH
def test_table_captions_precede_their_tables(built: Callable[[], tuple[Document, bytes]]) -> None:
    document, data = built()
    captions = [p.text for p in _read(data).paragraphs if _style(p) == "Caption"]
    for block in _expected_tables(document):
        assert block.caption in captions


def test_title_rows_repeat_on_every_page_and_fields_have_a_grey_label_column() -> None:
    document, data = _sample()
    word = _read(data)
    tables = dict(zip((b.key for b in _expected_tables(document)), word.tables, strict=True))
    ships = tables[SHIP_TRAFFIC.key]
    assert _child(ships.rows[0]._tr.trPr, "w:tblHeader") is not None
    assert [_fill(cell) for cell in ships.rows[0].cells] == ["D9D9D9"] * 5
    front = tables["front-page"]
    assert _child(front.rows[0]._tr.trPr, "w:tblHeader") is None  # label | value: no titles
    assert {_fill(row.cells[0]) for row in front.rows} == {"EDEDED"}
    assert {_fill(row.cells[1]) for row in front.rows} == {""}
    total = ships.rows[-1].cells[1].paragraphs[0].runs[0]
    assert total.bold


def test_the_grid_keeps_its_colours_and_rotates_threat_titles() -> None:
    document, data = _sample()
    word = _read(data)
    grid = _matrix_table(document, word, GRID.key)
    assert grid.rows[1].cells[1].text == "X"
    assert _fill(grid.rows[1].cells[1]) == YELLOW
    assert _fill(grid.rows[1].cells[3]) == GREEN
    title = _child(grid.rows[0].cells[1]._tc.tcPr, "w:textDirection")
    assert title is not None
    assert title.get(qn("w:val")) == "btLr"


def test_the_rated_cell_is_yellow_with_x_and_the_residual_green_with_an_arrow() -> None:
    document, data = _sample()
    table = _matrix_table(document, _read(data), MATRIX.key)
    rated = _matrix_cell(table, Consequence.SERIOUS, Likelihood.III)
    residual = _matrix_cell(table, Consequence.SERIOUS, Likelihood.II)
    assert (_fill(rated), rated.text.split()[0]) == (YELLOW, "X")
    assert (_fill(residual), residual.text.split()[0]) == (GREEN, "→")
    assert rated.paragraphs[0].runs[0].bold
    assert _fill(_matrix_cell(table, Consequence.CRITICAL, Likelihood.V)) == "FF0000"
    assert _fill(_matrix_cell(table, Consequence.LIMITED, Likelihood.I)) == "BFBFBF"
    assert "*" in _matrix_cell(table, Consequence.CRITICAL, Likelihood.V).text  # PROPOSAL
    assert MATRIX.legend in [p.text for p in _read(data).paragraphs]


def test_form_1_of_the_example_is_yellow_at_c3_iii_and_green_at_c3_ii() -> None:
    document, data = _example()
    views = [b for b in document.blocks if isinstance(b, MatrixView) and b.counts is None]
    view = views[0]
    assert "001" in view.key  # form 1
    assert view.rated == (Consequence.SERIOUS, Likelihood.III)
    assert view.residual == (Consequence.SERIOUS, Likelihood.II)
    table = _matrix_table(document, _read(data), view.key)
    rated = _matrix_cell(table, Consequence.SERIOUS, Likelihood.III)
    residual = _matrix_cell(table, Consequence.SERIOUS, Likelihood.II)
    assert (_fill(rated), rated.text.split()[0]) == (YELLOW, "X")
    assert (_fill(residual), residual.text.split()[0]) == (GREEN, "→")


def test_a_heat_map_table_shows_the_counts() -> None:
    """The fallback (and the table form) of a heat map: counts in the coloured cells."""
    word = _read(_sample()[1])
    table = WordTable(element(matrix_xml(HEATMAP_BEFORE, 9_000_000)[1]), word._body)
    assert _matrix_cell(table, Consequence.SERIOUS, Likelihood.III).text.split()[0] == "2"
    assert _matrix_cell(table, Consequence.LIMITED, Likelihood.I).text in ("", "*")
    assert _fill(_matrix_cell(table, Consequence.SERIOUS, Likelihood.III)) == YELLOW


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    widths = column_widths(SHIP_TRAFFIC, 9_000_000)
    assert abs(sum(widths) - 9_000_000) < len(widths)
    passengers = [c.title for c in SHIP_TRAFFIC.columns].index("Antal passagerer")
    assert widths[passengers] >= 0.45 * 360_000 + 0.19 * 360_000 * len("passagerer")


def test_grids_wider_than_a_portrait_page_get_a_landscape_section() -> None:
    document, data = _example()
    word = _read(data)
    grid = next(t for t in document.tables() if t.kind is TableKind.CROSSES)
    assert len(grid.columns) > 8
    orientations = [section.orientation for section in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert [s.orientation for s in _read(_sample()[1]).sections] == [WD_ORIENT.PORTRAIT]


# ---------------------------------------------------------------- styles and fields


def test_note_and_empty_texts_have_their_own_styles() -> None:
    document, data = _sample()
    word = _read(data)
    notes = {
        p.text for p in document.blocks if isinstance(p, Paragraph) and p.style is TextStyle.NOTE
    }
    assert notes <= {p.text for p in word.paragraphs if _style(p) == "Note"}
    empty = [run for p in word.paragraphs for run in p.runs if run.style.name == "Empty Field"]
    assert [run.text for run in empty] == [
        p.text for p in document.blocks if isinstance(p, Paragraph) and p.style is TextStyle.EMPTY
    ]
    front = word.tables[0]
    not_filled = [row.cells[1] for row in front.rows if row.cells[1].text == "Ikke udfyldt"]
    assert not_filled
    assert not_filled[0].paragraphs[0].runs[0].style.name == "Empty Field"


def test_the_contents_is_a_toc_field_listing_the_sections() -> None:
    document, data = _example()
    xml = _read(data).element.xml
    assert 'TOC \\o "1-3"' in xml
    word = _read(data)
    listed = [p.text for p in word.paragraphs if _style(p) == "toc 1"]
    sections = [h for h in document.headings() if h.level == 1 and h.text != document.title]
    assert listed == [f"{h.number} {h.text}".strip() for h in sections]


@pytest.mark.parametrize("draft", [False, True])
def test_every_header_carries_the_marking_and_the_draft_marking_only_in_drafts(draft: bool) -> None:
    document, data = _example(draft=draft)
    word = _read(data)
    assert document.draft_marking == ("KLADDE" if draft else "")
    for section in word.sections:
        header = section.header.paragraphs[0].text
        assert "FORTROLIGT når udfyldt" in header
        assert ("KLADDE" in header) is draft
        footer = section.footer.paragraphs[0]
        assert footer.text.startswith(document.subject)
        assert "Side " in footer.text
        assert " af " in footer.text
        instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"]
    if draft:
        run = word.sections[0].header.paragraphs[0].runs[0]
        assert run.bold
        assert str(run.font.color.rgb) == "C00000"


def test_an_english_document_is_marked_and_numbered_in_english() -> None:
    document, assets = build_document(EXAMPLE, "en", False)
    word = _read(render(document, assets))
    assert word.core_properties.language == "en-GB"
    assert document.marking in word.sections[0].header.paragraphs[0].text
    assert "RESTRICTED" in document.marking
    footer = word.sections[0].footer.paragraphs[0].text
    assert "Page " in footer
    assert " of " in footer


def test_the_logo_is_on_the_front_page_when_the_file_is_there() -> None:
    pictures = len(_read(_sample()[1]).inline_shapes)
    without = len(_read(_sample(logo=False)[1]).inline_shapes)
    assert pictures == without + 1
    word = _read(_sample()[1])
    assert word.inline_shapes[0]._inline.docPr.get("descr") == "RSO-logo"


def test_core_properties_are_set_and_fixed() -> None:
    document, data = _sample()
    properties = _read(data).core_properties
    assert (properties.title, properties.subject) == (document.title, document.subject)
    assert properties.language == "da-DK"
    fixed = datetime(2021, 5, 1, tzinfo=UTC)
    assert properties.created == fixed
    assert properties.modified == fixed


def test_the_same_document_gives_the_same_bytes() -> None:
    document, data = _example()
    assets = EXAMPLE.parent
    assert render(document, assets) == data
    assert _example(draft=True)[1] != data


def test_bookmarks_are_legal_and_unique() -> None:
    xml = _read(_example()[1]).element.xml
    names = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml)
    assert len(names) == len(set(names)) == len(_example()[0].headings())
    assert all(re.fullmatch(r"[A-Za-z]\w{0,39}", name, re.ASCII) for name in names)


# ---------------------------------------------------------------- a second reader


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_it_with_every_table(tmp_path: Path) -> None:
    """LibreOffice converts the example to PDF: every caption is there, the page count is
    plausible, and the first pages, the grid and form 1 are saved as PNG for a person to see."""
    document, data = _example(draft=True)
    source = tmp_path / "pfsa-example.docx"
    source.write_bytes(data)
    profile = tmp_path / "lo-profile"  # a private profile: no lock shared with other runs
    soffice = shutil.which("soffice") or "soffice"
    convert = [soffice, f"-env:UserInstallation={profile.as_uri()}"]
    convert += ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(convert, check=True, capture_output=True, timeout=180)  # noqa: S603
    pdf = tmp_path / "pfsa-example.pdf"
    text = _run("pdftotext", "-layout", str(pdf), "-")
    flat = " ".join(text.split())
    for block in _expected_tables(document):
        assert " ".join(block.caption.split()) in flat, block.caption
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    forms = sum(1 for b in document.blocks if isinstance(b, MatrixView) and b.counts is None)
    assert pages >= forms + 10
    pages_text = text.split("\f")
    grid = next(i for i, page in enumerate(pages_text, 1) if "Skema 6.2.1" in page)
    form = next(i for i, page in enumerate(pages_text, 1) if "Risikomatrix" in page)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("docx-lo*.png"):
        old.unlink()
    for first, last, name in ((1, 3, "lo"), (grid, grid, "lo-grid"), (form, form, "lo-form")):
        pages_wanted = f"-r 60 -f {first} -l {last} -png".split()
        _run("pdftoppm", *pages_wanted, str(pdf), str(ARTEFACTS / f"docx-{name}"))


def _run(*command: str) -> str:
    done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)  # noqa: S603
    return done.stdout
