"""Personal API tokens: made by their user, shown once, stored only as a SHA-256 digest, revoked
by their user. `authenticate` turns a presented token into its user (or None)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bolvaerk.adapters.db.models import ApiToken
from bolvaerk.services import audit
from bolvaerk.services.access import AnyUser, NotFound

Token = ApiToken  # for the web's type annotations (the web never imports adapters)
PREFIX = "bvk_"  # tells a bolvaerk token apart in a leaked log or a secret scanner
PREFIX_LENGTH = 12  # PREFIX + 8 characters: enough to tell one's tokens apart in the list
NAME_MAX = 100
MAX_SECRET = 200  # no real token is longer; a longer one is not even hashed
# last_used_at is written at most once a minute per token: a busy client does not turn every
# read into a database write
TOUCH_EVERY = timedelta(minutes=1)


class TokenRefused(Exception):  # noqa: N818 - the condition, shown next to the field
    """A token needs a name (of at most NAME_MAX characters) and a logged-in user."""


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def tokens_of(user: AnyUser) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones too, marked)."""
    if not isinstance(user, User):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


@transaction.atomic
def do_create_token(user: AnyUser, name: str) -> tuple[ApiToken, str]:
    """A new token for the user; the secret is returned here once and never stored."""
    name = name.strip()
    if not isinstance(user, User) or not user.is_active or not name or len(name) > NAME_MAX:
        raise TokenRefused(name)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], digest=digest_of(secret)
    )
    audit.record(user, "api_token.created", token, details={"name": name, "prefix": token.prefix})
    return token, secret


@transaction.atomic
def do_revoke_token(user: AnyUser, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; anyone else's (or a missing one) is NotFound."""
    try:
        token = tokens_of(user).select_for_update().get(pk=token_id)
    except ApiToken.DoesNotExist:
        raise NotFound from None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            user,
            "api_token.revoked",
            token,
            details={"name": token.name, "prefix": token.prefix},
        )
    return token


def authenticate(secret: str) -> User | None:
    """The active user of a valid, unrevoked token; None for anything else.

    The lookup is by the digest (a unique index), so the time it takes does not depend on how
    much of a guessed secret is right; the final comparison is constant-time as well."""
    if not secret.startswith(PREFIX) or len(secret) > MAX_SECRET:
        return None
    digest = digest_of(secret)
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
