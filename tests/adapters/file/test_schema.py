"""The JSON Schema is generated from the model and accepts exactly what the loader accepts."""

from __future__ import annotations

import jsonschema
import pytest

from bolvaerk.adapters.file import assessment_schema
from bolvaerk.domain.enums import AssessmentKind
from tests.casework import base_document


@pytest.mark.parametrize(
    ("kind", "base"), [(AssessmentKind.PFSA, "pfsa-small"), (AssessmentKind.PSA, "psa-small")]
)
def test_the_bases_are_valid_against_their_schema(kind: AssessmentKind, base: str) -> None:
    schema = assessment_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(base_document(base))


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(assessment_schema(AssessmentKind.PFSA))
    document = base_document("pfsa-small")
    document["front_page"]["colour"] = "red"
    document["sections"]["7"]["forms"][0]["likelihood"] = "VI"
    document["sections"]["7"]["forms"][1]["date"] = "2021-05-02"
    paths = sorted(
        "/".join(str(p) for p in e.absolute_path) for e in validator.iter_errors(document)
    )
    assert paths == ["front_page", "sections/7/forms/0/likelihood", "sections/7/forms/1/date"]


def test_a_psa_file_is_not_a_pfsa() -> None:
    validator = jsonschema.Draft202012Validator(assessment_schema(AssessmentKind.PFSA))
    assert not validator.is_valid(base_document("psa-small"))


def test_the_schema_documents_itself() -> None:
    schema = assessment_schema(AssessmentKind.PSA)
    assert schema["$id"].endswith("psa.schema.json")
    assert schema["$defs"]["RiskForm"]["required"] == ["id", "number", "item", "threat"]
    assert "description" in schema["$defs"]["RiskForm"]
