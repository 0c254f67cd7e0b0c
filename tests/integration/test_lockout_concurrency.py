"""The lockout holds under concurrent guessing (issue 8, item 4), on SQLite and PostgreSQL.

An attacker who knows a user name sends many wrong passwords at once, each in its own connection,
hoping that every attempt reads the counter before any other has written it. The sign-in reads
the user row under ``SELECT … FOR UPDATE`` (SQLite: ``BEGIN IMMEDIATE``), so the attempts queue
behind each other and only the first five are checked. On PostgreSQL the check is the server's
sign-in gate, under the same lock (store.pg_roles), before any login role is reached.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from workspace_fixture import WorkspaceFixture

from reviewer_app.errors import UserError
from reviewer_app.security import passwords
from reviewer_app.services import workspace as workspace_service
from reviewer_app.services.errors import AccountLocked, LoginFailed
from reviewer_app.services.workspace import (
    MAX_FAILED_ATTEMPTS,
    open_session,
    open_workspace_engine,
)
from reviewer_app.store.models import AuditEvent, User
from reviewer_app.store.types import utcnow

ATTEMPTS = 16


def test_sixteen_wrong_passwords_at_once_lock_after_five_checks(
        workspace: WorkspaceFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = 0
    count_lock = threading.Lock()
    real_verify = passwords.verify_password  # what services.workspace calls

    def counting_verify(password: str, encoded: str) -> bool:
        nonlocal checks
        with count_lock:
            checks += 1
        return real_verify(password, encoded)

    monkeypatch.setattr(workspace_service, "verify_password", counting_verify)
    start = threading.Barrier(ATTEMPTS)

    def attempt(n: int) -> type[UserError]:
        start.wait()
        try:
            open_session(workspace.dir, "examiner", f"wrong guess {n:02d}").close()
        except (LoginFailed, AccountLocked) as exc:
            return type(exc)
        raise AssertionError("a wrong password signed in")

    with ThreadPoolExecutor(ATTEMPTS) as pool:
        outcomes = list(pool.map(attempt, range(ATTEMPTS)))

    _ws, engine = open_workspace_engine(workspace.dir)
    try:
        with Session(engine) as db:
            user = db.scalars(select(User).where(User.name == "examiner")).one()
            events = db.execute(
                select(AuditEvent.action, AuditEvent.details)
                .where(AuditEvent.subject == f"user:{user.id}",
                       AuditEvent.action.in_(("login.failed", "login.refused")))
            ).all()
    finally:
        engine.dispose()

    assert user.locked_until is not None and user.locked_until > utcnow()
    assert user.failed_attempts >= MAX_FAILED_ATTEMPTS
    failed = [e for e in events if e.action == "login.failed"]
    refused = [e for e in events if e.action == "login.refused"]
    # Every attempt left exactly one trace; only the failures were checked against the hash.
    assert len(failed) + len(refused) == ATTEMPTS
    assert len(failed) <= MAX_FAILED_ATTEMPTS
    if workspace.db_url is None:
        assert checks == len(failed)
    else:  # PostgreSQL's per-user roles: the server's sign-in gate compares (store.pg_roles)
        assert checks == 0
    # The counter in the audit trail climbs 1, 2, … 5: no two attempts read the same count.
    assert sorted(json.loads(e.details)["failures"] for e in failed) == list(
        range(1, len(failed) + 1))
    assert all(json.loads(e.details)["reason"] == "locked" for e in refused)
    assert outcomes.count(AccountLocked) == ATTEMPTS - MAX_FAILED_ATTEMPTS + 1
