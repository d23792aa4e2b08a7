"""`bolvaerk backup` and `bolvaerk restore` as an operator runs them: real installations in temp
folders (SQLite) and freshly created PostgreSQL databases, each command in its own process,
because a restore goes into another database than the one it was taken from."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bolvaerk.services.backup import BackupError, read_archive, sha256_of
from tests.installation import (
    bolvaerk,
    environment,
    fresh_postgres,
    inspect,
    postgres_reachable,
    script,
)
from tests.personas import build_cast

COMPARED = (
    "users",
    "organisations",
    "memberships",
    "facilities",
    "records",
    "versions",
    "comments",
    "audit",
    "reminders",
    "tokens",
    "jobs",
    "files",
)
needs_postgres = pytest.mark.skipif(
    not postgres_reachable(), reason="PostgreSQL is not reachable at 127.0.0.1:5432"
)


@dataclass
class Source:
    env: dict[str, str]
    archive: Path
    state: dict[str, Any]
    logins: Path


def _source(home: Path, archive: Path, database_url: str | None = None) -> Source:
    env = environment(home, database_url)
    script("seed", env)
    bolvaerk("backup", "-o", archive, env=env)
    logins = home / "demo-users.txt"
    return Source(env, archive, inspect(env | {"BOLVAERK_LOGINS": str(logins)}), logins)


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    folder = tmp_path_factory.mktemp("sqlite-source")
    return _source(folder / "home", folder / "backup.tar.gz")


@pytest.fixture(scope="module")
def postgres_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Source]:
    folder = tmp_path_factory.mktemp("postgres-source")
    with fresh_postgres() as url:
        yield _source(folder / "home", folder / "backup.tar.gz", url)


def _restore_and_compare(source: Source, target: dict[str, str]) -> None:
    result = bolvaerk("restore", source.archive, env=target)
    assert "counts and checksums match" in result.stdout
    restored = inspect(target | {"BOLVAERK_LOGINS": str(source.logins)})
    for key in COMPARED:
        assert restored[key] == source.state[key], key
    assert restored["backup_events"] == ["backup.restored"]
    assert restored["logins"] == dict.fromkeys(restored["logins"], True)
    assert len(restored["logins"]) == 6
    script("probe", target)  # new rows get new keys (PostgreSQL sequences were reset)


def test_the_source_has_real_data(sqlite_source: Source) -> None:
    state = sqlite_source.state
    assert len(state["facilities"]) >= 2
    assert len(state["versions"]) >= 4
    assert [c["text"] for c in state["comments"]] == ["Kortet skal vise adgangsvejene."]
    assert {e["action"] for e in state["audit"]} >= {"annex.file_uploaded", "user.created"}
    assert [name.rsplit("/", 1)[-1] for name in state["files"]] == ["havnekort.png"]
    assert len(state["jobs"]) == 1
    assert state["backup_events"] == ["backup.created"]


def test_the_archive_has_a_manifest_and_no_secret(sqlite_source: Source, tmp_path: Path) -> None:
    manifest = read_archive(sqlite_source.archive, tmp_path)
    assert manifest.counts["auth.user"] == 6
    assert manifest.counts["bolvaerk.reviewcomment"] == 1
    assert "0002_portfolio_reminders_tokens" in manifest.migrations["bolvaerk"]
    assert manifest.files() == ["uploads/" + name for name in sqlite_source.state["files"]]
    key = (Path(sqlite_source.env["BOLVAERK_HOME"]) / "secret_key").read_text(encoding="utf-8")
    for member in tmp_path.rglob("*"):
        if member.is_file():
            assert key.strip().encode() not in member.read_bytes()


def test_round_trip_sqlite_to_sqlite(sqlite_source: Source, tmp_path: Path) -> None:
    _restore_and_compare(sqlite_source, environment(tmp_path / "target"))


@needs_postgres
def test_round_trip_postgres_to_postgres(postgres_source: Source, tmp_path: Path) -> None:
    with fresh_postgres() as url:
        _restore_and_compare(postgres_source, environment(tmp_path / "target", url))


@needs_postgres
def test_round_trip_sqlite_to_postgres(sqlite_source: Source, tmp_path: Path) -> None:
    with fresh_postgres() as url:
        _restore_and_compare(sqlite_source, environment(tmp_path / "target", url))


# ---------------------------------------------------------------- refusals change nothing


def _repack(archive: Path, target: Path, change: Callable[[Path], None]) -> Path:
    folder = target.with_suffix(".unpacked")
    with tarfile.open(archive, "r:gz") as source:
        source.extractall(folder, filter="data")
    change(folder)
    with tarfile.open(target, "w:gz") as packed:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                packed.add(path, arcname=path.relative_to(folder).as_posix())
    return target


def _manifest(folder: Path, edit: Callable[[dict[str, Any]], None], *, rehash: bool) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    if rehash:
        manifest["members"] = {
            p.relative_to(folder).as_posix(): {"sha256": sha256_of(p), "size": p.stat().st_size}
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"
        }
    path.write_text(json.dumps(manifest), encoding="utf-8")


def _assert_untouched(home: Path) -> None:
    import sqlite3  # noqa: PLC0415

    assert not (home / "uploads").exists()
    database = home / "bolvaerk.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as connection:
            tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            assert tables.fetchall() == []


def _refused(archive: Path, home: Path) -> str:
    result = bolvaerk("restore", archive, env=environment(home), check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    _assert_untouched(home)
    return result.stderr


def test_an_altered_archive_is_refused(sqlite_source: Source, tmp_path: Path) -> None:
    def alter(folder: Path) -> None:
        users = folder / "data" / "auth.user.json"
        users.write_text(users.read_text(encoding="utf-8").replace("konsulent", "k0nsulent"))

    altered = _repack(sqlite_source.archive, tmp_path / "altered.tar.gz", alter)
    message = _refused(altered, tmp_path / "target")
    assert "damaged or altered (data/auth.user.json); nothing was changed" in message


def test_a_truncated_archive_is_refused(sqlite_source: Source, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.tar.gz"
    data = sqlite_source.archive.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    assert "damaged or altered" in _refused(truncated, tmp_path / "target")


def test_an_archive_of_a_newer_bolvaerk_is_refused(sqlite_source: Source, tmp_path: Path) -> None:
    def newer(folder: Path) -> None:
        _manifest(
            folder,
            lambda m: m["migrations"]["bolvaerk"].append("0999_from_the_future"),
            rehash=False,
        )

    archive = _repack(sqlite_source.archive, tmp_path / "newer.tar.gz", newer)
    message = _refused(archive, tmp_path / "target")
    assert "newer bolvaerk" in message
    assert "bolvaerk.0999_from_the_future" in message


def test_a_folder_with_files_is_refused(sqlite_source: Source, tmp_path: Path) -> None:
    home = tmp_path / "target"
    (home / "uploads").mkdir(parents=True)
    (home / "uploads" / "kept.txt").write_text("mine", encoding="utf-8")
    result = bolvaerk("restore", sqlite_source.archive, env=environment(home), check=False)
    assert result.returncode == 1
    assert "Restore only into an empty data folder" in result.stderr
    assert (home / "uploads" / "kept.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.django_db
def test_a_database_with_rows_is_refused(
    sqlite_source: Source, tmp_path: Path, settings: Any
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    from bolvaerk.adapters.db.models import Organisation  # noqa: PLC0415
    from bolvaerk.services.restore import do_restore  # noqa: PLC0415

    build_cast()
    before = list(Organisation.objects.values_list("name", flat=True))
    with pytest.raises(BackupError) as refused:
        do_restore(sqlite_source.archive)
    assert refused.value.code == "not_empty_database"
    assert list(Organisation.objects.values_list("name", flat=True)) == before
    assert not (tmp_path / "uploads").exists()


def test_a_member_outside_the_archive_folders_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x", encoding="utf-8")
    with tarfile.open(evil, "w:gz") as archive:
        archive.add(payload, arcname="../outside.txt")
    with pytest.raises(BackupError) as refused:
        read_archive(evil, tmp_path / "unpacked")
    assert refused.value.code == "damaged"
    assert not (tmp_path / "outside.txt").exists()


# ---------------------------------------------------------------- an older migration state


def test_an_archive_of_an_older_migration_state_is_migrated_forward(
    sqlite_source: Source, tmp_path: Path
) -> None:
    """An archive from before migration 0002 (no portfolio columns, reminders or tokens): it is
    loaded into the 0001 schema and migrated forward, so 0002's data migration fills the
    facilities' expiry columns from the restored assessments."""
    added_by_0002 = {"approved_on", "expires_on", "submit_by", "assessment_state"}
    added_by_0002 |= {"security_level", "gisis_number"}  # and by 0003 (EDI), also missing then

    def older(folder: Path) -> None:
        facilities = folder / "data" / "bolvaerk.facility.json"
        rows = json.loads(facilities.read_text(encoding="utf-8"))
        for row in rows:
            row["fields"] = {k: v for k, v in row["fields"].items() if k not in added_by_0002}
        facilities.write_text(json.dumps(rows), encoding="utf-8")
        for name in ("bolvaerk.remindersent", "bolvaerk.apitoken"):
            (folder / "data" / f"{name}.json").unlink()

        def edit(manifest: dict[str, Any]) -> None:
            manifest["migrations"]["bolvaerk"] = ["0001_initial_storage"]
            for name in ("bolvaerk.remindersent", "bolvaerk.apitoken"):
                del manifest["counts"][name]

        _manifest(folder, edit, rehash=True)

    archive = _repack(sqlite_source.archive, tmp_path / "older.tar.gz", older)
    target = environment(tmp_path / "target")
    result = bolvaerk("restore", archive, env=target)
    assert "migrated forward" in result.stdout
    restored = inspect(target)
    assert restored["facilities"] == sqlite_source.state["facilities"]
    assert any(f["expires_on"] for f in restored["facilities"])
    assert restored["versions"] == sqlite_source.state["versions"]
    assert restored["files"] == sqlite_source.state["files"]
