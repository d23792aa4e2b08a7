"""PDF: WeasyPrint lays out the HTML renderer's page, so PDF and HTML show the same content.

A4 pages with the marking and "Side X af Y" in the page margins (templates/document.css),
bookmarks from the headings, metadata from the <meta> elements (title, created = the
Document's date), the Document's identifier as the PDF file identifier, and PDF/A-3b.
WeasyPrint may fetch data: URIs only: the page is self-contained, nothing is read from disk or
the network while laying it out.

Reproducible: WeasyPrint's own output depends only on its input, except the font subsets when
fontTools makes them (no libharfbuzz-subset on the machine): fontTools stamps each subset with
the current time unless SOURCE_DATE_EPOCH is set. While writing, SOURCE_DATE_EPOCH is the
Document's date (unless the caller set one), under a lock so that renders in threads agree.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path

from bolvaerk.adapters.render.html_renderer import html_text
from bolvaerk.adapters.render.registry import Renderer, register
from bolvaerk.domain.document.model import Document

with warnings.catch_warnings():
    # Without libharfbuzz-subset, WeasyPrint 70 subsets fonts with fontTools and warns at import
    # that a future version will need the library. The PDF is fine either way: drop the notice.
    warnings.filterwarnings("ignore", "HarfBuzz-Subset will be required", DeprecationWarning)
    from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

PDF_VARIANT = "pdf/a-3b"  # archival PDF; WeasyPrint adds the sRGB output intent and XMP
EPOCH = "SOURCE_DATE_EPOCH"
_ENVIRONMENT_LOCK = threading.Lock()


def render_pdf(document: Document, assets: Path | None) -> bytes:
    page = HTML(
        string=html_text(document, assets),
        url_fetcher=URLFetcher(allowed_protocols=("data",), fail_on_errors=True),
        media_type="print",
    )
    epoch = int(datetime.combine(document.created, time(0), tzinfo=UTC).timestamp())
    with _source_date_epoch(epoch), warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile for the PDF/A output intent and never closes
        # it; the file is closed when dropped a moment later, with a ResourceWarning.
        warnings.filterwarnings("ignore", r"unclosed file .*sRGB2014\.icc", ResourceWarning)
        pdf: bytes = page.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_identifier=document.identifier.encode("utf-8"),
        )
    return pdf


@contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `epoch` for the duration, unless the environment has one."""
    with _ENVIRONMENT_LOCK:
        if EPOCH in os.environ:
            yield
            return
        os.environ[EPOCH] = str(max(epoch, 0))
        try:
            yield
        finally:
            del os.environ[EPOCH]


register(Renderer("pdf", ".pdf", "application/pdf", render_pdf))
