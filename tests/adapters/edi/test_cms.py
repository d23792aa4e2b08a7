"""CMS sign / verify / encrypt / decrypt: our output checked by OpenSSL, OpenSSL's output by
us, and the old algorithms (3DES, SHA-1, RSA-1024) refused."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from bolvaerk.adapters.edi import cms, keys

PAYLOAD = b"UNA:+.? 'UNB+UNOC:3+AGENT+PORT+261124:1200+1'UNH+1+BERMAN:D:16B:UN'UNT+2+1'UNZ+1+1'"
OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")


@pytest.fixture(scope="module")
def party():
    return keys.generate("Nordic Agency", bits=2048)


def _openssl(*args: str | Path) -> bytes:
    assert OPENSSL is not None
    done = subprocess.run([OPENSSL, *map(str, args)], capture_output=True, check=True)  # noqa: S603
    return done.stdout


def _files(tmp_path: Path, party) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes(keys.pem(party.certificate))
    key.write_bytes(
        party.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key


def test_detached_signature_round_trip_and_its_attributes(party):
    signature = cms.sign(PAYLOAD, party.certificate, party.key, detached=True)
    signed = cms.verify(signature, PAYLOAD)
    assert signed.content == PAYLOAD
    assert signed.signer == party.certificate
    assert signed.digest_algorithm == "sha256"
    assert abs(signed.signing_time - datetime.now(UTC)) < timedelta(minutes=1)
    with pytest.raises(cms.CmsError) as changed:
        cms.verify(signature, PAYLOAD + b" ")
    assert changed.value.code == "digest-mismatch"
    with pytest.raises(cms.CmsError) as missing:
        cms.verify(signature)
    assert missing.value.code == "no-content"


def test_a_signature_with_a_changed_attribute_is_refused(party):
    signature = bytearray(cms.sign(PAYLOAD, party.certificate, party.key, detached=True))
    time_at = signature.rfind(b"\x17\x0d")  # the signing-time attribute (after the certificate)
    signature[time_at + 3] ^= 0x01  # one digit of the year
    with pytest.raises(cms.CmsError) as refused:
        cms.verify(bytes(signature), PAYLOAD)
    assert refused.value.code in {"bad-signature", "malformed"}


def test_envelope_round_trip_for_us_only(party):
    other = keys.generate("Other", bits=2048)
    secured = cms.encrypt(PAYLOAD, [party.certificate])
    assert cms.content_type(secured) == "enveloped_data"
    assert cms.decrypt(secured, party.certificate, party.key) == PAYLOAD
    with pytest.raises(cms.CmsError) as wrong:
        cms.decrypt(secured, other.certificate, other.key)
    assert (wrong.value.code, wrong.value.params) == ("wrong-recipient", {"count": 1})


@needs_openssl
def test_openssl_verifies_our_signature_and_decrypts_our_envelope(party, tmp_path):
    cert, key = _files(tmp_path, party)
    (tmp_path / "payload").write_bytes(PAYLOAD)
    (tmp_path / "sig.der").write_bytes(
        cms.sign(PAYLOAD, party.certificate, party.key, detached=True)
    )
    _openssl(
        "cms", "-verify", "-binary", "-inform", "DER", "-in", tmp_path / "sig.der",
        "-content", tmp_path / "payload", "-CAfile", cert, "-purpose", "any", "-out", "/dev/null",
    )  # fmt: skip
    (tmp_path / "env.der").write_bytes(cms.encrypt(PAYLOAD, [party.certificate]))
    info = _openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", tmp_path / "env.der")
    assert b"aes-256-cbc" in info
    out = _openssl(
        "cms", "-decrypt", "-binary", "-inform", "DER", "-in", tmp_path / "env.der",
        "-recip", cert, "-inkey", key,
    )  # fmt: skip
    assert out == PAYLOAD


@needs_openssl
def test_we_verify_openssl_signatures_and_refuse_sha1(party, tmp_path):
    cert, key = _files(tmp_path, party)
    (tmp_path / "payload").write_bytes(PAYLOAD)
    for digest in ("sha256", "sha512", "sha1"):
        signature = _openssl(
            "cms", "-sign", "-binary", "-outform", "DER", "-in", tmp_path / "payload",
            "-signer", cert, "-inkey", key, "-md", digest,
        )  # fmt: skip
        if digest == "sha1":
            with pytest.raises(cms.CmsError) as refused:
                cms.verify(signature, PAYLOAD)
            assert (refused.value.code, refused.value.params) == (
                "weak-digest",
                {"algorithm": "sha1"},
            )
        else:
            assert cms.verify(signature, PAYLOAD).digest_algorithm == digest


@needs_openssl
@pytest.mark.parametrize(("cipher", "accepted"), [("-des3", False), ("-aes128", True)])
def test_envelope_ciphers_from_openssl(party, tmp_path, cipher, accepted):
    cert, _key = _files(tmp_path, party)
    (tmp_path / "payload").write_bytes(PAYLOAD)
    secured = _openssl(
        "cms", "-encrypt", "-binary", "-outform", "DER", "-in", tmp_path / "payload", cipher, cert
    )
    if accepted:
        assert cms.decrypt(secured, party.certificate, party.key) == PAYLOAD
        return
    with pytest.raises(cms.CmsError) as refused:
        cms.decrypt(secured, party.certificate, party.key)
    assert (refused.value.code, refused.value.params) == (
        "weak-cipher",
        {"algorithm": "tripledes_3key"},
    )


def test_small_rsa_keys_are_refused():
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 - the point
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Old")])
    now = datetime.now(UTC)
    old = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    signature = cms.sign(PAYLOAD, old, key, detached=True)
    with pytest.raises(cms.CmsError) as weak:
        cms.verify(signature, PAYLOAD)
    assert (weak.value.code, weak.value.params) == ("weak-key", {"bits": 1024, "minimum": 2048})
    with pytest.raises(cms.CmsError):
        cms.encrypt(PAYLOAD, [old])


@pytest.mark.parametrize("data", [b"", b"\x30\x03\x02\x01", b"garbage", b"\x30\x80" * 40])
def test_garbage_is_not_cms(party, data):
    with pytest.raises(cms.CmsError) as refused:
        cms.decrypt(data, party.certificate, party.key)
    assert refused.value.code == "not-cms"
