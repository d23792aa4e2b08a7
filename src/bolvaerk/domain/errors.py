"""Errors of the domain.

    DomainError                  base of everything the domain raises
     └── InvalidValue            a value that cannot exist (duplicate id, empty id, ...);
                                 carries a code, the field path and params, never prose

The domain never builds user-facing text: adapters translate the code with the message catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class DomainError(Exception):
    """Base class for errors raised by bolvaerk.domain."""


class InvalidValue(DomainError):  # noqa: N818 - reads as "an invalid value", like h11's LocalProtocolError
    def __init__(self, code: str, path: str, params: Mapping[str, object] | None = None) -> None:
        super().__init__(f"{code} at {path}")
        self.code = code
        self.path = path
        self.params: Mapping[str, object] = MappingProxyType(dict(params or {}))
