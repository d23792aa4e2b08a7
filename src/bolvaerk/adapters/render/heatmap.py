"""Heat maps: the 5x5 risk matrix with the number of risks in each cell, as SVG and PNG.

One matplotlib drawing gives both formats (docs/adr/0006-heat-maps.md). Consequence 1..5 runs
along the X axis, likelihood I..V up the Y axis; every cell has its risk colour, the count in
the middle (empty cells stay blank), and a small "*" when the cell's colour is our PROPOSAL.
A form's matrix (no counts) shows its rated cell with an X and its residual cell outlined.

Deterministic: the same view gives the same bytes (fixed SVG hash salt, no dates, no software
version in the metadata, matplotlib's bundled DejaVu Sans). SVG text stays text, so the
counts and labels can be searched, read by a screen reader and checked by tests.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.typing import RcKeyType

from bolvaerk.adapters.render.colours import FILLS, text_colour
from bolvaerk.adapters.render.registry import Renderer, register
from bolvaerk.domain.document.model import Document, MatrixView
from bolvaerk.domain.enums import Likelihood

SIZE = 5
NUMERALS = tuple(likelihood.value for likelihood in Likelihood)  # I..V, bottom to top
MAP_WIDTH, MAP_HEIGHT = 6.4, 5.6  # inches per map
DPI = 200
EDGE = "#FFFFFF"
INK = "#000000"

RC: dict[RcKeyType, object] = {
    "font.family": [
        "DejaVu Sans",
        "sans-serif",
    ],  # bundled with matplotlib: the same glyphs on every machine
    "svg.fonttype": "none",  # text stays <text>, not paths
    "svg.hashsalt": "bolvaerk-heatmap",  # fixed ids for clip paths
    "svg.id": None,
    "path.simplify": False,
}
SVG_METADATA: dict[str, str | None] = {"Date": None, "Creator": None}


class NoHeatmapsError(ValueError):
    """The document carries no heat maps, so there is nothing to draw."""


def heatmap_svg(view: MatrixView) -> str:
    """The heat map of one matrix as an SVG document (UTF-8 text)."""
    return _svg(_figure((view,)), view.caption)


def heatmap_png(view: MatrixView) -> bytes:
    """The heat map of one matrix as a PNG image."""
    return _png(_figure((view,)), view.caption)


def heatmaps_svg(views: Sequence[MatrixView], header: str = "") -> str:
    """Several heat maps (before and after the proposed measures) side by side, as SVG."""
    return _svg(_figure(views, header), _title(views))


def heatmaps_png(views: Sequence[MatrixView], header: str = "") -> bytes:
    """Several heat maps side by side, as PNG."""
    return _png(_figure(views, header), _title(views))


# ---------------------------------------------------------------- drawing


def _figure(views: Sequence[MatrixView], header: str = "") -> Figure:
    if not views:
        raise NoHeatmapsError("no heat maps to draw")
    with mpl.rc_context(RC):
        figure = Figure(figsize=(MAP_WIDTH * len(views), MAP_HEIGHT), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(1, len(views), squeeze=False)[0]
        for ax, view in zip(axes, views, strict=True):
            _draw(ax, view)
        legends = list(dict.fromkeys(view.legend for view in views if view.legend))
        if legends:
            width = 70 * len(views)
            text = "\n".join(textwrap.fill(legend, width) for legend in legends)
            figure.supxlabel(text, fontsize=8, fontstyle="italic", x=0.02, ha="left")
        if header:
            figure.suptitle(header, fontsize=9, x=0.98, ha="right", fontweight="bold")
    return figure


def _draw(ax: Axes, view: MatrixView) -> None:
    _check(view)
    for row in range(SIZE):
        for column in range(SIZE):
            _cell(ax, view, row, column)
    ax.set_xlim(0, SIZE)
    ax.set_ylim(0, SIZE)
    ax.set_aspect("equal")
    ax.set_xticks(
        [column + 0.5 for column in range(SIZE)],
        [_label(str(column + 1), view.consequence_labels[column], 12) for column in range(SIZE)],
        fontsize=8,
    )
    ax.set_yticks(
        [row + 0.5 for row in range(SIZE)],
        [_label(NUMERALS[row], view.likelihood_labels[row], 13) for row in range(SIZE)],
        fontsize=8,
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(_title_lines(view.consequence_title), fontsize=9, fontweight="bold")
    ax.set_ylabel(_title_lines(view.likelihood_title), fontsize=9, fontweight="bold")
    ax.set_title(textwrap.fill(view.caption, 55), fontsize=11, fontweight="bold", pad=10)


def _cell(ax: Axes, view: MatrixView, row: int, column: int) -> None:
    colour = view.colours[row][column]
    name = f"{view.key}-cell-{column + 1}-{NUMERALS[row]}"
    ax.add_patch(
        Rectangle(
            (column, row),
            1,
            1,
            facecolor="#" + FILLS[colour],
            edgecolor=EDGE,
            linewidth=2,
            gid=name,
        )
    )
    ink = "#" + text_colour(colour)
    count = view.counts[row][column] if view.counts is not None else 0
    if count:
        ax.text(
            column + 0.5,
            row + 0.5,
            str(count),
            ha="center",
            va="center",
            fontsize=22,
            fontweight="bold",
            color=ink,
            gid=f"{view.key}-count-{column + 1}-{NUMERALS[row]}",
        )
    if view.proposal[row][column]:
        ax.text(
            column + 0.92,
            row + 0.9,
            "*",
            ha="right",
            va="top",
            fontsize=9,
            color=ink,
            gid=f"{view.key}-proposal-{column + 1}-{NUMERALS[row]}",
        )
    _marks(ax, view, row, column, ink)


def _marks(ax: Axes, view: MatrixView, row: int, column: int, ink: str) -> None:
    here = (column + 1, row + 1)
    if view.rated is not None and (view.rated[0].value, view.rated[1].rank) == here:
        ax.text(column + 0.5, row + 0.5, "X", ha="center", va="center", fontsize=26, color=ink)
    if view.residual is not None and (view.residual[0].value, view.residual[1].rank) == here:
        ax.add_patch(
            Rectangle(
                (column + 0.06, row + 0.06),
                0.88,
                0.88,
                fill=False,
                edgecolor=INK,
                linewidth=2,
                linestyle="--",
            )
        )


def _check(view: MatrixView) -> None:
    shapes = [view.colours, view.proposal] + ([view.counts] if view.counts is not None else [])
    for shape in shapes:
        if len(shape) != SIZE or any(len(row) != SIZE for row in shape):
            raise ValueError(f"matrix {view.key!r} is not {SIZE}x{SIZE}")
    if len(view.consequence_labels) != SIZE or len(view.likelihood_labels) != SIZE:
        raise ValueError(f"matrix {view.key!r} needs {SIZE} labels on each axis")


def _label(numeral: str, label: str, width: int) -> str:
    """The tick label with its numeral first ("3 Alvorlig"), wrapped to `width` characters."""
    text = label if label.split(" ", 1)[0] == numeral else f"{numeral} {label}".strip()
    return textwrap.fill(text, width, break_long_words=False)


def _title_lines(title: str) -> str:
    """An axis title with its explanation in brackets on a line of its own."""
    head, bracket, rest = title.partition(" (")
    return f"{head}\n({rest}" if bracket else title


def _title(views: Sequence[MatrixView]) -> str:
    return " / ".join(view.caption for view in views)


# ---------------------------------------------------------------- output


def _svg(figure: Figure, title: str) -> str:
    buffer = io.BytesIO()
    with mpl.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA | {"Title": title})
    return buffer.getvalue().decode("utf-8")


def _png(figure: Figure, title: str) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context(RC):
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None, "Title": title})
    return buffer.getvalue()


# ---------------------------------------------------------------- renderers


def _header(document: Document) -> str:
    return "   ".join(part for part in (document.draft_marking, document.marking) if part)


def render_heatmap_svg(document: Document, _assets: object = None) -> bytes:
    return heatmaps_svg(document.heatmaps, _header(document)).encode("utf-8")


def render_heatmap_png(document: Document, _assets: object = None) -> bytes:
    return heatmaps_png(document.heatmaps, _header(document))


register(Renderer("heatmap-svg", ".svg", "image/svg+xml", render_heatmap_svg))
register(Renderer("heatmap-png", ".png", "image/png", render_heatmap_png))

__all__ = ["NoHeatmapsError", "heatmap_png", "heatmap_svg", "heatmaps_png", "heatmaps_svg"]
