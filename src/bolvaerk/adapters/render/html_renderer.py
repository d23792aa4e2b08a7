"""HTML: the Document as one self-contained preview file (no external URL, no script).

The same HTML, with its print style sheet, is what the PDF renderer hands to WeasyPrint, so the
two formats cannot drift apart. Jinja2 templates with autoescape live in templates/; this module
turns blocks into small views the templates only have to print (classes, widths, matrix rows).
Deterministic: the same Document and assets give the same bytes.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bolvaerk.adapters.render.colours import FILLS, TEXT
from bolvaerk.adapters.render.registry import Renderer, register
from bolvaerk.domain.document.model import (
    Block,
    Cell,
    Contents,
    Document,
    Heading,
    Image,
    MatrixView,
    PageBreak,
    Table,
    TableKind,
)
from bolvaerk.domain.enums import Consequence, Likelihood

CONTENTS_LEVELS = 2  # the contents list sections and subsections; every heading is a bookmark
PAGE_WIDTH_MM = 210 - 18 - 16  # A4 less the margins of templates/document.css
MIN_ITEM_MM = 50  # the item column of a crosses table never gets narrower than this
CROSS_MM = (6.0, 10.0)  # the width of one threat column, narrowest and widest
SHORT_HEADER = 4  # crosses columns with longer titles get rotated headers
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


# ---------------------------------------------------------------- views for the templates


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int
    number: str
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class TableView:
    table: Table
    ident: str  # unique id in the page ("" when the key was used before)
    widths: tuple[str, ...]  # a CSS width per column
    rotated: tuple[bool, ...]  # header cell is turned 90 degrees (long threat titles)
    head_mm: float  # height of a rotated header row
    cross_mm: float  # width of one rotated column


@dataclass(frozen=True, slots=True)
class MatrixCellView:
    css: str
    mark: str  # "X" the rated cell, "→" the residual cell
    proposal: bool


@dataclass(frozen=True, slots=True)
class MatrixRowView:
    label: str
    cells: tuple[MatrixCellView, ...]


@dataclass(frozen=True, slots=True)
class MatrixPart:
    view: MatrixView
    rows: tuple[MatrixRowView, ...]  # likelihood V..I, top to bottom
    svg: Markup | None  # a heat map, drawn by bolvaerk.adapters.render.heatmap


@dataclass(frozen=True, slots=True)
class Part:
    kind: str  # heading | paragraph | table | matrix | image | pagebreak | contents
    block: Block
    view: object = None


# ---------------------------------------------------------------- public


def html_text(document: Document, assets: Path | None) -> str:
    """The whole HTML page as text (the PDF renderer lays out exactly this)."""
    parts = _parts(document, assets)
    front, body = _split_front(parts)
    return (
        _environment()
        .get_template("document.html")
        .render(
            doc=document,
            css=Markup(_css(document)),  # noqa: S704 - our own style sheet, strings escaped by _css_string
            front=front,
            body=body,
            created=document.created.isoformat(),
        )
    )


def render_html(document: Document, assets: Path | None) -> bytes:
    return html_text(document, assets).encode("utf-8")


# ---------------------------------------------------------------- blocks


def _parts(document: Document, assets: Path | None) -> list[Part]:
    contents = _contents(document.blocks)
    used: set[str] = set()
    parts: list[Part] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(Part("heading", block, min(max(block.level, 1), 4)))
        elif isinstance(block, Table):
            parts.append(Part("table", block, _table_view(block, used)))
        elif isinstance(block, MatrixView):
            parts.append(Part("matrix", block, _matrix_part(block)))
        elif isinstance(block, Image):
            uri = _data_uri(block, assets)
            if uri:
                parts.append(Part("image", block, uri))
        elif isinstance(block, PageBreak):
            parts.append(Part("pagebreak", block))
        elif isinstance(block, Contents):
            parts.append(Part("contents", block, contents))
        else:
            parts.append(Part("paragraph", block, block.style.value))
    return parts


def _split_front(parts: list[Part]) -> tuple[list[Part], list[Part]]:
    """The front page is everything before the first page break, if no numbered heading is."""
    for index, part in enumerate(parts):
        if part.kind == "pagebreak":
            return parts[:index], parts[index + 1 :]
        if isinstance(part.block, Heading) and part.block.number:
            break
    return [], parts


def _contents(blocks: Iterable[Block]) -> tuple[TocEntry, ...]:
    """The headings after the Contents block, down to CONTENTS_LEVELS."""
    entries: list[TocEntry] = []
    seen_contents = False
    for block in blocks:
        if isinstance(block, Contents):
            seen_contents = True
        elif isinstance(block, Heading) and seen_contents and block.level <= CONTENTS_LEVELS:
            entries.append(TocEntry(block.level, block.number, block.text, block.anchor))
    return tuple(entries)


def _table_view(table: Table, used: set[str]) -> TableView:
    ident = "t-" + re.sub(r"[^A-Za-z0-9_-]+", "-", table.key).strip("-")
    if ident in used:
        ident = ""
    used.add(ident)
    rotated = tuple(
        table.kind is TableKind.CROSSES and index > 0 and len(column.title) > SHORT_HEADER
        for index, column in enumerate(table.columns)
    )
    if table.kind is TableKind.CROSSES and len(table.columns) > 1:
        crosses = len(table.columns) - 1
        cross_mm = min(CROSS_MM[1], max(CROSS_MM[0], (PAGE_WIDTH_MM - MIN_ITEM_MM) / crosses))
        widths = ("auto", *(f"{cross_mm:.1f}mm" for _ in range(crosses)))
        longest = max(
            (len(c.title) for c, r in zip(table.columns, rotated, strict=True) if r), default=0
        )
        lines = max(1, int((cross_mm - 1) // 3.2))  # 7.5pt lines in a column
        head_mm = min(70.0, max(20.0, math.ceil(longest / lines * 1.45) + 4))
        return TableView(table, ident, widths, rotated, head_mm, cross_mm)
    total = sum(max(column.width, 1) for column in table.columns) or 1
    widths = tuple(f"{100 * max(column.width, 1) / total:.2f}%" for column in table.columns)
    return TableView(table, ident, widths, rotated, 0.0, 0.0)


def cell_class(cell: Cell) -> str:
    """The CSS classes of a cell: fill, bold, alignment, not filled in."""
    classes = []
    if cell.fill is not None:
        classes.append(f"f-{cell.fill.value}")
    if cell.bold:
        classes.append("b")
    if cell.align.value != "left":
        classes.append(f"a-{cell.align.value}")
    if cell.empty:
        classes.append("empty")
    return " ".join(classes)


def _matrix_part(view: MatrixView) -> MatrixPart:
    """A form's matrix as a table; a heat map (a matrix with counts) as the heatmap module's SVG."""
    if view.counts is not None:
        from bolvaerk.adapters.render.heatmap import heatmap_svg  # noqa: PLC0415 - matplotlib only when needed

        return MatrixPart(view, (), _inline_svg(heatmap_svg(view), view.key))
    rows = []
    for row in reversed(range(len(view.colours))):  # likelihood V at the top
        cells = []
        for column, colour in enumerate(view.colours[row]):
            here = (column + 1, row + 1)
            mark = ""
            if view.residual is not None and _position(view.residual) == here:
                mark = "→"
            if view.rated is not None and _position(view.rated) == here:
                mark = "X"
            cells.append(MatrixCellView(f"f-{colour.value}", mark, view.proposal[row][column]))
        rows.append(MatrixRowView(view.likelihood_labels[row], tuple(cells)))
    return MatrixPart(view, tuple(rows), None)


def _position(cell: tuple[Consequence, Likelihood]) -> tuple[int, int]:
    return (int(cell[0]), cell[1].rank)


def _inline_svg(svg: str, key: str) -> Markup:
    """An SVG document made fit to sit inside HTML: no prolog, no metadata, ids made unique."""
    prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", key) + "-"
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', svg)
    return Markup(svg)  # noqa: S704 - drawn by our own heatmap module, never user markup


def _data_uri(image: Image, assets: Path | None) -> str:
    """The image file as a data: URI, or "" when it is missing or outside the assets folder."""
    media_type = IMAGE_TYPES.get(Path(image.file).suffix.lower())
    if assets is None or media_type is None:
        return ""
    folder = assets.resolve()
    path = (folder / image.file).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return ""
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


# ---------------------------------------------------------------- style sheet


def _css(document: Document) -> str:
    return (
        _environment()
        .get_template("document.css")
        .render(
            fills=[(colour.value, FILLS[colour], TEXT[colour]) for colour in FILLS],
            marking=_css_string(document.marking),
            draft=_css_string(document.draft_marking) if document.draft_marking else "",
            page_label=_page_label(document.page_label),
            identifier=_css_string(document.identifier),
        )
    )


def _css_string(text: str) -> str:
    """A CSS string literal; quotes, backslashes and markup characters are escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or not char.isprintable() else char for char in text
    )
    return f'"{escaped}"'


def _page_label(label: str) -> str:
    """ "Side {page} af {pages}" as CSS content: "Side " counter(page) " af " counter(pages)."""
    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            pieces.append(_css_string(piece))
    return " ".join(pieces) or "counter(page)"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("bolvaerk.adapters.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cell_class"] = cell_class
    return environment


register(Renderer("html", ".html", "text/html", render_html))
