"""Workspaces: the folder layout, ``init``, and signing in (:func:`open_session`).

Layout of a workspace folder ``DIR``::

    DIR/workspace.toml       format, workspace id, database URL
    DIR/workspace.sqlite3    the database, when it is SQLite (the default)
    DIR/recipient.pub        the workspace's X25519 public key, to give to the web system
    DIR/results-signer.pub   the workspace's Ed25519 key that signs results, for the web system

``db_url`` in workspace.toml is ``sqlite:///workspace.sqlite3`` (a path relative to DIR, so the
folder can move) or a PostgreSQL URL (``postgresql+psycopg://user@host/db``; prefer a
``~/.pgpass`` file to a password in the URL, which would be stored here in clear).

Permissions (POSIX): the folder is 0700 and every file in it 0600, from the first byte at ``init``
(reviewer_app.private_files) and again at every opening, so a workspace made by an earlier release
(0644 files in a 0755 folder) is tightened at its next sign-in, which the audit trail records as
``workspace.permissions_tightened``. On Windows see docs/security.md for the ACLs to set.

Sign-in and lockout policy
    Five wrong passwords in a row lock the account for 15 minutes (OWASP's "lock for a period",
    not until an admin acts: an attacker cannot lock everyone out for good, and a supervisor is
    not blocked for a day). While locked, attempts are refused without checking the password and
    do not extend the lock. An admin's ``reset-password`` clears the lock at once. The counter
    resets on success and when a lock expires. The wrong-password message is the same for an
    unknown user (and a dummy hash is checked, so timing matches); "locked" and "disabled" are
    shown only for existing accounts, the second only after a correct password. The user row
    is read ``FOR UPDATE``, so simultaneous attempts are checked one after another and no more
    than five passwords are ever tried before the lock.
"""

from __future__ import annotations

import os
import tomllib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from reviewer_app.atomic import write_bytes_atomically
from reviewer_app.domain.vocabulary import Role
from reviewer_app.errors import InputError, UserError
from reviewer_app.private_files import owner_only_umask, tighten
from reviewer_app.security import keys, pgauth
from reviewer_app.security.aead import DecryptionError
from reviewer_app.security.keyring import (
    needs_rewrap,
    new_master_key,
    unwrap_master_key,
)
from reviewer_app.security.passwords import hash_password, needs_rehash, verify_password
from reviewer_app.security.userkeys import UserKeys, open_master_key
from reviewer_app.services import audit, authority, checkpoints, rotation
from reviewer_app.services.authority import (
    Authority,
    AuthorityUnverifiable,
    GrantState,
    KeysReplaced,
    NotCertified,
    primary_role,
)
from reviewer_app.services.authority import load as load_authority
from reviewer_app.services.errors import (
    AccountDisabled,
    AccountLocked,
    LoginFailed,
    NoMasterKeyForUser,
    WorkspaceExists,
    WorkspaceNotFound,
)
from reviewer_app.services.results import (
    RESULTS_SIGNER_FILE,
    ensure_results_key,
    write_results_signer_file,
)
from reviewer_app.services.schema import require_current_schema
from reviewer_app.services.session import SessionUser, Workspace, WorkspaceSession
from reviewer_app.services.users import (
    check_password_policy,
    check_user_name,
    give_keys,
    new_user,
)
from reviewer_app.store import migrate, pg_roles, settings
from reviewer_app.store.engine import create_engine_for, immediate
from reviewer_app.store.models import (
    AuditEvent,
    Decision,
    DeficiencyNotice,
    MasterKeyWrap,
    User,
)
from reviewer_app.store.types import utcnow

WORKSPACE_FILE = "workspace.toml"
PER_USER_ROLES = "per-user"  # workspace.toml's db_roles on PostgreSQL (store.pg_roles)
DEFAULT_DB_FILE = "workspace.sqlite3"
RECIPIENT_FILE = "recipient.pub"
DEFAULT_DB_URL = f"sqlite:///{DEFAULT_DB_FILE}"
FORMAT = 1

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
LOCK_DURATION = timedelta(minutes=LOCK_MINUTES)


# --- the folder ---------------------------------------------------------------------------------


