"""Personal API tokens: made and shown once on the tokens page, stored only as a digest,
last use recorded, revoked by their user only; every change is in the audit log."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from bolvaerk.adapters.db.models import ApiToken, AuditEvent
from bolvaerk.services import api_tokens
from bolvaerk.services.access import NotFound
from tests.personas import PASSWORD, Cast, build_cast
from tests.web.api.helpers import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _logged_in(name: str) -> Client:
    client = Client()
    assert client.login(username=name, password=PASSWORD)
    return client


def test_a_token_is_stored_as_its_digest_and_authenticates_its_user(cast: Cast) -> None:
    token, secret = api_tokens.do_create_token(cast.anne, "  nightly export ")
    assert secret.startswith("bvk_")
    assert len(secret) > 40
    assert token.name == "nightly export"
    assert token.prefix == secret[:12]
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get(pk=token.pk))
    assert api_tokens.authenticate(secret) == cast.anne
    assert api_tokens.authenticate(secret + "x") is None
    assert api_tokens.authenticate("bvk_" + "a" * 43) is None
    assert api_tokens.authenticate("not a token") is None
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == cast.anne
    assert event.details == {"name": "nightly export", "prefix": token.prefix}
    assert secret not in str(event.details)


def test_last_use_is_recorded(cast: Cast) -> None:
    token, secret = api_tokens.do_create_token(cast.anne, "t")
    assert token.last_used_at is None
    assert api_client(secret=secret).get("/api/facilities/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_refused_and_only_its_user_revokes_it(cast: Cast) -> None:
    token, secret = api_tokens.do_create_token(cast.anne, "t")
    with pytest.raises(NotFound):
        api_tokens.do_revoke_token(cast.olga, token.pk)
    assert api_tokens.authenticate(secret) == cast.anne
    api_tokens.do_revoke_token(cast.anne, token.pk)
    api_tokens.do_revoke_token(cast.anne, token.pk)  # twice: one event
    assert api_tokens.authenticate(secret) is None
    response = api_client(secret=secret).get("/api/facilities/")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_an_inactive_user_s_token_is_refused(cast: Cast) -> None:
    _token, secret = api_tokens.do_create_token(cast.anne, "t")
    cast.anne.is_active = False
    cast.anne.save()
    assert api_tokens.authenticate(secret) is None


def test_a_token_needs_a_name(cast: Cast) -> None:
    with pytest.raises(api_tokens.TokenRefused):
        api_tokens.do_create_token(cast.anne, "   ")
    with pytest.raises(api_tokens.TokenRefused):
        api_tokens.do_create_token(cast.anne, "x" * 101)


def test_the_tokens_page_shows_a_new_token_once_and_revokes(cast: Cast) -> None:
    client = _logged_in("anne")
    page = client.get("/account/tokens/")
    assert page.status_code == 200
    assert "You have no tokens." in page.content.decode()
    assert 'href="/account/tokens/"' in page.content.decode()  # the nav link
    made = client.post("/account/tokens/", {"name": "reporting"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = ApiToken.objects.get(user=cast.anne)
    secret = made.context["secret"]
    assert secret in made.content.decode()
    assert "never" in made.content.decode()  # not used yet
    assert api_tokens.authenticate(secret) == cast.anne
    again = client.get("/account/tokens/").content.decode()
    assert secret not in again
    assert token.prefix in again
    assert "reporting" in again
    revoked = client.post("/account/tokens/revoke/", {"token": token.pk})
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "revoked" in client.get("/account/tokens/").content.decode()


def test_the_tokens_page_names_a_missing_name_and_keeps_nothing(cast: Cast) -> None:
    page = _logged_in("anne").post("/account/tokens/", {"name": ""})
    assert page.status_code == 400
    assert "Give the token a name" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_lists_or_revokes_another_user_s_tokens(cast: Cast) -> None:
    token, _secret = api_tokens.do_create_token(cast.anne, "anne's")
    olga = _logged_in("olga")
    assert "anne&#x27;s" not in olga.get("/account/tokens/").content.decode()
    assert olga.post("/account/tokens/revoke/", {"token": token.pk}).status_code == 404
    assert olga.post("/account/tokens/revoke/", {"token": "x"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_tokens_page_needs_a_login() -> None:
    response = Client().get("/account/tokens/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
