"""Documents of the current version over the API: the right media type and file name, a DOCX
that python-docx opens, an XLSX that openpyxl opens, a PDF that is a PDF (one, it is slow)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.management import call_command

from bolvaerk.services import jobs, render_jobs
from tests.personas import Cast, build_cast
from tests.web.api.helpers import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast() -> Cast:
    return build_cast()


def test_the_docx_opens_and_is_marked_as_a_draft(cast: Cast) -> None:
    response = api_client(cast.bo).get(f"/api/assessments/{cast.record.pk}/documents/docx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    name = f"{cast.record.document_id}-v1-da.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Færgeterminalen" in text or any(
        "Færgeterminalen" in cell.text for t in document.tables for r in t.rows for cell in r.cells
    )


def test_the_xlsx_opens_and_the_language_can_be_chosen(cast: Cast) -> None:
    url = f"/api/assessments/{cast.record.pk}/documents/xlsx?lang=en"
    response = api_client(cast.anne).get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert response["Content-Disposition"].endswith('-v1-en.xlsx"')
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


def test_the_pdf_is_a_pdf(cast: Cast) -> None:
    response = api_client(cast.eva).get(f"/api/assessments/{cast.record.pk}/documents/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_an_unknown_format_or_language_is_422(cast: Cast) -> None:
    client = api_client(cast.anne)
    url = f"/api/assessments/{cast.record.pk}/documents"
    assert client.get(f"{url}/odt").status_code == 422
    assert client.get(f"{url}/docx?lang=de").status_code == 422


# transaction=True: the worker closes its database connection after a batch, which would end
# the test's own transaction on PostgreSQL
@pytest.mark.django_db(transaction=True)
def test_a_large_assessment_is_rendered_by_the_worker(
    monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    monkeypatch.setattr(render_jobs, "BACKGROUND_FROM_CROSSES", 0)
    cast = build_cast()
    client = api_client(cast.bo)
    url = f"/api/assessments/{cast.record.pk}/documents/xlsx?lang=en"
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert waiting["Retry-After"] == "2"
    assert waiting.json()["code"] == "rendering"
    assert waiting.json()["filename"].endswith("-v1-en.xlsx")
    assert client.get(url).status_code == 202  # asking again queues nothing more
    assert [j.target for j in jobs.recent_jobs()] == ["render_jobs.render_job"]
    assert api_client(cast.olga).get(url).status_code == 404
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    done = client.get(url)
    assert done.status_code == 200
    assert done["Content-Type"].endswith("spreadsheetml.sheet")
    assert done.content[:2] == b"PK"
