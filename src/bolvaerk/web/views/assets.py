"""Section 5: the items of skemas 5.1-5.15 with S and V (one table form per skema), an item's
detail page (flags, company link, the 5.5 cyber description), removing an item. Every form
carries the version it was loaded from; a save after someone else saved the same rows or item
is refused (409) with the diff, the typed input kept."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bolvaerk.content.catalogues import CyberNeed, asset_categories, measure_catalogue
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory
from bolvaerk.services.conflicts import Conflict, assessment_at
from bolvaerk.services.risk_editing import (
    ItemRow,
    do_remove_item,
    do_save_item,
    do_save_items,
)
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.forms_risk.items import ItemForm, edited_item, item_initial, new_row, table_rows
from bolvaerk.web.forms_risk.parsing import was
from bolvaerk.web.views.conflict_view import (
    CONFLICT_STATUS,
    base_for,
    conflict_context,
    posted_base,
)
from bolvaerk.web.views.risk_common import (
    Loaded,
    Shown,
    confirm_removal,
    findings_for,
    language,
    load_for,
)

# the fields of an item by their path below it, for the diff of a refused save
ITEM_LABELS = {
    "name": gettext_lazy("Item"),
    "description": gettext_lazy("Use and importance"),
    "vulnerable": gettext_lazy("vulnerable (S)"),
    "significant": gettext_lazy("significant (V)"),
}


@dataclass(frozen=True, slots=True)
class Typed:
    """The table of one skema as the user posted it (shown again when it was not saved)."""

    category: AssetCategory
    rows: dict[str, ItemRow]
    new: ItemRow | None
    new_error: bool  # the new row was typed without a name


def _skemas(request: HttpRequest, loaded: Loaded, typed: Typed | None) -> list[dict[str, object]]:
    lang = language(request)
    skemas = []
    for category, skema in asset_categories().items():
        rows = []
        for index, item in enumerate(loaded.assessment.sections.assets.items):
            if item.category is not category:
                continue
            shown = typed.rows.get(item.id) if typed and typed.category is category else None
            rows.append(
                {
                    "item": item,
                    "a": anchor(f"sections.5.items[{index}]"),
                    "name": shown.name if shown else item.name,
                    "description": shown.description if shown else item.description,
                    "s": shown.vulnerable if shown else item.vulnerable,
                    "v": shown.significant if shown else item.significant,
                    "s_was": was(item.vulnerable),
                    "v_was": was(item.significant),
                }
            )
        skemas.append(
            {
                "category": category,
                "title": skema.title[lang],
                "help": skema.help[lang],
                "examples": skema.examples[lang],
                "questions": skema.questions[lang],
                "sv_note": skema.sv_default.note[lang] if skema.sv_default else "",
                "cyber": skema.cyber is not CyberNeed.NONE,
                "rows": rows,
                "new": typed.new if typed and typed.category is category else None,
                "new_error": bool(typed and typed.category is category and typed.new_error),
            }
        )
    return skemas


def items_page(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    if request.method != "POST":
        return _items_page(request, loaded, None, base=loaded.record.current_version)
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    try:
        category = AssetCategory(request.POST.get("category", ""))
    except ValueError:
        raise Http404 from None
    # the rows the user's page showed: an item someone added meanwhile is theirs, untouched
    shown = [i for i in loaded.assessment.sections.assets.items if f"{i.id}-name" in request.POST]
    rows = table_rows(request.POST, [i for i in shown if i.category is category])
    added, nameless = new_row(request.POST)
    if nameless:
        messages.error(request, _("The new item needs a name: nothing was saved."))
        new = ItemRow(
            name="",
            description=request.POST.get("new-description", ""),
            vulnerable=bool(request.POST.get("new-s")) or None,
            significant=bool(request.POST.get("new-v")) or None,
        )
        typed = Typed(category, rows, new, new_error=True)
        again = base_for(request, loaded.record.current_version)
        return _items_page(request, loaded, typed, base=again, status=400)
    try:
        do_save_items(request.user, loaded.record, category, rows, added, base=base)
    except Conflict as conflict:
        typed = Typed(category, rows, added, new_error=False)
        return _items_page(
            request,
            replace(loaded, assessment=conflict.current),
            typed,
            base=conflict.version,
            conflict=conflict_context(conflict, ITEM_LABELS),
            status=CONFLICT_STATUS,
        )
    except NotAllowed:
        raise PermissionDenied from None
    messages.success(request, _("Skema %(skema)s saved.") % {"skema": category.value})
    return redirect(reverse("risk-items", args=[record_id]) + f"#skema-{category.value}")


def _items_page(
    request: HttpRequest,
    loaded: Loaded,
    typed: Typed | None,
    *,
    base: int,
    conflict: dict[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    findings, counts = findings_for(loaded, language(request), ("sections.5",))
    context = {
        "record": loaded.record,
        "assessment": loaded.assessment,
        "may": loaded.may,
        "skemas": _skemas(request, loaded, typed),
        "findings": findings,
        "counts": counts,
        "typed_category": typed.category.value if typed else "",
        "base_version": base,
        "conflict": conflict,
    }
    return render(request, "bolvaerk/risk/items.html", context, status=status)


def _item_of(loaded: Loaded, item_id: str) -> tuple[int, AssetItem]:
    for index, item in enumerate(loaded.assessment.sections.assets.items):
        if item.id == item_id:
            return index, item
    raise Http404


def _item_form(request: HttpRequest, loaded: Loaded, item: AssetItem) -> ItemForm:
    lang = language(request)
    companies = loaded.assessment.sections.description.companies
    return ItemForm(
        request.POST if request.method == "POST" else None,
        initial=item_initial(item),
        categories=[(c.value, f"{c.value} {s.title[lang]}") for c, s in asset_categories().items()],
        companies=[(c.id, c.name or c.id) for c in companies],
        cyber_measures=[(m.id, m.name[lang]) for m in measure_catalogue().cyber_measures()],
    )


def _posted_item(loaded: Loaded, item_id: str, base: int) -> tuple[int, AssetItem]:
    """The item the user saves: in the current version, or (when someone else removed it
    meanwhile) as it was in the version the user's page was loaded from."""
    try:
        return _item_of(loaded, item_id)
    except Http404:
        if base >= loaded.record.current_version:
            raise
    try:
        old = assessment_at(loaded.record, base)
    except LookupError:
        raise Http404 from None
    return _item_of(replace(loaded, assessment=old), item_id)


