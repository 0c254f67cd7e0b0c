"""The window's crash dialog (issue 10 §4) and its upgrade offer on an older workspace (§3).

The crash test raises in a slot of the running event loop, as a bug would: the dialog is
non-modal, so nothing here waits on it. The upgrade tests sign in through the real dialog on a
workspace copied back to the first schema; only the yes/no question (a modal edge) is answered
by the test.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_upgrade import FIRST_REVISION, Filled, at_revision, filled_workspace
from pytestqt.qtbot import QtBot
from shell_helpers import tasks_fixture, wait  # noqa: F401 (tasks_fixture is a fixture)

from reviewer_app import applog
from reviewer_app.services.workspace import load_workspace
from reviewer_app.store import migrate
from reviewer_app.store.engine import create_engine_for
from reviewer_app.ui.crash import CrashReporter
from reviewer_app.ui.login import LoginDialog
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


# --- crash dialog ---------------------------------------------------------------------------------


@pytest.fixture
def reporter(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[CrashReporter, Path]]:
    log_path = tmp_path / "reviewer-app.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(applog.PrivacyFormatter(applog.FORMAT))
    logging.getLogger("reviewer_app.ui.crash").addHandler(handler)
    crash = CrashReporter(log_path)
    crash.install()
    try:
        yield crash, log_path
    finally:
        crash.uninstall()
        logging.getLogger("reviewer_app.ui.crash").removeHandler(handler)
        handler.close()
        if crash.dialog is not None:
            crash.dialog.close()


def test_an_exception_in_a_slot_shows_a_dialog_logs_without_data_and_the_window_goes_on(
        qtbot: QtBot, reporter: tuple[CrashReporter, Path]) -> None:
    crash, log_path = reporter
    window = QtWidgets.QPushButton("審査")
    qtbot.addWidget(window)
    window.show()
    clicks: list[int] = []

    def buggy_slot() -> None:
        clicks.append(1)
        raise ZeroDivisionError("山田 太郎 年収 1,234,567 円")

    window.clicked.connect(buggy_slot)
    QtCore.QTimer.singleShot(0, window.click)
    wait(qtbot, lambda: crash.dialog is not None and crash.dialog.isVisible())
    dialog = crash.dialog
    assert dialog is not None
    assert not dialog.isModal()
    text = dialog.text()
    assert "ZeroDivisionError" in text and "失われていません" in text and str(log_path) in text
    log = log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError (message withheld" in log and "buggy_slot" in log
    assert "山田" not in log and "1,234,567" not in log
    # The window keeps running: the next click is handled, and the open dialog only counts it.
    window.click()
    wait(qtbot, lambda: len(clicks) == 2 and crash.count == 2)
    assert crash.dialog is dialog and "2 回" in dialog.informativeText()
    dialog.close()
    wait(qtbot, lambda: crash.dialog is None)


def test_an_exception_on_another_thread_reaches_the_dialog_too(
        qtbot: QtBot, reporter: tuple[CrashReporter, Path]) -> None:
    import threading

    crash, log_path = reporter

    def worker() -> None:
        raise RuntimeError("佐藤 花子")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    wait(qtbot, lambda: crash.dialog is not None and crash.dialog.isVisible())
    assert "RuntimeError" in crash.dialog.text()  # type: ignore[union-attr]
    assert "佐藤" not in log_path.read_text(encoding="utf-8")


# --- upgrade offer ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    return filled_workspace(tmp_path_factory.mktemp("filled"), None)


@pytest.fixture
def old(filled: Filled, tmp_path: Path) -> Path:
    target = tmp_path / "old"
    at_revision(filled, target, None)
    return target


def _revision(directory: Path) -> str | None:
    engine = create_engine_for(load_workspace(directory).db_url)
    try:
        return migrate.current_revision(engine)
    finally:
        engine.dispose()


def _sign_in(qtbot: QtBot, tasks: TaskManager, directory: Path, user: str,
             password: str) -> LoginDialog:
    dialog = LoginDialog(tasks, directory, user=user)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText(password)
    dialog.submit()
    return dialog


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QtWidgets.QMessageBox.StandardButton,
            asked: list[str]) -> None:
    def question(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answer

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)


def test_an_admin_is_asked_and_the_upgrade_backs_up_first_then_signs_in(
        qtbot: QtBot, tasks: TaskManager, filled: Filled, old: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    _answer(monkeypatch, QtWidgets.QMessageBox.StandardButton.Yes, asked)
    dialog = _sign_in(qtbot, tasks, old, "admin", filled.passwords["admin"])
    wait(qtbot, lambda: dialog.session is not None)
    assert len(asked) == 1 and "バックアップ" in asked[0] and str(old / "backups") in asked[0]
    assert _revision(old) == migrate.head_revision()
    backups = list((old / "backups").iterdir())
    assert len(backups) == 1 and backups[0].suffix == ".rvbackup"
    assert "更新しました" in dialog.note.text()
    dialog.session.close()


def test_an_admin_who_declines_leaves_the_workspace_as_it_was(
        qtbot: QtBot, tasks: TaskManager, filled: Filled, old: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    _answer(monkeypatch, QtWidgets.QMessageBox.StandardButton.No, asked)
    dialog = _sign_in(qtbot, tasks, old, "admin", filled.passwords["admin"])
    wait(qtbot, lambda: bool(asked) and dialog.message.isVisible()
         and "更新しませんでした" in dialog.message.text())
    assert dialog.session is None and _revision(old) == FIRST_REVISION
    assert not (old / "backups").exists()


def test_an_examiner_is_told_an_admin_must_upgrade_first(
        qtbot: QtBot, tasks: TaskManager, filled: Filled, old: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    _answer(monkeypatch, QtWidgets.QMessageBox.StandardButton.Yes, asked)
    dialog = _sign_in(qtbot, tasks, old, "examiner", filled.passwords["examiner"])
    wait(qtbot, lambda: tasks.is_idle() and dialog.message.isVisible()
         and "管理者" in dialog.message.text())
    assert "更新できるのは管理者だけです" in dialog.message.text()
    assert asked == [] and dialog.session is None and _revision(old) == FIRST_REVISION
    # a wrong password says only that, as a normal sign-in would
    dialog.password_edit.setText("not-the-password")
    dialog.submit()
    wait(qtbot, lambda: tasks.is_idle() and "違います" in dialog.message.text())
    shutil.rmtree(old)
