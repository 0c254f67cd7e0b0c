"""Progress report speed at 100,000 dependents (the dashboard must open like the queue does).

    uv run python tests/benchmarks/bench_progress.py            # SQLite (a temp workspace)
    uv run python tests/benchmarks/bench_progress.py --pg       # a throw-away PostgreSQL
    uv run python tests/benchmarks/bench_progress.py --dependents 20000

The cases of ``bench_queue.populate`` (every status, no holder) get holders, a proposal for every
case past review, an approval for the done ones and a notice for those 不備連絡中, spread over
the season, with bulk Core inserts. Prints the median of several runs in ms.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/pg.py
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_queue

from bench_queue import measure, populate
from sqlalchemy import insert, select, update

from reviewer_app.services.progress import progress_report
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.users import add_user
from reviewer_app.services.workspace import init_workspace, open_session
from reviewer_app.store.models import Case, Decision, DeficiencyNotice, User

BUDGET_MS = 500.0  # off the GUI thread, on the one database worker; the queue budget is 100
SEASON_START = datetime(2024, 7, 1, tzinfo=UTC)


def add_work(ws: WorkspaceSession) -> None:
    with ws.transaction() as db:
        users = list(db.scalars(select(User.id)))
        rows = db.execute(select(Case.id, Case.status)).all()
        decisions: list[dict[str, Any]] = []
        notices: list[dict[str, Any]] = []
        for case_id, status in rows:
            at = SEASON_START + timedelta(hours=case_id % (80 * 24))
            if status in ("awaiting_approval", "done"):
                decisions.append({"case_id": case_id, "kind": "proposal", "verdict": "continue",
                                  "decided_by_id": users[0], "decided_at": at})
            if status == "done":
                decisions.append({"case_id": case_id, "kind": "approval", "verdict": "continue",
                                  "decided_by_id": users[-1],
                                  "decided_at": at + timedelta(days=2)})
            if status == "notice_sent":
                notices.append({"case_id": case_id, "item_count": 1, "created_by_id": users[0],
                                "reply_deadline": date(2024, 9, 1) + timedelta(days=case_id % 30),
                                "created_at": at,
                                "answered_at": at if case_id % 7 == 0 else None})
        db.execute(insert(Decision), decisions)
        db.execute(insert(DeficiencyNotice), notices)
        db.execute(update(Case).where(Case.status != "not_started")
                   .values(assignee_id=users[0]))
    with ws.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def run(ws_dir: Path, db_url: str | None, dependents: int) -> int:
    password = secrets.token_urlsafe(12)
    init_workspace(ws_dir, db_url, "admin", password)
    with open_session(ws_dir, "admin", password) as admin:
        add_user(admin, "examiner", "examiner", password)
        add_user(admin, "supervisor", "supervisor", password)
        populate(admin, dependents)
        add_work(admin)
    with open_session(ws_dir, "supervisor", password) as ws:
        ms = measure("progress report", lambda: progress_report(ws, date(2024, 9, 20)).total)
    return 0 if ms <= BUDGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dependents", type=int, default=100_000)
    parser.add_argument("--pg", action="store_true", help="on a throw-away PostgreSQL server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.pg:
            return run(Path(tmp) / "ws", None, args.dependents)
        from pg import PgServer

        server = PgServer()
        server.start()
        try:
            return run(Path(tmp) / "ws", server.create_database(), args.dependents)
        finally:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
