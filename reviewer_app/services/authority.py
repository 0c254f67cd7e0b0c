"""Who may do what, from signed grants rather than from columns anyone can write (issue 8 §1).

Grants
    A grant is an administrator's signed statement (security.statements, kind ``grant``) of one
    user's roles, status (active or disabled), public keys and the account that created the user.
    Each user's grants are numbered 1, 2, 3…; the highest valid one is in force. A grant is valid
    when its body matches its row, its serial follows the user's previous one, and it is signed
    by the key of a user whose grant in force *at that point* makes them an active administrator.

Root of trust
    The first administrator's first grant is signed by their own key, whose public half is pinned
    in ``workspace.toml`` (``root_key``, written by ``init``; its key id is printed for the
    operator to record). Nothing in the database can stand in for it: rewrite every grant and the
    ``users`` table, and no signature chains to the pinned key any more.

What it answers
    :meth:`Authority.current` (the grant in force per user), :meth:`Authority.state_at` (roles
    and status when a decision was signed), :meth:`Authority.public_key` (any key ever certified,
    by key id, for old signatures) and :attr:`Authority.problems` (grants that do not verify).
    The ``users.role`` and ``users.disabled`` columns remain as a cache for lists and filters;
    rights come from here (services.workspace signs in with the grant's roles).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer_app.errors import UserError
from reviewer_app.security import statements
from reviewer_app.security.keys import key_id, public_raw
from reviewer_app.store.enums import Role
from reviewer_app.store.models import Grant, User
from reviewer_app.store.types import utcnow

ROLE_ORDER = (Role.EXAMINER, Role.SUPERVISOR, Role.ADMIN)
REVIEWING = frozenset({Role.EXAMINER, Role.SUPERVISOR})


def primary_role(roles: frozenset[Role]) -> Role:
    """The role shown and used by the case life cycle: the reviewing one, else admin."""
    for role in (Role.SUPERVISOR, Role.EXAMINER):
        if role in roles:
            return role
    return Role.ADMIN


def roles_text(roles: frozenset[Role]) -> str:
    return "+".join(r.value for r in ROLE_ORDER if r in roles)


@dataclass(frozen=True)
class GrantState:
    """One valid grant: what it says about its user."""

    grant_id: int
    user_id: int
    name: str
    roles: frozenset[Role]
    active: bool
    sign_key: bytes
    box_key: bytes
    created_by: int | None
    serial: int
    issued_at: datetime
    issuer_id: int
    body_hash: str

    @property
    def key_id(self) -> str:
        return key_id(Ed25519PublicKey.from_public_bytes(self.sign_key))

    @property
    def is_admin(self) -> bool:
        return self.active and Role.ADMIN in self.roles

    def may(self, *roles: Role) -> bool:
        return self.active and any(r in self.roles for r in roles)


@dataclass(frozen=True)
class GrantProblem:
    grant_id: int
    user_id: int
    reason: str  # English, technical (audit verify prints it)


@dataclass
class Authority:
    root_key: bytes | None
    current: dict[int, GrantState] = field(default_factory=dict)
    history: dict[int, list[GrantState]] = field(default_factory=dict)
    keys: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # key id -> user, raw
    problems: list[GrantProblem] = field(default_factory=list)
    grants: int = 0  # rows seen
    # From the root grant (signed by the pinned key): what was written before signatures
    # existed. Decisions and notices with an id up to these, and audit events before
    # ``signed_from``, may be unsigned; anything later must be signed.
    legacy_decisions: int = 0
    legacy_notices: int = 0
    signed_from: int = 0

    def state_at(self, user_id: int, when: datetime) -> GrantState | None:
        """The user's grant in force at ``when`` (the latest issued at or before it)."""
        found: GrantState | None = None
        for state in self.history.get(user_id, []):
            if state.issued_at <= when:
                found = state
        return found

    def public_key(self, signer_key_id: str, user_id: int | None = None) -> Ed25519PublicKey | None:
        """A key certified by some valid grant (of ``user_id`` when given)."""
        entry = self.keys.get(signer_key_id)
        if entry is None or (user_id is not None and entry[0] != user_id):
            return None
        return Ed25519PublicKey.from_public_bytes(entry[1])

    def admins(self) -> list[GrantState]:
        return [s for s in self.current.values() if s.is_admin]


# --- bodies -----------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def grant_body(*, workspace_id: str, user_id: int, name: str, roles: frozenset[Role],
               active: bool, sign_key: bytes, box_key: bytes, created_by: int | None,
               serial: int, issued_at: datetime, issuer_id: int,
               legacy: dict[str, int] | None = None) -> dict[str, Any]:
    return {**({"legacy": legacy} if legacy is not None else {}),
        "workspace": workspace_id, "user_id": user_id, "name": name,
        "roles": [r.value for r in ROLE_ORDER if r in roles],
        "status": "active" if active else "disabled",
        "sign_key": _b64(sign_key), "box_key": _b64(box_key), "created_by": created_by,
        "serial": serial, "issued_at": issued_at.isoformat(timespec="microseconds"),
        "issuer_id": issuer_id,
    }


def _state(row: Grant, body: dict[str, Any]) -> GrantState:
    return GrantState(
        grant_id=row.id, user_id=int(body["user_id"]), name=str(body["name"]),
        roles=frozenset(Role(r) for r in body["roles"]), active=body["status"] == "active",
        sign_key=base64.b64decode(body["sign_key"], validate=True),
        box_key=base64.b64decode(body["box_key"], validate=True),
        created_by=body["created_by"], serial=int(body["serial"]),
        issued_at=datetime.fromisoformat(body["issued_at"]), issuer_id=int(body["issuer_id"]),
        body_hash=row.body_hash)


