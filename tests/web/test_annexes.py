"""The annex register page: add, edit, remove annexes and upload their files (stored under the
data folder, audited with the SHA-256), the download of a file (404 for outsiders), refused
uploads that keep what was typed, and the uploaded files as the documents' assets folder."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bolvaerk.adapters.db.models import AssessmentRecord, AuditEvent
from bolvaerk.domain.assessment import Assessment
from bolvaerk.domain.enums import AnnexKind
from bolvaerk.services.annexes import assets_folder, safe_file_name
from bolvaerk.services.downloads import render_bytes
from bolvaerk.services.editing import do_edit_assessment
from bolvaerk.services.workspace import load
from tests.personas import PASSWORD, Cast, build_cast
from tests.web.editing_client import EditingClient

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()


@pytest.fixture
def cast(settings: Any, tmp_path: Path) -> Cast:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    return build_cast()


def _current(cast: Cast) -> Assessment:
    cast.record.refresh_from_db()
    return load(cast.record)


def _client(user_name: str) -> EditingClient:
    client = EditingClient()  # posts the current version as base_version, as a fresh page does
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _url(record: AssessmentRecord) -> str:
    return f"/assessments/{record.pk}/annexes/"


def _row(key: str = "new", **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "annex": key,
        f"{key}-number": "1",
        f"{key}-name": "Oversigtskort over Fjordby Havn",
        f"{key}-kind": "map_port",
        f"{key}-delivery": "electronic",
        f"{key}-registered_letter_sent": "",
    }
    data.update({f"{key}-{name}": value for name, value in overrides.items()})
    return data


def _add_with_file(cast: Cast, name: str = "kort over havn.png", content: bytes = PNG) -> str:
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = _client("anne").post(_url(cast.record), _row(upload=upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    return _current(cast).annexes[-1].id


def test_section_2_links_to_the_register_and_the_page_shows_the_table(cast: Cast) -> None:
    client = _client("anne")
    page_2 = client.get(f"/assessments/{cast.record.pk}/edit/2/").content.decode()
    assert _url(cast.record) in page_2
    page = client.get(_url(cast.record)).content.decode()
    assert "Annex register" in page
    assert 'enctype="multipart/form-data"' in page
    assert "Overview map (2.1)" in page  # the kinds with readable labels
    assert "R-2-01" in page  # the findings panel: the maps of 2.1/2.2 are missing


def test_adding_an_annex_with_a_file_stores_it_and_audits_its_sha256(cast: Cast) -> None:
    annex_id = _add_with_file(cast)
    annex = _current(cast).annexes[0]
    assert (annex.id, annex.number, annex.kind) == (annex_id, "1", AnnexKind.MAP_PORT)
    assert annex.file == "kort-over-havn.png"  # the sanitised name
    stored = assets_folder(cast.record) / annex.file
    assert stored.read_bytes() == PNG
    assert stored.parent.name == str(cast.record.pk)
    assert stored.parent.parent.name == "annexes"
    event = AuditEvent.objects.get(action="annex.file_uploaded")
    assert event.details["file"] == "kort-over-havn.png"
    assert event.details["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert event.actor == cast.anne
    assert AuditEvent.objects.filter(action="annex.added").exists()


def test_file_names_are_sanitised() -> None:
    assert safe_file_name("../../etc/kort (1) æ.png") == "kort-1-.png"
    assert safe_file_name("C:\\maps\\Bilag 2.svg") == "Bilag-2.svg"
    assert safe_file_name(".hidden") == "hidden"
    assert safe_file_name("") == "annex"


def test_editing_a_row_changes_kind_and_delivery(cast: Cast) -> None:
    annex_id = _add_with_file(cast)
    data = _row(
        annex_id,
        number="2a",
        kind="map_facility",
        delivery="letter",
        registered_letter_sent="03-02-2026",
    )
    response = _client("bo").post(_url(cast.record), data)  # the PFSO edits drafts too
    assert response.status_code == 302
    annex = _current(cast).annexes[0]
    assert (annex.number, annex.kind, annex.electronic) == ("2a", AnnexKind.MAP_FACILITY, False)
    assert annex.registered_letter_sent is not None
    assert annex.registered_letter_sent.isoformat() == "2026-02-03"
    assert annex.file == "kort-over-havn.png"  # no new upload: the file stays
    page = _client("bo").get(_url(cast.record)).content.decode()
    assert 'value="03-02-2026"' in page


def test_a_new_upload_replaces_the_file_without_overwriting_the_old_one(cast: Cast) -> None:
    annex_id = _add_with_file(cast)
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    upload = SimpleUploadedFile("kort over havn.svg", svg, content_type="image/svg+xml")
    response = _client("anne").post(_url(cast.record), _row(annex_id, upload=upload))
    assert response.status_code == 302
    annex = _current(cast).annexes[0]
    assert annex.file == "kort-over-havn.svg"
    folder = assets_folder(cast.record)
    assert (folder / "kort-over-havn.png").read_bytes() == PNG  # older versions name it
    assert (folder / "kort-over-havn.svg").read_bytes() == svg


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "Only PDF, PNG, JPG and SVG files can be uploaded."),
        ("fake.png", b"not a png at all", "Only PDF, PNG, JPG and SVG files can be uploaded."),
        ("big.png", PNG + b"\x00" * 200, "The file is larger than 20 MB."),
    ],
)
def test_a_refused_file_keeps_what_was_typed_and_saves_nothing(
    cast: Cast, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes, message: str
) -> None:
    monkeypatch.setattr("bolvaerk.web.forms.annexes.MAX_BYTES", 100)
    before = cast.record.current_version
    upload = SimpleUploadedFile(name, content)
    data = _row(name="Detailkort typed by hand", upload=upload)
    response = _client("anne").post(_url(cast.record), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Detailkort typed by hand" in page  # nothing typed is lost
    assert 'href="#annexes-new--file"' in page  # the error summary links to the field
    cast.record.refresh_from_db()
    assert cast.record.current_version == before
    assert _current(cast).annexes == ()
    assert not assets_folder(cast.record).exists() or not any(assets_folder(cast.record).iterdir())


def test_a_missing_name_or_a_bad_date_is_named(cast: Cast) -> None:
    client = _client("anne")
    response = client.post(_url(cast.record), _row(name="", number="7"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert 'value="7"' in page
    response = client.post(_url(cast.record), _row(registered_letter_sent="31-02-2026"))
    assert response.status_code == 400
    assert 'value="31-02-2026"' in response.content.decode()
    assert _current(cast).annexes == ()


def test_removing_an_annex(cast: Cast) -> None:
    annex_id = _add_with_file(cast)
    response = _client("anne").post(_url(cast.record), {"annex": annex_id, "remove": "1"})
    assert response.status_code == 302
    assert _current(cast).annexes == ()
    assert AuditEvent.objects.filter(action="annex.removed").exists()


def test_the_file_is_downloaded_by_those_who_may_see_the_assessment(cast: Cast) -> None:
    annex_id = _add_with_file(cast)
    url = f"/assessments/{cast.record.pk}/annexes/{annex_id}/file"
    for name in ("anne", "carl", "eva"):  # editor, police, authority
        response = _client(name).get(url)
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment")
        assert "kort-over-havn.png" in response["Content-Disposition"]
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == PNG  # type: ignore[attr-defined]
    olga = _client("olga")  # another RSO: not party to the facility
    assert olga.get(url).status_code == 404
    assert olga.get(_url(cast.record)).status_code == 404
    assert olga.post(_url(cast.record), _row()).status_code == 404
    missing = _client("anne").get(f"/assessments/{cast.record.pk}/annexes/annex-none/file")
    assert missing.status_code == 302  # back to the register with a message


def test_those_who_may_not_edit_see_the_register_read_only(cast: Cast) -> None:
    _add_with_file(cast)
    carl = _client("carl")
    page = carl.get(_url(cast.record)).content.decode()
    assert "Read only" in page
    assert 'type="file"' not in page
    assert "kort-over-havn.png" in page
    before = _current(cast)
    assert carl.post(_url(cast.record), _row(name="Changed")).status_code == 403
    assert _current(cast) == before


def test_the_documents_read_uploaded_files_from_the_annex_folder(cast: Cast) -> None:
    _add_with_file(cast, name="logo.png")

    def with_logo(current: Assessment) -> Assessment:
        front = replace(current.front_page, logo="logo.png", rso_name="Nordhav Sikring ApS")
        return replace(current, front_page=front)

    do_edit_assessment(cast.anne, cast.record, with_logo)
    data, _name, _media = render_bytes(cast.record, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())
