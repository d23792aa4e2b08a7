"""Small helpers shared by the section builders: texts that may be empty, field tables."""

from __future__ import annotations

from collections.abc import Iterable

from bolvaerk.domain.document.model import (
    Align,
    Block,
    Cell,
    Column,
    Heading,
    Paragraph,
    Table,
    TableKind,
    TextStyle,
)
from bolvaerk.domain.document.texts import Texts


def anchor(*parts: str) -> str:
    return "-".join(part.replace(".", "-") for part in parts if part)


def heading(level: int, number: str, text: str, *extra: str) -> Heading:
    return Heading(level, number, text, anchor("s", number, *extra))


def text_or_empty(value: str, t: Texts) -> Paragraph:
    if value.strip():
        return Paragraph(value.strip())
    return Paragraph(t("doc.empty"), TextStyle.EMPTY)


def optional_text(value: str) -> tuple[Block, ...]:
    return (Paragraph(value.strip()),) if value.strip() else ()


def cell(value: str | int | float | None, t: Texts, *, align: Align = Align.LEFT) -> Cell:
    """A table cell; empty values are shown as not filled in."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Cell(t("doc.empty"), align=align, empty=True)
    if isinstance(value, float):
        shown = f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
        return Cell(shown.replace(",", "."), align=align)  # Danish thousands separator
    if isinstance(value, int):
        return Cell(f"{value:,}".replace(",", "."), align=align)
    return Cell(value.strip(), align=align)


def fields_table(key: str, caption: str, rows: Iterable[tuple[str, Cell]], t: Texts) -> Table:
    """A two-column label | value table (front page, company profile, form header)."""
    return Table(
        key=key,
        caption=caption,
        columns=(Column(t("front.field"), 2), Column(t("front.value"), 3)),
        rows=tuple((Cell(label, bold=True), value) for label, value in rows),
        kind=TableKind.FIELDS,
    )


def bullet_lines(texts: Iterable[str]) -> str:
    lines = [text.strip() for text in texts if text.strip()]
    return "\n".join(f"• {line}" for line in lines)
