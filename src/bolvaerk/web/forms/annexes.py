"""The annex register: one form per row (number, name, kind, delivery, the file to upload). The
row's inputs sit in the table's cells and belong to the row's form through the `form` attribute,
so every row is saved by itself without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.annexes import Annex
from bolvaerk.domain.enums import AnnexKind
from bolvaerk.services.annexes import (
    ACCEPTED,
    MAX_BYTES,
    AnnexFields,
    AnnexFileError,
    file_type,
    safe_file_name,
)
from bolvaerk.web.forms.base import DKDateField, EditorForm, anchor

KIND_LABELS = {
    AnnexKind.MAP_PORT: _("Overview map (2.1)"),
    AnnexKind.MAP_FACILITY: _("Map of the facility (2.2)"),
    AnnexKind.ORG_GENERAL: _("Organisation chart (4.1)"),
    AnnexKind.ORG_SECURITY: _("Security organisation chart (4.2)"),
    AnnexKind.COMPANY: _("Company annex (2.4)"),
    AnnexKind.OTHER: _("Other annex"),
}
ELECTRONIC, LETTER = "electronic", "letter"
DELIVERY = ((ELECTRONIC, _("Electronic")), (LETTER, _("Registered letter")))
ACCEPT = ",".join(ACCEPTED)
FILE_ERRORS = {
    "type": _("Only PDF, PNG, JPG and SVG files can be uploaded."),
    "size": _("The file is larger than 20 MB."),
}


class AnnexForm(EditorForm):
    number = forms.CharField(label=_("Annex number"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=list(KIND_LABELS.items()))
    delivery = forms.ChoiceField(label=_("Delivery"), choices=DELIVERY)
    registered_letter_sent = DKDateField(label=_("Registered letter sent"))
    upload = forms.FileField(
        label=_("Upload file"),
        required=False,
        help_text=_("PDF, PNG, JPG or SVG, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, form_id: str = "", **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.form_id = form_id
        for field in self.fields.values():
            field.widget.attrs["form"] = form_id
        # the findings name the annex's file and electronic fields: link them to these inputs
        self.fields["upload"].widget.attrs["id"] = anchor(f"{self.path}.file")
        self.fields["delivery"].widget.attrs["id"] = anchor(f"{self.path}.electronic")

    def clean_upload(self) -> Any:  # noqa: ANN401 - Django's file
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(FILE_ERRORS["size"], code="size")
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(0)
        try:
            file_type(safe_file_name(upload.name or ""), head)
        except AnnexFileError:
            raise forms.ValidationError(FILE_ERRORS["type"], code="type") from None
        return upload

    def fields_typed(self) -> AnnexFields:
        data = self.cleaned_data
        return AnnexFields(
            number=data["number"],
            name=data["name"],
            kind=AnnexKind(data["kind"]),
            electronic=data["delivery"] == ELECTRONIC,
            registered_letter_sent=data["registered_letter_sent"],
        )


def initial_of(annex: Annex) -> dict[str, Any]:
    return {
        "number": annex.number,
        "name": annex.name,
        "kind": annex.kind.value,
        "delivery": ELECTRONIC if annex.electronic else LETTER,
        "registered_letter_sent": annex.registered_letter_sent,
    }


def row_form(
    annex: Annex | None,
    index: int | None,
    *,
    data: Any = None,  # noqa: ANN401 - request.POST
    files: Any = None,  # noqa: ANN401 - request.FILES
    lang: str = "da",
    read_only: bool = False,
) -> AnnexForm:
    """The form of an annex (row `index` of the register), or of the new row when annex is None."""
    key = "new" if annex is None else annex.id
    path = "annexes[new]" if index is None else f"annexes[{index}]"
    return AnnexForm(
        data,
        files,
        initial=None if annex is None else initial_of(annex),
        prefix=key,
        path=path,
        lang=lang,
        read_only=read_only,
        form_id=f"annex-form-{key}",
    )
