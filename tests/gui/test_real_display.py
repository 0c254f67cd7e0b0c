"""The window on a real X server (issue 13 §1): CI runs offscreen everywhere else, which never
loads Qt's xcb plugin nor asks a window server to compose anything. Here the window runs under
Xvfb (``xvfb-run``), signs in, opens a case with a PDF, and grabs the SCREEN once the first page
is painted; the test checks that the picture is a real screen with a window on it, not blank."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shell_helpers import Demo, demo_fixture  # noqa: F401 (demo_fixture is a fixture)

from reviewer_app.ui.qt import QtGui

pytestmark = [pytest.mark.gui, pytest.mark.slow]
SIZE = (1440, 900)


@pytest.fixture
def xvfb_run() -> str:
    found = shutil.which("xvfb-run")
    if found is None:
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail("CI=true but xvfb-run is missing (.ci/run installs xvfb)")
        pytest.skip("xvfb-run is not installed")
    return found


def test_the_window_draws_a_case_on_a_real_x_server(demo: Demo, tmp_path: Path,
                                                     xvfb_run: str) -> None:
    password = tmp_path / "examiner.txt"
    password.write_text(demo.passwords["examiner"] + "\n", encoding="utf-8")
    shot = tmp_path / "screen.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    env["REVIEWER_APP_LOG_DIR"] = str(tmp_path / "log")
    proc = subprocess.run(
        [xvfb_run, "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24",
         sys.executable, "-m", "reviewer_app", "gui", "--workspace", str(demo.dir),
         "--smoke-test", "--user", "examiner", "--password-file", str(password),
         "--smoke-timeout", "150", "--smoke-screenshot", str(shot)],
        env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "its first PDF page shown" in proc.stdout
    image = QtGui.QImage(str(shot))
    assert (image.width(), image.height()) == SIZE  # the X server's screen, not a widget grab
    # not blank: many distinct colours across the screen (text, the page, the tables)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 7)}
    assert len(colours) > 50
