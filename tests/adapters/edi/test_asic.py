"""ASiC-E with a CAdES-BES signature over the manifest: built with pyHanko, read by our own
checks (layout, digests, signature, signer), the zip read back with the standard library and
the signature checked by OpenSSL as a foreign implementation."""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import cms as asn1_cms

from bolvaerk.adapters.edi import asic, cms, keys

XML = b'<?xml version="1.0"?><PreArrivalSecurity xmlns="urn:bolvaerk:isps:1"/>'
PDF = b"%PDF-1.4 attachment"
OPENSSL = shutil.which("openssl")
MANIFEST, SIGNATURE = "META-INF/ASiCManifest.xml", "META-INF/signature.p7s"


@pytest.fixture(scope="module")
def agent():
    return keys.generate("Nordic Agency", bits=2048)


@pytest.fixture(scope="module")
def stranger():
    return keys.generate("Someone Else", bits=2048)


@pytest.fixture(scope="module")
def container(agent) -> bytes:
    return asic.build([("isps.xml", XML), ("dos.pdf", PDF)], agent.certificate, agent.key)


def _rewrite(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The same zip with some entries replaced (name -> bytes), added, or dropped (None)."""
    wanted = dict(changes)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = wanted.pop(info.filename, source.read(info))
            if content is not None:
                target.writestr(info, content)
        for name, content in wanted.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def _refusal(data: bytes, expected) -> asic.AsicError:
    with pytest.raises(asic.AsicError) as refused:
        asic.read(data, [expected])
    return refused.value


def test_round_trip_names_the_objects_the_signer_and_the_time(agent, container):
    opened = asic.read(container, [agent.certificate])
    assert [(o.name, o.content, o.media_type) for o in opened.objects] == [
        ("isps.xml", XML, "text/xml"),
        ("dos.pdf", PDF, "application/pdf"),
    ]
    assert opened.signer == agent.certificate
    assert abs(opened.signing_time - datetime.now(UTC)) < timedelta(minutes=1)
    assert opened.objects[0].sha256 == hashlib.sha256(XML).hexdigest()


def test_the_zip_layout_is_asic_e(container):
    with zipfile.ZipFile(io.BytesIO(container)) as archive:
        infos = archive.infolist()
        first = infos[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", 0, b"")
        assert archive.read(first) == b"application/vnd.etsi.asic-e+zip"
        names = [i.filename for i in infos]
        manifest = archive.read("META-INF/ASiCManifest.xml")
        signature = archive.read("META-INF/signature.p7s")
    assert names == [
        "mimetype",
        "isps.xml",
        "dos.pdf",
        "META-INF/ASiCManifest.xml",
        "META-INF/signature.p7s",
    ]
    # the fixed offsets readers use to sniff the type without unzipping
    assert container[30:38] == b"mimetype"
    assert container[38 : 38 + len(asic.MIMETYPE)] == asic.MIMETYPE.encode()
    digest = base64.b64encode(hashlib.sha256(XML).digest()).decode()
    assert b'URI="isps.xml" MimeType="text/xml"' in manifest
    assert f"<ds:DigestValue>{digest}</ds:DigestValue>".encode() in manifest
    assert b"http://www.w3.org/2001/04/xmlenc#sha256" in manifest
    # CAdES-BES: signing-certificate-v2 among the signed attributes, detached, SHA-256
    signed_data = asn1_cms.ContentInfo.load(signature)["content"]
    assert signed_data["encap_content_info"]["content"].native is None
    attributes = {a["type"].native for a in signed_data["signer_infos"][0]["signed_attrs"]}
    assert {"content_type", "message_digest", "signing_time", "signing_certificate_v2"} <= (
        attributes
    )
    assert signed_data["digest_algorithms"][0]["algorithm"].native == "sha256"


def test_a_changed_payload_is_refused_by_name(agent, container):
    tampered = _rewrite(container, {"isps.xml": XML.replace(b"isps", b"ISPS")})
    refusal = _refusal(tampered, agent.certificate)
    assert (refusal.code, refusal.params) == ("asic-digest-mismatch", {"name": "isps.xml"})


def test_a_manifest_changed_to_match_is_refused_by_the_signature(agent, container):
    changed = XML + b"<!-- more -->"
    with zipfile.ZipFile(io.BytesIO(container)) as archive:
        manifest = archive.read("META-INF/ASiCManifest.xml")
    old = base64.b64encode(hashlib.sha256(XML).digest())
    new = base64.b64encode(hashlib.sha256(changed).digest())
    tampered = _rewrite(container, {"isps.xml": changed, MANIFEST: manifest.replace(old, new)})
    assert _refusal(tampered, agent.certificate).code == "digest-mismatch"


def test_a_container_signed_by_someone_else_is_refused(agent, stranger):
    theirs = asic.build([("isps.xml", XML)], stranger.certificate, stranger.key)
    refusal = _refusal(theirs, agent.certificate)
    assert refusal.code == "asic-wrong-signer"
    assert refusal.params == {"subject": "Someone Else", "expected": "Nordic Agency"}
    assert asic.read(theirs, [agent.certificate, stranger.certificate]).signer == (
        stranger.certificate
    )


def test_files_added_or_removed_after_signing_are_refused(agent, container):
    added = _rewrite(container, {"extra.txt": b"slipped in"})
    refusal = _refusal(added, agent.certificate)
    assert (refusal.code, refusal.params) == ("asic-unlisted", {"names": "extra.txt"})
    removed = _rewrite(container, {"dos.pdf": None})
    refusal = _refusal(removed, agent.certificate)
    assert (refusal.code, refusal.params) == ("asic-missing", {"name": "dos.pdf"})
    unsigned = _rewrite(container, {SIGNATURE: None})
    assert _refusal(unsigned, agent.certificate).code == "asic-no-signature"


def test_a_wrong_mimetype_entry_or_no_zip_is_refused(agent, container):
    compressed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(container)) as source, zipfile.ZipFile(compressed, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    assert _refusal(compressed.getvalue(), agent.certificate).code == "asic-mimetype"
    other_type = _rewrite(container, {"mimetype": b"application/zip"})
    assert _refusal(other_type, agent.certificate).code == "asic-mimetype"
    assert _refusal(container[: len(container) // 2], agent.certificate).code == "asic-not-zip"
    assert _refusal(b"", agent.certificate).code == "asic-not-zip"


def test_a_plain_cms_signature_is_not_cades(agent, container):
    with zipfile.ZipFile(io.BytesIO(container)) as archive:
        manifest = archive.read("META-INF/ASiCManifest.xml")
    plain = cms.sign(manifest, agent.certificate, agent.key, detached=True)
    refused = _rewrite(container, {SIGNATURE: plain})
    assert _refusal(refused, agent.certificate).code == "asic-not-cades"


def test_an_expired_signer_is_refused(agent):
    old = keys.generate(
        "Old Agency", bits=2048, now=datetime.now(UTC) - timedelta(days=40), days=30
    )
    signed_then = datetime.now(UTC) - timedelta(days=35)
    data = asic.build([("isps.xml", XML)], old.certificate, old.key, now=signed_then)
    assert asic.read(data, [old.certificate], now=signed_then).signer == old.certificate
    assert _refusal(data, old.certificate).code == "expired"


def test_names_that_cannot_be_in_a_container_are_refused(agent):
    for name in ("../up.xml", "META-INF/x.xml", "mimetype", "a/b.xml", ""):
        with pytest.raises(asic.AsicError) as refused:
            asic.build([(name, XML)], agent.certificate, agent.key)
        assert refused.value.code == "asic-bad-name"
    with pytest.raises(asic.AsicError) as twice:
        asic.build([("a.xml", XML), ("a.xml", XML)], agent.certificate, agent.key)
    assert twice.value.params == {"name": "a.xml"}
    with pytest.raises(asic.AsicError) as empty:
        asic.build([], agent.certificate, agent.key)
    assert empty.value.code == "asic-empty"


@pytest.mark.skipif(OPENSSL is None, reason="the openssl command is not installed")
def test_openssl_verifies_the_detached_signature_over_the_manifest(agent, container, tmp_path):
    with zipfile.ZipFile(io.BytesIO(container)) as archive:
        archive.extractall(tmp_path)
    (tmp_path / "ca.pem").write_bytes(keys.pem(agent.certificate))

    def verify(content: Path) -> subprocess.CompletedProcess[bytes]:
        assert OPENSSL is not None
        return subprocess.run(  # noqa: S603 - fixed arguments
            [OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-purpose", "any",
             "-in", tmp_path / "META-INF/signature.p7s", "-content", content,
             "-CAfile", tmp_path / "ca.pem", "-out", tmp_path / "out"],
            capture_output=True,
            check=False,
        )  # fmt: skip

    good = verify(tmp_path / "META-INF/ASiCManifest.xml")
    assert good.returncode == 0, good.stderr
    assert b"Verification successful" in good.stderr
    (tmp_path / "changed.xml").write_bytes(
        (tmp_path / "META-INF/ASiCManifest.xml").read_bytes().replace(b"isps", b"ISPS")
    )
    assert verify(tmp_path / "changed.xml").returncode != 0
