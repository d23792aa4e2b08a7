"""AS2 (RFC 4130): our sender and our receiver with a signed MDN; tampering, wrong parties and a
MIC mismatch each named; OpenSSL as a foreign S/MIME implementation both ways; pyas2lib as a
foreign AS2 peer where it imports (it does not on OpenSSL 3.0.y with y >= 10, see the skip)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from bolvaerk.adapters.edi import cms, keys
from bolvaerk.adapters.edi.transport import as2, as2_mime
from bolvaerk.adapters.edi.transport.as2_mdn import As2Error, build_mdn, mic_of, verify_mdn

PAYLOAD = b"UNA:+.? 'UNB+UNOC:3+AGENT+PORT+261124:1200+1'UNH+1+BERMAN:D:16B:UN'UNT+2+1'UNZ+1+1'"
AGENT, PORT = "Nordic Agency", "AARHUSPORT"
OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")


@pytest.fixture(scope="module")
def agent():
    return keys.generate(AGENT, bits=2048)


@pytest.fixture(scope="module")
def port():
    return keys.generate("Aarhus Port", bits=2048)


@pytest.fixture(scope="module")
def stranger():
    return keys.generate(AGENT, bits=2048)  # same name, another key


def _send(agent, port, payload: bytes = PAYLOAD) -> as2.As2Message:
    return as2.build_message(
        payload,
        filename="berman.edi",
        sender_id=AGENT,
        receiver_id=PORT,
        certificate=agent.certificate,
        key=agent.key,
        partner_certificate=port.certificate,
    )


def _receive(port, agent, headers, body, **options) -> as2.Inbound:
    return as2.receive_message(
        headers,
        body,
        our_id=PORT,
        certificate=port.certificate,
        key=port.key,
        partners={AGENT: agent.certificate},
        **options,
    )


def _signed_entity(message: as2.As2Message, port) -> bytes:
    """What is inside the envelope: the multipart/signed entity, as the receiver sees it."""
    return cms.decrypt(message.body, port.certificate, port.key)


def _as_plain(entity: bytes) -> tuple[dict[str, str], bytes]:
    """Send a signed entity without encryption: its Content-Type moves to the HTTP headers."""
    head, body = as2_mime.split_entity(entity)
    headers = {"Message-ID": "<plain@test>", "AS2-From": AGENT, "AS2-To": PORT}
    return {**headers, "Content-Type": str(head["Content-Type"])}, body


def test_round_trip_with_a_signed_mdn(agent, port):
    message = _send(agent, port)
    headers = message.headers
    assert headers["AS2-From"] == '"Nordic Agency"'  # a name with a space is quoted
    assert headers["AS2-To"] == PORT
    assert headers["Message-ID"].startswith("<")
    assert headers["Message-ID"].endswith(">")
    assert headers["Content-Type"].startswith("application/pkcs7-mime; smime-type=enveloped-data")
    assert headers["Disposition-Notification-To"]
    assert headers["Disposition-Notification-Options"] == (
        "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256"
    )
    inbound = _receive(port, agent, headers, message.body)
    assert (inbound.ok, inbound.disposition, inbound.reason) == (True, "processed", "")
    assert (inbound.payload, inbound.filename) == (PAYLOAD, "berman.edi")
    assert inbound.content_type == "application/edifact"
    assert (inbound.sender_id, inbound.message_id) == (AGENT, message.message_id)
    assert inbound.signer == agent.certificate
    assert inbound.mic == message.mic
    assert message.mic.endswith(", sha-256")
    mdn = inbound.mdn
    assert mdn.headers["AS2-From"] == PORT
    assert mdn.headers["Content-Type"].startswith("multipart/signed;")
    assert f"Original-Message-ID: {message.message_id}".encode() in mdn.body
    assert f"Received-Content-MIC: {message.mic}".encode() in mdn.body
    assert b"Disposition: automatic-action/MDN-sent-automatically; processed\r\n" in mdn.body
    result = verify_mdn(
        mdn.headers,
        mdn.body,
        message_id=message.message_id,
        mic=message.mic,
        partner_certificate=port.certificate,
    )
    assert (result.processed, result.original_message_id) == (True, message.message_id)


def _failed(port, agent, headers, body, **options) -> tuple[as2.Inbound, str]:
    inbound = _receive(port, agent, headers, body, **options)
    assert not inbound.ok
    assert inbound.payload is None
    assert inbound.disposition.startswith("processed/error: ")
    text = f"Disposition: automatic-action/MDN-sent-automatically; {inbound.disposition}"
    assert text.encode() in inbound.mdn.body  # the signed MDN says so too
    result = verify_mdn(
        inbound.mdn.headers,
        inbound.mdn.body,
        message_id=inbound.message_id,
        mic="",
        partner_certificate=port.certificate,
    )
    assert (result.processed, result.disposition) == (False, inbound.disposition)
    return inbound, inbound.disposition.removeprefix("processed/error: ")


def test_a_tampered_envelope_is_reported_in_the_mdn(agent, port):
    message = _send(agent, port)
    for offset in (len(message.body) // 2, len(message.body) - 5):
        body = bytearray(message.body)
        body[offset] ^= 0x55
        _, modifier = _failed(port, agent, message.headers, bytes(body))
        assert modifier in {"decryption-failed", "integrity-check-failed"}


def test_an_envelope_for_someone_else_is_decryption_failed(agent, port, stranger):
    message = _send(agent, stranger)
    inbound, modifier = _failed(port, agent, message.headers, message.body)
    assert (modifier, inbound.reason) == ("decryption-failed", "wrong-recipient")


def test_content_changed_under_the_signature_is_integrity_check_failed(agent, port):
    entity = _signed_entity(_send(agent, port), port)
    tampered = entity.replace(b"Content-Type: application/edifact", b"Content-Type: text/plain", 1)
    assert tampered != entity
    inbound, modifier = _failed(port, agent, {**_send(agent, port).headers}, cms.encrypt(
        tampered, [port.certificate]
    ))  # fmt: skip
    assert (modifier, inbound.reason) == ("integrity-check-failed", "digest-mismatch")
    headers, body = _as_plain(tampered)
    _, modifier = _failed(port, agent, headers, body, require_encryption=False)
    assert modifier == "integrity-check-failed"


def test_unencrypted_or_unsigned_is_insufficient_security(agent, port):
    headers, body = _as_plain(_signed_entity(_send(agent, port), port))
    inbound, modifier = _failed(port, agent, headers, body)
    assert (modifier, inbound.reason) == ("insufficient-message-security", "as2-not-encrypted")
    plain = _receive(port, agent, headers, body, require_encryption=False)
    assert (plain.ok, plain.payload) == (True, PAYLOAD)
    unsigned = cms.encrypt(as2_mime.attachment(PAYLOAD, "application/edifact", "x.edi"), [
        port.certificate
    ])  # fmt: skip
    inbound, modifier = _failed(port, agent, _send(agent, port).headers, unsigned)
    assert (modifier, inbound.reason) == ("insufficient-message-security", "as2-not-signed")


def test_wrong_signer_unknown_partner_or_other_recipient_fail_authentication(agent, port, stranger):
    forged = _send(stranger, port)
    inbound, modifier = _failed(port, agent, forged.headers, forged.body)
    assert (modifier, inbound.reason) == ("authentication-failed", "as2-wrong-signer")
    message = _send(agent, port)
    unknown = {**message.headers, "AS2-From": "SOMEONE"}
    inbound, modifier = _failed(port, agent, unknown, message.body)
    assert (modifier, inbound.reason) == ("authentication-failed", "as2-unknown-partner")
    elsewhere = {**message.headers, "AS2-To": "OTHERPORT"}
    inbound, modifier = _failed(port, agent, elsewhere, message.body)
    assert (modifier, inbound.reason) == ("authentication-failed", "as2-not-for-us")
    with pytest.raises(As2Error) as nobody:
        _receive(port, agent, {"Content-Type": "text/plain"}, b"hello")
    assert nobody.value.params == {"missing": "Message-ID, AS2-From, AS2-To"}


def _mdn(port_party, message, *, mic: str, original: str | None = None):
    return build_mdn(
        original_message_id=original or message.message_id,
        sender_id=AGENT,
        our_id=PORT,
        disposition="processed",
        mic=mic,
        certificate=port_party.certificate,
        key=port_party.key,
    )


def _check(mdn, message, port):
    return verify_mdn(
        mdn.headers,
        mdn.body,
        message_id=message.message_id,
        mic=message.mic,
        partner_certificate=port.certificate,
    )


def test_the_sender_detects_a_mic_mismatch_and_other_bad_mdns(agent, port, stranger):
    message = _send(agent, port)
    with pytest.raises(As2Error) as mismatch:
        _check(_mdn(port, message, mic=mic_of(b"something else")), message, port)
    assert mismatch.value.code == "as2-mic-mismatch"
    assert mismatch.value.params["expected"] == message.mic
    with pytest.raises(As2Error) as other:
        _check(_mdn(port, message, mic=message.mic, original="<other@x>"), message, port)
    assert other.value.code == "as2-mdn-other-message"
    with pytest.raises(As2Error) as forged:
        _check(_mdn(stranger, message, mic=message.mic), message, port)
    assert forged.value.code == "as2-mdn-signer"
    good = _mdn(port, message, mic=message.mic)
    assert _check(good, message, port).processed
    changed = as2.Mdn(good.message_id, good.headers, good.body.replace(b"processed", b"procesSed"))
    with pytest.raises(As2Error) as tampered:
        _check(changed, message, port)
    assert (tampered.value.code, tampered.value.params) == (
        "as2-mdn-signature",
        {"reason": "digest-mismatch"},
    )
    unsigned = {**good.headers, "Content-Type": "multipart/report; boundary=x"}
    with pytest.raises(As2Error) as plain:
        verify_mdn(unsigned, b"", message_id="", mic="", partner_certificate=port.certificate)
    assert plain.value.code == "as2-mdn-unsigned"


# ---------------------------------------------------------------- OpenSSL as the foreign side


def _openssl(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    assert OPENSSL is not None
    return subprocess.run([OPENSSL, *map(str, args)], capture_output=True, check=check)  # noqa: S603


def _key_files(tmp_path: Path, party, name: str) -> tuple[Path, Path]:
    cert, key = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert.write_bytes(keys.pem(party.certificate))
    key.write_bytes(
        party.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


@needs_openssl
def test_openssl_decrypts_our_message_and_verifies_its_signature_and_our_mdn(agent, port, tmp_path):
    agent_cert, _ = _key_files(tmp_path, agent, "agent")
    port_cert, port_key = _key_files(tmp_path, port, "port")
    message = _send(agent, port)
    (tmp_path / "body.der").write_bytes(message.body)
    _openssl("cms", "-decrypt", "-inform", "DER", "-in", tmp_path / "body.der",
             "-recip", port_cert, "-inkey", port_key, "-out", tmp_path / "signed.eml")  # fmt: skip
    verified = _openssl("smime", "-verify", "-in", tmp_path / "signed.eml", "-CAfile", agent_cert,
                        "-purpose", "any", "-out", tmp_path / "content.eml")  # fmt: skip
    assert b"Verification successful" in verified.stderr
    content = (tmp_path / "content.eml").read_bytes()
    assert as2_mime.canonical(content).startswith(b"Content-Type: application/edifact")
    inbound = _receive(port, agent, message.headers, message.body)
    (tmp_path / "mdn.eml").write_bytes(as2_mime.entity(inbound.mdn.headers["Content-Type"],
                                                       inbound.mdn.body))  # fmt: skip
    mdn = _openssl("smime", "-verify", "-in", tmp_path / "mdn.eml", "-CAfile", port_cert,
                   "-purpose", "any", "-out", tmp_path / "report.eml")  # fmt: skip
    assert b"Verification successful" in mdn.stderr
    assert (
        b"Received-Content-MIC: " + message.mic.encode() in (tmp_path / "report.eml").read_bytes()
    )


@needs_openssl
def test_we_open_a_message_openssl_signed_and_encrypted(agent, port, tmp_path):
    agent_cert, agent_key = _key_files(tmp_path, agent, "agent")
    port_cert, _ = _key_files(tmp_path, port, "port")
    # text mode: OpenSSL signs the CRLF form but writes the part with the file's bare LFs
    (tmp_path / "part.eml").write_bytes(
        b"Content-Type: application/edifact\nContent-Disposition: attachment; "
        b'filename="openssl.edi"\n\n' + PAYLOAD + b"\n"
    )
    _openssl("smime", "-sign", "-in", tmp_path / "part.eml", "-signer", agent_cert,
             "-inkey", agent_key, "-md", "sha256", "-out", tmp_path / "signed.eml")  # fmt: skip
    _openssl("smime", "-encrypt", "-aes256", "-binary", "-in", tmp_path / "signed.eml",
             "-outform", "DER", "-out", tmp_path / "env.der", port_cert)  # fmt: skip
    headers = {
        "AS2-From": '"Nordic Agency"',
        "AS2-To": PORT,
        "Message-ID": "<openssl-1@test>",
        "Content-Type": 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"',
        "Disposition-Notification-To": "agent@example.org",
    }
    inbound = _receive(port, agent, headers, (tmp_path / "env.der").read_bytes())
    assert (inbound.disposition, inbound.reason) == ("processed", "")
    assert (inbound.payload, inbound.filename) == (PAYLOAD + b"\r\n", "openssl.edi")
    assert inbound.mic == mic_of(as2_mime.canonical((tmp_path / "part.eml").read_bytes()))


# ---------------------------------------------------------------- pyas2lib as a foreign AS2 peer

PASSWORD = "test-password"  # noqa: S105 - a throwaway test key's password


def _pyas2lib():
    """pyas2lib (GPL, a test-only dependency) or a skip saying why it does not import here:
    it imports oscrypto, whose libcrypto version check fails on OpenSSL 3.0.y with y >= 10."""
    try:
        import pyas2lib  # noqa: PLC0415 - optional foreign peer
    except Exception as error:  # oscrypto raises LibraryNotFoundError, not an ImportError
        pytest.skip(f"pyas2lib does not import here: {type(error).__name__}: {error}")
    return pyas2lib


def _pem_pair(party) -> bytes:
    return keys.encrypted_pem(party.key, PASSWORD) + keys.pem(party.certificate)


def test_pyas2lib_sends_to_us_and_checks_our_mdn(agent, port):
    pyas2lib = _pyas2lib()
    sender = pyas2lib.Organization(as2_name="NORDICAGENCY", sign_key=_pem_pair(agent),
                                   sign_key_pass=PASSWORD)  # fmt: skip
    receiver = pyas2lib.Partner(
        as2_name=PORT, verify_cert=keys.pem(port.certificate),
        encrypt_cert=keys.pem(port.certificate), sign=True, encrypt=True,
        enc_alg="aes_256_cbc", digest_alg="sha256", mdn_mode="SYNC", mdn_digest_alg="sha256",
    )  # fmt: skip
    message = pyas2lib.Message(sender, receiver)
    message.build(PAYLOAD, filename="berman.edi", content_type="application/edifact")
    inbound = as2.receive_message(
        message.headers, message.content, our_id=PORT, certificate=port.certificate,
        key=port.key, partners={"NORDICAGENCY": agent.certificate},
    )  # fmt: skip
    assert (inbound.disposition, inbound.reason) == ("processed", "")
    assert inbound.payload == PAYLOAD
    assert inbound.mic is not None
    assert inbound.mic.split(",")[0] == message.mic.decode()
    raw = b"".join(f"{k}: {v}\r\n".encode() for k, v in inbound.mdn.headers.items())
    status, detail = pyas2lib.Mdn().parse(raw + b"\r\n" + inbound.mdn.body, lambda *_: message)
    assert (status, detail) == ("processed", None)


def test_we_send_to_pyas2lib_and_check_its_mdn(agent, port):
    pyas2lib = _pyas2lib()
    receiver = pyas2lib.Organization(as2_name=PORT, sign_key=_pem_pair(port),
                                     sign_key_pass=PASSWORD, decrypt_key=_pem_pair(port),
                                     decrypt_key_pass=PASSWORD)  # fmt: skip
    sender = pyas2lib.Partner(
        as2_name="NORDICAGENCY", verify_cert=keys.pem(agent.certificate),
        encrypt_cert=keys.pem(agent.certificate), sign=True, encrypt=True,
        enc_alg="aes_256_cbc", digest_alg="sha256", mdn_mode="SYNC", mdn_digest_alg="sha256",
    )  # fmt: skip
    out = as2.build_message(
        PAYLOAD, filename="berman.edi", sender_id="NORDICAGENCY", receiver_id=PORT,
        certificate=agent.certificate, key=agent.key, partner_certificate=port.certificate,
    )  # fmt: skip
    raw = b"".join(f"{k}: {v}\r\n".encode() for k, v in out.headers.items()) + b"\r\n" + out.body
    message = pyas2lib.Message()
    status, exception, mdn = message.parse(
        raw, find_org_cb=lambda _: receiver, find_partner_cb=lambda _: sender
    )
    assert status == "processed", exception
    assert message.content == PAYLOAD
    result = verify_mdn(mdn.headers, mdn.content, message_id=out.message_id, mic=out.mic,
                        partner_certificate=port.certificate)  # fmt: skip
    assert result.processed


def test_pyas2lib_stays_a_test_dependency():
    src = Path(__file__).resolve().parents[3] / "src"
    importing = [
        path
        for path in src.rglob("*.py")
        if "import pyas2lib" in (text := path.read_text(encoding="utf-8"))
        or "from pyas2lib" in text
    ]
    assert importing == []
