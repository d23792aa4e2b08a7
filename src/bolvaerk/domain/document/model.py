"""Blocks of a document. Plain frozen values; every text is already translated.

Rules: a block says what it is (a heading of the template, a table of a skema, a risk matrix),
never how it looks; renderers decide the look. Colours are the risk colours of the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bolvaerk.domain.enums import Colour, Consequence, Likelihood


class TextStyle(StrEnum):
    BODY = "body"
    NOTE = "note"  # help text, PROPOSAL notices: set apart (italic, smaller)
    EMPTY = "empty"  # a field the user has not filled in yet: shown as such, never silently blank


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 = section (1..8), 2 = subsection (2.3), 3 = skema/form (7.2 no. 4)
    number: str  # the template's number, e.g. "2.3.1"; "" for unnumbered headings
    text: str
    anchor: str  # stable id for links and bookmarks, e.g. "s-7-2-form-001"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: TextStyle = TextStyle.BODY


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    fill: Colour | None = None  # a risk colour as background
    bold: bool = False
    align: Align = Align.LEFT
    empty: bool = False  # not filled in by the user (shown as such)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: int = 1  # relative width
    align: Align = Align.LEFT


class TableKind(StrEnum):
    GRID = "grid"  # an ordinary skema with a header row
    FIELDS = "fields"  # two columns label | value (front page, company profile, form header)
    CROSSES = "crosses"  # skema 6.2.1: many narrow columns, rotated headers where possible


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # stable id of the skema, e.g. "2.3.1", "6.2.1", "7.2-form-001-header"
    caption: str  # e.g. "Skema 2.3.1 Beskrivelse af forventet årlig skibstrafik"
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: TableKind = TableKind.GRID
    total_row: bool = False  # the last row is a total (bold, ruled)


@dataclass(frozen=True, slots=True)
class MatrixView:
    """A 5x5 risk matrix with the rated cell (and the residual cell) marked."""

    key: str
    caption: str
    consequence_title: str  # Konsekvens (Personer, økonomi, miljø, anseelse)
    likelihood_title: str  # Sandsynlighed (Motivation, evne, kompleksitet, resurser)
    consequence_labels: tuple[str, ...]  # 5 labels, 1..5
    likelihood_labels: tuple[str, ...]  # 5 labels, I..V
    colours: tuple[tuple[Colour, ...], ...]  # [likelihood I..V][consequence 1..5]
    proposal: tuple[tuple[bool, ...], ...]  # same shape: cell is our PROPOSAL
    rated: tuple[Consequence, Likelihood] | None = None
    residual: tuple[Consequence, Likelihood] | None = None
    counts: tuple[tuple[int, ...], ...] | None = None  # heat map: number of risks per cell
    legend: str = ""


@dataclass(frozen=True, slots=True)
class Image:
    key: str  # "logo"
    file: str  # file name relative to the assessment's folder
    caption: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class Contents:
    """Table of contents placeholder: renderers fill it from the headings."""

    title: str


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One risk form as a row of the spreadsheet register (editable values kept typed)."""

    number: int
    form_id: str
    vulnerability: str
    threat: str
    consequence: Consequence | None
    likelihood: Likelihood | None
    colour: Colour | None
    existing: tuple[str, ...]
    level_1: tuple[str, ...]
    level_2: tuple[str, ...]
    level_3: tuple[str, ...]
    residual_consequence: Consequence | None
    residual_likelihood: Likelihood | None
    residual_colour: Colour | None
    needs_reassessment: bool = False


@dataclass(frozen=True, slots=True)
class RegisterView:
    """The risk register 7.1/7.2 as data, for spreadsheets (and their import back)."""

    title: str
    columns: tuple[str, ...]  # translated titles, in the order of RegisterRow's fields above
    rows: tuple[RegisterRow, ...]
    colour_names: tuple[tuple[Colour, str], ...]  # translated colour names


Block = Heading | Paragraph | Table | MatrixView | Image | PageBreak | Contents


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # e.g. "Havnefacilitetssårbarhedsvurdering (PFSA)"
    subject: str  # facility and port
    language: str  # da | en
    marking: str  # "FORTROLIGT når udfyldt" / "RESTRICTED when completed"
    draft_marking: str  # "KLADDE" / "DRAFT" when draft, else ""
    created: date  # fixed date for reproducible files (completion date or a constant)
    identifier: str  # assessment id and revision, e.g. "pfsa-fjordby@1"
    page_label: str  # "Side {page} af {pages}" / "Page {page} of {pages}"
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    register: RegisterView | None = None  # for XLSX; the prose formats show 7.1 and 7.2 instead
    grid: Table | None = None  # skema 6.2.1 again, for the spreadsheet's second sheet
    heatmaps: tuple[MatrixView, ...] = ()  # before and after the proposed measures

    def headings(self) -> tuple[Heading, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Heading))

    def tables(self) -> tuple[Table, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Table))
