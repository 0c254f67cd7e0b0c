"""Backups of a SQLite workspace and their restore (issue 10 §2).

A backup is one zip file (``*.rvbackup``):

    manifest.json       format, workspace id, schema revision, when, sizes and SHA-256 of the rest
    workspace.sqlite3   a consistent snapshot of the database, taken with SQLite's online backup
                        API while examiners go on working
    workspace.toml      the workspace's settings
    *.pub               the workspace's public keys (recipient.pub, results-signer.pub)

Everything stays sealed: the snapshot is the database's own pages, so documents and personal
values are as encrypted as in the workspace, and no password or key is needed to take it. That is
also who may take one: anyone who can read the workspace folder (owner-only, 0700) — the same
person could copy the database file anyway. No application password is asked, so that a daily
scheduled backup needs no admin password lying in a file (that password unwraps the master key,
which is worth far more than a sealed copy). Each backup is recorded in the audit trail
(``workspace.backup``, without a user).

The snapshot: ``sqlite3.Connection.backup`` in one step copies every page under one read
transaction. In WAL mode that transaction sees one committed state and does not block writers,
so an examiner saving meanwhile neither waits nor leaks a half-saved change into the copy. The
zip is written beside ``--out`` and renamed over it when complete (reviewer_app.atomic).

Restore checks before anything is usable: the zip and its SHA-256 sums, ``PRAGMA
integrity_check`` of the database, its schema (a newer one is refused), that the workspace id is
the same in the manifest, the database and workspace.toml, and the audit trail's hash chain. It
builds the workspace in a hidden folder beside the target and renames it into place only when
every check passed; an existing non-empty target is never touched.

PostgreSQL workspaces are backed up with ``pg_dump`` (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from reviewer_app import __version__
from reviewer_app.atomic import atomic_output
from reviewer_app.errors import InputError, UserError
from reviewer_app.private_files import owner_only_umask, tighten
from reviewer_app.services import audit
from reviewer_app.services.errors import WorkspaceExists
from reviewer_app.services.schema import SchemaTooNew
from reviewer_app.services.workspace import (
    DEFAULT_DB_FILE,
    DEFAULT_DB_URL,
    WORKSPACE_FILE,
    load_workspace,
    sqlite_files,
)
from reviewer_app.store import migrate, settings
from reviewer_app.store.engine import BUSY_TIMEOUT_MS, create_engine_for, immediate
from reviewer_app.store.types import utcnow

KIND = "reviewer-app-backup"
FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = DEFAULT_DB_FILE
SUFFIX = ".rvbackup"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    workspace_id: str
    schema: str
    database_bytes: int
    seconds: float


@dataclass(frozen=True)
class RestoreInfo:
    dir: Path
    workspace_id: str
    schema: str
    audit_events: int | None  # None: the schema is older; verified by the upgrade
    needs_upgrade: bool


class BackupError(UserError):
    """The file is not a sound backup; nothing was restored."""

    def __init__(self, path: Path, ja: str, en: str, code: str = "backup_damaged") -> None:
        super().__init__(
            f"バックアップ {path} は使えません: {ja}。何も復元していません。",
            f"The backup {path} cannot be used: {en}. Nothing was restored.",
            code=code, subject=str(path))


# --- backup -------------------------------------------------------------------------------------


def _sqlite_path(directory: Path) -> tuple[str, Path]:
    workspace = load_workspace(directory)
    if workspace.backend != "sqlite":
        raise InputError(
            f"ワークスペース {directory} のデータベースは PostgreSQL です。PostgreSQL は pg_dump で"
            "バックアップします（docs/operations.md の「Backups」）。",
            f"The database of workspace {directory} is PostgreSQL. Back it up with pg_dump "
            "(docs/operations.md, \"Backups\").",
            code="backup_postgresql", subject=str(directory))
    database = make_url(workspace.db_url).database
    assert database is not None
    path = Path(database)
    if not path.is_file():
        raise UserError(
            f"ワークスペースのデータベース {path} がありません。",
            f"The workspace's database {path} does not exist.",
            code="database_missing", subject=str(path))
    return workspace.workspace_id, path


def _workspace_files(directory: Path) -> list[Path]:
    return [directory / WORKSPACE_FILE, *sorted(directory.glob("*.pub"))]


def _record_backup(directory: Path, db_path: Path) -> None:
    """``workspace.backup`` in the audit trail, before the snapshot so that the copy holds it
    (only at this release's schema: an upgrade's backup of an older one is recorded by the
    upgrade)."""
    engine = create_engine_for(f"sqlite:///{db_path}")
    try:
        current = migrate.current_revision(engine)
        if migrate.schema_state(current) != "current":
            return
        with Session(immediate(engine)) as db, db.begin():
            audit.append(db, user_id=None, actor="", action="workspace.backup",
                         subject=f"workspace:{settings.get_text(db, settings.WORKSPACE_ID)}",
                         details={"schema": current})
    finally:
        engine.dispose()


def snapshot(db_path: Path, target: Path) -> None:
    """A consistent copy of the live database at ``target`` (one file, rollback journal)."""
    source = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        copy = sqlite3.connect(target)
        try:
            # pages=-1: every page in one step, under one read transaction (module doc).
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode=DELETE")  # a single file, no -wal beside it
            copy.commit()
        finally:
            copy.close()
    finally:
        source.close()


def _sha256_into(source: Path, archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    with open(source, "rb") as fh, archive.open(info, "w", force_zip64=True) as out:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _read_snapshot_facts(path: Path) -> tuple[str | None, str | None]:
    conn = sqlite3.connect(path)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        workspace_id = conn.execute("SELECT text_value FROM settings WHERE key = ?",
                                    (settings.WORKSPACE_ID,)).fetchone()
    except sqlite3.DatabaseError:
        return None, None
    finally:
        conn.close()
    return (revision[0] if revision else None, workspace_id[0] if workspace_id else None)


def backup_workspace(directory: Path, out: Path, *, record: bool = True) -> BackupInfo:
    """Write a backup of the SQLite workspace at ``directory`` to ``out`` (module doc)."""
    started = time.monotonic()
    directory = Path(directory)
    workspace_id, db_path = _sqlite_path(directory)
    out = Path(out)
    if record:
        _record_backup(directory, db_path)
    with owner_only_umask(), tempfile.TemporaryDirectory(
            prefix=".reviewer-backup-", dir=out.parent if out.parent.is_dir() else None) as tmp:
        snap = Path(tmp) / DB_MEMBER
        snapshot(db_path, snap)
        schema, stored_id = _read_snapshot_facts(snap)
        if schema is None or stored_id != workspace_id:
            raise UserError(
                f"{db_path} はこのワークスペースのデータベースではないか、初期化されていません。",
                f"{db_path} is not this workspace's database, or it is not initialised.",
                code="workspace_mismatch", subject=str(db_path))
        members: dict[str, dict[str, object]] = {}
        with atomic_output(out) as (fh, _tmp), zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            sha, size = _sha256_into(snap, zf, DB_MEMBER)
            members[DB_MEMBER] = {"sha256": sha, "bytes": size}
            for path in _workspace_files(directory):
                data = path.read_bytes()
                zf.writestr(path.name, data, compress_type=zipfile.ZIP_DEFLATED)
                members[path.name] = {"sha256": hashlib.sha256(data).hexdigest(),
                                      "bytes": len(data)}
            manifest = {"kind": KIND, "format": FORMAT, "app_version": __version__,
                        "workspace_id": workspace_id, "schema": schema,
                        "created_at": utcnow().isoformat(), "members": members}
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2),
                        compress_type=zipfile.ZIP_DEFLATED)
    return BackupInfo(out, workspace_id, schema, size, time.monotonic() - started)


# --- restore ------------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    return name == os.path.basename(name) and name not in ("", ".", "..") and "\\" not in name


def _read_manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, object]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise BackupError(path, f"目録 ({MANIFEST}) を読めません（{type(exc).__name__}）",
                          f"its manifest ({MANIFEST}) cannot be read ({type(exc).__name__})",
                          code="not_a_backup") from None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise BackupError(path, "reviewer-app のバックアップではありません",
                          "it is not a reviewer-app backup", code="not_a_backup")
    if manifest.get("format") != FORMAT:
        raise BackupError(path, f"形式 {manifest.get('format')} はこの版では読めません",
                          f"format {manifest.get('format')} is unknown to this version",
                          code="backup_format")
    members = manifest.get("members")
    if (not isinstance(members, dict) or DB_MEMBER not in members
            or WORKSPACE_FILE not in members
            or not all(isinstance(n, str) and _safe_member(n) for n in members)):
        raise BackupError(path, "目録の内容が不正です", "its manifest is malformed",
                          code="not_a_backup")
    return manifest


def _extract(path: Path, archive: zipfile.ZipFile, name: str, expected: dict[str, object],
             target: Path) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(name) as src, open(target, "wb") as out:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise BackupError(path, f"{name} を取り出せません（{type(exc).__name__}）",
                          f"{name} cannot be extracted ({type(exc).__name__})") from None
    if digest.hexdigest() != expected.get("sha256"):
        raise BackupError(path, f"{name} のチェックサムが一致しません（ファイルが壊れています）",
                          f"the checksum of {name} does not match (the file is damaged)")


@contextmanager
def _staging(directory: Path) -> Iterator[Path]:
    """A hidden owner-only folder beside ``directory``, removed unless it was moved into place."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    with owner_only_umask():
        staging = directory.parent / f".{directory.name}.restoring-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_database(path: Path, db_file: Path, workspace_id: str) -> str:
    conn = sqlite3.connect(db_file)
    try:
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            raise BackupError(path, f"データベースを開けません（{exc}）",
                              f"the database cannot be opened ({exc})") from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise BackupError(path, f"データベースが壊れています（{problems[0]}）",
                          f"the database is damaged ({problems[0]})")
    schema, stored_id = _read_snapshot_facts(db_file)
    if schema is None:
        raise BackupError(path, "データベースが初期化されていません",
                          "the database is not initialised")
    if stored_id != workspace_id:
        raise BackupError(path, "データベースのワークスペースIDが目録と一致しません",
                          "the database's workspace id does not match the manifest's",
                          code="workspace_mismatch")
    return schema


