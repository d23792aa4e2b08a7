"""Tables of the DOCX: skemas, label | value tables, the threat grid and the risk matrix.

Every table is a real Word table (no text boxes, no pictures of text), written as one piece of
WordprocessingML (docx_xml) and parsed once: a large grid costs about as much as its text.
Each function returns the paragraphs and tables of one block, caption first.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Cm

from bolvaerk.adapters.render.colours import FILLS, text_colour
from bolvaerk.adapters.render.docx_styles import (
    HEADER_FILL,
    LABEL_FILL,
    STYLE_CAPTION,
    STYLE_EMPTY,
    STYLE_MATRIX,
    STYLE_NOTE,
    STYLE_TABLE_HEADING,
    STYLE_TABLE_TEXT,
    style_id,
)
from bolvaerk.adapters.render.docx_xml import (
    PLAIN,
    CellLook,
    Look,
    cell,
    paragraph,
    row,
    run,
    table,
)
from bolvaerk.domain.document.model import Align, Cell, MatrixView, Table, TableKind

# the marks the builder's legend explains (MatrixView.legend)
RATED_MARK = "X"
RESIDUAL_MARK = "→"
PROPOSAL_MARK = "*"
WIDE_GRID_COLUMNS = 8  # a threat grid with more columns than this gets a landscape page
LIKELIHOOD_COLUMN = Cm(4.0)  # at least
MATRIX_COLUMN = Cm(2.4)
MATRIX_ROW = Cm(0.85)
CHARACTER = Cm(0.19)  # about one character of 9 pt Arial, bold
CELL_PADDING = Cm(0.45)
SAMPLE_ROWS = 60  # rows looked at for the longest word of a column

_GRID = style_id("Table Grid")
_TEXT = style_id(STYLE_TABLE_TEXT)
_HEADING = style_id(STYLE_TABLE_HEADING)
_MATRIX = style_id(STYLE_MATRIX)
_EMPTY = Look(style=style_id(STYLE_EMPTY))


def is_wide(table: Table) -> bool:
    return table.kind is TableKind.CROSSES and len(table.columns) > WIDE_GRID_COLUMNS


def caption(text: str) -> list[str]:
    return [paragraph(run(text), style_id(STYLE_CAPTION))] if text else []


# ---------------------------------------------------------------- skemas


def table_xml(block: Table, width: int) -> list[str]:
    """The caption and the table. FIELDS tables have no title row and a shaded label column;
    the other kinds repeat their title row on every page; CROSSES titles are rotated."""
    widths = column_widths(block, width)
    rows = [] if block.kind is TableKind.FIELDS else [_title_row(block, widths)]
    last = len(block.rows) - 1
    for index, cells in enumerate(block.rows):
        total = block.total_row and index == last
        rows.append(
            row(
                _cell(
                    content, size, label=block.kind is TableKind.FIELDS and column == 0, total=total
                )
                for column, (content, size) in enumerate(zip(cells, widths, strict=False))
            )
        )
    return [*caption(block.caption), table(rows, widths, _GRID)]


def _title_row(block: Table, widths: Sequence[int]) -> str:
    rotated = block.kind is TableKind.CROSSES
    cells = []
    for index, (column, size) in enumerate(zip(block.columns, widths, strict=True)):
        turn = rotated and index > 0
        text = paragraph(
            run(column.title, Look(bold=True) if turn else PLAIN),
            _MATRIX if turn else _HEADING,
            align=None if turn or column.align is Align.LEFT else column.align,
            keep_next=True,
        )
        cells.append(cell(text, size, CellLook(fill=HEADER_FILL, rotated=turn, bottom=True)))
    height = _rotated_height(block, widths) if rotated else 0
    return row(cells, header=True, height=height)


def _cell(content: Cell, width: int, *, label: bool, total: bool) -> str:
    colour = text_colour(content.fill) if content.fill is not None else ""
    look = Look(
        bold=content.bold or total, colour=colour, style=_EMPTY.style if content.empty else ""
    )
    text = paragraph(
        run(content.text, look),
        _TEXT,
        align=None if content.align is Align.LEFT else content.align,
    )
    fill = FILLS[content.fill] if content.fill is not None else (LABEL_FILL if label else "")
    return cell(text, width, CellLook(fill=fill, top_rule=total))


def column_widths(block: Table, width: int) -> list[int]:
    """Widths in proportion to the columns' weights, but never so narrow that the longest word
    of a column (title or cell) must break; the other columns give up the room."""
    weights = [max(column.width, 1) for column in block.columns]
    minima = [CELL_PADDING + CHARACTER * _longest_word(column.title) for column in block.columns]
    if block.kind is TableKind.CROSSES:  # rotated titles: only the first column is read across
        minima[1:] = [CELL_PADDING + CHARACTER * 2] * (len(minima) - 1)
    for cells in block.rows[:SAMPLE_ROWS]:
        for index, content in enumerate(cells[: len(minima)]):
            needed = CELL_PADDING + CHARACTER * _longest_word(content.text)
            minima[index] = max(minima[index], needed)
    widths = [width * weight / sum(weights) for weight in weights]
    if sum(minima) <= width:
        fixed: set[int] = set()
        while short := [i for i, w in enumerate(widths) if i not in fixed and w < minima[i]]:
            fixed.update(short)
            room = width - sum(minima[i] for i in fixed)
            free_weight = sum(weights[i] for i in range(len(widths)) if i not in fixed) or 1
            widths = [
                minima[i] if i in fixed else room * weights[i] / free_weight
                for i in range(len(widths))
            ]
    return [int(value) for value in widths]


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _rotated_height(block: Table, widths: Sequence[int]) -> int:
    """Tall enough for the longest rotated threat title, between 1.5 and 7 cm."""
    longest = max((len(column.title) for column in block.columns[1:]), default=0)
    narrowest = min(widths[1:], default=Cm(2))
    lines = max(1, int((narrowest - Cm(0.2)) // Cm(0.36)))
    needed = Cm(longest * 0.17 / lines + 0.5)
    return int(min(max(needed, Cm(1.5)), Cm(7)))


# ---------------------------------------------------------------- the risk matrix


def matrix_xml(view: MatrixView, width: int) -> list[str]:
    """A 6x6 table: consequence 1..5 across, likelihood V..I down, the cells in their risk
    colours; X on the rated cell, → on the residual one, a count on a heat map's cells,
    '*' where the colour is our PROPOSAL. Kept on one page."""
    labels = max(width - 5 * MATRIX_COLUMN, LIKELIHOOD_COLUMN)
    widths = [labels, *([MATRIX_COLUMN] * 5)]
    corner = f"{view.likelihood_title} ↓\n{view.consequence_title} →"
    top = [_label(corner, labels, centre=False)]
    top += [_label(text, MATRIX_COLUMN, centre=True) for text in view.consequence_labels]
    rows = [row(top, header=True)]
    for rank in range(4, -1, -1):  # likelihood V (index 4) at the top, I at the bottom
        cells = [_label(view.likelihood_labels[rank], labels, centre=False)]
        cells += [_matrix_cell(view, rank, consequence, rank > 0) for consequence in range(5)]
        rows.append(row(cells, height=MATRIX_ROW))
    note = [paragraph(run(view.legend), style_id(STYLE_NOTE))] if view.legend else []
    return [*caption(view.caption), table(rows, widths, _GRID), *note]


def _label(text: str, width: int, *, centre: bool) -> str:
    content = paragraph(
        run(text, Look(bold=True)),
        _MATRIX,
        align=Align.CENTER if centre else Align.LEFT,
        keep_next=True,
    )
    return cell(content, width, CellLook(fill=HEADER_FILL, middle=True))


def _matrix_cell(view: MatrixView, rank: int, consequence: int, keep_next: bool) -> str:
    colour = view.colours[rank][consequence]
    ink = text_colour(colour)
    mark = _marks(view, rank, consequence)
    runs = run(mark, Look(bold=True, colour=ink, size=12)) if mark else ""
    if view.proposal[rank][consequence]:
        runs += run(f" {PROPOSAL_MARK}" if mark else PROPOSAL_MARK, Look(colour=ink, size=9))
    content = paragraph(runs, _MATRIX, align=Align.CENTER, keep_next=keep_next)
    return cell(content, MATRIX_COLUMN, CellLook(fill=FILLS[colour], middle=True))


def _marks(view: MatrixView, rank: int, consequence: int) -> str:
    """'X' on the rated cell, '→' on the residual one, the count on a heat map's cells."""
    if view.counts is not None:
        count = view.counts[rank][consequence]
        return str(count) if count else ""
    marks = []
    for position, mark in ((view.rated, RATED_MARK), (view.residual, RESIDUAL_MARK)):
        if position is not None:
            cell_consequence, likelihood = position
            if int(cell_consequence) == consequence + 1 and likelihood.rank == rank + 1:
                marks.append(mark)
    return " ".join(marks)