class OwnerNeedsCreateRole(UserError):
    """init on PostgreSQL: the URL's role cannot create the users' login roles."""

    def __init__(self, owner: str) -> None:
        super().__init__(
            f"データベースのロール {owner} にはロールを作る権限（CREATEROLE）がありません。"
            f"PostgreSQL の管理者に ALTER ROLE {owner} CREATEROLE を実行してもらってから、"
            "もう一度 init してください（docs/operations.md）。何も作っていません。",
            f"The database role {owner} may not create roles (CREATEROLE). Ask the PostgreSQL "
            f"administrator to run ALTER ROLE {owner} CREATEROLE, then run init again "
            "(docs/operations.md). Nothing was created.", code="owner_needs_createrole",
            subject=owner)


def resolve_db_url(directory: Path, db_url: str) -> str:
    """Check the URL names a supported database; make a relative SQLite path absolute against
    the workspace folder."""
    try:
        url = make_url(db_url)
    except ArgumentError:
        url = None
    if url is None or url.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(
            f"データベースの URL「{db_url}」は使えません。sqlite:///ファイル名 か "
            "postgresql://ユーザー@ホスト/データベース名 の形で指定してください。",
            f"The database URL {db_url!r} cannot be used. Give sqlite:///FILE or "
            "postgresql://USER@HOST/DATABASE.",
            code="bad_db_url", subject="--db")
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not path.is_absolute():
            return str(url.set(database=str((directory / path).resolve())))
    return db_url


def sqlite_files(db_url: str) -> list[Path]:
    """The files of a SQLite database (the database, -wal, -shm, -journal); none for PostgreSQL."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return []
    return [Path(url.database + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_workspace(directory: Path) -> Workspace:
    path = directory / WORKSPACE_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkspaceNotFound(str(directory)) from None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(
            f"{path} を読めません（{exc}）。ファイルが壊れていないか確かめてください。",
            f"Cannot read {path} ({exc}). Check that the file is intact.",
            code="bad_workspace_file", subject=str(path),
        ) from None
    workspace_id, db_url = data.get("workspace_id"), data.get("db_url")
    if not isinstance(workspace_id, str) or not isinstance(db_url, str):
        raise UserError(
            f"{path} に workspace_id または db_url がありません。",
            f"{path} lacks workspace_id or db_url.",
            code="bad_workspace_file", subject=str(path),
        )
    root_key = None
    if "root_key" in data:
        try:
            public = keys.public_key_from_text(str(data["root_key"]))
        except UserError:
            public = None
        if not isinstance(public, Ed25519PublicKey):
            raise UserError(
                f"{path} の root_key が署名用の公開鍵ではありません。管理者が init のときに控えた"
                "指紋と照らして、正しい workspace.toml に戻してください。",
                f"root_key in {path} is not a signing public key. Restore the right "
                "workspace.toml, checking it against the fingerprint recorded at init.",
                code="bad_workspace_file", subject=str(path))
        root_key = keys.public_raw(public)
    return Workspace(directory.resolve(), workspace_id, resolve_db_url(directory, db_url),
                     root_key, per_user_roles=data.get("db_roles") == PER_USER_ROLES)


def _role_url(workspace: Workspace, role: str, password: str) -> str:
    return make_url(workspace.db_url).set(username=role, password=password).render_as_string(
        hide_password=False)


def _connect_as_user(workspace: Workspace, name: str, password: str) -> Engine:
    """The user's own login role (PostgreSQL, per-user roles; store.pg_roles).

    First the gate: the public gate role calls ``reviewer_gate``, which counts a wrong password
    and locks the account after five (one attempt at a time, ``FOR UPDATE``), and otherwise
    hands back the login role's random password sealed under the user's proof. Then the user's
    own role. A disabled user's role may not log in at all."""
    proof = pgauth.login_proof(password, workspace.workspace_id, name)
    login = pgauth.login_role(workspace.workspace_id, name)
    gate = create_engine_for(_role_url(workspace, pgauth.gate_role(workspace.workspace_id),
                                       pgauth.gate_password(workspace.workspace_id)))
    try:
        with gate.begin() as conn:
            outcome, sealed, until = conn.execute(
                text("SELECT outcome, sealed_password, locked_until FROM reviewer_gate(:n, :p)"),
                {"n": name, "p": proof}).one()
    except OperationalError as exc:
        raise _unreachable(workspace.db_url, exc) from None
    finally:
        gate.dispose()
    if outcome == "locked":
        raise AccountLocked(_local_time(until))
    try:
        if outcome != "ok" or sealed is None:
            raise DecryptionError("refused by the gate")
        login_password = pgauth.open_login_password(proof, login, bytes(sealed))
    except DecryptionError:
        raise LoginFailed() from None
    engine = create_engine_for(_role_url(workspace, login, login_password))
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig or "")
        if "not permitted to log in" in reason:
            raise AccountDisabled() from None
        if "authentication failed" in reason or "does not exist" in reason:
            raise LoginFailed() from None
        raise _unreachable(workspace.db_url, exc) from None
    return engine


