"""A results export for 10,000 dependents: time and peak memory (issue 7, "Tests and
measurements").

    uv run python tests/benchmarks/bench_results.py                  # SQLite, 10,000 dependents
    uv run python tests/benchmarks/bench_results.py --dependents 2000

The workspace is filled as bench_queue.py fills it (sealed personal data, one case per
dependent, statuses spread over the five), then every 不備連絡中 case gets a sealed notice of two
items and every 完了 case a proposal and an approval with an evaluation snapshot, as the services
write them. Printed: the full export (every dependent), an incremental export with nothing
changed, the file size, and the peak memory (tracemalloc's Python peak and the process's
maximum resident set).
"""

from __future__ import annotations

import argparse
import resource
import secrets
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queue import populate
from sqlalchemy import select

from reviewer_app.security import keys
from reviewer_app.services.results import export_results, trust_web_system
from reviewer_app.services.users import add_user
from reviewer_app.services.workspace import init_workspace, open_session
from reviewer_app.store.models import Case, Decision, DeficiencyNotice


def decorate(ws: object) -> tuple[int, int]:
    """Notices for 不備連絡中 cases, proposal + approval for 完了 ones; returns the counts."""
    from reviewer_app.services.session import WorkspaceSession

    assert isinstance(ws, WorkspaceSession)
    mk, now = ws.master_key, datetime.now(UTC)
    notices = decided = 0
    with ws.transaction() as db:
        for case in db.scalars(select(Case)):
            if case.status == "notice_sent":
                row = DeficiencyNotice(case_id=case.id, item_count=2,
                                       reply_deadline=date(2024, 10, 31),
                                       created_by_id=ws.user.id, created_at=now)
                db.add(row)
                db.flush()
                row.seal_json_into("items_sealed", mk, {"items": [
                    {"document_key": "doc-1", "title": "給与明細書(12ヶ月分)",
                     "reason": "unreadable", "note": "4月分がぼやけています",
                     "what_to_submit": "読めるように撮影し直した給与明細書"},
                    {"document_key": "missing-bonus_slip", "title": "賞与明細書",
                     "reason": "missing", "note": "", "what_to_submit": "賞与明細書"}],
                    "message": "お手数ですが再提出をお願いします。", "issued_on": "2024-10-03"})
                notices += 1
            elif case.status == "done":
                exclude = case.id % 4 == 0
                snapshot = {"evaluation": {"verdict": "exclude" if exclude else "continue",
                                           "exclusion": {"rule": "three_consecutive_months",
                                                         "date": "2024-02-16"} if exclude
                                           else {}, "recertification": {"date": None}},
                            "profile": "default", "sheet_version": 1}
                proposal = Decision(case_id=case.id, kind="proposal",
                                    verdict="exclude" if exclude else "continue",
                                    exclusion_date=date(2024, 2, 16) if exclude else None,
                                    decided_by_id=ws.user.id, decided_at=now)
                db.add(proposal)
                db.flush()
                approval = Decision(case_id=case.id, kind="approval", verdict=proposal.verdict,
                                    exclusion_date=proposal.exclusion_date,
                                    proposal_id=proposal.id, decided_by_id=ws.user.id,
                                    decided_at=now)
                db.add(approval)
                db.flush()
                approval.seal_json_into("evaluation_sealed", mk, snapshot)
                decided += 1
    return notices, decided


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dependents", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-results-") as tmp:
        root = Path(tmp)
        password = secrets.token_urlsafe(12)
        init_workspace(root / "ws", None, "admin", password)
        with open_session(root / "ws", "admin", password) as admin:
            add_user(admin, "supervisor", "supervisor", password + "s")
            trust_web_system(admin, keys.public_key_to_text(
                keys.generate_recipient_key().public_key()))
            started = time.perf_counter()
            populate(admin, args.dependents)
            notices, decided = decorate(admin)
            print(f"filled {args.dependents:,} dependents ({notices:,} notices, {decided:,} "
                  f"approvals) in {time.perf_counter() - started:.1f} s")
        with open_session(root / "ws", "supervisor", password + "s") as ws:
            started = time.perf_counter()
            full = export_results(ws, root / "results-1.zip", full=True)
            seconds = time.perf_counter() - started
            print(f"full export: {full.dependents:,} dependents, {full.notices:,} notices, "
                  f"{full.bytes / 1e6:.2f} MB in {seconds:.2f} s "
                  f"({full.dependents / seconds:,.0f} dependents/s)")
            # memory in a second run: tracemalloc slows Python down several times
            tracemalloc.start()
            export_results(ws, root / "results-1b.zip", full=True)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  Python heap peak during a full export {peak / 1e6:.1f} MB")
            started = time.perf_counter()
            empty = export_results(ws, root / "results-2.zip")
            print(f"incremental export, nothing changed: {empty.dependents} dependents in "
                  f"{time.perf_counter() - started:.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
