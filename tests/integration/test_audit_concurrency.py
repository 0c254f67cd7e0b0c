"""Concurrent writers keep one unbroken audit chain (PG advisory lock, SQLite BEGIN IMMEDIATE)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from reviewer_app.services.audit import verify_chain
from reviewer_app.store.models import AuditEvent

THREADS = 4
EVENTS = 10


def test_concurrent_appends_form_one_chain(workspace) -> None:  # type: ignore[no-untyped-def]
    sessions = [workspace.login(name) for name in ("admin", "examiner", "supervisor", "admin")]
    with sessions[0].transaction(readonly=True) as db:
        before = db.scalar(select(func.count()).select_from(AuditEvent)) or 0

    def work(index: int) -> None:
        ws = sessions[index]
        for n in range(EVENTS):
            with ws.transaction() as db:
                ws.audit(db, "case.open", f"case:{index * 100 + n}", {"thread": index})

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(work, range(THREADS)))
    result = verify_chain(sessions[0].engine)
    assert result.ok, result
    assert result.checked == before + THREADS * EVENTS
