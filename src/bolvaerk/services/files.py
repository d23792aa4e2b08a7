"""What the interfaces may know of the file adapter: its error type (the boundary's contract)."""

from __future__ import annotations

from bolvaerk.adapters.file import LoadError, LoadProblem

__all__ = ["LoadError", "LoadProblem"]
