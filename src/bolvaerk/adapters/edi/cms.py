"""CMS (RFC 5652): detached or encapsulated SignedData, and EnvelopedData with AES-256-CBC.

cryptography signs, encrypts and decrypts; it has no CMS verification, so `verify` parses with
asn1crypto and lets cryptography do the public-key maths. Every structure is checked against
modern defaults before use: SHA-256/384/512 only, RSA >= 2048 or EC >= 256 bits, AES only (no
3DES, RC2, DES). Errors carry a code and params; the services turn them into da/en text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from asn1crypto import cms as asn1_cms  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from bolvaerk.adapters.edi.cms_attributes import DATA, oid, signed_attributes

SIGNING_KEY = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
# Signature algorithm names (asn1crypto) -> the hash they imply; None: the digest algorithm.
_RSA_PKCS1 = {
    "rsassa_pkcs1v15": None,
    "sha256_rsa": "sha256",
    "sha384_rsa": "sha384",
    "sha512_rsa": "sha512",
}
_ECDSA = {"sha256_ecdsa": "sha256", "sha384_ecdsa": "sha384", "sha512_ecdsa": "sha512"}
_CONTENT_CIPHERS = {"aes128_cbc", "aes192_cbc", "aes256_cbc"}
_KEY_TRANSPORT = {"rsaes_pkcs1v15", "rsaes_oaep"}


# Compared as encoded bytes: asn1crypto's .native costs tens of microseconds per value.
_DIGEST_OIDS = {
    oid("2.16.840.1.101.3.4.2.1"): "sha256",
    oid("2.16.840.1.101.3.4.2.2"): "sha384",
    oid("2.16.840.1.101.3.4.2.3"): "sha512",
}
_SIGNATURE_OIDS = {
    oid("1.2.840.113549.1.1.1"): "rsassa_pkcs1v15",
    oid("1.2.840.113549.1.1.11"): "sha256_rsa",
}
MIN_RSA_BITS = 2048
MIN_EC_BITS = 256


class CmsError(Exception):
    """A CMS structure was refused; `code` names the reason (see content/messages/edi_exchange)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Signed:
    """A verified signature: what was signed, by whom, when (the signed signing-time attribute)."""

    content: bytes
    signer: x509.Certificate
    signing_time: datetime
    certificates: tuple[x509.Certificate, ...]  # all certificates the signature carried
    digest_algorithm: str


def sign(
    content: bytes,
    certificate: x509.Certificate,
    key: SIGNING_KEY,
    *,
    detached: bool,
    chain: Sequence[x509.Certificate] = (),
) -> bytes:
    """SignedData (DER) with SHA-256, the signer certificate (and its CA chain, if any) and the
    signed attributes content-type, signing-time and message-digest. Detached: the content is
    not inside."""
    options = [pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.NoCapabilities]
    if detached:
        options.append(pkcs7.PKCS7Options.DetachedSignature)
    builder = pkcs7.PKCS7SignatureBuilder().set_data(content)
    builder = builder.add_signer(certificate, key, hashes.SHA256())
    for extra in chain:
        builder = builder.add_certificate(extra)
    return builder.sign(serialization.Encoding.DER, options)


def encrypt(content: bytes, recipients: Sequence[x509.Certificate]) -> bytes:
    """EnvelopedData (DER): AES-256-CBC content, the key wrapped for each RSA recipient.

    cryptography offers only RSA PKCS#1 v1.5 key transport here (no OAEP); see ADR 0011."""
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(content)
    builder = builder.set_content_encryption_algorithm(algorithms.AES256)
    for certificate in recipients:
        check_public_key(certificate)
        builder = builder.add_recipient(certificate)
    return builder.encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])


def content_type(data: bytes) -> str:
    """'signed_data', 'enveloped_data', … of a DER ContentInfo; CmsError('not-cms') if none."""
    return str(_content_info(data)["content_type"].native)


def decrypt(data: bytes, certificate: x509.Certificate, key: rsa.RSAPrivateKey) -> bytes:
    """The content of an EnvelopedData meant for `certificate`.

    cryptography itself decrypts only AES-128/256-CBC content with RSA key transport, a subset
    of our policy, so the structure is examined only when it refuses (to say why): the common
    case parses the DER once."""
    try:
        return pkcs7.pkcs7_decrypt_der(data, certificate, key, [])
    except (ValueError, UnsupportedAlgorithm) as error:
        _explain_refusal(data, certificate)
        # One message for every other failure: the cause must not become a padding oracle.
        raise CmsError("decrypt-failed") from error


