"""The one error type of the message readers and writers (EDIFACT and XML).

Whatever the input, the readers raise EdiFormatError and nothing else: a code (its da/en text
is in content/messages/edi.yaml, section `errors`) and params such as segment, position, line,
path and detail.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class EdiFormatError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params: Mapping[str, object] = MappingProxyType(params)

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value}" for key, value in self.params.items())
        return f"{self.code} ({details})"
