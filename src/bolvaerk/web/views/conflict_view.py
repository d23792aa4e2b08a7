"""What every editing view shares for optimistic locking: the version a posted form was loaded
from (`base_version`), and the banner with the diff when a save is refused as a conflict."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bolvaerk.domain.diff import ChangeKind
from bolvaerk.services.conflicts import Conflict, ConflictRow

FIELD = "base_version"  # the hidden field of every editing form
CONFLICT_STATUS = 409


def posted_base(request: HttpRequest) -> int:
    """The version the posted form was loaded from. Every editing form carries it; a post
    without it comes from no page of ours and is refused (it could overwrite blindly)."""
    text = request.POST.get(FIELD, "")
    if not text.isdigit() or int(text) < 1:
        raise BadRequest(_("The form did not say which version it was loaded from."))
    return int(text)


def base_for(request: HttpRequest, current: int) -> int:
    """The base to put into a page again: the posted one while the user is still on the same
    form (rows added, errors shown), else the current version."""
    text = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= current else current


def _when(moment: Any) -> str:  # noqa: ANN401 - a datetime
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return local.strftime("%d-%m-%Y %H:%M")


def _value(text: str) -> str:
    return {"True": _("Yes"), "False": _("No")}.get(text, text)


def field_label(path: str, labels: Mapping[str, str]) -> str:
    """A diff path as the user knows it: the field's label where the page knows it (by full
    path or by the path below the element), else the path itself."""
    if path in labels:
        return labels[path]
    if path.endswith("]"):
        return _("the whole entry")
    tail = path.rsplit("].", 1)[-1]
    return labels.get(tail) or labels.get(tail.rsplit(".", 1)[-1]) or tail


def _row(row: ConflictRow, labels: Mapping[str, str]) -> dict[str, object]:
    theirs = _("(removed)") if row.kind is ChangeKind.ADDED else _value(row.theirs)
    yours = _("(removed)") if row.kind is ChangeKind.REMOVED else _value(row.yours)
    return {
        "field": field_label(row.path, labels),
        "element": "" if f"[{row.label}]" in row.path else row.label,  # not a bare id
        "path": row.path,
        "theirs": theirs,
        "yours": yours,
        "by_them": row.by_them,
    }


def conflict_context(conflict: Conflict, labels: Mapping[str, object]) -> dict[str, object]:
    """The template context of the conflict banner (bolvaerk/editor/_conflict.html); `labels`
    name the fields by path (lazy translations are fine)."""
    texts = {path: str(label) for path, label in labels.items()}
    message = _(
        "%(who)s saved this part at %(time)s (version %(version)s) while you were editing. "
        "Nothing of yours was saved: your input is kept below."
    ) % {"who": conflict.saved_by, "time": _when(conflict.saved_at), "version": conflict.saved_in}
    theirs = sorted({field_label(change.path, texts) for change in conflict.theirs})
    return {
        "message": message,
        "who": conflict.saved_by,
        "version": conflict.version,
        "their_changes": theirs,
        "rows": [_row(row, texts) for row in conflict.rows],
    }


def labels_of_forms(parts: Iterable[object]) -> dict[str, str]:
    """Labels of the fields of editor forms and formsets, by their path (sections.1.police.
    review_date) and by their name (for rows of tables, whose paths hold ids)."""
    found: dict[str, str] = {}
    for part in parts:
        if isinstance(part, BaseFormSet):
            for form in [*part.forms, part.empty_form]:
                for name, field in form.fields.items():
                    found.setdefault(name, str(field.label or name))
        elif isinstance(part, forms.Form):
            path = str(getattr(part, "path", ""))
            for name, field in part.fields.items():
                found[f"{path}.{name}" if path else name] = str(field.label or name)
    return found