def _explain_refusal(data: bytes, certificate: x509.Certificate) -> None:
    """Raise the CmsError that names why an envelope cannot be opened, if its public structure
    tells (not CMS, not enveloped, an old cipher, not for us, an old key transport)."""
    info = _content_info(data)
    if info["content_type"].native != "enveloped_data":
        raise CmsError("not-enveloped", found=str(info["content_type"].native))
    try:
        enveloped = info["content"]
        cipher = enveloped["encrypted_content_info"]["content_encryption_algorithm"]
        cipher_name = str(cipher["algorithm"].native)
        recipients = list(enveloped["recipient_infos"])
        ours = [r for r in recipients if r.name == "ktri" and _is_ours(r.chosen, certificate)]
        transports = {str(r.chosen["key_encryption_algorithm"]["algorithm"].native) for r in ours}
    except (ValueError, TypeError, KeyError) as error:
        raise CmsError("malformed", detail=_short(error)) from error
    if cipher_name not in _CONTENT_CIPHERS:
        raise CmsError("weak-cipher", algorithm=cipher_name)
    if not ours:
        raise CmsError("wrong-recipient", count=len(recipients))
    if not transports <= _KEY_TRANSPORT:
        raise CmsError("weak-key-transport", algorithm=", ".join(sorted(transports)))


def verify(data: bytes, detached_content: bytes | None = None) -> Signed:
    """Check a SignedData: exactly one signer, modern algorithms, the message-digest attribute
    equal to the content's digest, the signature over the signed attributes. Trust in the
    signer certificate (chain, validity) is the caller's next step."""
    info = _content_info(data)
    if info["content_type"].native != "signed_data":
        raise CmsError("not-signed", found=str(info["content_type"].native))
    try:
        return _verify_signed_data(info["content"], detached_content)
    except (ValueError, TypeError, KeyError, AttributeError, UnsupportedAlgorithm) as error:
        raise CmsError("malformed", detail=_short(error)) from error


def carried_certificates(data: bytes) -> list[x509.Certificate]:
    """The certificates a SignedData carries, without verifying anything."""
    info = _content_info(data)
    if info["content_type"].native != "signed_data":
        raise CmsError("not-signed", found=str(info["content_type"].native))
    try:
        return list(_certificates_of(info["content"]))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise CmsError("malformed", detail=_short(error)) from error


def _certificates_of(signed: Any) -> tuple[x509.Certificate, ...]:  # noqa: ANN401 - asn1crypto
    """The certificates of a parsed SignedData, each read by cryptography from its own DER
    (cached: a partner's certificate comes with every message); none if one is not an X.509
    certificate cryptography can read."""
    found = []
    for choice in signed["certificates"] or ():
        if choice.name != "certificate":
            return ()
        try:
            found.append(_certificate(choice.chosen.dump()))
        except (ValueError, UnsupportedAlgorithm):
            return ()
    return tuple(found)


