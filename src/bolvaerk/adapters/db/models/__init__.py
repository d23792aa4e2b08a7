"""The storage models, one module per concept."""

from __future__ import annotations

from bolvaerk.adapters.db.models.assessments import AssessmentRecord, AssessmentVersion
from bolvaerk.adapters.db.models.audit import AuditEvent
from bolvaerk.adapters.db.models.comments import ReviewComment
from bolvaerk.adapters.db.models.facilities import Facility
from bolvaerk.adapters.db.models.organisations import Membership, Organisation, OrgKind, Role
from bolvaerk.adapters.db.models.reminders import ReminderKind, ReminderSent
from bolvaerk.adapters.db.models.tokens import ApiToken

__all__ = [
    "ApiToken",
    "AssessmentRecord",
    "AssessmentVersion",
    "AuditEvent",
    "Facility",
    "Membership",
    "OrgKind",
    "Organisation",
    "ReminderKind",
    "ReminderSent",
    "ReviewComment",
    "Role",
]
