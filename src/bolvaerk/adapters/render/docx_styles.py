"""The look of the DOCX: page, Word styles, core properties, header and footer.

Rules: every look is a named Word style (Normal, Heading 1-3, Caption, Note, ...) so a user can
restyle the document in Word or LibreOffice; direct formatting is kept to what a style cannot
say (a risk colour in one cell). Fonts are plain Arial (Liberation Sans on Linux), never theme
fonts, so Word and LibreOffice lay the text out alike.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle

from bolvaerk.adapters.render.docx_xml import Look, element, field, paragraph, run
from bolvaerk.domain.document.model import Document

FONT = "Arial"
HEADING_COLOUR = "1F3864"  # dark navy, prints well in black and white
NOTE_COLOUR = "595959"
EMPTY_COLOUR = "7F7F7F"
DRAFT_COLOUR = "C00000"
HEADER_FILL = "D9D9D9"  # the column-title row of a table
LABEL_FILL = "EDEDED"  # the label column of a label | value table

PAGE_WIDTH = Cm(21.0)  # A4
PAGE_HEIGHT = Cm(29.7)
MARGIN_SIDE = Cm(2.2)
MARGIN_TOP = Cm(2.5)
MARGIN_BOTTOM = Cm(2.2)

# the names of our own styles (Word's built-in ones are named by Word)
STYLE_NOTE = "Note"
STYLE_EMPTY = "Empty Field"  # a character style: the value the user has not filled in
STYLE_TABLE_TEXT = "Table Text"
STYLE_TABLE_HEADING = "Table Heading"
STYLE_MATRIX = "Matrix Text"
STYLE_MARKING = "Marking"
STYLE_CAPTION = "Caption"
STYLE_TOC_1 = "toc 1"

LANGUAGES = {"da": "da-DK", "en": "en-GB"}


def new_document(document: Document) -> WordDocument:
    """An empty A4 Word document with our styles, language and fixed properties."""
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Cm(1.0)
    language = LANGUAGES.get(document.language, document.language)
    _define_styles(word, language)
    _set_properties(word, document, language)
    return word


def text_width(word: WordDocument) -> Emu:
    """The width between the margins of the last (current) section."""
    section = word.sections[-1]
    width = (section.page_width or PAGE_WIDTH) - (section.left_margin or 0)
    return Emu(width - (section.right_margin or 0))


def _set_properties(word: WordDocument, document: Document, language: str) -> None:
    properties = word.core_properties
    moment = datetime(
        document.created.year, document.created.month, document.created.day, tzinfo=UTC
    )
    properties.title = document.title
    properties.subject = document.subject
    properties.language = language
    properties.identifier = document.identifier
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    settings = word.settings.element
    # Word updates the table of contents when it opens the file; the schema puts the flag
    # just before w:compat
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:  # pragma: no cover - python-docx's template has w:compat
        settings.append(update)
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)
    for theme_lang in settings.findall(qn("w:themeFontLang")):
        theme_lang.set(qn("w:val"), language)


def _plain_font(rpr: BaseOxmlElement) -> None:
    """Arial in every script; theme fonts removed (Word prefers them over a named font)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in tuple(fonts.attrib):
        del fonts.attrib[name]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _define_styles(word: WordDocument, language: str) -> None:
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _plain_font(rpr)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:val"), language)
    _define_text_styles(word)
    _define_table_styles(word)
    _define_page_styles(word)


def _define_text_styles(word: WordDocument) -> None:
    normal = _paragraph_style(word, "Normal")
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for level, size in ((1, 15), (2, 12.5), (3, 11)):
        heading = _paragraph_style(word, f"Heading {level}")
        _plain_font(heading.element.get_or_add_rPr())
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = RGBColor.from_string(HEADING_COLOUR)
        heading.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        heading.paragraph_format.space_after = Pt(6)
    for name in ("Title", "TOC Heading"):
        style = _paragraph_style(word, name)
        _plain_font(style.element.get_or_add_rPr())
        style.font.color.rgb = RGBColor.from_string(HEADING_COLOUR)
    title = _paragraph_style(word, "Title")
    title.font.size = Pt(24)
    caption = _paragraph_style(word, STYLE_CAPTION)
    caption.font.size = Pt(9.5)
    caption.font.color.rgb = RGBColor.from_string(HEADING_COLOUR)
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    note = _add_paragraph_style(word, STYLE_NOTE, size=9)
    note.font.italic = True
    note.font.color.rgb = RGBColor.from_string(NOTE_COLOUR)
    empty = word.styles.add_style(STYLE_EMPTY, WD_STYLE_TYPE.CHARACTER)
    empty.font.italic = True
    empty.font.color.rgb = RGBColor.from_string(EMPTY_COLOUR)


