"""Section 5: the items of skemas 5.1-5.15 with S and V (one table form per skema), an item's
detail page (flags, company link, the 5.5 cyber description), removing an item."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bolvaerk.content.catalogues import CyberNeed, asset_categories, measure_catalogue
from bolvaerk.domain.assets import AssetItem
from bolvaerk.domain.enums import AssetCategory
from bolvaerk.services.risk_editing import (
    HasForms,
    ItemRow,
    do_remove_item,
    do_save_item,
    do_save_items,
)
from bolvaerk.services.workspace import NotAllowed
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.forms_risk.items import ItemForm, edited_item, item_initial, new_row, table_rows
from bolvaerk.web.forms_risk.parsing import was
from bolvaerk.web.views.risk_common import Loaded, findings_for, language, load_for


def _skemas(
    request: HttpRequest,
    loaded: Loaded,
    typed: tuple[AssetCategory, dict[str, ItemRow], ItemRow | None] | None,
) -> list[dict[str, object]]:
    lang = language(request)
    skemas = []
    for category, skema in asset_categories().items():
        rows = []
        for index, item in enumerate(loaded.assessment.sections.assets.items):
            if item.category is not category:
                continue
            shown = typed[1].get(item.id) if typed and typed[0] is category else None
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
                "new": typed[2] if typed and typed[0] is category else None,
                "new_error": bool(typed and typed[0] is category),
            }
        )
    return skemas


def items_page(request: HttpRequest, record_id: int) -> HttpResponse:
    loaded = load_for(request, record_id)
    if request.method == "POST":
        if not loaded.may.edit:
            raise PermissionDenied
        try:
            category = AssetCategory(request.POST.get("category", ""))
        except ValueError:
            raise Http404 from None
        items = [i for i in loaded.assessment.sections.assets.items if i.category is category]
        rows = table_rows(request.POST, items)
        added, nameless = new_row(request.POST)
        if not nameless:
            try:
                do_save_items(request.user, loaded.record, category, rows, added)
            except NotAllowed:
                raise PermissionDenied from None
            messages.success(request, _("Skema %(skema)s saved.") % {"skema": category.value})
            return redirect(reverse("risk-items", args=[record_id]) + f"#skema-{category.value}")
        messages.error(request, _("The new item needs a name: nothing was saved."))
        typed = (
            category,
            rows,
            ItemRow(
                name="",
                description=request.POST.get("new-description", ""),
                vulnerable=bool(request.POST.get("new-s")) or None,
                significant=bool(request.POST.get("new-v")) or None,
            ),
        )
    else:
        typed = None
    findings, counts = findings_for(loaded, language(request), ("sections.5",))
    context = {
        "record": loaded.record,
        "assessment": loaded.assessment,
        "may": loaded.may,
        "skemas": _skemas(request, loaded, typed),
        "findings": findings,
        "counts": counts,
        "typed_category": typed[0].value if typed else "",
    }
    return render(request, "bolvaerk/risk/items.html", context, status=400 if typed else 200)


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


def item_page(request: HttpRequest, record_id: int, item_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    index, item = _item_of(loaded, item_id)
    skema = asset_categories()[item.category]
    with_cyber = skema.cyber is not CyberNeed.NONE
    form = _item_form(request, loaded, item)
    status = 200
    if request.method == "POST":
        if not loaded.may.edit:
            raise PermissionDenied
        if form.is_valid():
            edited = edited_item(item, form.cleaned_data, request.POST, with_cyber=with_cyber)
            try:
                do_save_item(request.user, loaded.record, edited)
            except NotAllowed:
                raise PermissionDenied from None
            messages.success(request, _("Item “%(name)s” saved.") % {"name": edited.name})
            return redirect("risk-item", record_id=record_id, item_id=item_id)
        messages.error(request, _("The item was not saved: see the marked fields."))
        status = 400
    lang = language(request)
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
        "with_cyber": with_cyber,
        "cyber_required": skema.cyber is CyberNeed.REQUIRED,
        "s": bool(posted.get("s")) if posted else item.vulnerable,
        "v": bool(posted.get("v")) if posted else item.significant,
        "s_was": was(item.vulnerable),
        "v_was": was(item.significant),
        "forms": [f for f in loaded.assessment.sections.risk.forms if f.item == item.id],
        "findings": findings,
        "counts": counts,
    }
    return render(request, "bolvaerk/risk/item.html", context, status=status)


def remove_item(request: HttpRequest, record_id: int, item_id: str) -> HttpResponse:
    loaded = load_for(request, record_id)
    _index, item = _item_of(loaded, item_id)
    confirm = {
        "record": loaded.record,
        "assessment": loaded.assessment,
        "may": loaded.may,
        "what": item.name or item.id,
        "forms": [f for f in loaded.assessment.sections.risk.forms if f.item == item_id],
        "back": "risk-items",
        "tab": "items",
    }
    if request.method != "POST":
        return render(request, "bolvaerk/risk/confirm_remove.html", confirm)
    try:
        do_remove_item(
            request.user, loaded.record, item_id, with_forms=request.POST.get("confirm") == "yes"
        )
    except HasForms:
        return render(request, "bolvaerk/risk/confirm_remove.html", confirm)
    except NotAllowed:
        raise PermissionDenied from None
    messages.success(request, _("Item “%(name)s” removed.") % {"name": item.name or item.id})
    return redirect(reverse("risk-items", args=[record_id]) + f"#skema-{item.category.value}")
