"""A test client that posts the editor's forms as our pages do: with `base_version`, the version
the page was loaded from. Unless a test names one, it is the current version, as if the user had
just opened the page (the conflict tests name older ones: tests/web/test_concurrent_editing.py)."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from bolvaerk.adapters.db.models import AssessmentRecord

_RECORD = re.compile(r"^/assessments/(\d+)/")


def current_version(path: str) -> int | None:
    match = _RECORD.match(path)
    if match is None:
        return None
    found = AssessmentRecord.objects.filter(pk=int(match.group(1)))
    return found.values_list("current_version", flat=True).first()


class EditingClient(Client):
    def post(  # type: ignore[override]
        self,
        path: str,
        data: dict[str, Any] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        version = current_version(path)
        data = dict(data or {})
        if version is not None and "base_version" not in data:
            data["base_version"] = str(version)
        return super().post(path, data, *args, **kwargs)
