"""What every editor form shares: field ids equal to finding paths (so a finding links to its
field), dates typed dd-mm-yyyy with the message of rule R-FP-03, choice labels from content,
and formsets of table rows where blank rows are left out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext_lazy as _

from bolvaerk.content.labels import template_labels
from bolvaerk.domain.dates import format_dk_date, parse_dk_date
from bolvaerk.domain.enums import Severity
from bolvaerk.domain.findings import Finding
from bolvaerk.services.messages import finding_message

DATE_FORMAT_RULE = "R-FP-03"


def anchor(path: str) -> str:
    """The HTML id of a finding path: sections.2.traffic[0].calls -> sections-2-traffic-0--calls."""
    return path.replace("[", "-").replace("]", "-").replace(".", "-")


def label(key: str, lang: str) -> str:
    """A label of labels.yaml (reason.*, status.*, activity.*, ...) in `lang`."""
    text = template_labels().get(key)
    return key if text is None else text.get(lang, text["da"])


def enum_choices(
    prefix: str, values: Iterable[StrEnum], lang: str, *, blank: bool = False
) -> list[tuple[str, str]]:
    choices = [(value.value, label(f"{prefix}.{value.value}", lang)) for value in values]
    return [("", "—"), *choices] if blank else choices


YES_NO = (("", _("Not stated")), ("yes", _("Yes")), ("no", _("No")))


def yes_no_value(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def yes_no(text: str) -> bool | None:
    return None if not text else text == "yes"


class DKDateField(forms.CharField):
    """A date typed as the template writes it, dd-mm-yyyy; a bad one gives R-FP-03's message."""

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - Django field options
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": "dd-mm-yyyy", "inputmode": "numeric"})
        self.path = ""
        self.lang = "da"

    def clean(self, value: Any) -> Any:  # noqa: ANN401 - Django's signature
        text = str(super().clean(value) or "").strip()
        if not text:
            return None
        parsed = parse_dk_date(text)
        if parsed is None:
            finding = Finding(
                DATE_FORMAT_RULE, Severity.ERROR, self.path, "format", {"value": text}
            )
            raise forms.ValidationError(finding_message(finding, self.lang), code=DATE_FORMAT_RULE)
        return parsed

    def prepare_value(self, value: Any) -> Any:  # noqa: ANN401 - Django's signature
        return value if isinstance(value, str) or value is None else format_dk_date(value)


class EditorForm(forms.Form):
    """A form for a part of the assessment at `path` (e.g. front_page, sections.1.police):
    every widget's id is the anchor of its finding path."""

    def __init__(
        self,
        *args: Any,  # noqa: ANN401 - Django form arguments
        path: str = "",
        lang: str = "da",
        read_only: bool = False,
        **kwargs: Any,  # noqa: ANN401 - Django form arguments
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.path, self.lang = path, lang
        self.setup()
        for name, field in self.fields.items():
            field_path = f"{path}.{name}" if path else name
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["id"] = anchor(field_path)
            if isinstance(field, DKDateField):
                field.path, field.lang = field_path, lang
            if read_only:
                field.disabled = True

    def setup(self) -> None:
        """Set choices that depend on the language or the assessment."""


def set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    if isinstance(field, forms.ChoiceField):
        field.choices = choices


def vars_of(value: object) -> dict[str, Any]:
    """A frozen dataclass (with slots) as a dict of its fields, for a form's initial."""
    return {name: getattr(value, name) for name in getattr(value, "__dataclass_fields__", {})}


def textarea(label: Any, rows: int = 5, **kwargs: Any) -> forms.CharField:  # noqa: ANN401
    """An optional multi-line text field."""
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


if TYPE_CHECKING:
    _FormSet = BaseFormSet[EditorForm]
else:  # BaseFormSet is generic only in django-stubs
    _FormSet = BaseFormSet


class RowFormSet(_FormSet):
    """Rows of a table at `path` (e.g. sections.1.participants): row i is `path[i]`."""

    def __init__(
        self,
        *args: Any,  # noqa: ANN401 - Django formset arguments
        path: str = "",
        lang: str = "da",
        read_only: bool = False,
        **kwargs: Any,  # noqa: ANN401 - Django formset arguments
    ) -> None:
        self.path, self.lang, self.read_only = path, lang, read_only
        if read_only:
            self.extra = 0  # no blank row to fill in
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        row = "[new]" if index is None else f"[{index}]"
        return {"path": f"{self.path}{row}", "lang": self.lang, "read_only": self.read_only}

    def rows(self) -> list[dict[str, Any]]:
        """The cleaned rows the user kept: removed and blank rows left out."""
        kept = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or _blank(form, data):
                continue
            kept.append(data)
        return kept


def _blank(form: forms.Form, data: Mapping[str, Any]) -> bool:
    """Nothing typed in the row: every value empty or the field's default."""
    return all(
        value in ("", None, False, [], ()) or value == form.fields[name].initial
        for name, value in data.items()
        if name not in {"DELETE", "id"}
    )


def rows_formset(
    form: type[EditorForm], *, extra: int = 1, can_delete: bool = True
) -> type[RowFormSet]:
    made = forms.formset_factory(form, formset=RowFormSet, extra=extra, can_delete=can_delete)
    return cast("type[RowFormSet]", made)
