"""Backup of one installation into one archive (.tar.gz), and reading an archive back safely.

The archive holds
- `manifest.json`: format, bolvaerk version, creation time, the applied migrations of every app,
  the number of rows per model and the SHA-256 and size of every other member;
- `data/<app>.<model>.json`: the rows of each model in Django's serialization (database-neutral
  JSON, primary keys kept), plus `data/permissions.json`, the Django permissions of users and
  groups by natural key (their primary keys differ between databases);
- `uploads/...`: the uploaded files (annexes, logos) as they lie in BOLVAERK_HOME/uploads.

Left out on purpose: content types and permissions (migrate makes them again), sessions (people
log in again) and every secret (BOLVAERK_SECRET_KEY and the passwords of the database and the
mail server; user passwords are in it only as Django's salted hashes).
Restoring is services/restore.py.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.files.storage import default_storage
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from bolvaerk.services import audit

FORMAT = 1
MANIFEST = "manifest.json"
PERMISSIONS = "data/permissions.json"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore is refused; `code` picks the message, `params` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class BackupArchive:
    """The archive as the audit log names it."""

    pk: str  # the archive's file name


@dataclass(frozen=True, slots=True)
class Manifest:
    created_at: str
    version: str
    migrations: dict[str, list[str]]
    counts: dict[str, int]
    members: dict[str, dict[str, Any]]  # name -> {"sha256": ..., "size": ...}
    database: str = ""
    format: int = FORMAT
    notes: list[str] = field(default_factory=list)

    def files(self) -> list[str]:
        return sorted(name for name in self.members if name.startswith("uploads/"))


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows are backed up, parents before children (in the archive's order)."""
    ours = list(apps.get_app_config("bolvaerk").get_models())
    tasks = list(apps.get_app_config("django_tasks_database").get_models())
    return [Group, User, *ours, *tasks]


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def uploads_folder() -> Path:
    return Path(default_storage.path(""))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database while every table is read."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _permissions() -> dict[str, dict[str, list[list[str]]]]:
    def natural(rows: Iterator[tuple[int, str, str, str]]) -> dict[str, list[list[str]]]:
        result: dict[str, list[list[str]]] = {}
        for owner, codename, app_label, model in rows:
            result.setdefault(str(owner), []).append([codename, app_label, model])
        return result

    keys = ("permission__codename", "permission__content_type__app_label")
    key_model = "permission__content_type__model"
    return {
        "auth.user": natural(
            iter(User.user_permissions.through.objects.values_list("user_id", *keys, key_model))
        ),
        "auth.group": natural(
            iter(Group.permissions.through.objects.values_list("group_id", *keys, key_model))
        ),
    }


def _dump_model(model: type[models.Model], target: Path) -> int:
    rows = model._default_manager.order_by("pk")
    count = 0

    def counted() -> Iterator[models.Model]:
        nonlocal count
        for row in rows.iterator(chunk_size=500):
            count += 1
            yield row

    # the permissions travel by natural key in PERMISSIONS; every other field by primary key
    options = model._meta
    fields = [
        f.name
        for f in (*options.local_fields, *options.local_many_to_many)
        if f.name not in {"user_permissions", "permissions"}
    ]
    with target.open("w", encoding="utf-8") as stream:
        serializers.serialize("json", counted(), stream=stream, fields=fields)
    return count


def _dump(folder: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    (folder / "data").mkdir()
    counts: dict[str, int] = {}
    with _snapshot():
        for model in backed_up_models():
            counts[label(model)] = _dump_model(model, folder / "data" / f"{label(model)}.json")
        (folder / PERMISSIONS).write_text(json.dumps(_permissions()), encoding="utf-8")
        return counts, applied_migrations()


def _copy_uploads(folder: Path) -> None:
    source = uploads_folder()
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.is_symlink():
            target = folder / "uploads" / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def do_backup(output: Path) -> Manifest:
    """Write the archive to `output` (through a temporary name, so a failure leaves no half
    archive) and record it in the audit log."""
    with tempfile.TemporaryDirectory(prefix="bolvaerk-backup-") as temp:
        folder = Path(temp)
        counts, migrations = _dump(folder)
        _copy_uploads(folder)
        members = {
            path.relative_to(folder).as_posix(): {
                "sha256": sha256_of(path),
                "size": path.stat().st_size,
            }
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            version=version("bolvaerk"),
            migrations=migrations,
            counts=counts,
            members=members,
            database=connection.vendor,
            notes=["No secrets: BOLVAERK_SECRET_KEY and database or mail passwords are not here."],
        )
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            manifest_file = folder / MANIFEST
            manifest_file.write_text(json.dumps(_as_dict(manifest), indent=1), encoding="utf-8")
            archive.add(manifest_file, arcname=MANIFEST)
            for name in members:
                archive.add(folder / name, arcname=name)
        partial.replace(output)
    audit.record(
        None,
        "backup.created",
        BackupArchive(output.name[:80]),
        details={"counts": counts, "files": len(manifest.files())},
    )
    return manifest


def _as_dict(manifest: Manifest) -> dict[str, Any]:
    return {
        "format": manifest.format,
        "application": "bolvaerk",
        "version": manifest.version,
        "created_at": manifest.created_at,
        "database": manifest.database,
        "migrations": manifest.migrations,
        "counts": manifest.counts,
        "members": manifest.members,
        "notes": manifest.notes,
    }


def _parse_manifest(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if int(data["format"]) > FORMAT:
            raise BackupError("format", format=data["format"], version=data.get("version", "?"))
        return Manifest(
            created_at=str(data["created_at"]),
            version=str(data["version"]),
            migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
            counts={str(k): int(v) for k, v in data["counts"].items()},
            members={str(k): dict(v) for k, v in data["members"].items()},
            database=str(data.get("database", "")),
            format=int(data["format"]),
            notes=[str(n) for n in data.get("notes", [])],
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BackupError("damaged", reason="manifest.json") from None


def _safe_name(member: tarfile.TarInfo) -> PurePosixPath:
    name = PurePosixPath(member.name)
    top = name.parts[0] if name.parts else ""
    if (
        not member.isfile()
        or name.is_absolute()
        or ".." in name.parts
        or (name.as_posix() != MANIFEST and top not in {"data", "uploads"})
    ):
        raise BackupError("damaged", reason=member.name)
    return name


def read_archive(path: Path, folder: Path) -> Manifest:
    """Unpack the archive into `folder` and check it whole: every member named in the manifest is
    there with its SHA-256 and size, and nothing else is. Raises BackupError("damaged") for a
    truncated, altered or foreign archive; nothing outside `folder` is touched."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                name = _safe_name(member)
                source = archive.extractfile(member)
                if source is None:
                    raise BackupError("damaged", reason=member.name)
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with source, target.open("wb") as stream:
                    shutil.copyfileobj(source, stream, CHUNK)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError("damaged", reason=str(error) or type(error).__name__) from None
    except FileNotFoundError:
        raise BackupError("missing", file=path) from None
    if not (folder / MANIFEST).is_file():
        raise BackupError("damaged", reason=f"{MANIFEST} missing")
    manifest = _parse_manifest(folder / MANIFEST)
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    found.discard(MANIFEST)
    if found != set(manifest.members):
        odd = sorted(found ^ set(manifest.members))
        raise BackupError("damaged", reason=", ".join(odd[:3]))
    for member_name, expected in manifest.members.items():
        unpacked = folder / member_name
        if unpacked.stat().st_size != expected.get("size") or sha256_of(unpacked) != expected.get(
            "sha256"
        ):
            raise BackupError("damaged", reason=member_name)
    return manifest