def _connect(url: str) -> Engine:
    engine = create_engine_for(url)
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        raise _unreachable(url, exc) from None
    return engine


def _unreachable(url: str, exc: OperationalError) -> UserError:
    safe = make_url(url).render_as_string(hide_password=True)
    first = str(exc.orig).strip().splitlines()[0] if exc.orig else ""
    return UserError(
        f"データベース {safe} に接続できません。URL とサーバーの状態を確かめてください。"
        f"（{first}）",
        f"Cannot connect to the database {safe}. Check the URL and the server. ({first})",
        code="database_unreachable")


# --- init ---------------------------------------------------------------------------------------


def init_workspace(directory: Path, db_url: str | None, admin_name: str,
                   admin_password: str) -> Workspace:
    """Create a workspace: folder files, database schema, keys and the first admin.

    Refuses a non-empty folder and a database that already has tables. The schema, the keys, the
    admin and the first audit event are written in one transaction; on failure the files this
    call created are removed again.
    """
    admin_name = check_user_name(admin_name)
    check_password_policy(admin_password)
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise WorkspaceExists(str(directory), "ファイルがあります", "it contains files")
    stored_url = db_url or DEFAULT_DB_URL
    url = resolve_db_url(directory, stored_url)
    created_dir = not directory.exists()
    directory.parent.mkdir(parents=True, exist_ok=True)  # parents keep the user's usual modes
    with owner_only_umask():
        directory.mkdir(exist_ok=True)
    workspace = Workspace(directory.resolve(), uuid.uuid4().hex, url,
                          per_user_roles=make_url(url).get_backend_name() == "postgresql")
    written: list[Path] = []
    try:
        # Owner-only from the first byte: the database, its -wal/-shm and every file below.
        with owner_only_umask():
            tighten(directory)  # a folder the operator made beforehand (often 0755)
            engine = _connect(url)
            try:
                if inspect(engine).get_table_names():
                    raise WorkspaceExists(make_url(url).render_as_string(hide_password=True),
                                          "テーブルがあります", "it already has tables")
                try:
                    workspace = _create_database(engine, workspace, stored_url, admin_name,
                                                 admin_password, written)
                except ProgrammingError as exc:
                    if "permission denied to create role" in str(exc.orig):
                        raise OwnerNeedsCreateRole(make_url(url).username or "") from None
                    raise
            finally:
                engine.dispose()
        tighten(directory, sqlite_files(url))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if workspace.backend == "sqlite" and not db_url:
            for suffix in ("", "-wal", "-shm", "-journal"):
                (directory / (DEFAULT_DB_FILE + suffix)).unlink(missing_ok=True)
        if created_dir and not any(directory.iterdir()):
            directory.rmdir()
        raise
    return workspace


