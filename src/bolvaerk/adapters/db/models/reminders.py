"""Reminder e-mails sent before a facility's submit-by date and expiry: one row per reminder
and recipient, unique, so a reminder job that runs twice never sends twice."""

from __future__ import annotations

from django.db import models

from bolvaerk.adapters.db.models.facilities import Facility


class ReminderKind(models.TextChoices):
    SUBMIT_BY = "submit_by", "Submit-by date"
    EXPIRY = "expiry", "Expiry"


class ReminderSent(models.Model):
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField()  # the submit-by or expiry date the reminder is about
    lead_days = models.PositiveIntegerField()  # sent this many days (or fewer) before due_on
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-sent_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "kind", "due_on", "lead_days", "recipient"],
                name="one_reminder_per_recipient",
            )
        ]
