"""An import killed with SIGKILL part-way leaves the database intact and empty of its rows; a
second import then completes. The import runs in a child process, and the kill comes at a point
the test observes rather than guesses: the child's progress callback (called inside the import's
one transaction after each submission) writes a marker file once half the bundle is stored, and
waits there for the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import pytest
from helpers_import import (  # noqa: F401 (ws_fixture provides the fixture ws)
    Ws,
    bundle_keys,
    make_workspace,
    ws_fixture,
)
from helpers_synthetic import write_synthetic_bundle
from sqlalchemy import func, select

from reviewer_app.services.importing import import_bundle
from reviewer_app.store.engine import create_engine_for
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Case,
    Dependent,
    Import,
    Member,
    SubmissionRevision,
)

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

# The child: the CLI's import with a progress callback that marks the halfway point and waits
# there, inside the transaction, with half the rows written and none committed.
CHILD = r"""
import sys, time
from pathlib import Path
from reviewer_app.services.importing import import_bundle
from reviewer_app.services.workspace import open_session

directory, user, password_file, bundle, marker = sys.argv[1:6]
password = Path(password_file).read_text(encoding="utf-8").strip()

def progress(done, total):
    if done * 2 >= total and not Path(marker).exists():
        Path(marker).write_text(f"{done}/{total}")
        time.sleep(300)  # the test kills the process here

with open_session(Path(directory), user, password) as ws:
    import_bundle(ws, Path(bundle), progress=progress)
"""



def _counts(ws: Ws) -> dict[str, int]:
    engine = create_engine_for(ws.url)
    try:
        with engine.connect() as conn:
            out = {m.__tablename__: int(conn.scalar(select(func.count()).select_from(m)) or 0)
                   for m in (Import, Member, Dependent, SubmissionRevision, Case, Attachment,
                             AttachmentBlob)}
            if ws.backend == "sqlite":
                out["integrity_ok"] = int(
                    conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok")
            return out
    finally:
        engine.dispose()


def test_sigkill_part_way_leaves_nothing_and_a_second_import_completes(
        ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    bundle = tmp_path / "big.zip"
    counts = write_synthetic_bundle(bundle, keys, 45)  # about 220 MB
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    log_path = tmp_path / "import.stderr"
    with open(log_path, "wb") as log:
        _import_and_kill(ws, bundle, tmp_path / "halfway", env, log, log_path)
    _check_after_kill(ws, bundle, counts)


def _import_and_kill(ws: Ws, bundle: Path, marker: Path, env: dict[str, str], log: BinaryIO,
                     log_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ws.dir), "examiner", str(ws.passwords["examiner"]),
         str(bundle), str(marker)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():  # the point we observe, not a guessed byte count
            assert proc.poll() is None, log_path.read_text(errors="replace")
            assert time.monotonic() < deadline, "the import did not reach its halfway point"
            time.sleep(0.05)
        done, total = (int(n) for n in marker.read_text().split("/"))
        assert 0 < done < total  # part-way: some submissions stored, not all
        if ws.backend == "sqlite":
            wal = ws.dir / "workspace.sqlite3-wal"
            assert wal.exists() and wal.stat().st_size > 1_000_000  # it was writing
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _check_after_kill(ws: Ws, bundle: Path, counts: dict[str, int]) -> None:
    # PostgreSQL rolls the dead client's transaction back when it notices the closed socket.
    deadline = time.monotonic() + 30
    while True:
        after_kill = _counts(ws)
        if after_kill["imports"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    expected_empty = {"imports": 0, "members": 0, "dependents": 0, "submission_revisions": 0,
                      "cases": 0, "attachments": 0, "attachment_blobs": 0}
    assert {k: v for k, v in after_kill.items() if k != "integrity_ok"} == expected_empty
    if ws.backend == "sqlite":
        assert after_kill["integrity_ok"] == 1
    summary = import_bundle(ws.login("examiner"), bundle)
    assert (summary.new, summary.attachments) == (counts["members"], counts["files"])
    final = _counts(ws)
    assert final["attachment_blobs"] == counts["files"] and final["members"] == counts["members"]
    if ws.backend == "sqlite":
        assert final["integrity_ok"] == 1
