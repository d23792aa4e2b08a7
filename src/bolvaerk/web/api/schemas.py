"""The API's request and response shapes (pydantic, through django-ninja). The assessment
document itself is not modelled here: it is the assessment file's JSON (see api.openapi)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field, RootModel

from bolvaerk.domain.lifecycle import Action


class AssessmentDocument(RootModel[dict[str, Any]]):
    """Stands for the assessment file's JSON; the OpenAPI description replaces this name's
    schema with the file's real one (api.openapi)."""


class Problem(Schema):
    code: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None


class Error(Schema):
    """Every error answer: a stable code for programs, a message in the user's language."""

    code: str
    message: str
    problems: list[Problem] = Field(default_factory=list)
    current_version: int | None = None


class FacilityOut(Schema):
    id: int
    name: str
    port: str
    unlocode: str
    is_port: bool
    operator: str
    rso: str | None
    port_authority: str | None
    police: str | None
    assessment_state: str
    approved_on: date | None
    expires_on: date | None
    submit_by: date | None

    # the organisations by name (the rows are loaded with select_related: no query per row)
    @staticmethod
    def resolve_operator(obj: Any) -> str:  # noqa: ANN401 - the model row
        return str(obj.operator.name)

    @staticmethod
    def resolve_rso(obj: Any) -> str | None:  # noqa: ANN401 - the model row
        return None if obj.rso is None else str(obj.rso.name)

    @staticmethod
    def resolve_port_authority(obj: Any) -> str | None:  # noqa: ANN401 - the model row
        return None if obj.port_authority is None else str(obj.port_authority.name)

    @staticmethod
    def resolve_police(obj: Any) -> str | None:  # noqa: ANN401 - the model row
        return None if obj.police is None else str(obj.police.name)


class FacilityPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[FacilityOut]


class AssessmentOut(Schema):
    id: int
    document_id: str
    kind: str
    state: str
    current_version: int
    approved_on: date | None
    updated_at: datetime
    may_edit: bool
    actions: list[str] = Field(description="The lifecycle steps the user may take now")


class VersionOut(Schema):
    number: int
    created_at: datetime
    created_by: str | None
    summary: str


class Saved(Schema):
    version: int
    changed: list[str] = Field(description="Paths of the changed fields; empty: no new version")


class TransitionIn(Schema):
    action: Action
    on: date | None = Field(None, description="Approval date (approve only); default today")
    comment: str | None = Field(None, max_length=5000, description="Why (return only; required)")


class TransitionOut(Schema):
    state: str
    version: int


class Finding(Schema):
    code: str
    severity: str
    path: str
    message: str
    variant: str | None = None
    params: dict[str, Any] | None = None
    line: int | None = None
    column: int | None = None


class Findings(Schema):
    version: int
    counts: dict[str, int]
    findings: list[Finding]


class Rendering(Schema):
    """A large assessment's document is made by the background worker: ask again later."""

    code: str
    message: str
    filename: str


class DocumentFormat(enum.StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"


class Language(enum.StrEnum):
    DA = "da"
    EN = "en"
