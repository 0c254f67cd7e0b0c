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
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from reviewer_app.security import statements
from reviewer_app.security.keys import key_id
from reviewer_app.store.models import AuditEvent
from reviewer_app.store.types import utcnow

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


def verify_chain(engine: Engine) -> VerifyResult:
    """Recompute the whole chain (no password needed: events hold no secrets)."""
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
                if reason is not None:
                    return VerifyResult(False, checked, event.seq, reason, event.action,
                                        event.at)
                checked += 1
                expected_seq, prev = event.seq + 1, event.hash
            last_seq = page[-1].seq
            db.expunge_all()


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
