"""WordprocessingML written as text: paragraphs, runs, fields, cells, rows and tables.

Why text: python-docx's object API walks the body (and every style) on each insert, so a
document with hundreds of forms spends most of its time there. A whole table written as one
string and parsed once is far cheaper, and the result is the same XML python-docx would write
(read back by python-docx itself in the tests). Children are written in the order the schema
requires; Word refuses a file otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

from bolvaerk.domain.document.model import Align

EMU_PER_TWIP = 635
JUSTIFY = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_PIECES = re.compile(r"(\n|\t)")


def escape(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@dataclass(frozen=True, slots=True)
class Look:
    """Direct formatting of a run, for what a style cannot say (a risk colour, a mark)."""

    bold: bool = False
    colour: str = ""  # hex without '#'
    size: float = 0  # points; 0 = the style's size
    style: str = ""  # a character style id


PLAIN = Look()


def run(text: str, look: Look = PLAIN) -> str:
    """One run; a line break becomes w:br, a tab w:tab."""
    props = []
    if look.style:
        props.append(f'<w:rStyle w:val="{look.style}"/>')
    if look.bold:
        props.append("<w:b/><w:bCs/>")
    if look.colour:
        props.append(f'<w:color w:val="{look.colour}"/>')
    if look.size:
        half_points = round(look.size * 2)
        props.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    content = []
    for piece in _PIECES.split(text):
        if piece == "\n":
            content.append("<w:br/>")
        elif piece == "\t":
            content.append("<w:tab/>")
        elif piece:
            content.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(content)}</w:r>"


def paragraph(
    content: str,
    style: str = "",
    *,
    align: Align | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    right_tab: int = 0,
) -> str:
    """A paragraph around `content` (runs, bookmarks, fields); `right_tab` is the position
    (EMU) of a right-aligned tab stop."""
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        props.append("<w:keepNext/>")
    if page_break_before:
        props.append("<w:pageBreakBefore/>")
    if right_tab:
        position = right_tab // EMU_PER_TWIP
        props.append(f'<w:tabs><w:tab w:val="right" w:pos="{position}"/></w:tabs>')
    if align is not None:
        props.append(f'<w:jc w:val="{JUSTIFY[align]}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{content}</w:p>"


def field(instruction: str, shown: str = "") -> str:
    """A complex field (PAGE, NUMPAGES ...) as runs; `shown` is its last computed value."""
    return begin_field(instruction) + run(shown) + end_field()


def begin_field(instruction: str, *, dirty: bool = False) -> str:
    """The start of a field up to its shown value; `dirty` asks Word to compute it again."""
    flag = ' w:dirty="true"' if dirty else ""
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"{flag}/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def end_field() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def bookmark(number: int, name: str, content: str) -> str:
    return (
        f'<w:bookmarkStart w:id="{number}" w:name="{escape(name)}"/>{content}'
        f'<w:bookmarkEnd w:id="{number}"/>'
    )


def internal_link(anchor: str, content: str) -> str:
    return f'<w:hyperlink w:anchor="{escape(anchor)}" w:history="1">{content}</w:hyperlink>'


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class CellLook:
    fill: str = ""  # background, hex without '#'
    rotated: bool = False  # text from bottom to top (narrow column titles)
    middle: bool = False  # vertically centred (else top)
    bottom: bool = False  # vertically at the bottom
    top_rule: bool = False  # a heavier line above (a total row)


PLAIN_CELL = CellLook()


def cell(paragraphs: str, width: int, look: CellLook = PLAIN_CELL) -> str:
    """A table cell `width` EMU wide holding `paragraphs` (at least one is required)."""
    props = [f'<w:tcW w:w="{width // EMU_PER_TWIP}" w:type="dxa"/>']
    if look.top_rule:
        props.append(
            '<w:tcBorders><w:top w:val="single" w:sz="12" w:space="0" w:color="000000"/>'
            "</w:tcBorders>"
        )
    if look.fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{look.fill}"/>')
    if look.rotated:
        props.append('<w:textDirection w:val="btLr"/>')
    if look.middle or look.bottom:
        props.append(f'<w:vAlign w:val="{"center" if look.middle else "bottom"}"/>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paragraphs or paragraph('')}</w:tc>"


def row(cells: Iterable[str], *, header: bool = False, height: int = 0) -> str:
    """A row that is not split over two pages; a header row is repeated on every page."""
    props = ["<w:cantSplit/>"]
    if height:
        rule = "atLeast"  # codespell:ignore - the schema's own spelling
        props.append(f'<w:trHeight w:val="{height // EMU_PER_TWIP}" w:hRule="{rule}"/>')
    if header:
        props.append("<w:tblHeader/>")
    return f"<w:tr><w:trPr>{''.join(props)}</w:trPr>{''.join(cells)}</w:tr>"


def table(rows: Iterable[str], widths: Sequence[int], style: str) -> str:
    """A fixed-layout table (Word and LibreOffice keep the given column widths)."""
    total = sum(width // EMU_PER_TWIP for width in widths)
    grid = "".join(f'<w:gridCol w:w="{width // EMU_PER_TWIP}"/>' for width in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{total}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def element(xml: str) -> BaseOxmlElement:
    """XML written above (its root tag has no attributes: w:p, w:tbl, or a w:body holding
    several) as an element."""
    end = xml.index(">")
    parsed: BaseOxmlElement = parse_xml(f"{xml[:end]} {nsdecls('w')}{xml[end:]}")
    return parsed
