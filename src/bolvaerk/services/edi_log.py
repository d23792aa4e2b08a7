"""The EDI audit log: append-only JSON lines, each entry carrying its own SHA-256 and the
previous entry's, so an edited, inserted or removed line breaks the chain at that line.

Cutting entries off the end leaves a valid shorter chain: `verify` reports the head hash so it
can be written down elsewhere (a receipt, a ticket) to anchor the log in time."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

GENESIS = "0" * 64
_TAIL = 1 << 16


@dataclass(frozen=True, slots=True)
class ChainCheck:
    entries: int
    head: str
    broken_at: int | None  # 1-based line number of the first entry that does not fit
    reason: str = ""  # code: "syntax", "hash", "link", "sequence"


def entry_hash(entry: dict[str, object]) -> str:
    body = {key: value for key, value in entry.items() if key != "hash"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def append(log_file: Path, event: str, **fields: object) -> dict[str, object]:
    """Add one entry under an exclusive lock (the CLI and the web inbox may write at once)."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            seq, previous = _last(handle)
            entry: dict[str, object] = {
                "seq": seq + 1,
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "event": event,
                **fields,
                "prev": previous,
            }
            entry["hash"] = entry_hash(entry)
            handle.seek(0, os.SEEK_END)
            handle.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return entry


def _last(binary: BinaryIO) -> tuple[int, str]:
    size = binary.seek(0, os.SEEK_END)
    if size == 0:
        return 0, GENESIS
    binary.seek(max(0, size - _TAIL))
    lines = [line for line in binary.read().splitlines() if line.strip()]
    if not lines:
        return 0, GENESIS
    try:
        last = json.loads(lines[-1])
        return int(last["seq"]), str(last["hash"])
    except (ValueError, KeyError, TypeError):
        # A damaged last line must not stop logging; link to its raw bytes instead.
        return size, hashlib.sha256(lines[-1]).hexdigest()


def entries(log_file: Path) -> Iterator[dict[str, object]]:
    if not log_file.exists():
        return
    with log_file.open("rb") as handle:
        for line in handle:
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError:
                    yield {"event": "unreadable", "raw": line[:120].decode("utf-8", "replace")}


def verify(log_file: Path) -> ChainCheck:
    previous = GENESIS
    count = 0
    if not log_file.exists():
        return ChainCheck(entries=0, head=GENESIS, broken_at=None)
    with log_file.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise TypeError(type(entry).__name__)
            except (ValueError, TypeError):
                return ChainCheck(count, previous, number, "syntax")
            if entry.get("hash") != entry_hash(entry):
                return ChainCheck(count, previous, number, "hash")
            if entry.get("prev") != previous:
                return ChainCheck(count, previous, number, "link")
            if entry.get("seq") != number:
                return ChainCheck(count, previous, number, "sequence")
            previous = str(entry["hash"])
            count += 1
    return ChainCheck(entries=count, head=previous, broken_at=None)
