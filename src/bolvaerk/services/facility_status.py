"""The portfolio columns of a facility (latest approval, expiry, submit-by, state), derived from
its assessments and stored on the facility so that large lists sort and filter in SQL."""

from __future__ import annotations

from bolvaerk.adapters.db.models import AssessmentRecord, Facility
from bolvaerk.domain.dates import expiry_date, submit_by_date


def refresh_facility_status(facility_id: int) -> None:
    """Recompute the columns from the facility's assessment records (one query to read)."""
    records = list(
        AssessmentRecord.objects.filter(facility_id=facility_id)
        .order_by("-updated_at", "-pk")
        .values_list("state", "approved_on")
    )
    approvals = [approved for _, approved in records if approved is not None]
    approved = max(approvals, default=None)
    Facility.objects.filter(pk=facility_id).update(
        approved_on=approved,
        expires_on=expiry_date(approved) if approved else None,
        submit_by=submit_by_date(approved) if approved else None,
        assessment_state=records[0][0] if records else "",
    )
