"""The built-in renderers. Importing a renderer module registers it; this loads them all."""

from __future__ import annotations

import importlib

BUILTIN_MODULES = ("docx_renderer", "html_renderer", "pdf_renderer", "xlsx_renderer", "heatmap")


def load_builtin_renderers() -> None:
    for name in BUILTIN_MODULES:
        importlib.import_module(f"bolvaerk.adapters.render.{name}")