def _create_database(engine: Engine, workspace: Workspace, stored_url: str, admin_name: str,
                     admin_password: str, written: list[Path]) -> Workspace:
    master_key = new_master_key()
    recipient = keys.generate_recipient_key()
    public_text = keys.public_key_to_text(recipient.public_key())
    recipient_key_id = keys.key_id(recipient.public_key())
    with immediate(engine).begin() as conn:
        migrate.upgrade(conn)
        with Session(conn) as db:
            settings.set_text(db, settings.WORKSPACE_ID, workspace.workspace_id)
            settings.set_text(db, settings.CREATED_AT, utcnow().isoformat())
            settings.set_text(db, settings.RECIPIENT_PUBLIC_KEY, public_text)
            settings.set_text(db, settings.RECIPIENT_KEY_ID, recipient_key_id)
            settings.set_sealed(db, settings.RECIPIENT_PRIVATE_KEY, master_key,
                                keys.private_key_bytes(recipient))
            results_key = ensure_results_key(db, master_key)
            settings.set_text(db, settings.MASTER_KEY_EPOCH, "1")
            settings.set_text(db, settings.SEALING_VERSION, rotation.SEALING_VERSION)
            admin = new_user(admin_name, Role.ADMIN, admin_password)
            db.add(admin)
            db.flush()
            admin_keys = give_keys(db, admin, admin_password, master_key)
            workspace = replace(workspace, root_key=admin_keys.sign_public)
            if workspace.per_user_roles:
                # the server enforces each user's rights: groups, grants, policies, and the
                # first admin's own login role (store.pg_roles)
                pg_roles.apply(conn, workspace.workspace_id, max_failures=MAX_FAILED_ATTEMPTS,
                               lock_minutes=LOCK_MINUTES)
                admin.db_role = pgauth.login_role(workspace.workspace_id, admin.name)
                db.flush()
                pg_roles.create_login_as_owner(
                    conn, workspace.workspace_id, admin.db_role, admin.id,
                    pg_roles.LoginSecret.make(pgauth.login_proof(
                        admin_password, workspace.workspace_id, admin.name), admin.db_role),
                    pg_roles.wanted_groups(workspace.workspace_id, frozenset({"admin"})))
            audit.append(db, user_id=admin.id, actor=admin.name, action="workspace.init",
                         subject=f"workspace:{workspace.workspace_id}",
                         details={"backend": workspace.backend,
                                  "recipient_key_id": recipient_key_id,
                                  "root_key_id": admin_keys.key_id},
                         signer=admin_keys.sign)
            audit.append(db, user_id=admin.id, actor=admin.name, action="user.add",
                         subject=f"user:{admin.id}", details={"user": admin.name, "role": "admin"},
                         signer=admin_keys.sign)
            _root_grant(db, workspace, admin, admin_keys)
            db.flush()
            # The files go last but inside the transaction: if writing them fails, nothing is
            # committed and the caller removes what was written.
            toml = workspace.dir / WORKSPACE_FILE
            written.append(toml)
            toml.write_text(
                "# reviewer-app workspace (see reviewer_app/services/workspace.py)\n"
                f"format = {FORMAT}\n"
                f"workspace_id = {_toml_string(workspace.workspace_id)}\n"
                f"db_url = {_toml_string(stored_url)}\n"
                "# The first administrator's signing key: the root of trust (docs/security.md).\n"
                f"root_key = {_toml_string(_root_text(admin_keys.sign_public))}\n"
                + ("# Each user signs in as their own PostgreSQL role (docs/security.md).\n"
                   f"db_roles = {_toml_string(PER_USER_ROLES)}\n"
                   if workspace.per_user_roles else ""),
                encoding="utf-8",
            )
            pub = workspace.dir / RECIPIENT_FILE
            written.append(pub)
            pub.write_text(public_text + "\n", encoding="utf-8")
            written.append(workspace.dir / RESULTS_SIGNER_FILE)
            write_results_signer_file(workspace.dir,
                                      keys.public_key_to_text(results_key.public_key()))
    return workspace


def _root_text(raw: bytes) -> str:
    return keys.public_key_to_text(Ed25519PublicKey.from_public_bytes(raw))


