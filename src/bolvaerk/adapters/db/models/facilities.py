"""Port facilities (and ports, for a PSA) and the organisations party to them."""

from __future__ import annotations

from django.db import models

from bolvaerk.adapters.db.models.organisations import Organisation


class Facility(models.Model):
    name = models.CharField(max_length=200)
    port = models.CharField(max_length=200)
    unlocode = models.CharField(max_length=5, blank=True)
    is_port = models.BooleanField(default=False)  # the port itself (PSA), not a facility (PFSA)
    operator = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="operated")
    rso = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessed", null=True, blank=True
    )
    port_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="port_facilities",
        null=True,
        blank=True,
    )
    police = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="policed", null=True, blank=True
    )

    class Meta:
        ordering = ("port", "name")
        indexes = [models.Index(fields=["port", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.port})"
