"""Sections 7 and 8: the register 7.1, one 7.2 form per cross, the summary 8.1/8.2; the annexes."""

from __future__ import annotations

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.document.blocks import (
    bullet_lines,
    cell,
    fields_table,
    heading,
    optional_text,
    text_or_empty,
)
from bolvaerk.domain.document.matrices import matrix_view
from bolvaerk.domain.document.model import (
    Align,
    Block,
    Cell,
    Column,
    PageBreak,
    Paragraph,
    Table,
    TextStyle,
)
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import SecurityLevel
from bolvaerk.domain.grid import Grid, GridCell
from bolvaerk.domain.risk import Rating, RiskModel
from bolvaerk.domain.risk_forms import Measure, RiskForm
from bolvaerk.domain.summary import generate_summary


def _rating_cell(rating: Rating | None, t: Texts) -> Cell:
    if rating is None:
        return Cell(t("doc.empty"), empty=True, align=Align.CENTER)
    return Cell(t.colour(rating.colour), fill=rating.colour, align=Align.CENTER)


def section_7(a: Assessment, grid: Grid, model: RiskModel | None, t: Texts) -> tuple[Block, ...]:
    risk = a.sections.risk
    items = a.sections.assets.by_id()
    threats = a.sections.threats.by_id()
    forms = sorted(risk.forms, key=lambda f: f.number)
    register = Table(
        "7.1",
        t("s7.1.caption"),
        (
            Column(t("s7.1.number"), 1, Align.CENTER),
            Column(t("s7.1.assessment"), 4),
            Column(t("s7.1.threat"), 5),
            Column(t("s7.1.colour"), 2, Align.CENTER),
            Column(t("s7.1.residual"), 2, Align.CENTER),
        ),
        tuple(
            (
                Cell(str(form.number), align=Align.CENTER),
                cell(_name(items.get(form.item), form.item), t),
                cell(_name(threats.get(form.threat), form.threat), t),
                _rating_cell(_grid_cell(grid, form, "rating"), t),
                _rating_cell(_grid_cell(grid, form, "residual"), t),
            )
            for form in forms
        ),
    )
    blocks: list[Block] = [
        heading(1, "7", t("s7.heading")),
        *optional_text(risk.text),
        heading(2, "7.1", t("s7.1.heading")),
        register,
        heading(2, "7.2", t("s7.2.heading")),
        heading(3, "7.2.1", t("s7.2.1.heading")),
        *optional_text(risk.method_text),
    ]
    for form in forms:
        item_name = _name(items.get(form.item), form.item)
        names = (item_name, _name(threats.get(form.threat), form.threat))
        blocks += _form(form, grid, model, t, names=names)
    return tuple(blocks)


def _name(value: object, fallback: str) -> str:
    name = getattr(value, "name", "")
    return name if isinstance(name, str) and name.strip() else fallback


def _grid_cell(grid: Grid, form: RiskForm, which: str) -> Rating | None:
    found: GridCell | None = grid.cells.get(form.cross)
    if found is None or found.form.id != form.id:
        return None
    return found.rating if which == "rating" else found.residual


def _measures_table(key: str, caption: str, measures: tuple[Measure, ...], t: Texts) -> Table:
    rows = tuple((Cell(m.text.strip()),) for m in measures if m.text.strip())
    return Table(key, caption, (Column(t("s7.2.measure"), 1),), rows or ((Cell(t("s7.2.none")),),))


