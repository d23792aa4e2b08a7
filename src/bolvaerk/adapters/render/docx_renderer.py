"""The DOCX renderer: a Document in the TS template's layout, editable in Word and LibreOffice.

Headings carry the template's numbers ("7.2 Risikovurdering") in Word's Heading 1-3 styles, each
with a bookmark; the table of contents is a Word TOC field whose last computed value lists the
level-1 headings (so it is never empty before Word or LibreOffice updates it). The marking is in
the header of every page, "Side X af Y" in the footer. The same Document gives a byte-identical
file: fixed core properties and a normalised ZIP.

Blocks are written as WordprocessingML text (docx_xml) and inserted before the body's final
section properties; python-docx is used for the package, the styles, sections and pictures.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as WordImage
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as WordParagraph

from bolvaerk.adapters.render.docx_styles import (
    STYLE_CAPTION,
    STYLE_EMPTY,
    STYLE_NOTE,
    STYLE_TOC_1,
    new_document,
    style_id,
    text_width,
    write_header_and_footer,
)
from bolvaerk.adapters.render.docx_tables import is_wide, matrix_xml, table_xml
from bolvaerk.adapters.render.docx_xml import (
    PLAIN,
    Look,
    begin_field,
    bookmark,
    element,
    end_field,
    internal_link,
    paragraph,
    run,
)
from bolvaerk.adapters.render.registry import Renderer, register
from bolvaerk.adapters.render.reproducible import normalise_zip
from bolvaerk.domain.document.model import (
    Align,
    Block,
    Contents,
    Document,
    Heading,
    Image,
    MatrixView,
    PageBreak,
    Paragraph,
    Table,
    TextStyle,
)

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LOGO_BOX = (Cm(6.0), Cm(3.0))  # the logo fits in this width x height
HEATMAP_WIDTH = Cm(12.0)
SUMMARY_SECTION = "8"  # heat maps not placed by the builder go just before this section
TOC_FIELD = 'TOC \\o "1-3" \\h \\z \\u'
BLANK_LINE = re.compile(r"\n[ \t]*\n")
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def render(document: Document, assets: Path | None) -> bytes:
    """The DOCX file of `document`; images are read from `assets` (left out when None)."""
    word = new_document(document)
    _Writer(word, document, assets).write()
    write_header_and_footer(word, document)
    out = io.BytesIO()
    word.save(out)
    return normalise_zip(out.getvalue(), document.created)


class _Writer:
    def __init__(self, word: WordDocument, document: Document, assets: Path | None) -> None:
        self._word = word
        self._document = document
        self._assets = assets
        self._bookmarks = _bookmark_names(document.headings())
        self._next_heading = 0
        self._page_break = False
        self._fresh_page = True  # nothing written yet on the current page
        self._end = word.element.body.get_or_add_sectPr()  # blocks go in before it
        self._width = text_width(word)  # of the current section (word.sections walks the body)
        placed = {block.key for block in document.blocks if isinstance(block, MatrixView)}
        self._heatmaps = [view for view in document.heatmaps if view.key not in placed]

    def write(self) -> None:
        starts, ends = _landscape_runs(self._document.blocks)
        for index, block in enumerate(self._document.blocks):
            if isinstance(block, Heading) and block.level == 1 and block.number == SUMMARY_SECTION:
                self._write_heatmaps()
            if index in starts:
                self._orientation(landscape=True)
            self._block(block)
            if index in ends:
                self._orientation(landscape=False)
        self._write_heatmaps()

    def _add(self, *pieces: str) -> None:
        """Insert paragraphs and tables (parsed together); a pending page break becomes 'page
        break before' on the first paragraph (no empty line on top of the new page)."""
        if not pieces:
            return
        self._fresh_page = False
        parsed = list(element(f"<w:body>{''.join(pieces)}</w:body>"))
        if self._page_break:
            self._page_break = False
            if parsed[0].tag == qn("w:p"):
                first = WordParagraph(parsed[0], self._word._body)
                first.paragraph_format.page_break_before = True
            else:
                parsed.insert(0, element(PAGE_BREAK))
        for new in parsed:
            self._end.addprevious(new)

    def _block(self, block: Block) -> None:
        match block:
            case PageBreak():
                self._page_break = not self._fresh_page
            case Heading():
                self._heading(block)
            case Paragraph():
                self._paragraph(block)
            case Table():
                self._add(*table_xml(block, self._width))
            case MatrixView() if block.counts is not None:
                self._heatmap(block)
            case MatrixView():
                self._add(*matrix_xml(block, self._width))
            case Image():
                self._image(block)
            case Contents():
                self._contents(block)

    # ------------------------------------------------------------ text

    def _heading(self, heading: Heading) -> None:
        level = min(max(heading.level, 1), 3)
        name = self._bookmarks[self._next_heading]
        self._next_heading += 1
        text = run(_heading_text(heading))
        style = "Title" if _is_title(heading, self._document) else f"Heading{level}"
        self._add(paragraph(bookmark(self._next_heading, name, text), style))

    def _paragraph(self, block: Paragraph) -> None:
        """One Word paragraph per paragraph of the text (blank lines separate them)."""
        if block.text == self._document.title:
            self._add(paragraph(run(block.text), "Title"))
            return
        style, look = "", PLAIN
        if block.style is TextStyle.NOTE:
            style = style_id(STYLE_NOTE)
        elif block.style is TextStyle.EMPTY:
            look = Look(style=style_id(STYLE_EMPTY))
        pieces = [piece.strip("\n") for piece in BLANK_LINE.split(block.text)]
        self._add(*(paragraph(run(piece, look), style) for piece in pieces if piece))

    def _contents(self, block: Contents) -> None:
        """A TOC field; until Word or LibreOffice updates it, its shown value lists the level-1
        headings, each a link to its heading. Page numbers are left to the update: LibreOffice
        shows a field inside a TOC as it was saved, so a PAGEREF there would stay blank."""
        entries = [
            internal_link(self._bookmarks[index], run(_heading_text(heading)))
            for index, heading in enumerate(self._document.headings())
            if heading.level == 1 and not _is_title(heading, self._document)
        ] or [""]
        entries[0] = begin_field(TOC_FIELD, dirty=True) + entries[0]
        entries[-1] += end_field()
        toc = style_id(STYLE_TOC_1)
        self._add(
            paragraph(run(block.title), "TOCHeading"),
            *(paragraph(entry, toc) for entry in entries),
        )

    # ------------------------------------------------------------ pictures and sections

    def _image(self, block: Image) -> None:
        path = _asset(self._assets, block.file)
        if path is None:
            return
        try:
            picture = WordImage.from_file(str(path))
        except (UnrecognizedImageError, OSError):
            return
        width, height = _fit(picture.px_width, picture.px_height, *LOGO_BOX)
        self._picture(str(path), block.caption or block.key, width, height)

    def _picture(self, source: str | io.BytesIO, text: str, width: int, height: int | None) -> None:
        self._add(paragraph("", align=Align.CENTER))
        holder = WordParagraph(self._end.getprevious(), self._word._body)
        shape = holder.add_run().add_picture(source, width=width, height=height)
        shape._inline.docPr.set("descr", text)  # alternative text for screen readers

    def _heatmap(self, view: MatrixView) -> None:
        data = _heatmap_png(view)
        if data is None:
            self._add(*matrix_xml(view, self._width))
            return
        if view.caption:
            self._add(paragraph(run(view.caption), style_id(STYLE_CAPTION)))
        self._picture(io.BytesIO(data), view.caption or view.key, HEATMAP_WIDTH, None)
        if view.legend:
            self._add(paragraph(run(view.legend), style_id(STYLE_NOTE)))

    def _write_heatmaps(self) -> None:
        for view in self._heatmaps:
            self._heatmap(view)
        self._heatmaps = []

    def _orientation(self, *, landscape: bool) -> None:
        """A new section (on a new page, so a pending page break is done) in the orientation."""
        self._page_break = False
        self._fresh_page = True
        section = self._word.add_section(WD_SECTION.NEW_PAGE)
        width, height = section.page_width, section.page_height
        if width is None or height is None:  # pragma: no cover - the template sets both
            return
        short, long = min(width, height), max(width, height)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = long if landscape else short
        section.page_height = short if landscape else long
        self._width = text_width(self._word)


