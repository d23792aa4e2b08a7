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

    # The portfolio's columns, kept up to date whenever an assessment version is stored
    # (services.facility_status), so that a list of 10,000 facilities sorts and filters in SQL.
    approved_on = models.DateField(null=True, blank=True)  # latest approval of any assessment
    expires_on = models.DateField(null=True, blank=True)  # approval + 5 years (R-FP-09)
    submit_by = models.DateField(null=True, blank=True)  # expiry - 3 months
    assessment_state = models.CharField(max_length=20, blank=True)  # of the latest assessment

    # Secure EDI (services.edi_received): the ISPS level the facility operates at now, set by its
    # PFSO or PSO and compared with the ship's last ten calls; and its IMO GISIS port facility
    # number (UN/LOCODE-NNNN), by which received notifications are matched to the facility.
    security_level = models.PositiveSmallIntegerField(
        default=1, choices=[(1, "1"), (2, "2"), (3, "3")]
    )
    gisis_number = models.CharField(max_length=10, blank=True, db_index=True)

    class Meta:
        ordering = ("port", "name")
        indexes = [
            models.Index(fields=["port", "name"]),
            models.Index(fields=["submit_by"]),
            models.Index(fields=["expires_on"]),
            models.Index(fields=["assessment_state"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.port})"
