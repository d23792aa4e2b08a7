"""ASiC-E containers with a CAdES-BES signature (ETSI EN 319 162-1), for EMSWe single windows.

The zip holds `mimetype` (stored, first, no extra field), the data objects, an
`META-INF/ASiCManifest.xml` listing each data object with its SHA-256 digest, and
`META-INF/signature.p7s`: a detached CMS signature over the manifest whose signed attributes
include ESS signing-certificate-v2 (what makes it CAdES). pyHanko builds it, since cryptography's
PKCS7 builder cannot add that attribute; the key is our already-loaded one (pyHanko's own
SimpleSigner would decrypt a key file on every signature).

Reading checks everything: zip layout, the manifest (securely parsed), every digest, every
file listed and nothing unlisted, the CMS signature (our `cms.verify`: modern algorithms only),
the signing-certificate-v2 attribute, and pyHanko's validation with the expected certificate as
the only trust root.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import io
import logging
import zipfile
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from asn1crypto import cms as asn1_cms  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from lxml import etree
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation.generic_cms import (
    async_validate_detached_cms,
    get_signing_cert_attr,
)
from pyhanko_certvalidator import ValidationContext

from bolvaerk.adapters.edi import certificates, cms

MIMETYPE = "application/vnd.etsi.asic-e+zip"
MANIFEST = "META-INF/ASiCManifest.xml"
SIGNATURE = "META-INF/signature.p7s"
ODF_MANIFEST = "META-INF/manifest.xml"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"
MAX_TOTAL = 64 * 1024 * 1024  # uncompressed; a zip bomb stops here
MAX_ENTRIES = 1000
_MEDIA_TYPES = {
    "xml": "text/xml",
    "edi": "application/EDIFACT",
    "edifact": "application/EDIFACT",
    "pdf": "application/pdf",
    "json": "application/json",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
# pyHanko logs path-building failures with tracebacks; the caller gets our own reason instead.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


class AsicError(Exception):
    """A container was refused or cannot be built; `code` names why (edi_exchange.yaml)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class DataObject:
    name: str
    content: bytes
    media_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class Container:
    """A verified container: its data objects, who signed the manifest and when."""

    objects: tuple[DataObject, ...]
    signer: x509.Certificate
    signing_time: datetime
    manifest: bytes


