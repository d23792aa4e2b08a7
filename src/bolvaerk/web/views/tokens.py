"""The user's own API tokens: make one (its secret is shown once, on the answer to the POST,
and never again), list them with when they were last used, revoke one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bolvaerk.services.access import NotFound
from bolvaerk.services.api_tokens import (
    NAME_MAX,
    TokenRefused,
    do_create_token,
    do_revoke_token,
    tokens_of,
)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("What the token is for, e.g. “nightly export”."),
        error_messages={"required": _("Give the token a name, so you can tell it apart.")},
    )


def _page(
    request: HttpRequest, form: TokenForm, secret: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "bolvaerk/tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "secret": secret},
        status=status,
    )


@never_cache  # the answer with the secret must not stay in a cache
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, secret = do_create_token(request.user, form.cleaned_data["name"])
    except TokenRefused:  # the form checks the same rules; this keeps a refusal from being a 500
        form.add_error("name", TokenForm.base_fields["name"].error_messages["required"])
        return _page(request, form, status=400)
    messages.success(
        request,
        _("The token “%(name)s” was made. Copy it now: it is shown only this once.")
        % {"name": token.name},
    )
    return _page(request, TokenForm(), secret)


@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    try:
        token = do_revoke_token(request.user, int(request.POST.get("token", "")))
    except (NotFound, ValueError):
        raise Http404 from None
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api-tokens")
