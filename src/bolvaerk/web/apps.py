from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "bolvaerk.web"
    label = "bolvaerk_web"
    verbose_name = "bolvaerk web"
