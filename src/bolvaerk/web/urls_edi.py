"""URLs of the secure EDI exchange: the inbox two bolvaerk installations deliver to; the ship
agent's notification form and sent list; the port's received messages and a facility's EDI
settings (its current security level and GISIS number)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from bolvaerk.web.views import edi_inbox, edi_received, edi_send

urlpatterns: list[URLPattern | URLResolver] = [
    path("edi/inbox", edi_inbox.inbox, name="edi-inbox"),
    path("edi/send/", edi_send.send_page, name="edi-send"),
    path("edi/sent/", edi_send.sent_list, name="edi-sent"),
    path("edi/received/", edi_received.received_list, name="edi-received"),
    path("edi/received/message", edi_received.message_detail, name="edi-message"),
    path("facilities/<int:facility_id>/edi/", edi_received.facility_edi, name="edi-facility"),
]
