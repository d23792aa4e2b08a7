"""The section 5 forms: one skema's table (rows by item id plus one new row) and the detail
form of one item (flags, company link, the cyber description of 5.5)."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.assets import AssetItem, CyberDescription
from bolvaerk.domain.enums import AssetCategory, ElectricityClass
from bolvaerk.services.risk_editing import ItemRow
from bolvaerk.web.forms_risk.parsing import tri_checkbox


def table_rows(data: QueryDict, items: list[AssetItem]) -> dict[str, ItemRow]:
    return {
        item.id: ItemRow(
            name=data.get(f"{item.id}-name", item.name).strip(),
            description=data.get(f"{item.id}-description", item.description).strip(),
            vulnerable=tri_checkbox(data, f"{item.id}-s"),
            significant=tri_checkbox(data, f"{item.id}-v"),
        )
        for item in items
    }


def new_row(data: QueryDict) -> tuple[ItemRow | None, bool]:
    """The new row, if one was typed; and whether it was typed without a name."""
    row = ItemRow(
        name=data.get("new-name", "").strip(),
        description=data.get("new-description", "").strip(),
        vulnerable=True if data.get("new-s") else None,
        significant=True if data.get("new-v") else None,
    )
    typed = bool(row.description or row.vulnerable or row.significant)
    if row.name:
        return row, False
    return None, typed


_YES_NO = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


class ItemForm(forms.Form):
    category = forms.TypedChoiceField(label=_("Skema"), coerce=AssetCategory)
    name = forms.CharField(label=_("Item"), max_length=300)
    description = forms.CharField(
        label=_("Use and importance for security and operations"), required=False
    )
    present = forms.BooleanField(label=_("Exists on the facility"), required=False)
    port_office = forms.BooleanField(label=_("This is the port office"), required=False)
    dangerous_goods = forms.BooleanField(
        label=_("Used for dangerous goods or substances"), required=False
    )
    electricity_class = forms.TypedChoiceField(
        label=_("Electricity installation class"), coerce=ElectricityClass
    )
    state_or_symbolic = forms.BooleanField(
        label=_("State installation or of high symbolic value"), required=False
    )
    company = forms.ChoiceField(label=_("Company of 2.4 this item stands for"), required=False)
    deviation_justification = forms.CharField(
        label=_("Why this item is not S+V although the guide says it is by default"),
        required=False,
    )
    system_type = forms.CharField(label=_("Type of system"), required=False)
    supplier = forms.CharField(label=_("Supplier"), required=False)
    outsourced_maintenance = forms.ChoiceField(
        label=_("Maintenance outsourced"), choices=_YES_NO, required=False
    )
    cyber_measures = forms.MultipleChoiceField(
        label=_("Cyber measures in place"), required=False, widget=forms.CheckboxSelectMultiple
    )
    gaps = forms.CharField(label=_("Known gaps"), required=False)
    cyber_description = forms.CharField(label=_("Cyber-security description"), required=False)

    def __init__(
        self,
        *args: object,
        categories: list[tuple[str, str]],
        companies: list[tuple[str, str]],
        cyber_measures: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = categories  # type: ignore[attr-defined]
        self.fields["company"].choices = [("", "-"), *companies]  # type: ignore[attr-defined]
        self.fields["electricity_class"].choices = [  # type: ignore[attr-defined]
            (ElectricityClass.NONE.value, _("Not classified")),
            (ElectricityClass.CLASS_1.value, _("Class 1")),
            (ElectricityClass.CLASS_2.value, _("Class 2")),
            (ElectricityClass.CLASS_3.value, _("Class 3")),
        ]
        self.fields["cyber_measures"].choices = cyber_measures  # type: ignore[attr-defined]


def item_initial(item: AssetItem) -> dict[str, object]:
    cyber = item.cyber or CyberDescription()
    maintenance = cyber.outsourced_maintenance
    return {
        "category": item.category.value,
        "name": item.name,
        "description": item.description,
        "present": item.present,
        "port_office": item.port_office,
        "dangerous_goods": item.dangerous_goods,
        "electricity_class": item.electricity_class.value,
        "state_or_symbolic": item.state_or_symbolic,
        "company": item.company or "",
        "deviation_justification": item.deviation_justification,
        "system_type": cyber.system_type,
        "supplier": cyber.supplier,
        "outsourced_maintenance": "" if maintenance is None else "yes" if maintenance else "no",
        "cyber_measures": list(cyber.measures),
        "gaps": cyber.gaps,
        "cyber_description": cyber.description,
    }


def edited_item(
    item: AssetItem, data: dict[str, object], post: QueryDict, *, with_cyber: bool
) -> AssetItem:
    maintenance = data["outsourced_maintenance"]
    cyber = CyberDescription(
        system_type=str(data["system_type"]).strip(),
        supplier=str(data["supplier"]).strip(),
        outsourced_maintenance=None if not maintenance else maintenance == "yes",
        measures=tuple(str(m) for m in data["cyber_measures"]),  # type: ignore[attr-defined]
        gaps=str(data["gaps"]).strip(),
        description=str(data["cyber_description"]).strip(),
    )
    category = data["category"]
    electricity = data["electricity_class"]
    assert isinstance(category, AssetCategory)  # noqa: S101 - coerced by the form
    assert isinstance(electricity, ElectricityClass)  # noqa: S101 - coerced by the form
    return replace(
        item,
        category=category,
        name=str(data["name"]).strip(),
        description=str(data["description"]).strip(),
        vulnerable=tri_checkbox(post, "s"),
        significant=tri_checkbox(post, "v"),
        present=bool(data["present"]),
        port_office=bool(data["port_office"]),
        dangerous_goods=bool(data["dangerous_goods"]),
        electricity_class=electricity,
        state_or_symbolic=bool(data["state_or_symbolic"]),
        company=str(data["company"]) or None,
        deviation_justification=str(data["deviation_justification"]).strip(),
        cyber=_cyber(cyber) if with_cyber else item.cyber,
    )


def _cyber(cyber: CyberDescription) -> CyberDescription | None:
    return None if cyber == CyberDescription() else cyber