def _landscape_runs(blocks: tuple[Block, ...]) -> tuple[set[int], set[int]]:
    """Where landscape sections start and end: around each wide grid, together with the
    headings just above it and the notes just below it (so none is left on another page).
    Runs that touch share one section."""
    runs: list[tuple[int, int]] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Table) and is_wide(block):
            start = index
            while start > 0 and isinstance(blocks[start - 1], Heading):
                start -= 1
            end = index
            while end + 1 < len(blocks) and _is_note(blocks[end + 1]):
                end += 1
            if runs and start <= runs[-1][1] + 1:
                start = runs.pop()[0]
            runs.append((start, end))
    return {start for start, _ in runs}, {end for _, end in runs}


def _is_note(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style is TextStyle.NOTE


def _is_title(heading: Heading, document: Document) -> bool:
    """The unnumbered heading of the front page that names the document: set as its title
    (not a section, so not in the table of contents)."""
    return heading.level == 1 and not heading.number and heading.text == document.title


def _heading_text(heading: Heading) -> str:
    return f"{heading.number} {heading.text}" if heading.number else heading.text


# ---------------------------------------------------------------- helpers


def _bookmark_names(headings: tuple[Heading, ...]) -> list[str]:
    """One Word bookmark name per heading: the anchor made legal (a letter first, letters,
    digits and '_' only, at most 40 characters) and unique."""
    names: list[str] = []
    used: set[str] = set()
    for index, heading in enumerate(headings):
        name = re.sub(r"\W", "_", heading.anchor, flags=re.ASCII) or "h"
        name = name if name[0].isalpha() else f"h_{name}"
        name = name[:40]
        if name in used:
            suffix = f"_{index}"
            name = name[: 40 - len(suffix)] + suffix
        used.add(name)
        names.append(name)
    return names


def _asset(assets: Path | None, file: str) -> Path | None:
    """The image file inside the assets folder, or None (no folder, missing, or outside it)."""
    if assets is None or not file:
        return None
    folder = assets.resolve()
    path = (folder / file).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    return path


def _fit(px_width: int, px_height: int, box_width: int, box_height: int) -> tuple[Emu, Emu]:
    scale = min(box_width / max(px_width, 1), box_height / max(px_height, 1))
    return Emu(int(px_width * scale)), Emu(int(px_height * scale))


def _heatmap_png(view: MatrixView) -> bytes | None:
    """The heat map picture from the heat map renderer, when that module is installed."""
    try:
        module = importlib.import_module("bolvaerk.adapters.render.heatmap")
    except ModuleNotFoundError:
        return None
    function: object = getattr(module, "heatmap_png", None)
    if not callable(function):
        return None
    make: Callable[[MatrixView], object] = function
    data = make(view)
    return data if isinstance(data, bytes) else None


register(Renderer("docx", ".docx", MEDIA_TYPE, render))