def _root_grant(db: Session, workspace: Workspace, admin: User, admin_keys: UserKeys) -> None:
    """The first administrator's grant, signed by their own key: the key pinned as root. It
    records how far the workspace's decisions, notices and audit events go back unsigned (a
    workspace from before issue 8), so nothing unsigned can be slipped in later."""
    head = db.scalar(select(func.max(AuditEvent.seq))) or 0
    legacy = {"decisions": db.scalar(select(func.max(Decision.id))) or 0,
              "notices": db.scalar(select(func.max(DeficiencyNotice.id))) or 0,
              "audit_seq": head + 1}
    row = authority.issue(db, workspace_id=workspace.workspace_id, issuer_id=admin.id,
                          issuer_key=admin_keys.sign, user=admin,
                          roles=frozenset({Role.ADMIN}), active=True, created_by=None,
                          legacy=legacy)
    audit.append(db, user_id=admin.id, actor=admin.name, action="grant.issue",
                 subject=f"user:{admin.id}",
                 details={"user_id": admin.id, "serial": row.serial, "grant": row.body_hash,
                          "roles": "admin", "active": True, "root": True},
                 signer=admin_keys.sign)


def pin_root_key(workspace: Workspace, raw: bytes) -> Workspace:
    """Write ``root_key`` into workspace.toml (a workspace from before issue 8), atomically."""
    path = workspace.dir / WORKSPACE_FILE
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    text += ("# The first administrator's signing key: the root of trust (docs/security.md).\n"
             f"root_key = {_toml_string(_root_text(raw))}\n")
    with owner_only_umask():
        write_bytes_atomically(path, text.encode("utf-8"))
    return replace(workspace, root_key=raw)


# --- sign in ------------------------------------------------------------------------------------

_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password(os.urandom(16).hex())
    return _DUMMY_HASH


def open_workspace_engine(directory: Path) -> tuple[Workspace, Engine]:
    """The workspace and an engine on its database (at this release's schema), no sign-in.

    For password-less tasks such as ``audit verify``. Tightens the files' modes (module doc).
    """
    workspace, engine, _tightened = _open_engine(directory)
    return workspace, engine


def _open_engine(directory: Path,
                 credentials: tuple[str, str] | None = None) -> tuple[Workspace, Engine, int]:
    """The workspace and an engine: the URL's own (SQLite; the owner on PostgreSQL), or, with
    ``credentials`` on a PostgreSQL workspace of per-user roles, the user's own login role."""
    workspace = load_workspace(Path(directory))
    # Before connecting: SQLite gives a new -wal/-shm the database file's mode.
    tightened = len(tighten(workspace.dir, sqlite_files(workspace.db_url)))
    if credentials is not None and workspace.per_user_roles:
        engine = _connect_as_user(workspace, *credentials)
    else:
        engine = _connect(workspace.db_url)
    try:
        current = migrate.current_revision(engine)
        if current is None:
            raise UserError(
                f"ワークスペース {workspace.dir} のデータベースが初期化されていません。",
                f"The database of workspace {workspace.dir} is not initialised.",
                code="workspace_not_initialised", subject=str(workspace.dir),
            )
        # An older schema waits for an admin's upgrade; a newer one is refused (services/schema).
        require_current_schema(engine, workspace.dir, current)
        with Session(engine) as db:
            stored_id = settings.get_text(db, settings.WORKSPACE_ID)
        if stored_id != workspace.workspace_id:
            raise UserError(
                "workspace.toml とデータベースのワークスペースIDが一致しません。"
                "db_url が別のワークスペースのデータベースを指していないか確かめてください。",
                "The workspace id in workspace.toml does not match the database's. Check that "
                "db_url does not point at another workspace's database.",
                code="workspace_mismatch", subject=str(workspace.dir),
            )
    except BaseException:
        engine.dispose()
        raise
    return workspace, engine, tightened


def open_session(directory: Path, user_name: str, password: str) -> WorkspaceSession:
    """Sign in: check the password (with lockout), unlock the user's keys and the master key,
    check their grant (services.authority), audit the outcome, and checkpoint the audit trail's
    head on this workstation (services.checkpoints)."""
    workspace, engine, tightened = _open_engine(directory, (user_name, password))
    try:
        signed_in = _sign_in(engine, workspace, user_name, password, tightened)
    except BaseException:
        engine.dispose()
        raise
    session = WorkspaceSession(signed_in.workspace, engine, signed_in.user,
                               signed_in.master_key, signed_in.keys, signed_in.authority,
                               epoch=signed_in.epoch, index_root=signed_in.index_root)
    checkpoints.after_sign_in(session)
    return session


