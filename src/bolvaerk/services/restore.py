"""Restore of a backup archive (services/backup.py) into an EMPTY installation.

The order keeps a refused restore from changing anything: the archive is unpacked into a
temporary folder and checked whole (hashes, sizes, manifest), its migration state is compared
with the code's, and the database and the uploads folder are checked empty, all before the first
write. Then the schema is migrated, the rows are loaded in one transaction whose end checks the
count of every model, the files are copied and checked, PostgreSQL's sequences are moved past
the restored keys, and the restore is written to the audit log.

Migration rule: an archive from a newer migration state than the code is refused (install that
bolvaerk version or a later one). An archive from an older state is loaded into the schema of its
own state (the models as the migrations describe them then) and migrated forward after, so the
data migrations of the newer code run over the restored rows.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.executor import MigrationExecutor

from bolvaerk.services import audit
from bolvaerk.services.backup import (
    PERMISSIONS,
    BackupArchive,
    BackupError,
    Manifest,
    backed_up_models,
    label,
    read_archive,
    sha256_of,
    uploads_folder,
)


@dataclass(frozen=True, slots=True)
class RestoreReport:
    manifest: Manifest
    migrated_forward: bool  # the archive came from an older migration state


class _Deserializer(PythonDeserializer):
    """Django's deserializer, with the models of a given registry (a historical migration
    state for an older archive)."""

    def __init__(self, objects: list[dict[str, Any]], registry: Apps) -> None:
        super().__init__(objects)
        self.registry = registry

    def _get_model_from_node(self, model_identifier: str) -> type[models.Model]:
        try:
            return self.registry.get_model(model_identifier)
        except LookupError:
            raise DeserializationError(f"unknown model {model_identifier}") from None


def _leaf_targets(
    executor: MigrationExecutor, applied: dict[str, list[str]]
) -> list[tuple[str, str | None]]:
    """The archive's migration state as migrate targets: per app, the applied migration that no
    other applied migration of the app depends on (None: the app had none applied)."""
    graph = executor.loader.graph
    targets: list[tuple[str, str | None]] = []
    for app in sorted(executor.loader.migrated_apps):
        names = set(applied.get(app, []))
        keys = {(app, name) for name in names if (app, name) in graph.nodes}
        leaves = [
            key
            for key in keys
            if not any(child.key in keys for child in graph.node_map[key].children)
        ]
        targets.extend(leaves or [(app, None)])
    return targets


def _compare_state(manifest: Manifest) -> tuple[bool, MigrationExecutor]:
    """True when the archive is at the code's migration state, False when older; refuses newer."""
    executor = MigrationExecutor(connection)
    known = set(executor.loader.disk_migrations)
    archived = {(app, name) for app, names in manifest.migrations.items() for name in names}
    unknown = sorted(archived - known)
    if unknown:
        raise BackupError(
            "newer",
            version=manifest.version,
            migrations=", ".join(f"{app}.{name}" for app, name in unknown[:3]),
        )
    code_state = {
        key
        for key in executor.loader.graph.nodes
        if key[0] in manifest.migrations or key[0] in executor.loader.migrated_apps
    }
    return archived >= code_state, executor


def _ensure_empty() -> None:
    folder = uploads_folder()
    if folder.is_dir() and any(path.is_file() for path in folder.rglob("*")):
        raise BackupError("not_empty_files", folder=folder)
    tables = set(connection.introspection.table_names())
    for model in backed_up_models():
        if model._meta.db_table in tables and model._default_manager.exists():
            raise BackupError("not_empty_database", model=label(model))


def _objects(folder: Path, manifest: Manifest) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """The rows of each model, in the archive's order (parents first)."""
    for name in manifest.counts:
        yield name, json.loads((folder / "data" / f"{name}.json").read_text(encoding="utf-8"))


def _load(folder: Path, manifest: Manifest, registry: Apps) -> None:
    """Every row, with the database's constraint checks deferred to the end (as loaddata)."""
    loaded: list[type[models.Model]] = []
    with connection.constraint_checks_disabled():
        for name, objects in _objects(folder, manifest):
            for item in _Deserializer(objects, registry):
                item.save()
            model = registry.get_model(name)
            loaded.append(model)
            count = model._default_manager.count()
            if count != manifest.counts[name]:
                raise BackupError("count", model=name, expected=manifest.counts[name], found=count)
    connection.check_constraints(table_names=[m._meta.db_table for m in loaded])


def _grant_permissions(folder: Path) -> None:
    owners: dict[str, Any] = json.loads((folder / PERMISSIONS).read_text(encoding="utf-8"))
    for owner_label, model in (("auth.user", User), ("auth.group", Group)):
        for pk, keys in owners.get(owner_label, {}).items():
            permissions = [Permission.objects.get_by_natural_key(*key) for key in keys]
            getattr(model.objects.get(pk=int(pk)), _permission_field(model)).set(permissions)


def _permission_field(model: type[models.Model]) -> str:
    return "user_permissions" if model is User else "permissions"


def _reset_sequences() -> None:
    """PostgreSQL: move each id sequence past the restored keys, so new rows do not clash."""
    statements = connection.ops.sequence_reset_sql(no_style(), backed_up_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _restore_files(folder: Path, manifest: Manifest) -> list[Path]:
    target = uploads_folder()
    written: list[Path] = []
    for name in manifest.files():
        destination = target / Path(name).relative_to("uploads")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / name, destination)
        written.append(destination)
        if sha256_of(destination) != manifest.members[name]["sha256"]:
            raise BackupError("damaged", reason=name)
    return written


def _remove(files: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)


def _finish(folder: Path, archive: Path, manifest: Manifest, *, migrated_forward: bool) -> None:
    _grant_permissions(folder)
    _reset_sequences()
    audit.record(
        None,
        "backup.restored",
        BackupArchive(archive.name[:80]),
        details={
            "created_at": manifest.created_at,
            "version": manifest.version,
            "counts": manifest.counts,
            "files": len(manifest.files()),
            "migrated_forward": migrated_forward,
        },
    )


def _restore_database(folder: Path, archive: Path, manifest: Manifest) -> bool:
    """Migrate, load and finish; returns whether the archive was migrated forward."""
    same_state, executor = _compare_state(manifest)
    if same_state:
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            _load(folder, manifest, global_apps)
            _finish(folder, archive, manifest, migrated_forward=False)
        return False
    registry = executor.migrate(_leaf_targets(executor, manifest.migrations)).apps
    with transaction.atomic():
        _load(folder, manifest, registry)
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        _finish(folder, archive, manifest, migrated_forward=True)
    return True


def do_restore(archive: Path) -> RestoreReport:
    """Restore `archive` into the configured (empty) database and data folder."""
    with tempfile.TemporaryDirectory(prefix="bolvaerk-restore-") as temp:
        folder = Path(temp)
        manifest = read_archive(archive, folder)
        _compare_state(manifest)  # refuses a newer archive before anything is written
        _ensure_empty()
        files: list[Path] = []
        try:
            files = _restore_files(folder, manifest)
            migrated_forward = _restore_database(folder, archive, manifest)
        except (DatabaseError, DeserializationError, BackupError) as error:
            _remove(files)
            if isinstance(error, BackupError):
                raise
            raise BackupError("load", reason=str(error).strip().splitlines()[0]) from None
    return RestoreReport(manifest=manifest, migrated_forward=migrated_forward)
