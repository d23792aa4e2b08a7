"""Import of an assessment file over the current version (a file that does not load shows every
problem and changes nothing) and document downloads (DOCX, PDF, XLSX) of the current version."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bolvaerk.adapters.db.models import AuditEvent
from bolvaerk.services.workspace import export_yaml, load
from tests.personas import PASSWORD, Cast, build_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def _client(user_name: str) -> Client:
    client = Client()
    assert client.login(username=user_name, password=PASSWORD)
    return client


def _import(client: Client, cast: Cast, text: str | bytes, name: str = "edited.yaml") -> str:
    data = text.encode() if isinstance(text, str) else text
    response = client.post(
        f"/assessments/{cast.record.pk}/import/",
        {"review-file": SimpleUploadedFile(name, data, content_type="application/yaml")},
    )
    if response.status_code == 302:
        return ""
    assert response.status_code == 200
    return response.content.decode()


def _unchanged(cast: Cast, version: int) -> None:
    cast.record.refresh_from_db()
    assert cast.record.current_version == version
    assert not AuditEvent.objects.filter(action="assessment.saved").exists()


def test_an_edited_export_replaces_the_current_version(cast: Cast) -> None:
    text = export_yaml(cast.record).replace("rso_name: ''", "rso_name: Nordhav Sikring ApS")
    assert _import(_client("anne"), cast, text) == ""
    cast.record.refresh_from_db()
    assert cast.record.current_version == 2
    assert load(cast.record).front_page.rso_name == "Nordhav Sikring ApS"
    event = AuditEvent.objects.get(action="assessment.saved")
    assert event.actor == cast.anne
    assert event.details["changes"] == ["front_page.rso_name"]


def test_a_file_with_a_syntax_error_shows_where_and_changes_nothing(cast: Cast) -> None:
    page = _import(_client("anne"), cast, "id: x\nmeta: [unclosed\n")
    assert "Nothing was changed" in page
    assert "linje" in page or "line" in page
    _unchanged(cast, 1)


def test_a_file_with_several_problems_lists_every_one(cast: Cast) -> None:
    text = (
        export_yaml(cast.record)
        .replace("revision: 1", "revision: many")
        .replace("rso_name: ''", "rso_name: ''\n  colour_of_the_fence: green")
    )
    page = _import(_client("bo"), cast, text)
    assert "2 problems" in page
    assert "meta.revision" in page
    assert "front_page.colour_of_the_fence" in page
    _unchanged(cast, 1)


def test_a_file_that_is_not_utf8_or_not_yaml_is_refused(cast: Cast) -> None:
    anne = _client("anne")
    assert "UTF-8" in _import(anne, cast, b"id: \xff\xfe\n")
    page = _import(anne, cast, "id: x\n", name="assessment.docx")
    assert "“Assessment file (YAML)”" in page
    assert ".yaml" in page
    missing = anne.post(f"/assessments/{cast.record.pk}/import/", {})
    assert "“Assessment file (YAML)”: choose a file" in missing.content.decode()
    _unchanged(cast, 1)


def test_a_file_of_another_assessment_is_refused(cast: Cast) -> None:
    text = export_yaml(cast.record).replace(cast.record.document_id, "pfsa-someone-else")
    assert "different assessment" in _import(_client("anne"), cast, text)
    _unchanged(cast, 1)


def test_only_editors_of_a_draft_may_import(cast: Cast) -> None:
    text = export_yaml(cast.record)
    url = f"/assessments/{cast.record.pk}/import/"
    refused = _client("carl").get(url)
    assert refused.status_code == 403
    assert "read-only" in refused.content.decode()  # the page says why
    assert _client("eva").get(url).status_code == 403
    assert _client("olga").get(url).status_code == 404
    _client("anne").post(f"/assessments/{cast.record.pk}/lifecycle/", {"action": "submit"})
    response = _client("anne").post(
        f"/assessments/{cast.record.pk}/import/",
        {"review-file": SimpleUploadedFile("a.yaml", text.encode())},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("fmt", "magic", "media"),
    [
        ("docx", b"PK", "application/vnd.openxmlformats-officedocument.wordprocessingml"),
        ("pdf", b"%PDF", "application/pdf"),
        ("xlsx", b"PK", "application/vnd.openxmlformats-officedocument.spreadsheetml"),
    ],
)
def test_documents_download_in_each_format(cast: Cast, fmt: str, magic: bytes, media: str) -> None:
    response = _client("carl").get(f"/assessments/{cast.record.pk}/download/", {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media)
    assert f'{cast.record.document_id}-v1-da.{fmt}"' in response["Content-Disposition"]
    assert response.content.startswith(magic)


def test_downloads_in_the_other_language_and_unknown_formats(cast: Cast) -> None:
    eva = _client("eva")
    url = f"/assessments/{cast.record.pk}/download/"
    response = eva.get(url, {"format": "xlsx", "lang": "en"})
    assert "-en.xlsx" in response["Content-Disposition"]
    assert eva.get(url, {"format": "exe"}).status_code == 404
    assert eva.get(url, {"format": "xlsx", "lang": "xx"}).status_code == 404
    assert eva.get(url).status_code == 302  # no format: back to the page
    assert _client("olga").get(url, {"format": "xlsx"}).status_code == 404


def test_the_page_offers_downloads_and_import(cast: Cast) -> None:
    page = _client("bo").get(f"/assessments/{cast.record.pk}/").content.decode()
    for fmt in ("docx", "pdf", "xlsx"):
        assert f"/assessments/{cast.record.pk}/download/?format={fmt}" in page
    assert 'enctype="multipart/form-data"' in page
