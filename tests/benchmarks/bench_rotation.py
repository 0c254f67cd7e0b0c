"""Master-key rotation benchmark (issue 8 §3): ``uv run python tests/benchmarks/bench_rotation.py
[--gb 1.0]``.

Builds a SQLite workspace holding about ``--gb`` GB of documents (a synthetic bundle imported
through the services, as bench_backup.py does), adds a user, then in a child process (so the peak
RSS is its own) disables that user as an admin: one transaction that signs the grant and rotates
the master key (data keys and small values re-sealed, documents untouched). Prints the wall time,
what was re-sealed, and the peak memory. The product's key-wrapping cost is used (not the tests').
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "benchmarks"), str(ROOT)]

from bench_backup import build  # noqa: E402 (after the path set-up above)


def _child(directory: str, password: str, out: Any) -> None:
    from sqlalchemy import select

    from reviewer_app.services.users import disable_user
    from reviewer_app.services.workspace import open_session
    from reviewer_app.store.models import AuditEvent

    with open_session(Path(directory), "admin", password) as admin:
        tracemalloc.start()
        start = time.perf_counter()
        disable_user(admin, "leaver")
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        with admin.transaction(readonly=True) as db:
            details = db.scalars(select(AuditEvent.details).where(
                AuditEvent.action == "master_key.rotate")).one()
    out.send({"elapsed": elapsed, "traced_peak": peak, "details": json.loads(details),
              "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="documents in the workspace (GB)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-rotation-", dir=args.workdir))
    try:
        directory, documents, built = build(workdir, args.gb)
        from reviewer_app.services.users import add_user
        from reviewer_app.services.workspace import open_session

        password = (workdir / "build" / "admin.password").read_text(encoding="utf-8").strip()
        with open_session(directory, "admin", password) as admin:
            add_user(admin, "leaver", "examiner", "a leaver's long passphrase")
        database = (directory / "workspace.sqlite3").stat().st_size
        print(f"workspace: {documents / 1e9:.2f} GB of documents, database "
              f"{database / 1e9:.2f} GB (built in {built:.0f} s)")
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(str(directory), password, child))
        proc.start()
        result: dict[str, Any] = parent.recv()
        proc.join()
        d = result["details"]
        print(f"  disable + rotate  {result['elapsed']:6.2f} s   re-sealed {d['values']} values "
              f"and {d['documents']} data keys (documents untouched), {d['users']} users given "
              f"the new key; peak RSS {result['maxrss_kib'] / 1024:.0f} MiB, tracemalloc peak "
              f"{result['traced_peak'] / 2**20:.1f} MiB")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
