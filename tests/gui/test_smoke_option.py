"""``reviewer-app gui --smoke-test``, the non-interactive run CI uses on the packaged app: it
passes on a real demo workspace and fails, with a reason, when the sign-in is refused. Run as a
child process, as CI runs it (its own QApplication and event loop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shell_helpers import Demo, demo_fixture  # noqa: F401 (demo_fixture is a fixture)

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _smoke(demo: Demo, password_file: Path, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REVIEWER_APP_LOG_DIR": str(log_dir)}
    return subprocess.run(
        [sys.executable, "-m", "reviewer_app", "gui", "--workspace", str(demo.dir),
         "--smoke-test", "--user", "examiner", "--password-file", str(password_file),
         "--smoke-timeout", "120"],
        env=env, capture_output=True, text=True, timeout=300)


def test_the_smoke_test_signs_in_opens_a_pdf_case_and_quits_with_0(
        demo: Demo, tmp_path: Path) -> None:
    password = tmp_path / "examiner.txt"
    password.write_text(demo.passwords["examiner"] + "\n", encoding="utf-8")
    proc = _smoke(demo, password, tmp_path / "log")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "smoke test passed: signed in as examiner, opened case" in proc.stdout
    assert "its first PDF page shown (rendered in a child process)" in proc.stdout
    assert proc.stderr == ""  # Qt's and the libraries' messages went to the log file
    log = (tmp_path / "log" / "reviewer-app.log").read_text(encoding="utf-8")
    assert "event login.ok" in log and "event document.open" in log


def test_the_smoke_test_fails_with_the_reason_when_sign_in_is_refused(
        demo: Demo, tmp_path: Path) -> None:
    password = tmp_path / "wrong.txt"
    password.write_text("not-the-password\n", encoding="utf-8")
    proc = _smoke(demo, password, tmp_path / "log")
    assert proc.returncode == 1
    assert "smoke test failed: sign-in refused" in proc.stderr
    assert "passed" not in proc.stdout
