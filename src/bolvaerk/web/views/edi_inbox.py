"""POST /edi/inbox: a partner's secured file in, the signed receipt out (synchronously).

No session and no CSRF token: a machine posts here, and authenticity comes from the CMS
signature of a partner in our directory (services/edi_exchange.inbox), not from a login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bolvaerk.services import edi_exchange


@csrf_exempt
@require_POST
def inbox(request: HttpRequest) -> HttpResponse:
    answer = edi_exchange.inbox(request.body)
    return HttpResponse(answer.body, status=answer.status, content_type=answer.content_type)
