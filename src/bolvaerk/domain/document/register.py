"""The risk register as data, for spreadsheets: one row per risk form, values kept typed."""

from __future__ import annotations

from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.document.model import RegisterRow, RegisterView
from bolvaerk.domain.document.texts import Texts
from bolvaerk.domain.enums import Colour
from bolvaerk.domain.grid import Grid
from bolvaerk.domain.risk_forms import Measure

REGISTER_COLUMNS = (
    "number",
    "form_id",
    "vulnerability",
    "threat",
    "consequence",
    "likelihood",
    "colour",
    "existing",
    "level_1",
    "level_2",
    "level_3",
    "residual_consequence",
    "residual_likelihood",
    "residual_colour",
)


def _texts(measures: tuple[Measure, ...]) -> tuple[str, ...]:
    return tuple(m.text.strip() for m in measures if m.text.strip())


def register_view(a: Assessment, grid: Grid, t: Texts) -> RegisterView:
    items = a.sections.assets.by_id()
    threats = a.sections.threats.by_id()
    rows = []
    for form in sorted(a.sections.risk.forms, key=lambda f: f.number):
        found = grid.cells.get(form.cross)
        mine = found is not None and found.form.id == form.id
        rating = found.rating if mine and found is not None else None
        residual = found.residual if mine and found is not None else None
        item = items.get(form.item)
        threat = threats.get(form.threat)
        rows.append(
            RegisterRow(
                number=form.number,
                form_id=form.id,
                vulnerability=item.name if item is not None else form.item,
                threat=threat.name if threat is not None else form.threat,
                consequence=form.consequence,
                likelihood=form.likelihood,
                colour=rating.colour if rating is not None else None,
                existing=_texts(form.existing_measures),
                level_1=_texts(form.proposed.level_1),
                level_2=_texts(form.proposed.level_2),
                level_3=_texts(form.proposed.level_3),
                residual_consequence=form.residual_consequence,
                residual_likelihood=form.residual_likelihood,
                residual_colour=residual.colour if residual is not None else None,
                needs_reassessment=form.needs_reassessment,
            )
        )
    return RegisterView(
        title=t("register.title"),
        columns=tuple(t(f"register.{name}") for name in REGISTER_COLUMNS),
        rows=tuple(rows),
        colour_names=tuple((colour, t.colour(colour)) for colour in Colour),
    )
