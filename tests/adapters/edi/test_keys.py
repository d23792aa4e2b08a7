"""Keys at rest and in memory, and certificates in every format people are sent."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12

from bolvaerk.adapters.edi import certificates, keys
from tests.edi_parties import make_ca


@pytest.fixture(scope="module")
def identity():
    return keys.generate("Aarhus Port", bits=2048)


def test_new_identity_is_a_signing_and_encryption_certificate_with_a_csr(identity):
    info = certificates.describe(identity.certificate)
    assert info.subject == "CN=Aarhus Port"
    assert info.self_signed
    assert 729 <= (info.not_after - info.not_before).days <= 731
    assert identity.request.is_signature_valid
    assert identity.request.public_key() == identity.certificate.public_key()
    certificates.check_algorithms(identity.certificate)
    assert keys.generate("Bigger").key.key_size == keys.DEFAULT_KEY_BITS == 3072


def test_key_is_encrypted_at_rest_owner_only_and_loaded_once(identity, tmp_path):
    path = tmp_path / "key.pem"
    keys.write_private(path, keys.encrypted_pem(identity.key, "a long passphrase"))
    assert path.stat().st_mode & 0o777 == 0o600
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    keys.forget_keys()
    with pytest.raises(keys.PrivateKeyError) as wrong:
        keys.load_private_key(path, "not it")
    assert wrong.value.code == "bad-passphrase"
    with pytest.raises(keys.PrivateKeyError) as none:
        keys.load_private_key(path, None)
    assert none.value.code == "passphrase-needed"
    started = time.perf_counter()
    first = keys.load_private_key(path, "a long passphrase")
    load = time.perf_counter() - started
    started = time.perf_counter()
    again = keys.load_private_key(path, None)  # cached: no passphrase, no decryption
    cached = time.perf_counter() - started
    assert again is first
    assert keys.is_loaded(path)
    assert cached < load / 10
    assert first.private_numbers() == identity.key.private_numbers()


def test_every_certificate_format_is_read(identity):
    ca = make_ca()
    leaf = identity.certificate
    pem = leaf.public_bytes(serialization.Encoding.PEM)
    der = leaf.public_bytes(serialization.Encoding.DER)
    p7b_der = pkcs7.serialize_certificates([leaf, ca.certificate], serialization.Encoding.DER)
    p7b_pem = pkcs7.serialize_certificates([leaf, ca.certificate], serialization.Encoding.PEM)
    p12 = pkcs12.serialize_key_and_certificates(
        b"agent", identity.key, leaf, [ca.certificate],
        serialization.BestAvailableEncryption(b"secret"),
    )  # fmt: skip
    assert certificates.load_certificates(pem) == [leaf]
    assert certificates.load_certificates(der) == [leaf]
    assert certificates.load_certificates(
        pem + ca.certificate.public_bytes(serialization.Encoding.PEM)
    ) == [leaf, ca.certificate]
    assert set(certificates.load_certificates(p7b_der)) == {leaf, ca.certificate}
    assert set(certificates.load_certificates(p7b_pem)) == {leaf, ca.certificate}
    assert certificates.load_certificates(p12, b"secret") == [leaf, ca.certificate]
    with pytest.raises(certificates.CertificateError) as locked:
        certificates.load_certificates(p12, b"wrong")
    assert locked.value.code == "p12-password"
    for junk in (b"", b"hello", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"):
        with pytest.raises(certificates.CertificateError):
            certificates.load_certificates(junk)


def test_trust_pinned_or_through_a_ca_and_validity_at_each_moment(identity):
    ca, other = make_ca("Port CA"), make_ca("Elsewhere CA")
    issued = ca.issue(identity.key.public_key(), "Aarhus Port")
    now = datetime.now(UTC)
    certificates.check_trust(
        identity.certificate, pinned=[identity.certificate], anchors=[], intermediates=[],
        moments=[now],
    )  # fmt: skip
    certificates.check_trust(
        issued, pinned=[], anchors=[ca.certificate], intermediates=[], moments=[now]
    )
    with pytest.raises(certificates.CertificateError) as unknown:
        certificates.check_trust(
            issued, pinned=[identity.certificate], anchors=[other.certificate],
            intermediates=[ca.certificate], moments=[now],
        )  # fmt: skip
    assert unknown.value.code == "untrusted-ca"  # a self-signed CA that is no anchor ends it
    with pytest.raises(certificates.CertificateError) as late:
        certificates.check_trust(
            issued, pinned=[], anchors=[ca.certificate], intermediates=[],
            moments=[now, now + timedelta(days=400)],
        )  # fmt: skip
    assert late.value.code == "expired"
    assert certificates.days_left(issued, now) in {364, 365}
    assert len(certificates.fingerprint(issued)) == 95