T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """pyHanko's API is async. Run it to the end here, also when the caller already runs an
    event loop (an async view, a test tool): then in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def media_type(name: str) -> str:
    return _MEDIA_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def build(
    files: Sequence[tuple[str, bytes]],
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    *,
    chain: Sequence[x509.Certificate] = (),
    now: datetime | None = None,
) -> bytes:
    """The container (zip bytes) for the files given as (name, content)."""
    if not files:
        raise AsicError("asic-empty")
    objects = [DataObject(_check_name(n), c, media_type(n)) for n, c in files]
    names = [o.name for o in objects]
    if len(set(names)) != len(names):
        raise AsicError("asic-bad-name", name=next(n for n in names if names.count(n) > 1))
    manifest = _manifest(objects)
    signature = sign_cades(manifest, certificate, key, chain=chain, now=now)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # first, stored, no extra field: the type can be read at a fixed offset (byte 38)
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for item in objects:
            archive.writestr(item.name, item.content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(MANIFEST, manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(SIGNATURE, signature, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _check_name(name: str) -> str:
    if (
        not name
        or "/" in name
        or "\\" in name
        or name in {"mimetype", ".", ".."}
        or name.upper().startswith("META-INF")
        or any(ord(c) < 32 for c in name)
    ):
        raise AsicError("asic-bad-name", name=name)
    return name


def _manifest(objects: Sequence[DataObject]) -> bytes:
    nsmap = {"asic": ASIC_NS, "ds": DS_NS}
    root = etree.Element(f"{{{ASIC_NS}}}ASiCManifest", nsmap=nsmap)
    etree.SubElement(
        root,
        f"{{{ASIC_NS}}}SigReference",
        URI=SIGNATURE,
        MimeType="application/pkcs7-signature",
    )
    for item in objects:
        reference = etree.SubElement(
            root, f"{{{ASIC_NS}}}DataObjectReference", URI=item.name, MimeType=item.media_type
        )
        etree.SubElement(reference, f"{{{DS_NS}}}DigestMethod", Algorithm=SHA256_URI)
        digest = base64.b64encode(hashlib.sha256(item.content).digest()).decode("ascii")
        etree.SubElement(reference, f"{{{DS_NS}}}DigestValue").text = digest
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class _LoadedKeySigner(signers.Signer):
    """A pyHanko signer over a key object we hold (no key file decrypted per signature)."""

    def __init__(
        self,
        certificate: x509.Certificate,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        chain: Sequence[x509.Certificate],
    ) -> None:
        self._key = key
        super().__init__(signing_cert=_asn1(certificate))
        for extra in chain:  # sent along so that the receiver can build the path
            self.cert_registry.register(_asn1(extra))

    async def async_sign_raw(
        self,
        data: bytes,
        digest_algorithm: str,
        dry_run: bool = False,  # noqa: ARG002 - pyHanko's signature; we always sign for real
    ) -> bytes:
        if digest_algorithm != "sha256":
            raise AsicError("asic-signing", detail=f"digest {digest_algorithm}")
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        return self._key.sign(data, ec.ECDSA(hashes.SHA256()))


def sign_cades(
    content: bytes,
    certificate: x509.Certificate,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    *,
    chain: Sequence[x509.Certificate] = (),
    now: datetime | None = None,
) -> bytes:
    """A detached CAdES-BES signature (DER): SHA-256, signed attributes content-type,
    signing-time, message-digest and signing-certificate-v2; the certificate (and chain) in."""
    signer = _LoadedKeySigner(certificate, key, chain)
    settings = PdfCMSSignedAttributes(signing_time=now or datetime.now(UTC))
    info = _run(
        signer.async_sign_general_data(
            content, "sha256", detached=True, use_cades=True, signed_attr_settings=settings
        )
    )
    return bytes(info.dump())


def read(
    data: bytes, expected: Sequence[x509.Certificate], *, now: datetime | None = None
) -> Container:
    """Open and check a container; the signer must be one of the `expected` certificates."""
    entries = _entries(data)
    manifest = entries.pop(MANIFEST, None)
    signature = entries.pop(SIGNATURE, None)
    if manifest is None or signature is None:
        raise AsicError("asic-no-signature", missing=MANIFEST if manifest is None else SIGNATURE)
    signed, signer = verify_cades(signature, manifest, expected, now=now)
    objects = _check_manifest(manifest, entries)
    return Container(
        objects=objects, signer=signer, signing_time=signed.signing_time, manifest=manifest
    )


def _entries(data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise AsicError("asic-not-zip", detail=str(error)[:160]) from error
    with archive:
        infos = archive.infolist()
        if not infos or infos[0].filename != "mimetype":
            raise AsicError("asic-mimetype", detail="mimetype is not the first entry")
        first = infos[0]
        if first.compress_type != zipfile.ZIP_STORED or first.extra:
            raise AsicError("asic-mimetype", detail="mimetype is compressed or has extra fields")
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_TOTAL:
            raise AsicError("asic-too-large", limit=MAX_TOTAL)
        found: dict[str, bytes] = {}
        for info in infos:
            name = info.filename
            if name in found or name.startswith("/") or ".." in name.split("/"):
                raise AsicError("asic-bad-name", name=name)
            if info.is_dir():
                continue
            try:
                found[name] = archive.read(info)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
                raise AsicError("asic-not-zip", detail=f"{name}: {error}"[:160]) from error
    if found.pop("mimetype") != MIMETYPE.encode("ascii"):
        raise AsicError("asic-mimetype", detail="not " + MIMETYPE)
    return found


def verify_cades(
    signature: bytes,
    content: bytes,
    expected: Sequence[x509.Certificate],
    *,
    now: datetime | None = None,
) -> tuple[cms.Signed, x509.Certificate]:
    """Our CMS checks, then the CAdES ones: the signer is an expected certificate, named by a
    matching signing-certificate-v2 attribute, trusted by pyHanko with it as the trust root."""
    try:
        signed = cms.verify(signature, content)
    except cms.CmsError as error:
        raise AsicError(error.code, **error.params) from error
    prints = {certificates.fingerprint(c) for c in expected}
    if certificates.fingerprint(signed.signer) not in prints:
        raise AsicError(
            "asic-wrong-signer",
            subject=certificates.common_name(signed.signer),
            expected=", ".join(certificates.common_name(c) for c in expected) or "-",
        )
    moment = now or datetime.now(UTC)
    try:
        certificates.check_valid_at(signed.signer, moment)
        certificates.check_valid_at(signed.signer, signed.signing_time)
    except certificates.CertificateError as error:
        raise AsicError(error.code, **error.params) from error
    signed_data = asn1_cms.ContentInfo.load(signature)["content"]
    signer_info = signed_data["signer_infos"][0]
    attribute = get_signing_cert_attr(signer_info["signed_attrs"])
    if attribute is None:
        raise AsicError("asic-not-cades")
    _pyhanko_check(content, signed_data, signed.signer, moment)
    return signed, signed.signer


def _pyhanko_check(
    content: bytes,
    signed_data: Any,  # noqa: ANN401 - asn1crypto value
    signer: x509.Certificate,
    moment: datetime,
) -> None:
    context = ValidationContext(trust_roots=[_asn1(signer)], moment=moment)
    status = _run(
        async_validate_detached_cms(content, signed_data, signer_validation_context=context)
    )
    if not (status.intact and status.valid):
        raise AsicError("bad-signature")
    if not status.trusted:
        raise AsicError("asic-untrusted", detail=str(status.summary()))


def _check_manifest(manifest: bytes, entries: dict[str, bytes]) -> tuple[DataObject, ...]:
    if b"<!DOCTYPE" in manifest:
        raise AsicError("asic-manifest", detail="DOCTYPE")
    try:
        root = etree.fromstring(manifest, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as error:
        raise AsicError("asic-manifest", detail=str(error.msg)) from None
    if root.tag != f"{{{ASIC_NS}}}ASiCManifest":
        raise AsicError("asic-manifest", detail=f"root element {root.tag}")
    references = root.findall(f"{{{ASIC_NS}}}SigReference")
    if [r.get("URI") for r in references] != [SIGNATURE]:
        raise AsicError("asic-manifest", detail="SigReference is not " + SIGNATURE)
    objects: list[DataObject] = []
    for reference in root.findall(f"{{{ASIC_NS}}}DataObjectReference"):
        name = str(reference.get("URI") or "")
        method = reference.find(f"{{{DS_NS}}}DigestMethod")
        value = reference.find(f"{{{DS_NS}}}DigestValue")
        algorithm = "" if method is None else str(method.get("Algorithm") or "")
        if algorithm != SHA256_URI:
            raise AsicError("weak-digest", algorithm=algorithm or "-")
        if name not in entries or any(o.name == name for o in objects):
            raise AsicError("asic-missing", name=name)
        content = entries[name]
        claimed = (value.text or "").strip() if value is not None else ""
        if base64.b64encode(hashlib.sha256(content).digest()).decode("ascii") != claimed:
            raise AsicError("asic-digest-mismatch", name=name)
        objects.append(DataObject(name, content, str(reference.get("MimeType") or "")))
    if not objects:
        raise AsicError("asic-empty")
    # The ODF-style META-INF/manifest.xml is optional in ASiC-E and carries no digests.
    unlisted = sorted(set(entries) - {o.name for o in objects} - {ODF_MANIFEST})
    if unlisted:
        raise AsicError("asic-unlisted", names=", ".join(unlisted))
    return tuple(objects)


def _asn1(certificate: x509.Certificate) -> Any:  # noqa: ANN401 - asn1crypto value
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
