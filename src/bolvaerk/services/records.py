"""The storage record types the web may name in type hints (it loads them only via access_*)."""

from __future__ import annotations

from bolvaerk.adapters.db.models import AssessmentRecord, Facility, ReviewComment

__all__ = ["AssessmentRecord", "Facility", "ReviewComment"]
