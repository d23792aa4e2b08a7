from __future__ import annotations

from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "bolvaerk.adapters.db"
    label = "bolvaerk"
    verbose_name = "bolvaerk"
    default_auto_field = "django.db.models.BigAutoField"
