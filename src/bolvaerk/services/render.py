"""Render an assessment file into a document file (DOCX, PDF, HTML, XLSX, heat map)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bolvaerk.adapters.file import write_bytes
from bolvaerk.adapters.render.builtin import load_builtin_renderers
from bolvaerk.adapters.render.registry import Renderer, renderer_for
from bolvaerk.services.documents import build_document

FORMATS = ("docx", "pdf", "html", "xlsx", "heatmap")
Step = Callable[[str], None]  # reports a step to a progress display


def renderer(fmt: str, output: Path | None = None) -> Renderer:
    """The renderer of a --format; a heat map is PNG unless the output ends in .svg."""
    load_builtin_renderers()
    if fmt == "heatmap":
        svg = output is not None and output.suffix.lower() == ".svg"
        return renderer_for("heatmap-svg" if svg else "heatmap-png")
    return renderer_for(fmt)


@dataclass(frozen=True, slots=True)
class Rendered:
    output: Path
    size: int
    pages_hint: int  # headings of level 1..3, a rough measure of the document's length


def render_file(
    assessment_path: Path,
    fmt: str,
    output: Path,
    *,
    lang: str | None = None,
    draft: bool = False,
    home: Path | None = None,
    step: Step = lambda _: None,
) -> Rendered:
    step("load")
    document, assets = build_document(assessment_path, lang, draft, home)
    step("render")
    data = renderer(fmt, output).render(document, assets)
    step("write")
    write_bytes(output, data)
    return Rendered(output, len(data), len(document.headings()))
