"""Document downloads of the web workspace: the current version of an assessment rendered by the
renderer registry (DOCX, PDF, XLSX) into bytes, a file name and a media type. Views call this and
never a renderer."""

from __future__ import annotations

from typing import NamedTuple

from bolvaerk.adapters.db.models import AssessmentRecord
from bolvaerk.domain.enums import LifecycleState
from bolvaerk.services.annexes import assets_folder
from bolvaerk.services.documents import document_of
from bolvaerk.services.messages import LANGUAGES
from bolvaerk.services.render import renderer
from bolvaerk.services.workspace import load

DOWNLOAD_FORMATS = ("docx", "pdf", "xlsx")


class UnknownFormat(Exception):  # noqa: N818 - the web answers 404
    """Not a download format (or not a document language)."""


class Download(NamedTuple):
    """(bytes, filename, media_type): unpacks as a tuple."""

    data: bytes
    filename: str
    media_type: str


def render_bytes(record: AssessmentRecord, fmt: str, lang: str | None = None) -> Download:
    """The current version as a `fmt` document in `lang` (default: the assessment's language).
    Anything not approved carries the draft marking; the uploaded annex files and logo are
    read from the record's annex folder."""
    if fmt not in DOWNLOAD_FORMATS or (lang is not None and lang not in LANGUAGES):
        raise UnknownFormat(fmt)
    assessment = load(record)
    draft = assessment.meta.state is not LifecycleState.APPROVED
    document = document_of(assessment, lang, draft=draft)
    chosen = renderer(fmt)
    language = lang or assessment.meta.language
    name = f"{record.document_id}-v{record.current_version}-{language}{chosen.suffix}"
    return Download(chosen.render(document, assets_folder(record)), name, chosen.media_type)
