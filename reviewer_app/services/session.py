"""A signed-in user's session on a workspace: the engine, the user, the unwrapped master key.

Services take a :class:`WorkspaceSession` and run each use case in one
``with ws.transaction() as db:`` block, checking the role with :meth:`require_role` and recording
what they did with :meth:`audit` inside that same transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reviewer_app.domain.vocabulary import LABELS_JA, Role
from reviewer_app.errors import UserError
from reviewer_app.security.userkeys import UserKeys
from reviewer_app.services import audit as audit_log
from reviewer_app.services.authority import Authority
from reviewer_app.services.authority import load as load_authority
from reviewer_app.services.errors import MasterKeyRotated, PermissionDenied
from reviewer_app.store import blind_index, settings
from reviewer_app.store.engine import immediate
from reviewer_app.store.models import Setting


@dataclass(frozen=True)
class Workspace:
    """A workspace folder as read from ``DIR/workspace.toml``."""

    dir: Path
    workspace_id: str
    db_url: str  # resolved: a relative SQLite path is made absolute against ``dir``
    # the first administrator's Ed25519 public key, the root of trust (services.authority);
    # None only for a workspace made before issue 8, until its first administrator signs in
    root_key: bytes | None = None
    # PostgreSQL: each user signs in as their own login role (store.pg_roles); the URL's role
    # is the owner, used only for init, upgrades and password-less checks
    per_user_roles: bool = False

    @property
    def backend(self) -> str:
        return "sqlite" if self.db_url.startswith("sqlite") else "postgresql"


@dataclass(frozen=True)
class SessionUser:
    """The signed-in user. ``roles`` come from their grant in force (services.authority);
    ``role`` is the one the case life cycle uses: the reviewing role, else admin."""

    id: int
    name: str
    role: Role
    roles: frozenset[Role] = frozenset()

    def __post_init__(self) -> None:
        if not self.roles:
            object.__setattr__(self, "roles", frozenset({self.role}))

    def has(self, *roles: Role) -> bool:
        return any(r in self.roles for r in roles)


class WorkspaceSession:
    """Open with :func:`reviewer_app.services.workspace.open_session`; close when done."""

    def __init__(self, workspace: Workspace, engine: Engine, user: SessionUser,
                 master_key: bytes, keys: UserKeys | None = None,
                 authority: Authority | None = None, *, epoch: int = 1,
                 index_root: bytes | None = None) -> None:
        self.workspace = workspace
        self.engine = engine
        self.user = user
        self.master_key = master_key
        # the user's own keys: every audit event, decision, notice and grant they make is signed
        self.keys = keys
        self.authority = authority if authority is not None else Authority(workspace.root_key)
        # the master key's epoch this session holds, and the key the search index and content
        # MACs derive from (the first master key once one was rotated; services.rotation)
        self.epoch = epoch
        self.index_root = index_root
        self._write_engine = immediate(engine)

    # -- transactions ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, readonly: bool = False) -> Iterator[Session]:
        """One use case: commits on success, rolls back on any exception.

        Writing transactions take SQLite's write lock at once (``BEGIN IMMEDIATE``); pass
        ``readonly=True`` for pure reads so they never wait for a writer. Objects stay usable
        after the commit (``expire_on_commit=False``) for handing to the UI.
        """
        bind = self.engine if readonly else self._write_engine
        with Session(bind, expire_on_commit=False) as db, db.begin():
            self._check_epoch(db, lock=not readonly)
            yield db

    def _check_epoch(self, db: Session, *, lock: bool) -> None:
        """Refuse to work with a master key an administrator has rotated since this sign-in:
        what this session sealed would be lost to everyone else (issue 8 §3). Writers read the
        epoch ``FOR SHARE``, and a rotation takes it ``FOR UPDATE`` first, so on PostgreSQL no
        write can slip in under the old key while a rotation runs (SQLite's write lock already
        serialises them)."""
        stmt = select(Setting.text_value).where(Setting.key == settings.MASTER_KEY_EPOCH)
        if lock and db.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(read=True)
        epoch = int(db.scalar(stmt) or 1)
        if epoch != self.epoch:
            raise MasterKeyRotated()

    def audit(self, db: Session, action: str, subject: str = "",
              details: dict[str, Any] | None = None) -> None:
        """Record an event by this user, signed with their key, in the current transaction
        (see services.audit)."""
        audit_log.append(db, user_id=self.user.id, actor=self.user.name, action=action,
                         subject=subject, details=details,
                         signer=self.keys.sign if self.keys is not None else None)

    def signing_key(self) -> Ed25519PrivateKey:
        """The user's signing key (every signed-in session has one since issue 8)."""
        if self.keys is None:
            raise RuntimeError("this session has no signing key")
        return self.keys.sign

    def reload_authority(self, db: Session) -> Authority:
        """The grants as they stand in ``db`` (inside the caller's transaction)."""
        self.authority = load_authority(db, self.workspace.root_key,
                                        self.workspace.workspace_id)
        return self.authority

    # -- authorisation --------------------------------------------------------------------------

    def require_role(self, *roles: Role, action_ja: str = "この操作",
                     action_en: str = "do this") -> None:
        """Raise :class:`PermissionDenied` unless the user has one of ``roles``."""
        if self.user.has(*roles):
            return
        raise PermissionDenied(
            action_ja, action_en,
            "・".join(LABELS_JA[r] for r in roles),
            " or ".join(f"{r.value}s" for r in roles),
        )

    # -- keys derived from the master key -------------------------------------------------------

    @cached_property
    def blind_index_key(self) -> bytes:
        """The HMAC key of the search index (store.blind_index)."""
        return blind_index.derive_key(self.index_root or self.master_key,
                                      self.workspace.workspace_id)

    @cached_property
    def content_mac_key(self) -> bytes:
        return blind_index.content_mac_key(self.index_root or self.master_key,
                                           self.workspace.workspace_id)

    def switch_master_key(self, new_key: bytes, epoch: int) -> None:
        """After a rotation this session made has committed (services.rotation)."""
        if self.index_root is None:
            self.index_root = self.master_key
        self.master_key, self.epoch = new_key, epoch

    # -- life cycle -----------------------------------------------------------------------------

    def close(self) -> None:
        if self.keys is not None and self.master_key:
            from reviewer_app.services import checkpoints  # it imports this module

            # signing out must not fail on a lost connection or a rotated key
            with contextlib.suppress(SQLAlchemyError, UserError):
                checkpoints.at_sign_out(self)
        self.engine.dispose()
        # Python cannot wipe bytes in place; dropping the references is the best we can do.
        self.master_key = b""
        self.keys = None
        self.__dict__.pop("blind_index_key", None)
        self.__dict__.pop("content_mac_key", None)

    def __enter__(self) -> WorkspaceSession:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
