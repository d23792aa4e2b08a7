"""Clients of the API tests: a Django test client that sends a user's token on every request."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from bolvaerk.services.api_tokens import do_create_token

WRONG = "bvk_" + "not-a-token"  # the shape of a token, but none was made


def token_for(user: User, name: str = "tests") -> str:
    return do_create_token(user, name)[1]


def api_client(user: User | None = None, secret: str = "") -> Client:
    """A client whose requests carry `Authorization: Bearer <token>` (a new token of `user`)."""
    if user is not None and not secret:
        secret = token_for(user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}") if secret else Client()


def put_json(client: Client, url: str, document: Any, etag: str | None) -> Any:
    headers = {"If-Match": etag} if etag is not None else {}
    body = document if isinstance(document, str | bytes) else json.dumps(document)
    return client.put(url, body, content_type="application/json", headers=headers)


def post_json(client: Client, url: str, data: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")
