"""Readable, translated labels for stored codes (assessment states)."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATES: dict[str, Promise] = {
    "draft": _("Draft"),
    "in_review": _("In review"),
    "submitted": _("Submitted"),
    "approved": _("Approved"),
    "returned": _("Returned"),
}


@register.filter
def state_label(state: str) -> str:
    return str(STATES.get(state, state))
