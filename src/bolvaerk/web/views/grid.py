"""The asset x threat grid 6.2.1: the main screen. Tick a cross to make its risk form, see each
cross's colour, open its form; untick to remove a form (a form with content asks first).
Each click posts the version the grid was loaded from (updated after every htmx toggle): a
click on a cross someone else changed meanwhile is refused and the grid shown afresh."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bolvaerk.content.catalogues import asset_categories
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import Colour, Provenance
from bolvaerk.domain.grid import GridCell, build_grid
from bolvaerk.domain.threats import Threat
from bolvaerk.services.conflicts import Conflict
from bolvaerk.services.context import resolve_model
from bolvaerk.services.risk_editing import NeedsConfirmation, do_toggle_cross, form_has_content
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.views.conflict_view import conflict_context, posted_base
from bolvaerk.web.views.risk_common import Loaded, findings_for, language, load_for
from bolvaerk.web.views.risk_labels import colour_names

GRID_SECTIONS = ("sections.5", "sections.6", "sections.7")


@dataclass(frozen=True, slots=True)
class Column:
    code: str  # T1..Tn
    threat: Threat
    relevant: bool  # a threat judged not relevant takes no new crosses


@dataclass(frozen=True, slots=True)
class Cell:
    item_id: str
    threat_id: str
    key: str  # "item|threat": the value a toggle posts
    dom_id: str
    form_id: str
    number: int | None
    colour: str  # "" while not rated
    proposal: bool
    tickable: bool
    has_content: bool
    label: str  # for screen readers: item x threat
    title: str = ""  # tooltip of a crossed cell: number, colour, PROPOSAL
    untick: str = ""  # the untick button's label
    confirm: str = ""  # the question before an empty form goes (hx-confirm)


@dataclass(frozen=True, slots=True)
class Texts:
    """The cell texts, translated once per page (a grid has thousands of cells)."""

    colours: dict[str, str]
    form: str
    not_rated: str
    proposal: str
    untick: str
    confirm: str


def _texts(names: dict[Colour, str]) -> Texts:
    return Texts(
        colours={colour.value: name for colour, name in names.items()},
        form=_("Risk assessment %(number)s"),
        not_rated=_("not rated"),
        proposal=_("PROPOSAL cell"),
        untick=_("Remove the cross of risk assessment %(number)s"),
        confirm=_("Remove risk assessment %(number)s with its cross?"),
    )


def _cell(item: AssetItem, column: Column, grid_cell: GridCell | None, texts: Texts) -> Cell:
    form = grid_cell.form if grid_cell else None
    rating = grid_cell.rating if grid_cell else None
    cell = _bare_cell(item, column, grid_cell)
    if form is None:
        return cell
    number = {"number": form.number}
    parts = [texts.form % number, texts.colours[rating.colour.value] if rating else texts.not_rated]
    if cell.proposal:
        parts.append(texts.proposal)
    return replace(
        cell,
        title=" · ".join(parts),
        untick=texts.untick % number,
        confirm="" if cell.has_content else texts.confirm % number,
    )


def _bare_cell(item: AssetItem, column: Column, grid_cell: GridCell | None) -> Cell:
    item_id, threat_id = item.id, column.threat.id
    form = grid_cell.form if grid_cell else None
    rating = grid_cell.rating if grid_cell else None
    return Cell(
        item_id=item_id,
        threat_id=threat_id,
        key=f"{item_id}|{threat_id}",
        dom_id=f"cell-{item_id}-{threat_id}".replace(".", "_").replace(":", "_"),
        form_id=form.id if form else "",
        number=form.number if form else None,
        colour=rating.colour.value if rating else "",
        proposal=bool(rating and rating.provenance is not Provenance.SOURCED),
        tickable=column.relevant,
        has_content=bool(form and form_has_content(form)),
        label=f"{item.name or item.id} - {column.code} {column.threat.name}",
    )


def _grid_context(request: HttpRequest, loaded: Loaded) -> dict[str, object]:
    assessment = loaded.assessment
    model = resolve_model(assessment.meta.risk_model)
    grid = build_grid(assessment, model)
    skemas = asset_categories()
    lang = language(request)
    columns = [
        Column(f"T{index}", threat, relevant=threat.relevant is not False)
        for index, threat in enumerate(grid.columns, start=1)
    ]
    names = colour_names(assessment.meta.risk_model, lang)
    texts = _texts(names)
    rows = []
    for item in grid.rows:
        cells = [
            _cell(item, column, grid.cell(item.id, column.threat.id), texts) for column in columns
        ]
        rows.append({"item": item, "skema": skemas[item.category].title[lang], "cells": cells})
    by_colour = {colour.value: 0 for colour in Colour}
    unrated = 0
    for grid_cell in grid.cells.values():
        if grid_cell.rating is None:
            unrated += 1
        else:
            by_colour[grid_cell.rating.colour.value] += 1
    findings, counts = findings_for(loaded, lang, GRID_SECTIONS)
    return {
        "record": loaded.record,
        "assessment": assessment,
        "may": loaded.may,
        "model": model,
        "columns": columns,
        "rows": rows,
        "cross_count": grid.cross_count,
        "outside": len(assessment.sections.risk.forms) - grid.cross_count,
        "colours": [(c.value, names[c], by_colour[c.value]) for c in Colour],
        "unrated": unrated,
        "findings": findings,
        "counts": counts,
        "form_base": reverse("risk-grid", args=[loaded.record.pk]).replace("grid/", "forms/"),
        "toggle_url": reverse("risk-toggle", args=[loaded.record.pk]),
        "items_count": len(assessment.sections.assets.items),
        "base_version": loaded.record.current_version,
    }


def grid_page(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    return render(request, "bolvaerk/risk/grid.html", _grid_context(request, loaded))


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _confirm_url(record_id: int, key: str) -> str:
    return reverse("risk-untick", args=[record_id]) + "?" + urlencode({"cross": key})


def _go(request: HttpRequest, url: str) -> HttpResponse:
    """Send the browser to `url` (htmx follows HX-Redirect with a full page load)."""
    if _is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


@require_POST
def toggle(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    key = request.POST.get("cross", "")
    item_id, _sep, threat_id = key.partition("|")
    if not item_id or not threat_id:
        return HttpResponseBadRequest(_("Which cross? The request named none."))
    confirm = request.POST.get("confirm") == "yes"
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    try:
        toggled = do_toggle_cross(
            request.user, loaded.record, item_id, threat_id, confirm=confirm, base=base
        )
    except Conflict as conflict:
        text = _("Your click was not applied: the grid below shows the current state.")
        messages.error(request, f"{conflict_context(conflict, {})['message']} {text}")
        return _go(request, reverse("risk-grid", args=[record_id]) + f"#row-{item_id}")
    except NeedsConfirmation:
        return _go(request, _confirm_url(record_id, key))
    except NotAllowed as refusal:
        if refusal.code == "edit":
            raise PermissionDenied from None
        messages.error(
            request, _("This cross cannot be ticked: the row or column is not in the grid.")
        )
        return redirect("risk-grid", record_id=record_id)
    if not _is_htmx(request):
        if toggled.created:
            text = _("Risk assessment %(number)s created.") % {"number": toggled.form.number}
        else:
            text = _("Risk assessment %(number)s removed.") % {"number": toggled.form.number}
        messages.success(request, text)
        return redirect(reverse("risk-grid", args=[record_id]) + f"#row-{item_id}")
    context = _grid_context(request, load_for(request, record_id))
    cell = next(
        cell
        for row in context["rows"]  # type: ignore[attr-defined]
        for cell in row["cells"]
        if cell.key == key
    )
    context["cell"] = cell
    context["oob"] = True
    return render(request, "bolvaerk/risk/_toggled.html", context)


def untick(request: HttpRequest, record_id: int) -> HttpResponse:
    """The explicit question before a form with content is removed with its cross."""
    loaded = load_for(request, record_id)
    key = request.GET.get("cross", "")
    item_id, _sep, threat_id = key.partition("|")
    form = next(
        (f for f in loaded.assessment.sections.risk.forms if f.cross == (item_id, threat_id)),
        None,
    )
    if form is None:
        return redirect("risk-grid", record_id=record_id)
    return render(
        request,
        "bolvaerk/risk/untick.html",
        {
            "record": loaded.record,
            "assessment": loaded.assessment,
            "may": loaded.may,
            "form": form,
            "key": key,
            "item": loaded.assessment.sections.assets.by_id().get(item_id),
            "threat": loaded.assessment.sections.threats.by_id().get(threat_id),
            "base_version": loaded.record.current_version,
        },
    )
