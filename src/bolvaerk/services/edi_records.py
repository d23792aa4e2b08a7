"""What the exchange remembers on disk: sent messages awaiting receipts, the (sender, message
id, payload digest) index for duplicates and replays, and the quarantine with its sidecars."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bolvaerk.adapters.edi.container import safe_name
from bolvaerk.adapters.edi.transport import folder
from bolvaerk.services.edi_identity import EdiPaths
from bolvaerk.services.edi_texts import edi_text

DEFAULT_RECEIPT_HOURS = 24.0


@dataclass(frozen=True, slots=True)
class SentRecord:
    message_id: str
    partner: str
    payload_sha256: str
    sent_at: str
    file: str
    endpoint: str
    receipt_result: str = ""
    receipt_at: str = ""
    receipt_file: str = ""
    receipt_reasons: tuple[str, ...] = ()
    first_message_id: str = ""


def _sent_file(paths: EdiPaths, partner: str, message_id: str) -> Path:
    return paths.sent / f"{safe_name(partner)}--{safe_name(message_id)}.json"


def save_sent(paths: EdiPaths, record: SentRecord) -> None:
    data = json.dumps(asdict(record), indent=2, ensure_ascii=False).encode("utf-8")
    folder.deliver(paths.sent, _sent_file(paths, record.partner, record.message_id).name, data)


def load_sent(paths: EdiPaths) -> list[SentRecord]:
    if not paths.sent.is_dir():
        return []
    records = []
    for path in sorted(paths.sent.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            document["receipt_reasons"] = tuple(document.get("receipt_reasons", ()))
            records.append(SentRecord(**document))
        except (OSError, ValueError, TypeError):
            continue  # a damaged record does not hide the others; the log keeps the history
    return records


def find_sent(paths: EdiPaths, partner: str, message_id: str) -> SentRecord | None:
    path = _sent_file(paths, partner, message_id)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["receipt_reasons"] = tuple(document.get("receipt_reasons", ()))
        record = SentRecord(**document)
    except (OSError, ValueError, TypeError):
        return None
    return record if record.partner == partner and record.message_id == message_id else None


def attach_receipt(
    paths: EdiPaths,
    record: SentRecord,
    *,
    result: str,
    reasons: tuple[str, ...],
    receipt_file: Path,
    first_message_id: str,
) -> SentRecord:
    updated = replace(
        record,
        receipt_result=result,
        receipt_at=datetime.now(UTC).isoformat(timespec="seconds"),
        receipt_file=str(receipt_file),
        receipt_reasons=reasons,
        first_message_id=first_message_id,
    )
    save_sent(paths, updated)
    return updated


def overdue(
    paths: EdiPaths, *, hours: float = DEFAULT_RECEIPT_HOURS, now: datetime | None = None
) -> list[SentRecord]:
    """Sent messages without a receipt after `hours` (BOLVAERK_EDI_RECEIPT_HOURS to change)."""
    moment = now or datetime.now(UTC)
    limit = moment - timedelta(hours=hours)
    return [
        r
        for r in load_sent(paths)
        if not r.receipt_result and datetime.fromisoformat(r.sent_at) <= limit
    ]


def receipt_hours() -> float:
    try:
        return float(os.environ.get("BOLVAERK_EDI_RECEIPT_HOURS", DEFAULT_RECEIPT_HOURS))
    except ValueError:
        return DEFAULT_RECEIPT_HOURS


# ------------------------------------------------------------------ duplicates and replays


@dataclass(frozen=True, slots=True)
class Seen:
    sender: str
    message_id: str
    digest: str
    received_at: str
    receipt_id: str


def seen_entries(paths: EdiPaths) -> list[Seen]:
    if not paths.seen.exists():
        return []
    found = []
    for line in paths.seen.read_text(encoding="utf-8").splitlines():
        try:
            found.append(Seen(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return found


def earlier(paths: EdiPaths, sender: str, message_id: str, digest: str) -> tuple[str, Seen] | None:
    """('duplicate', first) when this sender sent the same payload before (whatever id it
    carried this time), ('id-reused', first) when the id came before with other content."""
    for entry in seen_entries(paths):
        if entry.sender != sender:
            continue
        if entry.digest == digest:
            return "duplicate", entry
        if entry.message_id == message_id:
            return "id-reused", entry
    return None


def remember(paths: EdiPaths, entry: Seen) -> None:
    paths.seen.parent.mkdir(parents=True, exist_ok=True)
    with paths.seen.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


# ------------------------------------------------------------------ quarantine


@dataclass(frozen=True, slots=True)
class Quarantined:
    file: Path
    sidecar: Path
    payload: Path | None


@dataclass(slots=True)
class Diagnosis:
    """What was learnt before the message failed; goes into the sidecar for a person to read."""

    labels: dict[str, str] = field(default_factory=dict)
    signer: str = ""
    partner: str = ""
    signing_time: str = ""
    payload_sha256: str = ""
    details: list[str] = field(default_factory=list)


def quarantine(
    paths: EdiPaths,
    data: bytes,
    *,
    name: str,
    code: str,
    params: dict[str, object],
    diagnosis: Diagnosis,
    payload: bytes | None = None,
) -> Quarantined:
    """Keep the received file as it came, the decrypted payload when there is one, and a JSON
    sidecar with the reason in both languages."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    base = f"{stamp}-{safe_name(name, 'received')}"
    stored = folder.deliver(paths.quarantine, base, data)
    kept = (
        folder.deliver(paths.quarantine, f"{base}.payload", payload)
        if payload is not None
        else None
    )
    sidecar_data = {
        "file": stored.name,
        "original_name": name,
        "quarantined_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "reason": code,
        "params": {key: str(value) for key, value in params.items()},
        "text": {lang: edi_text(code, lang, **params) for lang in ("da", "en")},
        "payload_file": kept.name if kept else "",
        **asdict(diagnosis),
    }
    sidecar = folder.deliver(
        paths.quarantine,
        f"{base}.json",
        json.dumps(sidecar_data, indent=2, ensure_ascii=False).encode("utf-8"),
    )
    return Quarantined(file=stored, sidecar=sidecar, payload=kept)


# ------------------------------------------------------------------ outcomes


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one received file (a message or a receipt)."""

    file: str
    kind: str  # "message" or "receipt"
    status: str  # "accepted", "rejected", "duplicate"
    code: str = ""  # the reason when not accepted (content/messages/edi_exchange.yaml)
    params: dict[str, object] = field(default_factory=dict)
    partner: str = ""
    message_id: str = ""
    saved: str = ""  # the payload in the inbox, the stored receipt, or the quarantined copy
    receipt: str = ""  # where our receipt went (or where it waits when it could not go)
    details: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == "accepted"


@contextmanager
def exchange_lock(paths: EdiPaths) -> Iterator[None]:
    """One receiver at a time per data folder (the CLI and the web inbox may run together)."""
    paths.root.mkdir(parents=True, exist_ok=True)
    with paths.lock.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