@dataclass(frozen=True)
class _SignedIn:
    workspace: Workspace
    user: SessionUser
    master_key: bytes
    keys: UserKeys
    authority: Authority
    epoch: int
    index_root: bytes | None


def _sign_in(engine: Engine, workspace: Workspace, name: str, password: str,
             tightened: int = 0) -> _SignedIn:
    # The outcome (counter, lock, audit event, keys made for a pre-issue-8 account) is committed
    # before any failure is raised.
    failure: UserError | None = None
    result: _SignedIn | None = None
    with Session(immediate(engine)) as db, db.begin():
        now = utcnow()
        # FOR UPDATE: concurrent attempts on one account queue here on PostgreSQL, so each reads
        # the counter the previous one wrote (issue 8 §4: 16 guesses at once were all checked).
        # SQLite ignores the clause; BEGIN IMMEDIATE already serialises the whole transaction.
        user = db.scalars(
            select(User).where(User.name == name).with_for_update()
        ).one_or_none()
        if user is not None and workspace.per_user_roles:
            _own_secrets(db, user)
        if tightened:
            # After the row lock, like every writer of users (no lock-order deadlock).
            audit.append(db, user_id=None, actor="", action="workspace.permissions_tightened",
                         details={"paths": tightened})
        if user is None:
            verify_password(password, _dummy_hash())  # same time as for a real user
            audit.append(db, user_id=None, actor="", action="login.failed",
                         details={"reason": "unknown_user"})
            failure = LoginFailed()
        elif user.locked_until is not None and user.locked_until > now:
            audit.append(db, user_id=user.id, actor=user.name, action="login.refused",
                         subject=f"user:{user.id}", details={"reason": "locked"})
            failure = AccountLocked(_local_time(user.locked_until))
        else:
            if user.locked_until is not None:  # an expired lock: a fresh start
                user.locked_until = None
                user.failed_attempts = 0
            if not verify_password(password, user.password_hash):
                user.failed_attempts += 1
                audit.append(db, user_id=user.id, actor=user.name, action="login.failed",
                             subject=f"user:{user.id}",
                             details={"reason": "wrong_password",
                                      "failures": user.failed_attempts})
                failure = LoginFailed()
                if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                    user.locked_until = now + LOCK_DURATION
                    audit.append(db, user_id=user.id, actor=user.name, action="user.locked",
                                 subject=f"user:{user.id}",
                                 details={"minutes": int(LOCK_DURATION.total_seconds() // 60)})
                    failure = AccountLocked(_local_time(user.locked_until))
            elif user.disabled or _disabled_by_grant(db, workspace, user):
                audit.append(db, user_id=user.id, actor=user.name, action="login.refused",
                             subject=f"user:{user.id}", details={"reason": "disabled"})
                failure = AccountDisabled()
            else:
                user_keys, master_key = _unlock(db, user, password)
                authority = load_authority(db, workspace.root_key, workspace.workspace_id)
                state = authority.current.get(user.id)
                if state is None and _may_pin_root(workspace, authority, user):
                    workspace, authority = _pin_root(db, workspace, user, user_keys,
                                                     master_key)
                    state = authority.current.get(user.id)
                failure = _unauthorised(workspace, authority, state, user)
                if failure is not None:
                    audit.append(db, user_id=user.id, actor=user.name, action="login.refused",
                                 subject=f"user:{user.id}", details={"reason": failure.code})
                else:
                    assert state is not None
                    if needs_rehash(user.password_hash):
                        user.password_hash = hash_password(password)
                    if user.wrapped_private_keys is not None \
                            and needs_rewrap(user.wrapped_private_keys):
                        # Key-derivation settings were raised since this key ring was written.
                        user.wrapped_private_keys = user_keys.wrap(password)
                    user.failed_attempts = 0
                    user.last_login_at = now
                    if settings.get_text(db, settings.RESULTS_PUBLIC_KEY) is None:
                        # A workspace made before results existed gets its key now (issue 7 §2).
                        ensure_results_key(db, master_key)
                    audit.append(db, user_id=user.id, actor=user.name, action="login.ok",
                                 subject=f"user:{user.id}", signer=user_keys.sign)
                    result = _SignedIn(
                        workspace, SessionUser(user.id, user.name, primary_role(state.roles),
                                               state.roles),
                        master_key, user_keys, authority, settings.master_key_epoch(db),
                        settings.get_sealed(db, settings.INDEX_ROOT, master_key))
    if failure is not None:
        raise failure
    assert result is not None
    return result


def _own_secrets(db: Session, user: User) -> None:
    """On PostgreSQL a user may not read the users table's secret columns (store.pg_roles);
    their own come through ``reviewer_own_secrets()``, for the row of the role signed in."""
    row = db.execute(text("SELECT * FROM reviewer_own_secrets()")).one_or_none()
    if row is None:
        raise LoginFailed()
    set_committed_value(user, "password_hash", row.password_hash)
    set_committed_value(user, "wrapped_master_key", bytes(row.wrapped_master_key or b""))
    set_committed_value(user, "wrapped_private_keys",
                        bytes(row.wrapped_private_keys) if row.wrapped_private_keys else None)


def _disabled_by_grant(db: Session, workspace: Workspace, user: User) -> bool:
    """The grant in force says disabled, whatever the ``users.disabled`` column says."""
    state = load_authority(db, workspace.root_key, workspace.workspace_id).current.get(user.id)
    return state is not None and not state.active


def _unlock(db: Session, user: User, password: str) -> tuple[UserKeys, bytes]:
    """The user's own keys and the master key. An account from before issue 8 gets its keys
    now: its old password-wrapped master key opens once and is then removed."""
    if user.wrapped_private_keys is None:
        if not user.wrapped_master_key:
            raise NoMasterKeyForUser(user.name)  # rotated away before they had keys
        master_key = unwrap_master_key(user.wrapped_master_key, password)
        return give_keys(db, user, password, master_key), master_key
    user_keys = UserKeys.unwrap(user.wrapped_private_keys, password)
    epoch = settings.master_key_epoch(db)
    wrap = db.get(MasterKeyWrap, (user.id, epoch))
    if wrap is None:
        raise NoMasterKeyForUser(user.name)
    try:
        master_key = open_master_key(user_keys.box, wrap.sealed, user_id=user.id, epoch=epoch)
    except DecryptionError:
        raise NoMasterKeyForUser(user.name) from None
    return user_keys, master_key


def _may_pin_root(workspace: Workspace, authority: Authority, user: User) -> bool:
    """A workspace from before issue 8 has no root of trust yet: its first administrator to
    sign in becomes it (the one moment the ``users.role`` column is trusted; audited)."""
    return workspace.root_key is None and authority.grants == 0 and user.role == Role.ADMIN.value


def _pin_root(db: Session, workspace: Workspace, user: User, user_keys: UserKeys,
              master_key: bytes) -> tuple[Workspace, Authority]:
    """Pin the root of trust and bring the workspace's sealed values to the bound format."""
    _root_grant(db, replace(workspace, root_key=user_keys.sign_public), user, user_keys)
    resealed = rotation.reseal_legacy(db, master_key)
    audit.append(db, user_id=user.id, actor=user.name, action="authority.root_pinned",
                 subject=f"user:{user.id}",
                 details={"root_key_id": user_keys.key_id, "resealed": resealed.as_json()},
                 signer=user_keys.sign)
    db.flush()
    # Last, inside the transaction: if writing the file fails, nothing is committed.
    workspace = pin_root_key(workspace, user_keys.sign_public)
    return workspace, load_authority(db, workspace.root_key, workspace.workspace_id)


def _unauthorised(workspace: Workspace, authority: Authority, state: GrantState | None,
                  user: User) -> UserError | None:
    if state is None:
        if authority.grants and workspace.root_key is None:
            return AuthorityUnverifiable(
                "workspace.toml に root_key がありません", "workspace.toml has no root_key")
        if authority.grants and not authority.current:
            return AuthorityUnverifiable(
                "どの権限も workspace.toml の root_key で検証できません",
                "no grant verifies against the root_key in workspace.toml")
        return NotCertified(user.name)
    if state.sign_key != user.sign_public_key:
        return KeysReplaced(user.name)
    if not state.active:
        return AccountDisabled()
    return None


def _local_time(at: datetime) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M")
