"""Users and roles: add, list, disable, enable, reset a password (admin only).

Every user holds their own copy of the workspace master key, wrapped by a key derived from their
password (security.keyring). Adding a user or resetting a password therefore needs a master key
in hand: the acting admin's session has it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reviewer_app.domain.vocabulary import Role
from reviewer_app.errors import InputError, UserError
from reviewer_app.resources import resource_path
from reviewer_app.security import pgauth
from reviewer_app.security.passwords import hash_password
from reviewer_app.security.userkeys import UserKeys, seal_master_key
from reviewer_app.services import authority, rotation
from reviewer_app.services.authority import GrantState, primary_role, roles_text
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import pg_roles, settings
from reviewer_app.store.models import MasterKeyWrap, User
from reviewer_app.store.types import utcnow

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 64


COMMON_PASSWORDS_FILE = ("passwords", "common.txt")


@cache
def common_passwords() -> frozenset[str]:
    """The blocklist (resources/passwords/common.txt), entries NFKC-normalised and case-folded."""
    text = resource_path(*COMMON_PASSWORDS_FILE).read_text(encoding="utf-8")
    return frozenset(
        _fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _blocklist_forms(password: str) -> set[str]:
    """The password and its core without leading or trailing digits, symbols and spaces:
    "Dragon2024!" and "!!dragon" are the listed "dragon" with decoration users add to pass
    length rules, and a guesser tries them first."""
    folded = _fold(password)
    start, end = 0, len(folded)
    while start < end and not folded[start].isalpha():
        start += 1
    while end > start and not folded[end - 1].isalpha():
        end -= 1
    return {form for form in (folded, folded[start:end]) if form}


def is_common_password(password: str) -> bool:
    blocklist = common_passwords()
    return any(form in blocklist for form in _blocklist_forms(password))


def check_password_policy(password: str) -> None:
    """At least 8 characters (NIST SP 800-63B: length, no composition rules), at most 1024, and
    not a common password (SP 800-63B §3.1.1.2: compare against commonly used passwords)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(
            f"パスワードが短すぎます。{MIN_PASSWORD_LENGTH}文字以上にしてください。",
            f"The password is too short. Use at least {MIN_PASSWORD_LENGTH} characters.",
            code="weak_password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError(
            f"パスワードが長すぎます。{MAX_PASSWORD_LENGTH}文字以下にしてください。",
            f"The password is too long. Use at most {MAX_PASSWORD_LENGTH} characters.",
            code="weak_password",
        )
    if is_common_password(password):
        raise InputError(
            "このパスワードはよく使われるパスワード（またはそれに数字や記号を足しただけのもの）"
            "なので使えません。推測されにくい言葉を組み合わせた長めのパスワードにしてください。",
            "This password is one of the most common passwords (or one with only digits or "
            "symbols added), so it cannot be used. Choose a longer one made of words that are "
            "hard to guess.",
            code="common_password",
        )


def check_user_name(name: str) -> str:
    """A user name: 1–64 characters, no spaces or control characters; returned NFC-normalised."""
    name = unicodedata.normalize("NFC", name)
    if not (1 <= len(name) <= MAX_NAME_LENGTH) or any(
        c.isspace() or unicodedata.category(c).startswith("C") for c in name
    ):
        raise InputError(
            f"ユーザー名「{name}」は使えません。空白を含まない{MAX_NAME_LENGTH}文字以内に"
            "してください。",
            f"The user name '{name}' cannot be used. Use up to {MAX_NAME_LENGTH} characters "
            "without spaces.",
            code="bad_user_name", subject=name,
        )
    return name


def parse_roles(text: str) -> frozenset[Role]:
    """``examiner``, ``supervisor``, ``admin``, or an administrator who also reviews:
    ``examiner+admin``, ``supervisor+admin`` (issue 8 §7: an admin opens cases only so)."""
    try:
        roles = frozenset(Role(part.strip()) for part in text.split("+"))
    except ValueError:
        roles = frozenset()
    if not roles or {Role.EXAMINER, Role.SUPERVISOR} <= roles:
        raise InputError(
            f"役割「{text}」は不明です。examiner（審査担当）、supervisor（承認者）、admin（管理者）"
            "のどれか、または審査もする管理者なら examiner+admin か supervisor+admin を"
            "指定してください。",
            f"Unknown role '{text}'. Use examiner, supervisor or admin, or examiner+admin or "
            "supervisor+admin for an administrator who also reviews.",
            code="bad_role", subject=text,
        )
    return roles


