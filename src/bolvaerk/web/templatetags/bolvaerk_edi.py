"""Which secure-EDI pages a user may use, for the navigation (the views check the same)."""

from __future__ import annotations

from django import template

from bolvaerk.services.access import AnyUser
from bolvaerk.services.edi_received import may_see_received
from bolvaerk.services.edi_web import may_send

register = template.Library()


@register.filter
def may_send_edi(user: AnyUser) -> bool:
    return may_send(user)


@register.filter
def may_see_edi(user: AnyUser) -> bool:
    return may_see_received(user)
