"""Review comments on any section or field of an assessment, resolved and reopened."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bolvaerk.adapters.db.models.assessments import AssessmentRecord


class ReviewComment(models.Model):
    assessment = models.ForeignKey(
        AssessmentRecord, on_delete=models.CASCADE, related_name="comments"
    )
    path = models.CharField(max_length=300)  # the field, e.g. sections.7.forms[3].proposed
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ("created_at",)
