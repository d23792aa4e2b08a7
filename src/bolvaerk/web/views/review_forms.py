"""The forms of the review area (lifecycle, police review, comments, import): request parsing
and the messages naming the field; the use cases are in services.reviewing and workspace."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bolvaerk.domain.dates import format_dk_date, parse_dk_date
from bolvaerk.domain.enums import AssessmentKind

MAX_IMPORT_BYTES = 5 * 1024 * 1024  # an assessment file is text; the example is far below
IMPORT_SUFFIXES = (".yaml", ".yml")
PREFIX = "review"  # field names and ids apart from other forms on the assessment page

# The sections a comment can be about (a ?path= link can name any field).
SECTIONS: tuple[tuple[str, Any], ...] = (
    ("", _("The assessment as a whole")),
    ("front_page", _("Front page")),
    ("sections.1", _("1 Introduction, participants and police review")),
    ("sections.2", _("2 Description of the port facility")),
    ("sections.3", _("3 Existing security")),
    ("sections.4", _("4 Organisation and staff")),
    ("sections.5", _("5 Assets (5.1-5.15)")),
    ("sections.6", _("6 Threats and the asset-threat grid")),
    ("sections.7", _("7 Risk assessments")),
    ("sections.8", _("8 Summary")),
    ("annexes", _("Annexes")),
)
PORT_SECTION = ("port", _("Port part (PSA)"))


def section_choices(kind: str) -> list[tuple[str, Any]]:
    extra = [PORT_SECTION] if kind == AssessmentKind.PSA.value else []
    return [*SECTIONS, *extra]


def today_text() -> str:
    return format_dk_date(timezone.localdate())


class DkDateField(forms.CharField):
    """A date written as the template writes it: dd-mm-yyyy."""

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - Django's field options
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"placeholder": "dd-mm-yyyy", "inputmode": "numeric"}),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> date:  # noqa: ANN401 - Django's signature
        text = str(super().clean(value)).strip()
        parsed = parse_dk_date(text)
        if parsed is None:
            raise forms.ValidationError(
                _("“%(label)s”: write a real date as dd-mm-yyyy, for example 01-03-2025."),
                code="dk_date",
                params={"label": self.label},
            )
        if parsed > timezone.localdate():
            raise forms.ValidationError(
                _("“%(label)s” cannot be a date in the future."),
                code="future",
                params={"label": self.label},
            )
        return parsed


class ApproveForm(forms.Form):
    prefix = PREFIX
    approved_on = DkDateField(
        label=_("Approval date"),
        help_text=_("The date of the authority's approval; the assessment expires 5 years later."),
    )


class ReturnForm(forms.Form):
    prefix = PREFIX
    return_comment = forms.CharField(
        label=_("Why is it returned?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={
            "required": _("“Why is it returned?”: write what must be changed before approval.")
        },
        help_text=_("The comment is kept with the assessment for the consultant and the PFSO."),
    )


class PoliceReviewForm(forms.Form):
    prefix = PREFIX
    review_date = DkDateField(label=_("Date of the police review"))
    representative = forms.CharField(
        label=_("Police representative"),
        max_length=200,
        error_messages={"required": _("“Police representative”: write the name of the officer.")},
    )


class CommentForm(forms.Form):
    prefix = PREFIX
    path = forms.CharField(
        label=_("About"), max_length=300, required=False, widget=forms.Select(choices=SECTIONS)
    )
    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("“Comment”: write the comment before adding it.")},
    )

    def __init__(
        self,
        *args: Any,  # noqa: ANN401 - Django's form arguments
        kind: str = "pfsa",
        path: str = "",
        **kwargs: Any,  # noqa: ANN401 - Django's form arguments
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = section_choices(kind)
        if path and path not in {value for value, _label in choices}:
            choices = [(path, path), *choices]  # a field named by a ?path= link
        self.fields["path"].widget = forms.Select(choices=choices)
        self.fields["path"].initial = path


class ImportForm(forms.Form):
    prefix = PREFIX
    file = forms.FileField(
        label=_("Assessment file (YAML)"),
        help_text=_("An export of this assessment, edited; at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml"}),
        error_messages={"required": _("“Assessment file (YAML)”: choose a file to import.")},
    )

    def clean_file(self) -> Any:  # noqa: ANN401 - Django's UploadedFile
        upload = self.cleaned_data["file"]
        if not str(upload.name).lower().endswith(IMPORT_SUFFIXES):
            raise forms.ValidationError(
                _("“Assessment file (YAML)”: the file must end in .yaml or .yml."), code="type"
            )
        if upload.size is None or upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("“Assessment file (YAML)”: the file is larger than 5 MB."), code="size"
            )
        return upload
