"""Folder drop: write-then-rename so a reader never sees half a file; `.part` files are ignored."""

from __future__ import annotations

import os
from pathlib import Path

PART = ".part"


def deliver(directory: Path, filename: str, data: bytes) -> Path:
    """Write `data` as `directory/filename` atomically (same-folder temp file, fsync, rename)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / filename
    temporary = directory / f".{filename}{PART}"
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(target)
    return target


def ready_files(directory: Path) -> list[Path]:
    """Complete files in a drop folder, oldest name first; hidden and `.part` files are skipped."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.is_file() and not path.name.startswith(".") and not path.name.endswith(PART)
    )