def _form(
    form: RiskForm, grid: Grid, model: RiskModel | None, t: Texts, *, names: tuple[str, str]
) -> list[Block]:
    vulnerability, threat = names
    rating = _grid_cell(grid, form, "rating")
    residual = _grid_cell(grid, form, "residual")
    blocks: list[Block] = [
        PageBreak(),
        heading(3, "7.2", t("s7.2.form", number=form.number), form.id),
    ]
    if form.needs_reassessment:
        blocks.append(Paragraph(t("doc.reassess"), TextStyle.NOTE))
    blocks.append(
        fields_table(
            f"7.2-{form.id}",
            t("s7.2.header_caption", number=form.number),
            [
                (t("s7.2.number"), Cell(str(form.number))),
                (t("s7.2.date"), cell(t.date(form.date) if form.date else None, t)),
                (t("s7.2.vulnerability"), cell(vulnerability, t)),
                (t("s7.2.threat"), cell(threat, t)),
                (
                    t("s7.2.consequence"),
                    cell(
                        f"{int(form.consequence)} {t.consequence(form.consequence)}"
                        if form.consequence
                        else None,
                        t,
                    ),
                ),
                (
                    t("s7.2.likelihood"),
                    cell(
                        f"{form.likelihood.value} {t.likelihood(form.likelihood)}"
                        if form.likelihood
                        else None,
                        t,
                    ),
                ),
            ],
            t,
        )
    )
    if model is not None:
        blocks.append(
            matrix_view(
                f"7.2-{form.id}-matrix",
                t("s7.2.matrix_caption", number=form.number),
                model,
                t,
                rated=rating,
                residual=residual if residual is not None and residual != rating else None,
                legend=t("s7.2.matrix_legend"),
            )
        )
    blocks.append(_result(rating, t))
    blocks += [Paragraph(t("s7.2.consequence_reason")), text_or_empty(form.consequence_reason, t)]
    blocks += [Paragraph(t("s7.2.likelihood_reason")), text_or_empty(form.likelihood_reason, t)]
    blocks.append(
        _measures_table(
            f"7.2-{form.id}-existing", t("s7.2.existing_caption"), form.existing_measures, t
        )
    )
    blocks.append(
        Table(
            f"7.2-{form.id}-proposed",
            t("s7.2.proposed_caption"),
            (Column(t("s7.2.level"), 1), Column(t("s7.2.measure"), 4)),
            tuple(
                (
                    Cell(t("s7.2.level_n", level=int(level)), bold=True),
                    Cell(bullet_lines(m.text for m in form.proposed.at(level)) or t("s7.2.none")),
                )
                for level in SecurityLevel
            ),
        )
    )
    if form.effect.strip():
        blocks += [Paragraph(t("s7.2.effect")), Paragraph(form.effect.strip())]
    if residual is not None and (form.residual_consequence or form.residual_likelihood):
        blocks.append(
            Paragraph(
                t(
                    "s7.2.residual",
                    consequence=int(residual.consequence),
                    likelihood=residual.likelihood.value,
                    colour=t.colour(residual.colour),
                    acceptable=t(
                        "s7.2.acceptable" if residual.acceptable else "s7.2.not_acceptable"
                    ),
                )
            )
        )
    if form.residual_justification.strip():
        blocks += [
            Paragraph(t("s7.2.justification")),
            Paragraph(form.residual_justification.strip()),
        ]
    return blocks


def _result(rating: Rating | None, t: Texts) -> Paragraph:
    if rating is None:
        return Paragraph(t("s7.2.unrated"), TextStyle.EMPTY)
    return Paragraph(
        t(
            "s7.2.result",
            consequence_label=t.consequence(rating.consequence),
            consequence=int(rating.consequence),
            likelihood_label=t.likelihood(rating.likelihood),
            likelihood=rating.likelihood.value,
            colour=t.colour(rating.colour),
            acceptable=t("s7.2.acceptable" if rating.acceptable else "s7.2.not_acceptable"),
        )
    )


def section_8(a: Assessment, t: Texts) -> tuple[Block, ...]:
    s = a.sections
    rows = generate_summary(s.assets, s.threats, s.risk, s.summary)
    blocks: list[Block] = [
        PageBreak(),
        heading(1, "8", t("s8.heading")),
        text_or_empty(s.summary.text, t),
    ]
    if s.summary.status_justification.strip():
        blocks += [Paragraph(t("s8.status")), Paragraph(s.summary.status_justification.strip())]
    blocks += [
        heading(2, "8.1", t("s8.1.heading")),
        text_or_empty(s.summary.method_text, t),
        heading(2, "8.2", t("s8.2.heading")),
    ]
    if not rows:
        blocks.append(Paragraph(t("s8.2.none"), TextStyle.NOTE))
        return tuple(blocks)
    blocks.append(
        Table(
            "8.2",
            t("s8.2.caption"),
            (
                Column(t("s8.2.number"), 1, Align.CENTER),
                Column(t("s8.2.vulnerability"), 3),
                Column(t("s8.2.threat"), 3),
                Column(t("s8.2.measures"), 6),
            ),
            tuple(
                (
                    Cell(str(r.number), align=Align.CENTER),
                    Cell(r.vulnerability),
                    Cell(r.threat),
                    cell(r.measures, t),
                )
                for r in rows
            ),
        )
    )
    return tuple(blocks)


def _delivery(annex: Annex, t: Texts) -> str:
    if annex.electronic:
        return t("annex.electronic")
    if annex.registered_letter_sent is None:
        return t("annex.letter_pending")
    return t("annex.letter", date=t.date(annex.registered_letter_sent))


def annex_list(a: Assessment, t: Texts) -> tuple[Block, ...]:
    return (
        PageBreak(),
        heading(1, "", t("annex.heading"), "annexes"),
        Table(
            "annexes",
            t("annex.caption"),
            (
                Column(t("annex.number"), 1),
                Column(t("annex.name"), 5),
                Column(t("annex.file"), 3),
                Column(t("annex.delivery"), 2),
            ),
            tuple(
                (cell(x.number, t), cell(x.name, t), Cell(x.file), Cell(_delivery(x, t)))
                for x in a.annexes
            ),
        ),
    )
