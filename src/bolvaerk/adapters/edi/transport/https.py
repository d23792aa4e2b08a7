"""HTTPS: POST the secured file to the partner's inbox URL; the answer is the signed receipt."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from urllib.parse import urlsplit

CONTENT_TYPE = "application/pkcs7-mime"
RECEIPT_TYPE = "application/pkcs7-signature"
MAX_RECEIPT = 1 << 20
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class HttpsError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def post(url: str, data: bytes, *, timeout: float = 30.0) -> bytes:
    """The receipt the inbox returned. Plain http is refused except on loopback (tests, a
    local reverse proxy); the TLS certificate of an https URL is checked the normal way."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise HttpsError("insecure-url", url=url)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        url, data=data, method="POST", headers={"Content-Type": CONTENT_TYPE}
    )
    context = ssl.create_default_context() if parts.scheme == "https" else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
            return bytes(response.read(MAX_RECEIPT))
    except urllib.error.HTTPError as error:
        with error:
            body = error.read(400).decode("utf-8", "replace").strip()
        raise HttpsError("http-status", status=error.code, detail=body) from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise HttpsError("unreachable", url=url, detail=str(reason)[:200]) from error
