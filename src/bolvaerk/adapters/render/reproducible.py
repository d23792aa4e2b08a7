"""Reproducible archives: the same input gives byte-identical DOCX, XLSX and ZIP files.

Office files are ZIP archives whose entries carry the time they were written; rewriting them
with a fixed time and a fixed order removes the only difference between two runs.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can carry


def zip_time(day: date | None) -> tuple[int, int, int, int, int, int]:
    if day is None or day.year < 1980:
        return FIXED_TIME
    return (day.year, day.month, day.day, 0, 0, 0)


def normalise_zip(data: bytes, day: date | None = None, *, sort: bool = False) -> bytes:
    """The archive rewritten with every entry dated `day` (or 1980-01-01), deflated, and
    in its original order ([Content_Types].xml stays first, as Office expects) or sorted."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    if sort:
        names = sorted(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=zip_time(day))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()
