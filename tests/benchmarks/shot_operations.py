"""Screenshots of issue 10's dialogs, to look at: the upgrade question an admin gets on an older
workspace, the message an examiner gets there, and the crash dialog over the main window.

    uv run python tests/benchmarks/shot_operations.py [/tmp/shots-i10] [--lang en]
        [--size 1366x768]

Runs on the offscreen platform unless QT_QPA_PLATFORM says otherwise (xvfb-run works too).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # helpers_upgrade
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers_upgrade import at_revision, filled_workspace

from reviewer_app.ui.app import create_application
from reviewer_app.ui.crash import CrashReporter
from reviewer_app.ui.login import LoginDialog
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.settings import LANGUAGE, Settings
from reviewer_app.ui.tasks import TaskManager


def _spin(condition: object, app: QtWidgets.QApplication, ms: int = 60_000) -> None:
    timer = QtCore.QElapsedTimer()
    timer.start()
    while not condition() and timer.elapsed() < ms:  # type: ignore[operator]
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/shots-i10"))
    parser.add_argument("--lang", default="ja")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    root = Path(tempfile.mkdtemp(prefix="shot-ops-"))
    settings = Settings(QtCore.QSettings(str(root / "settings.ini"),
                                         QtCore.QSettings.Format.IniFormat))
    settings.set(LANGUAGE, args.lang)
    app = create_application(settings=settings)
    tasks = TaskManager(args.lang)
    filled = filled_workspace(root, None)
    old = root / "old"
    at_revision(filled, old, None)
    suffix = f"{args.lang}-{args.size}"

    # The admin's question: grab it while it is open, then answer No.
    def grab_question() -> None:
        box = app.activeModalWidget()
        if isinstance(box, QtWidgets.QMessageBox):
            box.grab().save(str(args.out / f"upgrade-question-{suffix}.png"))
            box.reject()
        else:
            QtCore.QTimer.singleShot(100, grab_question)

    dialog = LoginDialog(tasks, old, user="admin")
    dialog.show()
    dialog.password_edit.setText(filled.passwords["admin"])
    QtCore.QTimer.singleShot(100, grab_question)
    dialog.submit()
    _spin(lambda: tasks.is_idle() and dialog.message.isVisible()
          and not dialog.message.text().endswith("…"), app)
    dialog.grab().save(str(args.out / f"upgrade-declined-{suffix}.png"))
    dialog.close()

    examiner = LoginDialog(tasks, old, user="examiner")
    examiner.show()
    examiner.password_edit.setText(filled.passwords["examiner"])
    examiner.submit()
    _spin(lambda: tasks.is_idle() and examiner.message.isVisible()
          and "…" not in examiner.message.text(), app)
    examiner.grab().save(str(args.out / f"upgrade-examiner-{suffix}.png"))
    examiner.close()

    # The crash dialog over the main window of the (current) source workspace.
    login = LoginDialog(tasks, filled.dir, user="examiner")
    login.password_edit.setText(filled.passwords["examiner"])
    login.submit()
    _spin(lambda: login.session is not None, app)
    window = MainWindow(login.session, tasks, settings)
    window.resize(width, height)
    window.show()
    _spin(lambda: window.queue.model.rowCount() > 0, app)
    crash = CrashReporter(root / "log" / "reviewer-app.log")
    crash.install()

    def buggy() -> None:
        raise KeyError("an unexpected bug")

    QtCore.QTimer.singleShot(0, buggy)
    _spin(lambda: crash.dialog is not None, app)
    app.processEvents()
    dialog_box = crash.dialog
    assert dialog_box is not None
    dialog_box.move(window.geometry().center() - dialog_box.rect().center())
    _spin(lambda: False, app, 300)
    screen = _with_dialog(window, dialog_box)
    screen.save(str(args.out / f"crash-{suffix}.png"))  # type: ignore[attr-defined]
    crash.uninstall()
    window.close()
    tasks.wait_idle()
    tasks.shutdown()
    print(f"screenshots in {args.out}")
    return 0


def _with_dialog(window: QtWidgets.QWidget, dialog: QtWidgets.QWidget) -> object:
    """The window with the dialog painted where it stands (offscreen has no compositor)."""
    from reviewer_app.ui.qt import QtGui

    image = window.grab().toImage()
    painter = QtGui.QPainter(image)
    top_left = dialog.geometry().topLeft() - window.geometry().topLeft()
    painter.drawPixmap(top_left, dialog.grab())
    painter.end()
    return image


if __name__ == "__main__":
    sys.exit(main())
