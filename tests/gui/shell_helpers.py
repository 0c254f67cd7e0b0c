"""Shared setup of the window-shell tests: a real demo workspace (made once per test process and
copied per test), a task manager, temporary settings, and helpers to sign in and wait.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.commands.demo import DEMO_SEED, ensure_demo_workspace
from reviewer_app.domain.dates import YearMonth
from reviewer_app.ui.case.conflicts import ConflictResolver
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.login import LoginDialog
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

TIMEOUT_MS = 30_000
DEMO_MEMBERS = 5  # enough for a multi-page PDF and a HEIC photo (seed DEMO_SEED)

_TEMPLATE: dict[str, Path] = {}


def demo_template() -> tuple[Path, dict[str, str]]:
    """One demo workspace per test process (creation takes seconds), removed at exit."""
    if "dir" not in _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="reviewer-shell-tests-"))
        atexit.register(shutil.rmtree, root, True)
        ensure_demo_workspace(root / "demo", members=DEMO_MEMBERS, seed=DEMO_SEED)
        _TEMPLATE["dir"] = root / "demo"
    demo = ensure_demo_workspace(_TEMPLATE["dir"])
    return demo.dir, demo.passwords


@dataclass
class Demo:
    dir: Path
    passwords: dict[str, str]


@pytest.fixture(name="demo")
def demo_fixture(tmp_path: Path) -> Demo:
    """A fresh copy of the demo workspace (each test changes cases freely)."""
    source, passwords = demo_template()
    target = tmp_path / "demo"
    shutil.copytree(source, target)
    return Demo(target, passwords)


@pytest.fixture(name="settings")
def settings_fixture(tmp_path: Path) -> Settings:
    store = QtCore.QSettings(str(tmp_path / "settings.ini"), QtCore.QSettings.Format.IniFormat)
    return Settings(store)


@contextmanager
def task_manager() -> Iterator[TaskManager]:
    """A task manager whose worker thread has ended when the block is left, after delivering what
    was queued (a worker left running would call back into the next test's widgets)."""
    manager = TaskManager("ja")
    try:
        yield manager
    finally:
        idle = manager.wait_idle()
        manager.shutdown()  # joins the worker thread
    assert idle, "background tasks were still running when the test ended"


@pytest.fixture(name="messages")
def messages_fixture(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of information boxes, shown to nobody (they would wait for a click)."""
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "information",
                        lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture(name="tasks")
def tasks_fixture(qtbot: QtBot) -> Iterator[TaskManager]:
    with task_manager() as manager:
        yield manager


def wait(qtbot: QtBot, condition: Callable[[], object], timeout: int = TIMEOUT_MS) -> None:
    qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)


def close_windows(*windows: QtWidgets.QWidget) -> None:
    for window in windows:
        window.close()


def first_case_with(window: MainWindow, media_prefix: str) -> int:
    """The id of the first loaded case whose documents include ``media_prefix`` files."""
    service = window.case_service
    for row in window.queue.model.loaded_rows():
        detail = service.open_case(row.case_id, take=False)
        for doc in detail.documents:
            if any(a.media_type.startswith(media_prefix) for a in doc.attachments):
                return int(row.case_id)
    raise AssertionError(f"no case with {media_prefix} in the demo workspace")


def find_attachment(window: MainWindow, media_prefix: str,
                    accept: Callable[[bytes], bool] = lambda data: True) -> tuple[int, int]:
    """(case id, attachment id) of the first loaded case with a matching attachment."""
    service = window.case_service
    for row in window.queue.model.loaded_rows():
        detail = service.open_case(row.case_id, take=False)
        for doc in detail.documents:
            for att in doc.attachments:
                if att.media_type.startswith(media_prefix) and accept(
                        service.attachment_bytes(att.attachment_id)):
                    return int(row.case_id), int(att.attachment_id)
    raise AssertionError(f"no {media_prefix} attachment in the demo workspace")


W = TypeVar("W", bound=QtWidgets.QWidget)


def child(parent: QtWidgets.QWidget, kind: type[W], name: str) -> W:
    """The widget named ``name`` (its object name, never its translated text) under ``parent``."""
    found = parent.findChild(kind, name)
    assert isinstance(found, kind), f"no {kind.__name__} named {name!r}"
    return found


def save_state(view: QtWidgets.QWidget) -> str:
    """What the case header says about saving (``saveState``)."""
    return child(view, QtWidgets.QLabel, "saveState").text()


def pdf_pages(data: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return int(doc.page_count)


def sign_in(qtbot: QtBot, tasks: TaskManager, demo: Demo, user: str,
            password: str | None = None) -> LoginDialog:
    dialog = LoginDialog(tasks, demo.dir, user=user)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText(demo.passwords[user] if password is None else password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    return dialog


def open_window(qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo,
                user: str = "examiner",
                resolve_conflict: ConflictResolver | None = None) -> MainWindow:
    """Sign in through the dialog and show the main window with its queue loaded;
    ``resolve_conflict`` answers a conflicting income save instead of the dialog."""
    dialog = sign_in(qtbot, tasks, demo, user)
    wait(qtbot, lambda: dialog.session is not None)
    assert dialog.session is not None
    if resolve_conflict is None:
        window = MainWindow(dialog.session, tasks, settings)
    else:
        window = MainWindow(dialog.session, tasks, settings, resolve_conflict=resolve_conflict)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    wait(qtbot, lambda: window.queue.model.rowCount() > 0)
    return window


def open_case(qtbot: QtBot, window: MainWindow, case_id: int) -> CaseView:
    """Open ``case_id`` from the queue as a person would (select, Enter); the case view."""
    window.show_queue()
    window.queue.select_case(case_id)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    view = window.case_view
    wait(qtbot, lambda: view.detail is not None and view.detail.case_id == case_id
         and not view.is_loading)
    return view


def case_with_months(qtbot: QtBot, window: MainWindow, size: tuple[int, int],
                     amounts: list[int | None], *, saved: str = "保存しました",
                     employer: str | None = None) -> CaseView:
    """The window at ``size`` with a demo case holding a PDF open, ``amounts`` typed into its
    month grid from January of the target year (an employer added, named ``employer``, when it
    has none), shown on 収入 and saved (``saved``: the save line's word in its language)."""
    window.resize(*size)
    view = open_case(qtbot, window, first_case_with(window, "application/pdf"))
    assert view.detail is not None
    tab = view.income_tab
    if not tab.employers_model.rowCount():
        tab.employers_model.add_record()
        if employer is not None:
            tab.employers_model.setData(tab.employers_model.index(0, 0), employer)
    tab.grid_model.set_amounts(0, YearMonth(view.detail.target_year, 1), amounts)
    view.tabs.setCurrentWidget(tab)
    wait(qtbot, lambda: saved in save_state(view) and window.tasks.is_idle())
    return view
