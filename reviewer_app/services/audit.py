"""The audit trail: append-only events in a SHA-256 hash chain, and its verification.

Each event's ``hash`` is ``SHA-256(prev_hash ‖ canonical JSON of the event)`` in hex, where the
event is ``{seq, at, user_id, actor, action, subject, details}`` (``at`` in UTC ISO 8601 with
microseconds; canonical JSON: sorted keys, no white space, UTF-8) and the first event's
``prev_hash`` is 64 zeros. Sequence numbers run 1, 2, 3… without gaps, so an edited, inserted or
deleted event (other than the very last ones) breaks the chain at the first such event.

Appending is serialised: on PostgreSQL by a transaction-level advisory lock, on SQLite by the
write lock that ``WorkspaceSession.transaction()`` takes with ``BEGIN IMMEDIATE``. The event is
part of the use case's transaction: it exists exactly when the change it records was committed.

Details never hold secrets, amounts or personal names (:func:`check_details` refuses the
obvious keys); events name their subject by id (``case:12``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from reviewer_app.security import statements
from reviewer_app.security.keys import key_id
from reviewer_app.services.authority import Authority
from reviewer_app.services.authority import load as load_authority
from reviewer_app.store.models import AuditEvent, Grant
from reviewer_app.store.types import utcnow

if TYPE_CHECKING:
    from reviewer_app.services.session import Workspace

GENESIS = "0" * 64
_PAGE = 1000
_ADVISORY_LOCK_ID = 0x7265_7669  # "revi": serialises audit appends on PostgreSQL
_FORBIDDEN = ("password", "secret", "master_key", "private", "amount", "income", "yen", "kana",
              "birth", "card_number")


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def check_details(details: Any, path: str = "details") -> None:
    """Refuse keys that suggest a secret, an amount or personal data (a programming error)."""
    if isinstance(details, dict):
        for key, value in details.items():
            lowered = str(key).lower()
            if any(word in lowered for word in _FORBIDDEN):
                raise ValueError(f"audit {path}.{key}: secrets, amounts and personal data "
                                 "never go into the audit trail")
            check_details(value, f"{path}.{key}")
    elif isinstance(details, list):
        for item in details:
            check_details(item, path)


def _at_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(prev_hash: str, seq: int, at: datetime, user_id: int | None, actor: str,
               action: str, subject: str, details: Any) -> str:
    body = canonical_json({
        "seq": seq, "at": _at_text(at), "user_id": user_id, "actor": actor,
        "action": action, "subject": subject, "details": details,
    })
    return hashlib.sha256(prev_hash.encode("ascii") + body.encode("utf-8")).hexdigest()


def append(db: Session, *, user_id: int | None, actor: str, action: str, subject: str = "",
           details: dict[str, Any] | None = None,
           signer: Ed25519PrivateKey | None = None) -> AuditEvent:
    """Add the next event of the chain inside the caller's transaction, signed by ``signer``
    (the actor's own key) when given."""
    details = details or {}
    check_details(details)
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _ADVISORY_LOCK_ID})
    last = db.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
    at = utcnow()
    digest = event_hash(prev, seq, at, user_id, actor, action, subject, details)
    event = AuditEvent(
        seq=seq, at=at, user_id=user_id, actor=actor, action=action, subject=subject,
        details=canonical_json(details), prev_hash=prev, hash=digest,
    )
    if signer is not None:
        event.signer_key_id = key_id(signer.public_key())
        event.signature = statements.sign(signer, statements.AUDIT, {"hash": digest})
    db.add(event)
    db.flush()
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # events checked (all of them when ok)
    first_bad_seq: int | None = None
    reason: str | None = None  # English, technical
    bad_action: str | None = None
    bad_at: datetime | None = None


# Events written before the user is signed in: they cannot be signed (no key is unlocked yet).
UNSIGNED_ACTIONS = frozenset({"login.failed", "login.refused", "user.locked",
                              "workspace.permissions_tightened"})


