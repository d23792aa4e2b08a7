"""The renderer registry: every format, built-in or added later, registers the same way.

A renderer turns a Document into the bytes of one file. `assets` is the folder the assessment
file lies in (annex files, the logo); None when there is none (then images are left out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bolvaerk.domain.document.model import Document

RenderFunction = Callable[[Document, Path | None], bytes]


@dataclass(frozen=True, slots=True)
class Renderer:
    name: str  # the --format value: docx, pdf, html, xlsx, heatmap-svg, heatmap-png
    suffix: str  # file suffix, e.g. ".docx"
    media_type: str
    render: RenderFunction


_RENDERERS: dict[str, Renderer] = {}


def register(renderer: Renderer) -> None:
    if renderer.name in _RENDERERS:
        raise ValueError(f"renderer {renderer.name!r} registered twice")
    _RENDERERS[renderer.name] = renderer


def renderer_for(name: str) -> Renderer:
    return _RENDERERS[name]


def renderer_names() -> tuple[str, ...]:
    return tuple(sorted(_RENDERERS))
