"""The template's labels (content/documents/labels.yaml) in every language, read once."""

from __future__ import annotations

from functools import cache

from bolvaerk.content import CONTENT_DIR
from bolvaerk.content.loading import read_yaml, translations

LABELS_FILE = CONTENT_DIR / "documents" / "labels.yaml"


@cache
def template_labels() -> dict[str, dict[str, str]]:
    """key -> language -> text, e.g. template_labels()["s7.2.heading"]["da"]."""
    document = read_yaml(LABELS_FILE)
    return {key: translations(text, f"labels.yaml:{key}") for key, text in document.items()}
