"""The assessment document in the OpenAPI description: the JSON Schema of the assessment file
(generated from the domain model, services.reference.schema) placed under components, so the
API describes the very document the YAML/JSON file holds and nobody writes it twice."""

from __future__ import annotations

from functools import cache
from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from pydantic import BaseModel

from bolvaerk.domain.enums import AssessmentKind
from bolvaerk.services.reference import schema as file_schema

DOCUMENT = "AssessmentDocument"
PREFIX = "Document"  # component names of the file schema: DocumentMeta, DocumentFrontPage, ...
DOCUMENT_REF = {"$ref": f"#/components/schemas/{DOCUMENT}"}
REF_TEMPLATE = "#/components/schemas/{model}"
BODIES: set[type[BaseModel]] = set()


def _relink(node: Any) -> Any:  # noqa: ANN401 - any JSON
    """The same schema with references into components instead of $defs."""
    if isinstance(node, dict):
        relinked = {key: _relink(value) for key, value in node.items()}
        ref = relinked.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            relinked["$ref"] = f"#/components/schemas/{PREFIX}{ref.removeprefix('#/$defs/')}"
        return relinked
    if isinstance(node, list):
        return [_relink(item) for item in node]
    return node


@cache
def document_components() -> dict[str, Any]:
    """Components: one schema per kind (PFSA, PSA), their shared parts, and the document as
    either of the two (`kind` tells them apart)."""
    components: dict[str, Any] = {}
    variants = []
    for kind in AssessmentKind:
        full = file_schema(kind)
        for name, part in full.get("$defs", {}).items():
            components[f"{PREFIX}{name}"] = _relink(part)
        top = {k: v for k, v in full.items() if k not in {"$defs", "$schema", "$id"}}
        name = f"{kind.value.capitalize()}{DOCUMENT}"
        components[name] = _relink(top)
        variants.append({"$ref": f"#/components/schemas/{name}"})
    components[DOCUMENT] = {
        "description": "The assessment file (PFSA or PSA) as JSON, exactly as `bolvaerk` "
        "reads and writes it; dates are dd-mm-yyyy.",
        "oneOf": variants,
    }
    return components


def document_content() -> dict[str, Any]:
    return {"application/json": {"schema": DOCUMENT_REF}}


def body_of(model: type[BaseModel]) -> dict[str, Any]:
    """The requestBody of an operation that reads `model` itself: it checks access first, so
    that an outsider gets 404 and never learns more from a 422 than from it."""
    BODIES.add(model)
    ref = {"$ref": REF_TEMPLATE.format(model=model.__name__)}
    return {"required": True, "content": {"application/json": {"schema": ref}}}


class Api(NinjaAPI):
    """NinjaAPI whose description also carries the assessment document's schema."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schemas = schema["components"].setdefault("schemas", {})
        schemas.update(document_components())
        for model in BODIES:  # bodies the operations read themselves (after the access check)
            body = model.model_json_schema(ref_template=REF_TEMPLATE)
            schemas.update(body.pop("$defs", {}))
            schemas[model.__name__] = body
        return schema
