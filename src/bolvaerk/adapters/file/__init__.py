"""The assessment file: YAML or JSON on disk, decoded into the domain model and back."""

from __future__ import annotations

from bolvaerk.adapters.file.codec import LoadError, LoadProblem, decode, encode
from bolvaerk.adapters.file.io import (
    load_assessment,
    read_document,
    save_assessment,
    write_bytes,
    write_text,
)
from bolvaerk.adapters.file.schema import assessment_schema

__all__ = [
    "LoadError",
    "LoadProblem",
    "assessment_schema",
    "decode",
    "encode",
    "load_assessment",
    "read_document",
    "save_assessment",
    "write_bytes",
    "write_text",
]