def item_page(request: HttpRequest, record_id: int, item_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    if request.method != "POST":
        _index, item = _item_of(loaded, item_id)
        form = _item_form(request, loaded, item)
        return _item_page(request, loaded, item, form, Shown(loaded.record.current_version))
    if not loaded.may.edit:
        raise PermissionDenied
    base = posted_base(request)
    _index, item = _posted_item(loaded, item_id, base)
    form = _item_form(request, loaded, item)
    if not form.is_valid():
        messages.error(request, _("The item was not saved: see the marked fields."))
        again = Shown(base_for(request, loaded.record.current_version))
        return _item_page(request, loaded, item, form, again, status=400)
    with_cyber = asset_categories()[item.category].cyber is not CyberNeed.NONE
    edited = edited_item(item, form.cleaned_data, request.POST, with_cyber=with_cyber)
    try:
        do_save_item(request.user, loaded.record, edited, base=base)
    except Conflict as conflict:
        labels = {name: str(field.label) for name, field in form.fields.items()} | ITEM_LABELS
        shown = Shown(conflict.version, conflict_context(conflict, labels))
        loaded = replace(loaded, assessment=conflict.current)
        return _item_page(request, loaded, item, form, shown, status=CONFLICT_STATUS)
    except NotAllowed as refusal:
        if refusal.code != "unknown_item":
            raise PermissionDenied from None
        messages.error(
            request,
            _("Not saved: someone else removed this item. Your input is still shown below."),
        )
        shown = Shown(loaded.record.current_version, gone=True)
        return _item_page(request, loaded, item, form, shown, status=CONFLICT_STATUS)
    messages.success(request, _("Item “%(name)s” saved.") % {"name": edited.name})
    return redirect("risk-item", record_id=record_id, item_id=item_id)


def _item_page(
    request: HttpRequest,
    loaded: Loaded,
    item: AssetItem,
    form: ItemForm,
    shown: Shown,
    *,
    status: int = 200,
) -> HttpResponse:
    lang = language(request)
    skema = asset_categories()[item.category]
    items = loaded.assessment.sections.assets.items
    index = next((i for i, found in enumerate(items) if found.id == item.id), len(items))
    path = f"sections.5.items[{index}]"
    findings, counts = findings_for(loaded, lang, (path,))
    posted = request.POST if request.method == "POST" else None
    context = {
        "record": loaded.record,
        "assessment": loaded.assessment,
        "may": loaded.may,
        "item": item,
        "form": form,
        "a": anchor(path),
        "skema": skema,
        "skema_title": skema.title[lang],
        "skema_help": skema.help[lang],
        "sv_note": skema.sv_default.note[lang] if skema.sv_default else "",
        "with_cyber": skema.cyber is not CyberNeed.NONE,
        "cyber_required": skema.cyber is CyberNeed.REQUIRED,
        "s": bool(posted.get("s")) if posted else item.vulnerable,
        "v": bool(posted.get("v")) if posted else item.significant,
        "s_was": was(item.vulnerable),
        "v_was": was(item.significant),
        "forms": [f for f in loaded.assessment.sections.risk.forms if f.item == item.id],
        "findings": findings,
        "counts": counts,
        "base_version": shown.base,
        "conflict": shown.conflict,
        "gone": shown.gone,
    }
    return render(request, "bolvaerk/risk/item.html", context, status=status)


def remove_item(request: HttpRequest, record_id: int, item_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    _index, item = _item_of(loaded, item_id)

    def remove(with_forms: bool, base: int) -> None:
        do_remove_item(request.user, loaded.record, item_id, with_forms=with_forms, base=base)

    try:
        page = confirm_removal(
            request,
            loaded,
            element=item_id,
            what=item.name or item.id,
            tab="items",
            labels=ITEM_LABELS,
            remove=remove,
        )
    except NotAllowed:
        raise PermissionDenied from None
    if page is not None:
        return page
    messages.success(request, _("Item “%(name)s” removed.") % {"name": item.name or item.id})
    return redirect(reverse("risk-items", args=[record_id]) + f"#skema-{item.category.value}")