# --- loading ----------------------------------------------------------------------------------


def load(db: Session, root_key: bytes | None, workspace_id: str) -> Authority:
    """Every grant checked in order (see the module doc)."""
    authority = Authority(root_key)
    for row in db.scalars(select(Grant).order_by(Grant.id)):
        authority.grants += 1
        reason = _accept(authority, row, workspace_id)
        if reason is not None:
            authority.problems.append(GrantProblem(row.id, row.user_id, reason))
    return authority


def _accept(authority: Authority, row: Grant, workspace_id: str) -> str | None:
    try:
        body = json.loads(row.body)
        state = _state(row, body)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return "the grant's body is not a grant"
    if statements.statement_hash(statements.GRANT, body) != row.body_hash:
        return "the grant's hash does not match its body"
    if (body.get("workspace") != workspace_id or state.user_id != row.user_id
            or state.serial != row.serial):
        return "the grant's body does not match its row or workspace"
    previous = authority.current.get(state.user_id)
    if state.serial != (previous.serial + 1 if previous else 1):
        return f"serial {state.serial} does not follow the user's previous grant"
    is_root = (authority.root_key is not None and state.issuer_id == state.user_id
               and state.serial == 1 and state.sign_key == authority.root_key
               and Role.ADMIN in state.roles and state.active)
    if is_root:
        signer = Ed25519PublicKey.from_public_bytes(state.sign_key)
        legacy = body.get("legacy") or {}
    else:
        issuer = authority.current.get(state.issuer_id)
        if issuer is None or not issuer.is_admin:
            return "the issuer was not an active administrator"
        signer = Ed25519PublicKey.from_public_bytes(issuer.sign_key)
    if row.signer_key_id != key_id(signer):
        return "the grant names another signing key than its issuer's"
    if not statements.verify(signer, statements.GRANT, body, row.signature):
        return "the grant's signature does not verify"
    kid = state.key_id
    owner = authority.keys.get(kid)
    if owner is not None and owner[0] != state.user_id:
        return "the grant certifies a key that belongs to another user"
    if is_root:
        authority.legacy_decisions = int(legacy.get("decisions", 0))
        authority.legacy_notices = int(legacy.get("notices", 0))
        authority.signed_from = int(legacy.get("audit_seq", 0))
    authority.current[state.user_id] = state
    authority.history.setdefault(state.user_id, []).append(state)
    authority.keys[kid] = (state.user_id, state.sign_key)
    return None


# --- issuing ----------------------------------------------------------------------------------


def issue(db: Session, *, workspace_id: str, issuer_id: int, issuer_key: Ed25519PrivateKey,
          user: User, roles: frozenset[Role], active: bool, created_by: int | None,
          legacy: dict[str, int] | None = None) -> Grant:
    """Sign and store the user's next grant (the caller checked the issuer is an admin). The
    user's public keys are taken from their row; the cache columns follow the grant."""
    if user.sign_public_key is None or user.box_public_key is None:
        raise ValueError("the user has no keys yet")
    serial = int(db.scalar(select(func.max(Grant.serial)).where(Grant.user_id == user.id))
                 or 0) + 1
    body = grant_body(workspace_id=workspace_id, user_id=user.id, name=user.name, roles=roles,
                      active=active, sign_key=user.sign_public_key,
                      box_key=user.box_public_key, created_by=created_by, serial=serial,
                      issued_at=utcnow(), issuer_id=issuer_id, legacy=legacy)
    row = Grant(user_id=user.id, serial=serial, body=statements.canonical(body).decode(),
                body_hash=statements.statement_hash(statements.GRANT, body),
                signer_key_id=key_id(issuer_key.public_key()),
                signature=statements.sign(issuer_key, statements.GRANT, body),
                created_at=utcnow())
    db.add(row)
    user.role = primary_role(roles).value
    user.disabled = not active
    db.flush()
    return row


def fingerprint(raw_public: bytes) -> str:
    """The root key's id in groups of four, for the operator to write down."""
    kid = key_id(Ed25519PublicKey.from_public_bytes(raw_public))
    return " ".join(kid[i:i + 4] for i in range(0, len(kid), 4))


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return public_raw(key.public_key())


# --- failures at sign-in ----------------------------------------------------------------------


class NotCertified(UserError):
    """The user's keys carry no valid grant (yet): an administrator must certify them."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"ユーザー「{name}」の鍵はまだ管理者に承認されていません。管理者に "
            f"reviewer-app users certify {name} の実行を依頼してください。",
            f"The keys of user '{name}' are not certified by an administrator yet. Ask an "
            f"administrator to run reviewer-app users certify {name}.",
            code="not_certified", subject=name)


class AuthorityUnverifiable(UserError):
    """The grants do not chain to the root key pinned in workspace.toml."""

    def __init__(self, reason_ja: str, reason_en: str) -> None:
        super().__init__(
            f"このワークスペースの権限の記録を確かめられません（{reason_ja}）。データベースが"
            "書き換えられたか、workspace.toml が別のワークスペースのものです。管理者に連絡して"
            "ください。",
            f"The workspace's record of rights cannot be verified ({reason_en}). The database "
            "was altered or workspace.toml belongs to another workspace. Contact your "
            "administrator.", code="authority_unverifiable")


class KeysReplaced(UserError):
    """The user row's public keys are not the ones their grant certifies."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"ユーザー「{name}」の鍵が承認されたものと一致しません。アカウントが書き換えられた"
            "おそれがあります。管理者に連絡してください。",
            f"The keys of user '{name}' are not the ones certified for them: the account may "
            "have been altered. Contact your administrator.", code="keys_replaced",
            subject=name)