class UserNotFound(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"ユーザー「{name}」はいません。reviewer-app users list で確かめてください。",
            f"There is no user '{name}'. Check with reviewer-app users list.",
            code="user_not_found", subject=name,
        )


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: Role  # the primary role (services.authority.primary_role)
    disabled: bool
    locked: bool
    locked_until: datetime | None
    failed_attempts: int
    created_at: datetime
    last_login_at: datetime | None
    roles: frozenset[Role] = frozenset()
    certified: bool = True  # a valid grant is in force (services.authority)

    @classmethod
    def of(cls, user: User, grant: GrantState | None = None) -> UserInfo:
        now = utcnow()
        roles = grant.roles if grant is not None else frozenset({Role(user.role)})
        return cls(user.id, user.name, primary_role(roles),
                   user.disabled or (grant is not None and not grant.active),
                   user.locked_until is not None and user.locked_until > now, user.locked_until,
                   user.failed_attempts, user.created_at, user.last_login_at, roles=roles,
                   certified=grant is not None and grant.sign_key == user.sign_public_key)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "role": roles_text(self.roles),
            "disabled": self.disabled, "locked": self.locked, "certified": self.certified,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "created_at": self.created_at.isoformat(),
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
        }


def new_user(name: str, role: Role, password: str) -> User:
    """A user row with a fresh password hash (flush it, then :func:`give_keys`)."""
    now = utcnow()
    return User(name=name, role=role.value, password_hash=hash_password(password),
                wrapped_master_key=b"", failed_attempts=0, disabled=False, created_at=now,
                password_changed_at=now)


def give_keys(db: Session, user: User, password: str, master_key: bytes) -> UserKeys:
    """Fresh keys for ``user`` (flushed): the private halves wrapped under ``password``, the
    public halves on the row, and the master key of the current epoch sealed to them. Any
    earlier seal of the master key to this user is dropped, and so is a pre-issue-8 wrap."""
    keys = UserKeys.generate()
    user.sign_public_key, user.box_public_key = keys.sign_public, keys.box_public
    user.wrapped_private_keys = keys.wrap(password)
    user.wrapped_master_key = b""
    epoch = settings.master_key_epoch(db)
    db.execute(delete(MasterKeyWrap).where(MasterKeyWrap.user_id == user.id))
    db.add(MasterKeyWrap(user_id=user.id, epoch=epoch, created_at=utcnow(),
                         sealed=seal_master_key(master_key, keys.box_public, user_id=user.id,
                                                epoch=epoch)))
    db.flush()
    return keys


def _get(db: Session, name: str) -> User:
    """The user row, locked for this transaction: every caller changes it, and taking the row
    before the audit chain's lock keeps the order the sign-in uses (no deadlock on PostgreSQL)."""
    user = db.scalars(select(User).where(User.name == name).with_for_update()).one_or_none()
    if user is None:
        raise UserNotFound(name)
    return user


def _require_admin(ws: WorkspaceSession, ja: str, en: str) -> None:
    ws.require_role(Role.ADMIN, action_ja=ja, action_en=en)


def _grant(ws: WorkspaceSession, db: Session, user: User, roles: frozenset[Role], active: bool,
           created_by: int | None) -> None:
    """Sign the user's next grant with the acting admin's key, and audit it."""
    row = authority.issue(db, workspace_id=ws.workspace.workspace_id, issuer_id=ws.user.id,
                          issuer_key=ws.signing_key(), user=user, roles=roles, active=active,
                          created_by=created_by)
    ws.audit(db, "grant.issue", f"user:{user.id}", {
        "user_id": user.id, "serial": row.serial, "grant": row.body_hash,
        "roles": roles_text(roles), "active": active})


def _sync_login(ws: WorkspaceSession, db: Session, user: User, roles: frozenset[Role],
                active: bool, password: str | None = None) -> None:
    """On PostgreSQL with per-user roles, the user's login role follows their grant: created,
    given the password's verifier, allowed to log in or not, a member of their roles' groups
    (store.pg_roles). Nothing on SQLite."""
    workspace = ws.workspace
    if not workspace.per_user_roles:
        return
    user.db_role = pgauth.login_role(workspace.workspace_id, user.name)
    secret = None if password is None else pg_roles.LoginSecret.make(
        pgauth.login_proof(password, workspace.workspace_id, user.name), user.db_role)
    db.flush()
    pg_roles.manage_login(db.connection(), user.db_role, user.id, secret, active,
                          pg_roles.wanted_groups(workspace.workspace_id,
                                                 frozenset(r.value for r in roles)))


def _in_force(ws: WorkspaceSession, db: Session, user: User) -> GrantState:
    """The user's grant in force, checked against the database now."""
    state = ws.reload_authority(db).current.get(user.id)
    if state is None or state.sign_key != user.sign_public_key:
        raise authority.NotCertified(user.name)
    return state


def add_user(ws: WorkspaceSession, name: str, role: Role | str, password: str) -> UserInfo:
    """A new account (admin only): its keys, the master key sealed to them, and a grant signed
    by the admin that records who created it (issue 8 §7)."""
    _require_admin(ws, "ユーザーの追加", "add users")
    name = check_user_name(name)
    roles = parse_roles(role) if isinstance(role, str) else frozenset({role})
    check_password_policy(password)
    with ws.transaction() as db:
        if db.scalars(select(User.id).where(User.name == name)).first() is not None:
            raise UserError(
                f"ユーザー「{name}」はすでにいます。別の名前を指定してください。",
                f"A user '{name}' already exists. Choose another name.",
                code="user_exists", subject=name,
            )
        user = new_user(name, primary_role(roles), password)
        db.add(user)
        db.flush()
        give_keys(db, user, password, ws.master_key)
        ws.audit(db, "user.add", f"user:{user.id}", {"user": name, "role": roles_text(roles)})
        _grant(ws, db, user, roles, True, created_by=ws.user.id)
        _sync_login(ws, db, user, roles, True, password)
        return UserInfo.of(user, ws.reload_authority(db).current.get(user.id))


