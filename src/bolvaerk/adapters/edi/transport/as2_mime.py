"""The MIME layer of AS2, byte-exact. A signature covers the exact bytes of a MIME part, so
multipart bodies are split by hand here and only headers go through the standard library's
email parser; parts we write come from `email.message.MIMEPart` with CRLF line endings."""

from __future__ import annotations

import base64
import binascii
import quopri
import re
import secrets
from collections.abc import Mapping
from email import policy
from email.message import Message, MIMEPart
from email.parser import BytesHeaderParser, HeaderParser

CRLF = b"\r\n"
SIGNATURE_TYPES = {"application/pkcs7-signature", "application/x-pkcs7-signature"}
_HEADER_END = re.compile(rb"\r?\n\r?\n")


class MimeError(Exception):
    """The MIME structure cannot be read; the text says where."""


def header(headers: Mapping[str, str], name: str) -> str:
    """A header value by case-insensitive name, '' when absent (HTTP headers are like that)."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value.strip()
    return ""


def attachment(payload: bytes, content_type: str, filename: str) -> bytes:
    """A MIME part (headers, blank line, base64 body), CRLF throughout: what gets signed.
    Base64 keeps the part 7-bit, so no gateway or canonicalisation can change its bytes."""
    maintype, _, subtype = content_type.partition("/")
    part = MIMEPart(policy=policy.SMTP)
    part.set_content(
        payload,
        maintype=maintype or "application",
        subtype=subtype or "octet-stream",
        cte="base64",
        disposition="attachment",
        filename=filename,
    )
    return part.as_bytes(policy=policy.SMTP)


def new_boundary() -> str:
    return "----=_bolvaerk_" + secrets.token_hex(12)


def multipart_signed(content: bytes, signature: bytes) -> tuple[str, bytes]:
    """(Content-Type, body) of a multipart/signed around `content` with a detached
    application/pkcs7-signature part."""
    boundary = new_boundary()
    delimiter = b"--" + boundary.encode("ascii")
    signature_part = (
        b'Content-Type: application/pkcs7-signature; name="smime.p7s"\r\n'
        b"Content-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="smime.p7s"\r\n\r\n' + base64_lines(signature)
    )
    body = (
        delimiter + CRLF + content + CRLF + delimiter + CRLF + signature_part + CRLF
        + delimiter + b"--" + CRLF
    )  # fmt: skip
    content_type = (
        'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; '
        f'boundary="{boundary}"'
    )
    return content_type, body


def multipart(subtype: str, parts: list[bytes], **params: str) -> tuple[str, bytes]:
    """(Content-Type, body) of a plain multipart (for multipart/report)."""
    boundary = new_boundary()
    delimiter = b"--" + boundary.encode("ascii")
    body = b"".join(delimiter + CRLF + part + CRLF for part in parts) + delimiter + b"--" + CRLF
    extra = "".join(f"; {key.replace('_', '-')}={value}" for key, value in params.items())
    return f'multipart/{subtype}{extra}; boundary="{boundary}"', body


def entity(content_type: str, body: bytes, transfer_encoding: str = "") -> bytes:
    """A MIME entity from an HTTP Content-Type and body (headers travel apart in HTTP)."""
    head = b"Content-Type: " + content_type.encode("ascii", "replace") + CRLF
    if transfer_encoding:
        head += b"Content-Transfer-Encoding: " + transfer_encoding.encode("ascii", "replace") + CRLF
    return head + CRLF + body


def split_entity(raw: bytes) -> tuple[Message, bytes]:
    """The parsed headers and the raw body of a MIME entity (CRLF or bare LF line endings)."""
    if raw.startswith((b"\r\n", b"\n")):
        return Message(), raw[2:] if raw.startswith(b"\r\n") else raw[1:]
    found = _HEADER_END.search(raw)
    if found is None:
        raise MimeError("no blank line after the headers")
    headers = BytesHeaderParser(policy=policy.compat32).parsebytes(raw[: found.end()])
    return headers, raw[found.end() :]


def parts(headers: Message, body: bytes) -> list[bytes]:
    """The raw parts of a multipart body: exactly the bytes between the delimiter lines (the
    line break before a delimiter belongs to the delimiter, RFC 2046)."""
    boundary = headers.get_boundary()
    if not boundary:
        raise MimeError("multipart without a boundary")
    pattern = re.compile(
        rb"(?:\A|\r?\n)--"
        + re.escape(boundary.encode("ascii", "replace"))
        + rb"(--)?[ \t]*(?:\r?\n|\Z)"
    )
    found: list[bytes] = []
    start: int | None = None
    for match in pattern.finditer(body):
        if start is not None:
            found.append(body[start : match.start()])
        if match.group(1):
            return found
        start = match.end()
    raise MimeError("multipart without its closing delimiter")


def decode_body(headers: Message, body: bytes) -> bytes:
    encoding = str(headers.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        try:
            return base64.b64decode(re.sub(rb"\s+", b"", body), validate=True)
        except (binascii.Error, ValueError) as error:
            raise MimeError(f"bad base64: {error}") from error
    if encoding == "quoted-printable":
        return quopri.decodestring(body)
    if encoding in {"", "7bit", "8bit", "binary"}:
        return body
    raise MimeError(f"unknown transfer encoding {encoding}")


def fields(text: bytes) -> Message:
    """Header-style fields (a message/disposition-notification body)."""
    return HeaderParser(policy=policy.compat32).parsestr(text.decode("utf-8", "replace"))


def canonical(data: bytes) -> bytes:
    """Line endings as CRLF: the form S/MIME signs text in (RFC 8551 §3.1.1)."""
    return re.sub(rb"\r?\n", b"\r\n", data)


def base64_lines(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return b"".join(encoded[i : i + 76] + CRLF for i in range(0, len(encoded), 76))


def quote_name(name: str) -> str:
    """An AS2 name as an atom, or quoted (RFC 4130 §6.2: names may hold spaces)."""
    if re.fullmatch(r"[!#-'*+\-/-9=?A-Z^-~]+", name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote_name(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value
