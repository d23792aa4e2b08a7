"""Assessments as versioned documents: every save is a new version holding the whole
assessment in the assessment-file shape (JSON), decoded by the same codec as files."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bolvaerk.adapters.db.models.facilities import Facility


class AssessmentRecord(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="assessments")
    document_id = models.CharField(max_length=80, unique=True)  # the assessment's own stable id
    kind = models.CharField(max_length=4)  # pfsa | psa
    state = models.CharField(max_length=20, default="draft")
    approved_on = models.DateField(null=True, blank=True)
    current_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at",)
        indexes = [models.Index(fields=["facility", "state"])]

    def __str__(self) -> str:
        return self.document_id


class AssessmentVersion(models.Model):
    assessment = models.ForeignKey(
        AssessmentRecord, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    document = models.JSONField()  # the encoded assessment, exactly as in a .json file
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=300, blank=True)  # what this save changed, briefly

    class Meta:
        ordering = ("assessment", "number")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_version_number")
        ]
