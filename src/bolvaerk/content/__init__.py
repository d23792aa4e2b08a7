"""Versioned content as YAML: risk models, catalogues, messages, examples (da/en).

Python here only loads and checks the YAML and turns it into domain values.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
LANGUAGES = ("da", "en")
