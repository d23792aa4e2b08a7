"""Labels of the portfolio: the urgency of a facility's renewal, and days left in words."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bolvaerk.services.portfolio import Urgency

register = template.Library()

URGENCY_LABELS: dict[str, Promise] = {
    Urgency.OVERDUE: _("Overdue"),
    Urgency.SOON: _("Due soon"),
    Urgency.LATER: _("On time"),
    Urgency.NEVER: _("Never approved"),
}


@register.filter
def urgency_label(urgency: str) -> str:
    return str(URGENCY_LABELS.get(urgency, urgency))


@register.filter
def days_left(days: int | None) -> str:
    """'12 days', '3 days overdue', 'today' (the submit-by date is today), or a dash."""
    if days is None:
        return "\N{EN DASH}"
    if days == 0:
        return str(_("today"))
    if days < 0:
        return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days}
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
