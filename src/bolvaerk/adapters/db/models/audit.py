"""The audit log: who did what, when, to which object; append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    action = models.CharField(max_length=60)  # e.g. assessment.saved, assessment.submitted
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=80)
    facility_id = models.BigIntegerField(null=True, db_index=True)  # for per-facility visibility
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ("-at", "-id")