def certify_user(ws: WorkspaceSession, name: str, role: Role | str | None = None) -> UserInfo:
    """Certify the keys a user made at their first sign-in after the upgrade to issue 8 (admin
    only), with ``role`` or the role the account had."""
    _require_admin(ws, "ユーザーの鍵の承認", "certify users' keys")
    with ws.transaction() as db:
        user = _get(db, name)
        if user.sign_public_key is None:
            raise UserError(
                f"ユーザー「{name}」はまだ鍵を持っていません。本人が一度サインインしてから"
                "承認してください。",
                f"User '{name}' has no keys yet. Let them sign in once, then certify them.",
                code="no_keys_yet", subject=name)
        current = ws.reload_authority(db).current.get(user.id)
        if current is not None and current.sign_key == user.sign_public_key:
            return UserInfo.of(user, current)
        roles = (parse_roles(role) if isinstance(role, str) else frozenset({role})) \
            if role is not None else frozenset({Role(user.role)})
        _grant(ws, db, user, roles, not user.disabled,
               created_by=current.created_by if current is not None else None)
        _sync_login(ws, db, user, roles, not user.disabled)
        return UserInfo.of(user, ws.reload_authority(db).current.get(user.id))


def list_users(ws: WorkspaceSession) -> list[UserInfo]:
    _require_admin(ws, "ユーザー一覧の表示", "list users")
    with ws.transaction(readonly=True) as db:
        current = ws.reload_authority(db).current
        return [UserInfo.of(u, current.get(u.id))
                for u in db.scalars(select(User).order_by(User.name))]


def disable_user(ws: WorkspaceSession, name: str) -> UserInfo:
    """Disable a user: they can no longer sign in (their history stays). The grant that says
    so is signed, so the ``users.disabled`` column alone cannot undo it."""
    _require_admin(ws, "ユーザーの無効化", "disable users")
    with ws.transaction() as db:
        user = _get(db, name)
        state = _in_force(ws, db, user)
        others = [a for a in ws.authority.admins() if a.user_id != user.id]
        if state.is_admin and not others:
            raise UserError(
                "最後の管理者は無効にできません。先に別の管理者を追加してください。",
                "The last administrator cannot be disabled. Add another administrator first.",
                code="last_admin", subject=name,
            )
        rotated: tuple[bytes, int] | None = None
        if state.active or not user.disabled:
            ws.audit(db, "user.disable", f"user:{user.id}", {"user": user.name})
            _grant(ws, db, user, state.roles, False, created_by=state.created_by)
            _sync_login(ws, db, user, state.roles, False)  # the server refuses them too
            # their copy of the key, and any old copy of the database, open nothing new
            rotated = rotation.rotate_master_key(ws, db, "user.disable")
        info = UserInfo.of(user, ws.reload_authority(db).current.get(user.id))
    if rotated is not None:
        ws.switch_master_key(*rotated)
    return info


def enable_user(ws: WorkspaceSession, name: str) -> UserInfo:
    _require_admin(ws, "ユーザーの有効化", "enable users")
    with ws.transaction() as db:
        user = _get(db, name)
        state = _in_force(ws, db, user)
        if not state.active or user.disabled:
            ws.audit(db, "user.enable", f"user:{user.id}", {"user": user.name})
            _grant(ws, db, user, state.roles, True, created_by=state.created_by)
            _sync_login(ws, db, user, state.roles, True)
        return UserInfo.of(user, ws.reload_authority(db).current.get(user.id))


def reset_password(ws: WorkspaceSession, name: str, new_password: str) -> UserInfo:
    """Set a new password: new hash, new keys (the old ones stay valid for what they signed),
    the master key sealed to them, a grant certifying them, lockout cleared."""
    _require_admin(ws, "パスワードの再設定", "reset passwords")
    check_password_policy(new_password)
    with ws.transaction() as db:
        user = _get(db, name)
        state = ws.reload_authority(db).current.get(user.id)
        user.password_hash = hash_password(new_password)
        give_keys(db, user, new_password, ws.master_key)
        user.password_changed_at = utcnow()
        user.failed_attempts = 0
        user.locked_until = None
        ws.audit(db, "user.reset_password", f"user:{user.id}", {"user": user.name})
        roles = state.roles if state is not None else frozenset({Role(user.role)})
        active = state.active if state is not None else not user.disabled
        _grant(ws, db, user, roles, active,
               created_by=state.created_by if state is not None else None)
        _sync_login(ws, db, user, roles, active, new_password)
        # the old password with an old copy of the key ring opens nothing written from now on
        rotated = rotation.rotate_master_key(ws, db, "user.reset_password")
        info = UserInfo.of(user, ws.reload_authority(db).current.get(user.id))
    ws.switch_master_key(*rotated)
    return info