def _define_table_styles(word: WordDocument) -> None:
    table_text = _add_paragraph_style(word, STYLE_TABLE_TEXT, size=9)
    table_text.paragraph_format.space_after = Pt(1)
    table_text.paragraph_format.space_before = Pt(1)
    table_text.paragraph_format.line_spacing = 1.0
    table_heading = _add_paragraph_style(word, STYLE_TABLE_HEADING, size=9, base=table_text)
    table_heading.font.bold = True
    table_heading.paragraph_format.keep_with_next = True
    matrix = _add_paragraph_style(word, STYLE_MATRIX, size=8, base=table_text)
    matrix.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _define_page_styles(word: WordDocument) -> None:
    marking = _add_paragraph_style(
        word, STYLE_MARKING, size=9, base=_paragraph_style(word, "Header")
    )
    marking.font.bold = True
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Header", "Footer"):  # the template's tab stops are for US Letter
        style = _paragraph_style(word, name)
        properties = style.element.get_or_add_pPr()
        for tabs in properties.findall(qn("w:tabs")):
            properties.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(text_width(word), WD_TAB_ALIGNMENT.RIGHT)
    _paragraph_style(word, "Footer").font.size = Pt(8)
    toc = _add_paragraph_style(word, STYLE_TOC_1, size=10)
    toc.element.set(qn("w:styleId"), "TOC1")
    toc.paragraph_format.space_after = Pt(3)
    toc.paragraph_format.tab_stops.add_tab_stop(
        text_width(word), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )


def _paragraph_style(word: WordDocument, name: str) -> ParagraphStyle:
    style = word.styles[name]
    assert isinstance(style, ParagraphStyle)  # noqa: S101 - the template's own styles
    return style


def _add_paragraph_style(
    word: WordDocument, name: str, *, size: float, base: BaseStyle | None = None
) -> ParagraphStyle:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)  # noqa: S101 - add_style made a paragraph style
    style.base_style = base if base is not None else word.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    return style


def style_id(name: str) -> str:
    """The id Word files use for a style name (what python-docx gives a style it adds).
    Blocks are written as XML with style ids: python-docx's `paragraph.style = ...` scans
    every style of the document on each call."""
    return "TOC1" if name == STYLE_TOC_1 else name.replace(" ", "")


# ---------------------------------------------------------------- header and footer


def write_header_and_footer(word: WordDocument, document: Document) -> None:
    """The marking (and the draft marking) on top of every page, the subject and 'Side X af Y'
    at the bottom. Each section gets its own copy, so the page number stays at the right
    margin of a landscape page too."""
    marking = run(document.marking)
    if document.draft_marking:
        draft = Look(bold=True, colour=DRAFT_COLOUR, size=11)
        marking = run(document.draft_marking, draft) + run("   ") + marking
    footer = run(f"{document.subject}\t") + _page_label(document.page_label)
    for section in word.sections:
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        width = (section.page_width or PAGE_WIDTH) - (section.left_margin or 0)
        width -= section.right_margin or 0
        header_xml = paragraph(marking, style_id(STYLE_MARKING))
        _replace_content(section.header._element, header_xml)
        footer_xml = paragraph(footer, style_id("Footer"), right_tab=width)
        _replace_content(section.footer._element, footer_xml)


def _replace_content(part: BaseOxmlElement, xml: str) -> None:
    for child in list(part):
        part.remove(child)
    part.append(element(xml))


def _page_label(label: str) -> str:
    """'Side {page} af {pages}' with PAGE and NUMPAGES fields in place of the braces."""
    fields = {"{page}": "PAGE", "{pages}": "NUMPAGES"}
    return "".join(
        field(fields[piece], "1") if piece in fields else run(piece)
        for piece in re.split(r"(\{page\}|\{pages\})", label)
        if piece
    )
