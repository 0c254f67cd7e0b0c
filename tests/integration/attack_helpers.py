"""What an attacker with a login and the database's own driver does (issue 8): plain SQL through
a plain SQLAlchemy engine on the workspace's URL, outside the application's services, with the
application's public hash function where they need one (they have the source code too)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from reviewer_app.services.audit import canonical_json, event_hash
from reviewer_app.services.workspace import load_workspace


def url_of(directory: Path) -> str:
    return load_workspace(directory).db_url


def sql(directory: Path, statement: str, **params: Any) -> list[Any]:
    """Run one statement as the attacker; the rows it returns (if any)."""
    engine = create_engine(url_of(directory))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return list(result) if result.returns_rows else []
    finally:
        engine.dispose()


def when(directory: Path, at: datetime) -> Any:
    """A time as this back end's column stores it (SQLite: naive UTC wall time)."""
    return at.astimezone(UTC).replace(tzinfo=None) if url_of(directory).startswith("sqlite") \
        else at


def user_id(directory: Path, name: str) -> int:
    return int(sql(directory, "SELECT id FROM users WHERE name = :n", n=name)[0][0])


def append_matching_event(directory: Path, *, user: str, action: str, subject: str,
                          details: dict[str, Any]) -> int:
    """Append the next audit event with a correct hash chain, as the application would."""
    seq, prev = sql(directory, "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")[0]
    at = datetime.now(UTC)
    uid = user_id(directory, user)
    digest = event_hash(prev, seq + 1, at, uid, user, action, subject, details)
    sql(directory, "INSERT INTO audit_events (seq, at, user_id, actor, action, subject, details, "
        "prev_hash, hash) VALUES (:seq, :at, :uid, :actor, :action, :subject, :details, :prev, "
        ":hash)", seq=seq + 1, at=when(directory, at), uid=uid, actor=user, action=action,
        subject=subject, details=canonical_json(details), prev=prev, hash=digest)
    return int(seq + 1)


def rehash_from(directory: Path, first_seq: int) -> None:
    """Recompute every hash from ``first_seq`` on with the public hash function (what an
    attacker does after editing an event), keeping the chain itself consistent."""
    rows = sql(directory, "SELECT seq, at, user_id, actor, action, subject, details, prev_hash "
               "FROM audit_events WHERE seq >= :s ORDER BY seq", s=first_seq)
    prev = rows[0][7]
    for seq, at, uid, actor, action, subject, details, _old in rows:
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at
        digest = event_hash(prev, seq, at, uid, actor, action, subject, json.loads(details))
        sql(directory, "UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s",
            p=prev, h=digest, s=seq)
        prev = digest
