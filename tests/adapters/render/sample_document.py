"""A small hand-built Document with every block kind, in Danish, for the renderer tests.

Shared by every renderer's tests (DOCX, PDF, HTML, XLSX, heat maps): append carefully, never
change what is here without running all of tests/adapters/render/.
The risk form is the worked example of pfsa-domain.md §3.5: rated C3/III (yellow), residual
C3/II (green).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from bolvaerk.domain.document.model import (
    Align,
    Block,
    Cell,
    Column,
    Contents,
    Document,
    Heading,
    Image,
    MatrixView,
    PageBreak,
    Paragraph,
    RegisterRow,
    RegisterView,
    Table,
    TableKind,
    TextStyle,
)
from bolvaerk.domain.enums import Colour, Consequence, Likelihood

# one letter per colour keeps the matrix below readable
G, N, Y, O, R = Colour.GREY, Colour.GREEN, Colour.YELLOW, Colour.ORANGE, Colour.RED  # noqa: E741

# [likelihood I..V][consequence 1..5], the PROPOSAL matrix of pfsa-domain.md §4.2
COLOURS: tuple[tuple[Colour, ...], ...] = (
    (G, G, N, N, N),
    (G, N, N, Y, Y),
    (N, N, Y, O, O),
    (N, Y, O, O, R),
    (N, Y, O, R, R),
)
# every cell is our PROPOSAL except the two the guide gives (C3/II and C3/III)
PROPOSAL: tuple[tuple[bool, ...], ...] = tuple(
    tuple(not (c == 2 and lk in (1, 2)) for c in range(5)) for lk in range(5)
)
CONSEQUENCE_LABELS = ("1 Begrænset", "2 Moderat", "3 Alvorlig", "4 Meget alvorlig", "5 Kritisk")
LIKELIHOOD_LABELS = (
    "I Meget usandsynlig",
    "II Overvejende usandsynlig",
    "III Sandsynlig",
    "IV Overvejende sandsynlig",
    "V Meget sandsynlig",
)
LEGEND = "* Farven er et forslag (PROPOSAL), ikke Trafikstyrelsens egen matrix."

LOGO_FILE = "rso-logo.png"
ITEM = "Opmarch område til løstrailere"
THREAT = "Uautoriseret adgang med henblik på smugling af personer eller våben"
THREATS = (
    "Skade på eller ødelæggelse af havnefaciliteten",
    "Kapring af skibet",
    THREAT,
)

SECTION_HEADINGS = (
    "Indledning",
    "Beskrivelse af havnen og havnefaciliteten",
    "Relevante trusler",
    "Risikovurdering af sårbar ejendom, infrastruktur samt sårbare elementer",
    "Resume",
)


def _fields(key: str, caption: str, pairs: tuple[tuple[str, str], ...]) -> Table:
    return Table(
        key=key,
        caption=caption,
        columns=(Column("Felt", 2), Column("Indhold", 3)),
        rows=tuple(
            (Cell(label, bold=True), Cell(value or "Ikke udfyldt", empty=not value))
            for label, value in pairs
        ),
        kind=TableKind.FIELDS,
    )


FRONT_PAGE = _fields(
    "front-page",
    "Forside",
    (
        ("Havn", "Fjordby Havn"),
        ("Havnefacilitet", "Nordkajen"),
        ("UN/LOCODE", "DKFJB"),
        ("Sted angivelse", "55°16,1' N; 009°53,1' Ø"),
        ("CVR-nummer", "12345674"),
        ("Godkendelsesdato for eksisterende sikringsplan", ""),
        ("Anerkendt sikringsorganisation (RSO)", "Havnesikring ApS"),
        ("Dato for færdiggørelse af sårbarhedsvurdering", "01-05-2021"),
    ),
)

PARTICIPANTS = Table(
    key="1.2",
    caption="Skema 1.2 Udarbejdelse",
    columns=(Column("Navn", 2), Column("Funktion", 2)),
    rows=(
        (Cell("Jens Hansen"), Cell("PFSO")),
        (Cell("Mette Sørensen"), Cell("RSO")),
        (Cell("Ole Æbelø"), Cell("Politiassistent")),
    ),
)

SHIP_TRAFFIC = Table(
    key="2.3.1",
    caption="Skema 2.3.1 Beskrivelse af forventet årlig skibstrafik på havnefaciliteten",
    columns=(
        Column("Skibstype", 3),
        Column("Antal anløb", 1, Align.RIGHT),
        Column("Antal passagerer", 1, Align.RIGHT),
        Column("Type af gods", 2),
        Column("Mængde", 1, Align.RIGHT),
    ),
    rows=(
        (
            Cell("Stykgodsskibe"),
            Cell("120", align=Align.RIGHT),
            Cell("0", align=Align.RIGHT),
            Cell("stykgods"),
            Cell("45000", align=Align.RIGHT),
        ),
        (
            Cell("Andre skibstyper, herunder ikke ISPS-skibe"),
            Cell("30", align=Align.RIGHT),
            Cell("", align=Align.RIGHT, empty=True),
            Cell(""),
            Cell(""),
        ),
        (
            Cell("Total", bold=True),
            Cell("150", bold=True, align=Align.RIGHT),
            Cell("0", bold=True, align=Align.RIGHT),
            Cell(""),
            Cell("45000", bold=True, align=Align.RIGHT),
        ),
    ),
    total_row=True,
)

GRID = Table(
    key="6.2.1",
    caption="Skema 6.2.1 Sammenfatning over sårbare elementer og relevante trusler",
    columns=(
        Column("Sårbart element", 4),
        *(
            Column(f"{number}. {threat}", 1, Align.CENTER)
            for number, threat in enumerate(THREATS, 1)
        ),
    ),
    rows=(
        (
            Cell("5.1 Havnekontoret"),
            Cell("X", fill=Y, align=Align.CENTER),
            Cell("", align=Align.CENTER),
            Cell("X", fill=N, align=Align.CENTER),
        ),
        (
            Cell(f"5.7 {ITEM}"),
            Cell("", align=Align.CENTER),
            Cell("", align=Align.CENTER),
            Cell("X", fill=Y, align=Align.CENTER),
        ),
    ),
    kind=TableKind.CROSSES,
)

REGISTER_TABLE = Table(
    key="7.1",
    caption="Skema 7.1 Liste over risikovurderinger",
    columns=(Column("Nr.", 1, Align.RIGHT), Column("Risikovurdering", 4), Column("Trussel", 4)),
    rows=(
        (Cell("1", align=Align.RIGHT), Cell(ITEM), Cell(THREAT)),
        (Cell("2", align=Align.RIGHT), Cell("Havnekontoret"), Cell(THREATS[0])),
    ),
)

FORM_HEADER = _fields(
    "7.2-form-001-header",
    "Risikovurdering nr. 1",
    (("Nummer", "1"), ("Dato", "01-05-2021"), ("Sårbarhed", ITEM), ("Trussel", THREAT)),
)

MATRIX = MatrixView(
    key="7.2-form-001-matrix",
    caption="Risikomatrix for risikovurdering nr. 1",
    consequence_title="Konsekvens (Personer, økonomi, miljø, anseelse)",
    likelihood_title="Sandsynlighed (Motivation, evne, kompleksitet, resurser)",
    consequence_labels=CONSEQUENCE_LABELS,
    likelihood_labels=LIKELIHOOD_LABELS,
    colours=COLOURS,
    proposal=PROPOSAL,
    rated=(Consequence.SERIOUS, Likelihood.III),
    residual=(Consequence.SERIOUS, Likelihood.II),
    legend=LEGEND,
)

MEASURES = Table(
    key="7.2-form-001-measures",
    caption="Forslag til yderligere sikringstiltag",
    columns=(Column("Sikringsniveau", 1), Column("Sikringstiltag", 5)),
    rows=(
        (Cell("1"), Cell("Bommen erstattes af en port med adgangskontrolsystem")),
        (Cell("2"), Cell("Patruljering af havnevagt hver fjerde time")),
        (Cell("3"), Cell("Permanent vagt på området")),
    ),
)

RESIDUAL = Table(
    key="7.2-form-001-rating",
    caption="Vurdering",
    columns=(
        Column("", 2),
        Column("Konsekvens", 1),
        Column("Sandsynlighed", 1),
        Column("Farve", 1),
    ),
    rows=(
        (Cell("Før", bold=True), Cell("3"), Cell("III"), Cell("Gul", fill=Y)),
        (Cell("Efter tiltag", bold=True), Cell("3"), Cell("II"), Cell("Grøn", fill=N)),
    ),
)

SUMMARY = Table(
    key="8.2",
    caption="Skema 8.2 Beskrivelse af sårbarhedspunkter og modforanstaltninger",
    columns=(Column("Sårbarhed", 2), Column("Sikringstiltag", 3)),
    rows=((Cell(ITEM), Cell("Port med adgangskontrolsystem; kameraer med bevægelsessensorer")),),
)


def _heatmap(key: str, caption: str, counts: tuple[tuple[int, ...], ...]) -> MatrixView:
    return replace(MATRIX, key=key, caption=caption, rated=None, residual=None, counts=counts)


ZERO = (0, 0, 0, 0, 0)
HEATMAP_BEFORE = _heatmap(
    "heatmap-before",
    "Risici før foreslåede sikringstiltag",
    (ZERO, ZERO, (0, 0, 2, 0, 0), ZERO, ZERO),
)
HEATMAP_AFTER = _heatmap(
    "heatmap-after",
    "Risici efter foreslåede sikringstiltag",
    (ZERO, (0, 0, 2, 0, 0), ZERO, ZERO, ZERO),
)


def _heading(level: int, number: str, text: str) -> Heading:
    anchor = "s-" + number.replace(".", "-") if number else "s-" + text.lower().replace(" ", "-")
    return Heading(level, number, text, anchor)


BLOCKS: tuple[Block, ...] = (
    Paragraph("Havnefacilitetssårbarhedsvurdering (PFSA)"),
    Image("logo", LOGO_FILE, "RSO-logo"),
    FRONT_PAGE,
    PageBreak(),
    Contents("Indholdsfortegnelse"),
    PageBreak(),
    _heading(1, "1", SECTION_HEADINGS[0]),
    Paragraph("Sårbarhedsvurderingen er udarbejdet i samarbejde med politiet."),
    _heading(2, "1.2", "Udarbejdelse"),
    PARTICIPANTS,
    _heading(1, "2", SECTION_HEADINGS[1]),
    _heading(2, "2.3", "Havnefacilitetens aktivitet"),
    SHIP_TRAFFIC,
    Paragraph("Beskrivelse af trafikmønster: endnu ikke udfyldt.", TextStyle.EMPTY),
    _heading(1, "6", SECTION_HEADINGS[2]),
    _heading(2, "6.2", "Sammenfatning over sårbare elementer og relevante trusler"),
    GRID,
    Paragraph("Trusselslisten er et forslag (PROPOSAL).", TextStyle.NOTE),
    PageBreak(),
    _heading(1, "7", SECTION_HEADINGS[3]),
    _heading(2, "7.1", "Liste over risikovurderinger"),
    REGISTER_TABLE,
    _heading(2, "7.2", "Risikovurdering"),
    Heading(3, "7.2", "Risikovurdering nr. 1", "s-7-2-form-001"),
    FORM_HEADER,
    MATRIX,
    Paragraph(
        "Konsekvensen vurderes som Alvorlig (3). Uautoriseret adgang anses som sandsynligt "
        "(III). Risikovurderingen ender derfor i gul."
    ),
    MEASURES,
    RESIDUAL,
    _heading(1, "8", SECTION_HEADINGS[4]),
    _heading(2, "8.2", "Beskrivelse af sårbarhedspunkter og modforanstaltninger"),
    SUMMARY,
)


def _register_row(number: int, item: str, threat: str) -> RegisterRow:
    return RegisterRow(
        number=number,
        form_id=f"form-{number:03d}",
        vulnerability=item,
        threat=threat,
        consequence=Consequence.SERIOUS,
        likelihood=Likelihood.III,
        colour=Y,
        existing=("Området er indhegnet og skiltet", "Belyst i mørke"),
        level_1=("Port med adgangskontrolsystem",),
        level_2=("Patruljering hver fjerde time",),
        level_3=("Permanent vagt",),
        residual_consequence=Consequence.SERIOUS,
        residual_likelihood=Likelihood.II,
        residual_colour=N,
    )


REGISTER = RegisterView(
    title="Risikoregister",
    columns=(
        "Nr.",
        "Id",
        "Sårbarhed",
        "Trussel",
        "Konsekvens",
        "Sandsynlighed",
        "Farve",
        "Eksisterende sikringstiltag",
        "Sikringsniveau 1",
        "Sikringsniveau 2",
        "Sikringsniveau 3",
        "Konsekvens efter tiltag",
        "Sandsynlighed efter tiltag",
        "Farve efter tiltag",
    ),
    rows=(_register_row(1, ITEM, THREAT), _register_row(2, "Havnekontoret", THREATS[0])),
    colour_names=((G, "Grå"), (N, "Grøn"), (Y, "Gul"), (O, "Orange"), (R, "Rød")),
)


def sample_document(*, draft: bool = False) -> Document:
    """The sample in Danish; `draft` sets the KLADDE marking."""
    return Document(
        title="Havnefacilitetssårbarhedsvurdering (PFSA)",
        subject="Nordkajen, Fjordby Havn",
        language="da",
        marking="FORTROLIGT når udfyldt",
        draft_marking="KLADDE" if draft else "",
        created=date(2021, 5, 1),
        identifier="pfsa-fjordby@1",
        page_label="Side {page} af {pages}",
        blocks=BLOCKS,
        register=REGISTER,
        grid=GRID,
        heatmaps=(HEATMAP_BEFORE, HEATMAP_AFTER),
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_logo(width: int = 64, height: int = 24) -> bytes:
    """A small deterministic PNG (navy bar with a lighter band) to stand in for the RSO logo."""
    rows = b"".join(
        b"\x00" + (b"\x1f\x3a\x68" if y < height // 2 else b"\x4f\x8a\xc8") * width
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 9))
        + _png_chunk(b"IEND", b"")
    )


def write_assets(folder: Path) -> Path:
    """An assets folder holding the logo the sample's Image block names."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOGO_FILE).write_bytes(png_logo())
    return folder