def _check_toml(path: Path, staging: Path, workspace_id: str) -> None:
    """The restored workspace.toml names this id, and its database is the file beside it
    (whatever path the original named); every other line is kept as it was."""
    from reviewer_app.services.workspace import _toml_string

    workspace = load_workspace(staging)
    if workspace.workspace_id != workspace_id:
        raise BackupError(path, "workspace.toml のワークスペースIDが目録と一致しません",
                          "the workspace id in workspace.toml does not match the manifest's",
                          code="workspace_mismatch")
    toml = staging / WORKSPACE_FILE
    text = re.sub(r"(?m)^db_url\s*=.*$", lambda _m: f"db_url = {_toml_string(DEFAULT_DB_URL)}",
                  toml.read_text(encoding="utf-8"))
    toml.write_text(text, encoding="utf-8")


def _verify_audit(path: Path, db_file: Path) -> int:
    """The chain, its signatures and the grants against the restored workspace.toml's root key
    (services.audit.verify_workspace; the backup holds no workstation checkpoint)."""
    engine = create_engine_for(f"sqlite:///{db_file}")
    try:
        result = audit.verify_workspace(load_workspace(db_file.parent), engine)
        if not result.ok:
            raise BackupError(
                path, f"監査ログが壊れています（#{result.first_bad_seq}: {result.reason}）",
                f"its audit trail is broken (#{result.first_bad_seq}: {result.reason})",
                code="backup_audit_broken")
        with Session(immediate(engine)) as db, db.begin():
            audit.append(db, user_id=None, actor="", action="workspace.restore",
                         subject=f"workspace:{settings.get_text(db, settings.WORKSPACE_ID)}",
                         details={"schema": migrate.head_revision()})
        return result.checked
    finally:
        engine.dispose()


