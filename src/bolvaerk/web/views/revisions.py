"""The versions of an assessment (who saved what when, the approved one frozen and marked) and the
diff between any two, grouped by section with the template's labels and a link to each field's
page in the editor. Anyone who may see the assessment may see both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from bolvaerk.services.records import AssessmentRecord
from bolvaerk.services.revisions import (
    DiffEntry,
    Topic,
    approved_number,
    diff_versions,
    versions,
)
from bolvaerk.services.workspace import load
from bolvaerk.web.forms.base import anchor
from bolvaerk.web.templatetags.bolvaerk_labels import state_label
from bolvaerk.web.views.review_base import language, record_or_404

VERSIONS_PER_PAGE = 50

# Fields that messages/fields.yaml does not name (identity and bookkeeping of the file).
EXTRA_LABELS: dict[str, Promise] = {
    "id": _("Assessment id"),
    "kind": _("Kind of assessment"),
    "format_version": _("File format version"),
    "meta.revision": _("Revision"),
    "meta.state": _("State"),
    "meta.previous": _("Previous assessment"),
    "meta.language": _("Language"),
    "meta.threat_catalogue": _("Threat catalogue"),
    "sections.7.forms.needs_reassessment": _("To be re-assessed"),
}
TOPIC_LABELS: dict[str, Promise] = {
    Topic.ITEM: _("item"),
    Topic.CROSS: _("cross"),
    Topic.RATING: _("rating"),
    Topic.MEASURE: _("measure"),
    Topic.TEXT: _("text"),
    Topic.FIELD: _("field"),
}
KIND_LABELS: dict[str, Promise] = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
}
EDITOR_SECTIONS = {"front", "1", "2", "3", "4", "port", "8"}
OTHER_SCREENS = {"5": "risk-items", "6": "risk-threats", "7": "risk-grid", "annexes": "annexes"}


def section_url(record_id: int, section: str) -> str:
    """The page where a section of the template is edited ("" for none)."""
    if section in EDITOR_SECTIONS:
        return reverse(f"editor-{section}", args=[record_id])
    name = OTHER_SCREENS.get(section)
    return reverse(name, args=[record_id]) if name else ""


@require_GET
def versions_page(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    page = Paginator(versions(record), VERSIONS_PER_PAGE).get_page(request.GET.get("page"))
    last = record.current_version
    return render(
        request,
        "bolvaerk/revisions/versions.html",
        {
            "record": record,
            "page": page,
            "approved": approved_number(record),
            "default_from": max(1, last - 1),
            "default_to": last,
        },
    )


class CompareForm(forms.Form):
    """Which two versions to compare; a number outside 1..last names the field and the range."""

    def __init__(self, data: Any, last: int) -> None:  # noqa: ANN401 - a QueryDict
        super().__init__(data)
        # %(value)s is filled in by the validator with the number typed
        missing = str(_("There is no version %(value)s: the versions are 1 to %(last)s."))
        missing = missing.replace("%(last)s", str(last))
        for name, label in (("from", _("From version")), ("to", _("To version"))):
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=1,
                max_value=last,
                error_messages={
                    "min_value": missing,
                    "max_value": missing,
                    "invalid": _("Enter a version number (a whole number from 1 to %(last)s).")
                    % {"last": last},
                    "required": _("Choose a version (1 to %(last)s).") % {"last": last},
                },
            )


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    kind_label: str
    topic: str
    topic_label: str
    field: str
    path: str
    element: str
    old: str
    new: str
    href: str
    measures: tuple[Any, ...]


@require_GET
def diff_page(request: HttpRequest, record_id: int) -> HttpResponse:
    record = record_or_404(request, record_id)
    last = record.current_version
    data = request.GET.copy()
    data.setdefault("from", str(max(1, last - 1)))
    data.setdefault("to", str(last))
    form = CompareForm(data, last)
    context: dict[str, Any] = {"record": record, "form": form, "approved": approved_number(record)}
    if form.is_valid():
        lang = language(request)
        diff = diff_versions(record, form.cleaned_data["from"], form.cleaned_data["to"], lang)
        links = _Links(record)
        context |= {
            "diff": diff,
            "topics": [(TOPIC_LABELS[key], n) for key, n in diff.topics().items() if n],
            "groups": [
                (
                    group.title or _("Status and identity"),
                    section_url(record.pk, group.section),
                    [links.row(e) for e in group.entries],
                )
                for group in diff.groups
            ],
        }
    return render(request, "bolvaerk/revisions/diff.html", context)


class _Links:
    """Links from a change to the page of its field in the current assessment, and the row as
    shown. Labels and URL patterns are made once per page: a diff can have thousands of rows."""

    def __init__(self, record: AssessmentRecord) -> None:
        current = load(record)
        self.items = {item.id for item in current.sections.assets.items}
        self.forms = {form.id for form in current.sections.risk.forms}
        self.pages = {
            key: section_url(record.pk, key) for key in (*EDITOR_SECTIONS, *OTHER_SCREENS)
        }
        self.item_url = reverse("risk-item", args=[record.pk, _SLOT])
        self.form_url = reverse("risk-form", args=[record.pk, _SLOT])
        self.topics = {key: str(text) for key, text in TOPIC_LABELS.items()}
        self.kinds = {key: str(text) for key, text in KIND_LABELS.items()}
        self.extra = {key: str(text) for key, text in EXTRA_LABELS.items()}

    def href(self, entry: DiffEntry) -> str:
        section = entry.section
        if section in EDITOR_SECTIONS:
            page = self.pages[section]
            return page if "[" in entry.path else f"{page}#{anchor(entry.path)}"
        if section == "5" and entry.element_id in self.items:
            return self.item_url.replace(_SLOT, entry.element_id)
        if section == "7" and entry.element_id in self.forms:
            return self.form_url.replace(_SLOT, entry.element_id)
        return self.pages.get(section, "")

    def row(self, entry: DiffEntry) -> Row:
        old, new = entry.old, entry.new
        if entry.field_key == "meta.state":
            old, new = state_label(old) if old else "", state_label(new) if new else ""
        label = self.extra.get(entry.field_key) or entry.field
        return Row(
            kind=entry.kind.value,
            kind_label=self.kinds[entry.kind.value],
            topic=entry.topic.value,
            topic_label=self.topics[entry.topic.value],
            field=label or entry.field_key.rsplit(".", 1)[-1],
            path=entry.path,
            element=entry.element,
            old=old,
            new=new,
            href=self.href(entry),
            measures=entry.measures,
        )


_SLOT = "id-slot"  # stands for an element id in a reversed URL (ids are URL-safe: check_id)
