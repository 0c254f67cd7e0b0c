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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.errors import InputError, UserError
from reviewer_app.resources import resource_path
from reviewer_app.security.keyring import wrap_master_key
from reviewer_app.security.passwords import hash_password
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.enums import Role
from reviewer_app.store.models import User
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


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InputError(
            f"役割「{role}」は不明です。examiner（審査担当）、supervisor（承認者）、admin（管理者）"
            "のどれかを指定してください。",
            f"Unknown role '{role}'. Use examiner, supervisor or admin.",
            code="bad_role", subject=role,
        ) from None


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
    role: Role
    disabled: bool
    locked: bool
    locked_until: datetime | None
    failed_attempts: int
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserInfo:
        now = utcnow()
        return cls(user.id, user.name, Role(user.role), user.disabled,
                   user.locked_until is not None and user.locked_until > now, user.locked_until,
                   user.failed_attempts, user.created_at, user.last_login_at)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "role": self.role.value,
            "disabled": self.disabled, "locked": self.locked,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "created_at": self.created_at.isoformat(),
            "last_login_at": self.last_login_at.isoformat() if self.last_login_at else None,
        }


def new_user(name: str, role: Role, password: str, master_key: bytes) -> User:
    """A user row with a fresh password hash and their own wrap of the master key."""
    now = utcnow()
    return User(name=name, role=role.value, password_hash=hash_password(password),
                wrapped_master_key=wrap_master_key(master_key, password), failed_attempts=0,
                disabled=False, created_at=now, password_changed_at=now)


def _get(db: Session, name: str) -> User:
    """The user row, locked for this transaction: every caller changes it, and taking the row
    before the audit chain's lock keeps the order the sign-in uses (no deadlock on PostgreSQL)."""
    user = db.scalars(select(User).where(User.name == name).with_for_update()).one_or_none()
    if user is None:
        raise UserNotFound(name)
    return user


def _require_admin(ws: WorkspaceSession, ja: str, en: str) -> None:
    ws.require_role(Role.ADMIN, action_ja=ja, action_en=en)


def add_user(ws: WorkspaceSession, name: str, role: Role | str, password: str) -> UserInfo:
    _require_admin(ws, "ユーザーの追加", "add users")
    name = check_user_name(name)
    role = parse_role(role) if isinstance(role, str) else role
    check_password_policy(password)
    with ws.transaction() as db:
        if db.scalars(select(User.id).where(User.name == name)).first() is not None:
            raise UserError(
                f"ユーザー「{name}」はすでにいます。別の名前を指定してください。",
                f"A user '{name}' already exists. Choose another name.",
                code="user_exists", subject=name,
            )
        user = new_user(name, role, password, ws.master_key)
        db.add(user)
        db.flush()
        ws.audit(db, "user.add", f"user:{user.id}", {"user": name, "role": role.value})
        return UserInfo.of(user)


def list_users(ws: WorkspaceSession) -> list[UserInfo]:
    _require_admin(ws, "ユーザー一覧の表示", "list users")
    with ws.transaction(readonly=True) as db:
        return [UserInfo.of(u) for u in db.scalars(select(User).order_by(User.name))]


def _active_admins(db: Session) -> int:
    return db.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN.value,
                                                     User.disabled.is_(False))
    ) or 0


def disable_user(ws: WorkspaceSession, name: str) -> UserInfo:
    """Disable a user: they can no longer sign in (their history stays)."""
    _require_admin(ws, "ユーザーの無効化", "disable users")
    with ws.transaction() as db:
        user = _get(db, name)
        if user.role == Role.ADMIN.value and not user.disabled and _active_admins(db) <= 1:
            raise UserError(
                "最後の管理者は無効にできません。先に別の管理者を追加してください。",
                "The last administrator cannot be disabled. Add another administrator first.",
                code="last_admin", subject=name,
            )
        if not user.disabled:
            user.disabled = True
            ws.audit(db, "user.disable", f"user:{user.id}", {"user": user.name})
        return UserInfo.of(user)


def enable_user(ws: WorkspaceSession, name: str) -> UserInfo:
    _require_admin(ws, "ユーザーの有効化", "enable users")
    with ws.transaction() as db:
        user = _get(db, name)
        if user.disabled:
            user.disabled = False
            ws.audit(db, "user.enable", f"user:{user.id}", {"user": user.name})
        return UserInfo.of(user)


def reset_password(ws: WorkspaceSession, name: str, new_password: str) -> UserInfo:
    """Set a new password: new hash, the master key re-wrapped for it, lockout cleared."""
    _require_admin(ws, "パスワードの再設定", "reset passwords")
    check_password_policy(new_password)
    with ws.transaction() as db:
        user = _get(db, name)
        user.password_hash = hash_password(new_password)
        user.wrapped_master_key = wrap_master_key(ws.master_key, new_password)
        user.password_changed_at = utcnow()
        user.failed_attempts = 0
        user.locked_until = None
        ws.audit(db, "user.reset_password", f"user:{user.id}", {"user": user.name})
        return UserInfo.of(user)
