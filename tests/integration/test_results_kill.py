"""An export killed part-way (SIGKILL) leaves nothing under the target name and nothing in the
database; the next export is still number 1 (issue 7 §6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from workspace_fixture import WorkspaceFixture

from reviewer_app.security import keys
from reviewer_app.services.results import export_results, trust_web_system
from reviewer_app.store.models import AuditEvent, ResultsExport

CHILD = r"""
import sys, time
from pathlib import Path
from reviewer_app.bundle import results
from reviewer_app.services.results import export_results
from reviewer_app.services.workspace import open_session

marker = Path(sys.argv[3])
original = results.ResultsWriter.close

def close_slowly(self):
    marker.write_text("writing")  # the temporary file holds the objects, not yet the manifest
    time.sleep(120)
    original(self)

results.ResultsWriter.close = close_slowly
with open_session(Path(sys.argv[1]), "supervisor", sys.argv[2]) as ws:
    export_results(ws, Path(sys.argv[4]))
"""


def test_sigkill_during_an_export_leaves_no_file_and_no_row(workspace: WorkspaceFixture,
                                                           tmp_path: Path) -> None:
    trust_web_system(workspace.login("admin"), keys.public_key_to_text(
        keys.generate_recipient_key().public_key()))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target, marker = out_dir / "results.zip", tmp_path / "marker"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(workspace.dir),
         workspace.accounts["supervisor"].password, str(marker), str(target)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():  # wait for the point we observe, not a guessed delay
            assert child.poll() is None, "the export ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert [p.name for p in out_dir.iterdir() if p.name.endswith(".tmp")]
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert not target.exists()
    supervisor = workspace.login("supervisor")
    with supervisor.transaction(readonly=True) as db:
        assert db.scalar(select(func.count()).select_from(ResultsExport)) == 0
        assert db.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "results.export")) == 0
    assert export_results(supervisor, target).sequence == 1 and target.exists()
