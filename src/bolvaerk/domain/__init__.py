"""The pure core of bolvaerk.

Rules:
1. Nothing here does I/O, reads a clock, the environment or settings; nothing here imports a
   package outside the standard library or a module of bolvaerk outside bolvaerk.domain.
   (Enforced by import-linter and tests/domain/test_purity.py.)
2. Values are frozen dataclasses; an invalid value cannot be built.
3. Findings and errors are codes with params; adapters turn them into Danish or English text.
"""