def restore_workspace(backup: Path, directory: Path) -> RestoreInfo:
    """Check ``backup`` and make it the workspace at ``directory`` (module doc)."""
    backup, directory = Path(backup), Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise WorkspaceExists(str(directory), "ファイルがあります", "it contains files")
    try:
        archive = zipfile.ZipFile(backup)
    except FileNotFoundError:
        raise InputError(f"バックアップ {backup} がありません。", f"No backup at {backup}.",
                         code="backup_not_found", subject=str(backup)) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(backup, f"zip として読めません（{type(exc).__name__}）",
                          f"it cannot be read as a zip file ({type(exc).__name__})",
                          code="not_a_backup") from None
    with archive, _staging(directory) as staging:
        manifest = _read_manifest(backup, archive)
        workspace_id = str(manifest.get("workspace_id"))
        members = manifest["members"]
        assert isinstance(members, dict)
        for name, expected in members.items():
            _extract(backup, archive, name, expected, staging / name)
        schema = _check_database(backup, staging / DB_MEMBER, workspace_id)
        state = migrate.schema_state(schema)
        if state == "newer":
            version = manifest.get("app_version")
            raise SchemaTooNew(backup, schema, version if isinstance(version, str) else None)
        _check_toml(backup, staging, workspace_id)
        events = _verify_audit(backup, staging / DB_MEMBER) if state == "current" else None
        tighten(staging, sqlite_files(f"sqlite:///{staging / DB_MEMBER}"))
        if directory.exists():
            directory.rmdir()  # empty (checked above)
        os.replace(staging, directory)
    return RestoreInfo(directory.resolve(), workspace_id, schema, events,
                       needs_upgrade=state == "older")