def verify_chain(engine: Engine, authority: Authority | None = None,
                 grant_events: dict[str, int] | None = None) -> VerifyResult:
    """Recompute the whole chain (no password needed: events hold no secrets).

    With ``authority`` (services.authority, from the root key in workspace.toml) every signature
    is checked too, and from the root grant's ``signed_from`` on, an event of a signed-in user
    must be signed by a key certified for that user: an event inserted, or edited and re-hashed,
    by someone without that user's key fails. ``grant_events`` collects the grant hashes the
    trail records (``grant.issue``), for :func:`verify_workspace` to compare with the grants."""
    expected_seq, prev = 1, GENESIS
    checked = 0
    last_seq = 0
    with Session(engine) as db:
        while True:  # keyset pages: flat memory, and no server-side cursor left open
            page = db.scalars(select(AuditEvent).where(AuditEvent.seq > last_seq)
                              .order_by(AuditEvent.seq).limit(_PAGE)).all()
            if not page:
                return VerifyResult(True, checked)
            for event in page:
                reason = _check(event, expected_seq, prev)
                if reason is None and authority is not None:
                    reason = _check_signature(event, authority)
                if reason is not None:
                    return VerifyResult(False, checked, event.seq, reason, event.action,
                                        event.at)
                if (grant_events is not None and event.action == "grant.issue"
                        and authority is not None and event.seq >= authority.signed_from):
                    grant = json.loads(event.details).get("grant")
                    if isinstance(grant, str):
                        grant_events[grant] = event.seq
                checked += 1
                expected_seq, prev = event.seq + 1, event.hash
            last_seq = page[-1].seq
            db.expunge_all()


def _check_signature(event: AuditEvent, authority: Authority) -> str | None:
    if authority.root_key is None or not authority.current:
        return None  # a workspace from before issue 8 that has not pinned its root yet
    if event.signature is None:
        if (event.seq >= authority.signed_from and event.user_id is not None
                and event.action not in UNSIGNED_ACTIONS):
            return "the event of a signed-in user is not signed (inserted or rewritten)"
        return None
    public = authority.public_key(event.signer_key_id or "", event.user_id)
    if public is None:
        return "the event is signed with a key not certified for its user"
    if not statements.verify(public, statements.AUDIT, {"hash": event.hash}, event.signature):
        return "the event's signature does not verify (edited and re-hashed)"
    return None


def _check(event: AuditEvent, expected_seq: int, prev: str) -> str | None:
    if event.seq != expected_seq:
        return f"sequence gap: expected {expected_seq}, found {event.seq} (events removed)"
    if event.prev_hash != prev:
        return "prev_hash does not match the previous event's hash"
    try:
        details = json.loads(event.details)
    except ValueError:
        return "details are not valid JSON"
    actual = event_hash(prev, event.seq, event.at, event.user_id, event.actor, event.action,
                        event.subject, details)
    if actual != event.hash:
        return "hash does not match the event's content (edited)"
    return None


def verify_workspace(workspace: Workspace, engine: Engine) -> VerifyResult:
    """Everything ``reviewer-app audit verify`` checks, first failure first: the grants against
    the root key pinned in workspace.toml, the chain with its signatures, every grant recorded
    in the trail and every recorded grant present, and this workstation's checkpoint of the
    chain's head still in the chain (services.checkpoints)."""
    from reviewer_app.services import checkpoints

    with Session(engine) as db:
        authority = load_authority(db, workspace.root_key, workspace.workspace_id)
        grants = db.execute(select(Grant.id, Grant.user_id, Grant.serial, Grant.body_hash)
                            .order_by(Grant.id)).all()
    if authority.problems:
        p = authority.problems[0]
        return VerifyResult(False, 0, None, f"grant {p.grant_id} of user {p.user_id}: {p.reason}",
                            "grant")
    if grants and workspace.root_key is None:
        return VerifyResult(False, 0, None, "workspace.toml has no root_key, so the grants "
                            "cannot be verified", "grant")
    recorded: dict[str, int] = {}
    result = verify_chain(engine, authority, recorded)
    if not result.ok:
        return result
    stored = {row.body_hash for row in grants}
    for row in grants:
        if row.body_hash not in recorded:
            return VerifyResult(False, result.checked, None,
                                f"grant {row.serial} of user {row.user_id} is not recorded in "
                                "the audit trail (inserted)", "grant")
    for digest, seq in recorded.items():
        if digest not in stored:
            return VerifyResult(False, result.checked, seq,
                                "the grant this event records is missing (removed)",
                                "grant.issue")
    try:
        checkpoint = checkpoints.read(workspace.dir)
    except ValueError as exc:
        return VerifyResult(False, result.checked, None, str(exc), "checkpoint")
    if checkpoint is not None:
        if checkpoint.workspace_id != workspace.workspace_id \
                or not checkpoint.signed_by_certified_key(authority):
            return VerifyResult(False, result.checked, checkpoint.seq,
                                "this workstation's checkpoint is not signed by a certified "
                                "key", "checkpoint")
        reason = checkpoints.check(engine, checkpoint)
        if reason is not None:
            return VerifyResult(False, result.checked, checkpoint.seq, reason, "checkpoint")
    return result
