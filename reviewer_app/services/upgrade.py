"""Upgrading a workspace's schema to this release's: an admin's act, after a backup.

``upgrade_workspace(dir, admin, password)``:

1. reads the schema revision; a workspace already current is left alone, a newer one refused;
2. checks that the user is an enabled admin with that password. The check reads only columns
   the first schema already had (``users.name, role, password_hash, disabled``), because the
   application's models describe the *new* schema. It is an operational gate — who decides
   that the schema changes —, not a security boundary: whoever can write the database file can
   also run Alembic. Wrong passwords here do not count towards the sign-in lockout (the
   database is not written before the check passes), and the Argon2id check costs the same;
3. makes a backup: SQLite through reviewer_app.services.backup, by default into
   ``DIR/backups/before-upgrade-<from>-<to>-<time>.rvbackup`` (inside the owner-only folder).
   PostgreSQL cannot be copied from here: the caller must say that a ``pg_dump`` was taken
   (``--i-have-a-backup``), else the upgrade is refused with the command to run;
4. migrates to the head in one transaction (PostgreSQL: DDL is transactional, a failure leaves
   the old schema; SQLite: Alembic's batch mode, also in one transaction here);
5. signs in for real on the new schema, records ``workspace.upgrade`` in the audit trail and
   verifies the whole chain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from reviewer_app.errors import UserError
from reviewer_app.security.passwords import verify_password
from reviewer_app.services import audit
from reviewer_app.services.errors import AccountDisabled, LoginFailed
from reviewer_app.services.schema import SchemaTooNew
from reviewer_app.services.users import list_users
from reviewer_app.services.workspace import (
    LOCK_MINUTES,
    MAX_FAILED_ATTEMPTS,
    _connect,
    _dummy_hash,
    load_workspace,
    open_session,
)
from reviewer_app.store import migrate, pg_roles
from reviewer_app.store.types import utcnow

BACKUP_FOLDER = "backups"


class AdminMustUpgrade(UserError):
    def __init__(self, directory: Path) -> None:
        super().__init__(
            "このワークスペースは旧版の形式で、更新できるのは管理者だけです。管理者に更新を"
            "依頼してください（管理者が画面でログインするか reviewer-app upgrade を実行します）。",
            "This workspace has an older schema, and only an administrator can upgrade it. Ask "
            "an administrator to upgrade it (by signing in to the window or running "
            "reviewer-app upgrade).",
            code="admin_must_upgrade", subject=str(directory))


class BackupRequired(UserError):
    def __init__(self, directory: Path, current: str, head: str) -> None:
        super().__init__(
            f"PostgreSQL のワークスペースはこのアプリからはバックアップできません。先に "
            f"pg_dump でバックアップを取り（docs/operations.md の「Upgrading」）、"
            f"reviewer-app upgrade --workspace {directory} … --i-have-a-backup で"
            f"更新してください（スキーマ {current} → {head}）。",
            f"A PostgreSQL workspace cannot be backed up from here. Take a backup with pg_dump "
            f"first (docs/operations.md, \"Upgrading\"), then run reviewer-app upgrade "
            f"--workspace {directory} … --i-have-a-backup (schema {current} → {head}).",
            code="backup_required", subject=str(directory))


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str
    to_revision: str
    backup: Path | None  # None: already current, or PostgreSQL (the operator's pg_dump)
    audit_events: int
    # accounts from before issue 8 whose keys an admin has yet to certify (users certify)
    uncertified: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def check_admin(directory: Path, user_name: str, password: str) -> None:
    """Raise unless ``user_name`` is an enabled admin with ``password`` (module doc, step 2)."""
    workspace = load_workspace(Path(directory))
    engine = _connect(workspace.db_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT role, password_hash, disabled FROM users WHERE name = :name"),
                {"name": user_name}).first()
    finally:
        engine.dispose()
    if row is None:
        verify_password(password, _dummy_hash())  # same time as for a real user
        raise LoginFailed()
    if not verify_password(password, row.password_hash):
        raise LoginFailed()
    if row.disabled:
        raise AccountDisabled()
    if row.role != "admin":
        raise AdminMustUpgrade(workspace.dir)


def default_backup_path(directory: Path, current: str, head: str) -> Path:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return Path(directory) / BACKUP_FOLDER / f"before-upgrade-{current}-to-{head}-{stamp}.rvbackup"


def pending_upgrade(directory: Path) -> tuple[str, str, str]:
    """(current revision, head revision, back end) of the workspace at ``directory``."""
    workspace = load_workspace(Path(directory))
    engine = _connect(workspace.db_url)
    try:
        current = migrate.current_revision(engine) or ""
    finally:
        engine.dispose()
    return current, migrate.head_revision() or "", workspace.backend


def upgrade_workspace(directory: Path, user_name: str, password: str, *,
                      backup_out: Path | None = None,
                      have_backup: bool = False) -> UpgradeResult:
    """Back up, migrate and verify (module doc)."""
    from reviewer_app.private_files import owner_only_umask
    from reviewer_app.services.backup import backup_workspace

    directory = Path(directory)
    workspace = load_workspace(directory)
    head = migrate.head_revision() or ""
    engine = _connect(workspace.db_url)
    backup: Path | None = None
    try:
        current = migrate.current_revision(engine) or ""
        state = migrate.schema_state(current or None)
        if state == "newer":
            with engine.connect() as conn:
                raise SchemaTooNew(workspace.dir, current, migrate.written_by(conn))
        if state == "empty":
            raise UserError(
                f"ワークスペース {workspace.dir} のデータベースが初期化されていません。",
                f"The database of workspace {workspace.dir} is not initialised.",
                code="workspace_not_initialised", subject=str(workspace.dir))
        check_admin(directory, user_name, password)
        if state == "older":
            if workspace.backend == "sqlite":
                backup = backup_out or default_backup_path(workspace.dir, current, head)
                with owner_only_umask():
                    backup.parent.mkdir(parents=True, exist_ok=True)
                backup_workspace(workspace.dir, backup)
            elif not have_backup:
                raise BackupRequired(workspace.dir, current, head)
            migrate.upgrade(engine)
        if workspace.per_user_roles:  # new tables get their privileges (store.pg_roles)
            with engine.begin() as conn:
                pg_roles.apply(conn, workspace.workspace_id,
                               max_failures=MAX_FAILED_ATTEMPTS, lock_minutes=LOCK_MINUTES)
    finally:
        engine.dispose()
    with open_session(directory, user_name, password) as session:
        if current != head:
            with session.transaction() as db:
                session.audit(db, "workspace.upgrade", f"workspace:{workspace.workspace_id}",
                              {"from": current, "to": head,
                               "backup": "file" if backup is not None else "operator"})
        result = audit.verify_workspace(session.workspace, session.engine)
        uncertified = tuple(u.name for u in list_users(session) if not u.certified)
    if not result.ok:
        raise UserError(
            f"更新しましたが、監査ログが壊れています（#{result.first_bad_seq}: {result.reason}）。"
            "管理者に報告してください。",
            f"The upgrade finished but the audit trail is broken (#{result.first_bad_seq}: "
            f"{result.reason}). Report this to your administrator.",
            code="audit_broken", subject=str(directory))
    return UpgradeResult(current, head, backup, result.checked, uncertified)


@dataclass(frozen=True)
class PendingUpgrade:
    current: str
    head: str
    backend: str  # "sqlite": the window may upgrade after a backup; "postgresql": pg_dump first
    backup: Path | None  # where the window's upgrade would put its backup (SQLite)


def offer(directory: Path, user_name: str, password: str) -> PendingUpgrade:
    """For the window, after a sign-in refused with :data:`~reviewer_app.services.schema.
    UPGRADE_NEEDED`: raise unless the user is an admin with this password; what would be done."""
    check_admin(directory, user_name, password)
    current, head, backend = pending_upgrade(directory)
    backup = default_backup_path(load_workspace(Path(directory)).dir, current, head) \
        if backend == "sqlite" else None
    return PendingUpgrade(current, head, backend, backup)
