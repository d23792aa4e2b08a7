"""Organisations and the roles their members have."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrgKind(models.TextChoices):
    RSO = "rso", "RSO firm"
    FACILITY_OPERATOR = "operator", "Facility operator"
    PORT_AUTHORITY = "port", "Port authority"
    POLICE = "police", "Police district"
    MARITIME_AUTHORITY = "authority", "Maritime authority"
    SITE = "site", "Site administration"
    SHIP_AGENT = "agent", "Ship agent"  # sends pre-arrival notifications by secure EDI


class Role(models.TextChoices):
    CONSULTANT = "consultant", "Consultant"
    LEAD_CONSULTANT = "lead_consultant", "Lead consultant"
    PFSO = "pfso", "PFSO"
    STAFF = "staff", "Staff"
    PSO = "pso", "PSO"
    POLICE_REVIEWER = "police_reviewer", "Police reviewer"
    AUTHORITY_REVIEWER = "authority_reviewer", "Authority reviewer"
    AUTHORITY_APPROVER = "authority_approver", "Authority approver"
    SITE_ADMIN = "site_admin", "Site administrator"
    AGENT = "agent", "Ship agent"


ROLES_OF_KIND: dict[str, frozenset[str]] = {
    OrgKind.RSO: frozenset({Role.CONSULTANT, Role.LEAD_CONSULTANT}),
    OrgKind.FACILITY_OPERATOR: frozenset({Role.PFSO, Role.STAFF}),
    OrgKind.PORT_AUTHORITY: frozenset({Role.PSO, Role.STAFF}),
    OrgKind.POLICE: frozenset({Role.POLICE_REVIEWER}),
    OrgKind.MARITIME_AUTHORITY: frozenset({Role.AUTHORITY_REVIEWER, Role.AUTHORITY_APPROVER}),
    OrgKind.SITE: frozenset({Role.SITE_ADMIN}),
    OrgKind.SHIP_AGENT: frozenset({Role.AGENT}),
}


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrgKind.choices)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    role = models.CharField(max_length=30, choices=Role.choices)
    language = models.CharField(
        max_length=2, default="da", choices=(("da", "Dansk"), ("en", "English"))
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.role}, {self.organisation})"