@lru_cache(maxsize=256)
def _certificate(der: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(der)


def _verify_signed_data(signed: Any, detached_content: bytes | None) -> Signed:  # noqa: ANN401 - asn1crypto values are untyped
    signer_infos = list(signed["signer_infos"])
    if len(signer_infos) != 1:
        raise CmsError("signer-count", count=len(signer_infos))
    signer_info = signer_infos[0]
    encapsulated = signed["encap_content_info"]["content"].native
    if encapsulated is not None and detached_content is not None:
        raise CmsError("malformed", detail="content both inside and outside the signature")
    content = encapsulated if encapsulated is not None else detached_content
    if content is None:
        raise CmsError("no-content")
    digest_oid = signer_info["digest_algorithm"]["algorithm"]
    digest_name = _DIGEST_OIDS.get(bytes(digest_oid.contents))
    if digest_name is None:
        raise CmsError("weak-digest", algorithm=str(digest_oid.native))
    attributes = signer_info["signed_attrs"]
    if not attributes:
        raise CmsError("no-signed-attributes")
    content_types, signing_times, digests = signed_attributes(attributes)
    if content_types != [DATA]:
        raise CmsError("malformed", detail="content-type attribute is not data")
    if len(signing_times) != 1:
        raise CmsError("no-signing-time")
    digest = hashlib.new(digest_name, content).digest()
    if digests != [digest]:
        raise CmsError("digest-mismatch", algorithm=digest_name)
    certificates = _certificates_of(signed)
    signer = _find_signer(signer_info["sid"], certificates)
    check_public_key(signer)
    # The signature covers the DER of the attributes as a SET OF (tag 0x31), not the [0] tag.
    signed_bytes = b"\x31" + attributes.dump()[1:]
    _check_signature(signer, signer_info, digest_name, signed_bytes)
    return Signed(
        content=bytes(content),
        signer=signer,
        signing_time=signing_times[0],
        certificates=certificates,
        digest_algorithm=digest_name,
    )


def _check_signature(
    signer: x509.Certificate,
    signer_info: Any,  # noqa: ANN401 - asn1crypto value
    digest_name: str,
    signed_bytes: bytes,
) -> None:
    algorithm = signer_info["signature_algorithm"]
    name = _SIGNATURE_OIDS.get(bytes(algorithm["algorithm"].contents)) or str(
        algorithm["algorithm"].native
    )
    signature = bytes(signer_info["signature"].contents)
    public_key = signer.public_key()
    try:
        if isinstance(public_key, rsa.RSAPublicKey) and name in _RSA_PKCS1:
            hash_name = _RSA_PKCS1[name] or digest_name
            public_key.verify(signature, signed_bytes, padding.PKCS1v15(), _hash(hash_name))
        elif isinstance(public_key, rsa.RSAPublicKey) and name == "rsassa_pss":
            params = algorithm["parameters"]
            hash_name = str(params["hash_algorithm"]["algorithm"].native)
            pss = padding.PSS(
                mgf=padding.MGF1(_hash(hash_name)), salt_length=int(params["salt_length"].native)
            )
            public_key.verify(signature, signed_bytes, pss, _hash(hash_name))
        elif isinstance(public_key, ec.EllipticCurvePublicKey) and name in _ECDSA | {"ecdsa": None}:
            hash_name = _ECDSA.get(name) or digest_name
            public_key.verify(signature, signed_bytes, ec.ECDSA(_hash(hash_name)))
        else:
            raise CmsError("weak-signature", algorithm=name)
    except InvalidSignature as error:
        raise CmsError("bad-signature") from error


def check_public_key(certificate: x509.Certificate) -> None:
    """RSA >= 2048 or EC >= 256 bits; anything else is refused."""
    try:
        key = certificate.public_key()
    except (ValueError, UnsupportedAlgorithm) as error:
        raise CmsError("weak-key", bits=0, minimum=MIN_RSA_BITS) from error
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise CmsError("weak-key", bits=key.key_size, minimum=MIN_RSA_BITS)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.key_size < MIN_EC_BITS:
            raise CmsError("weak-key", bits=key.curve.key_size, minimum=MIN_EC_BITS)
    else:
        raise CmsError("weak-key", bits=0, minimum=MIN_RSA_BITS)


def _hash(name: str) -> hashes.HashAlgorithm:
    if name not in _HASHES:
        raise CmsError("weak-digest", algorithm=name)
    return _HASHES[name]()


def _find_signer(sid: Any, certificates: Sequence[x509.Certificate]) -> x509.Certificate:  # noqa: ANN401
    if sid.name == "issuer_and_serial_number":
        # Compare the encoded IssuerAndSerialNumber: no asn1crypto parsing of the names.
        wanted = bytes(sid.chosen.dump())
        for certificate in certificates:
            if _issuer_and_serial(certificate) == wanted:
                return certificate
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            chosen = sid.chosen  # the slow way, for encodings that are not the shortest
            if (
                certificate.serial_number == chosen["serial_number"].native
                and certificate.issuer.public_bytes() == chosen["issuer"].dump()
            ):
                return certificate
        elif sid.name == "subject_key_identifier":
            try:
                ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
            except (x509.ExtensionNotFound, ValueError):
                continue
            if ski.value.digest == sid.chosen.native:
                return certificate
    raise CmsError("no-signer-certificate")


@lru_cache(maxsize=256)
def _issuer_and_serial(certificate: x509.Certificate) -> bytes:
    serial = certificate.serial_number
    number = serial.to_bytes(serial.bit_length() // 8 + 1, "big", signed=True)
    return _tlv(0x30, certificate.issuer.public_bytes() + _tlv(0x02, number))


def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


def _is_ours(recipient: Any, certificate: x509.Certificate) -> bool:  # noqa: ANN401
    rid = recipient["rid"]
    if rid.name == "issuer_and_serial_number":
        return bool(
            certificate.serial_number == rid.chosen["serial_number"].native
            and certificate.issuer.public_bytes() == rid.chosen["issuer"].dump()
        )
    try:
        ski = certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    except (x509.ExtensionNotFound, ValueError):
        return False
    return bool(ski.value.digest == rid.chosen.native)


def _content_info(data: bytes) -> Any:  # noqa: ANN401 - asn1crypto value
    try:
        info = asn1_cms.ContentInfo.load(data, strict=True)
        info["content_type"].native  # noqa: B018 - parse now, not later in the caller
        info["content"]
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        raise CmsError("not-cms", detail=_short(error)) from error
    return info


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:160] if str(error) else type(error).__name__
