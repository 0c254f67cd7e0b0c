"""Save a screenshot of the 進捗 page with a season of 100,000 cases, to look at.

    xvfb-run -s "-screen 0 1440x900x24" uv run python tests/benchmarks/shot_progress.py \
        [/tmp/progress.png] [--lang en] [--size 1440x900]

Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))  # progress_samples

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from progress_samples import sample_report

from reviewer_app.ui.app import create_application
from reviewer_app.ui.progress_view import ProgressView
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.settings import LANGUAGE, Settings
from reviewer_app.ui.tasks import TaskManager


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/progress.png"))
    parser.add_argument("--lang", default="ja")
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--today", default="2024-08-20")
    args = parser.parse_args()
    settings_dir = tempfile.mkdtemp(prefix="shot-progress-")
    settings = Settings(QtCore.QSettings(str(Path(settings_dir) / "settings.ini"),
                                         QtCore.QSettings.Format.IniFormat))
    settings.set(LANGUAGE, args.lang)
    app = create_application([sys.argv[0]], settings)
    tasks = TaskManager(args.lang)
    today = date.fromisoformat(args.today)
    report = sample_report(scale=100, today=today)
    window = QtWidgets.QMainWindow()
    view = ProgressView(tasks, lambda _day: report, today=lambda: today)
    window.setCentralWidget(view)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    view.refresh()
    tasks.wait_idle()
    timer = QtCore.QElapsedTimer()
    timer.start()
    while timer.elapsed() < 500:
        app.processEvents()
    window.grab().save(str(args.out))
    print(args.out)
    tasks.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
