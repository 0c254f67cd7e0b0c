"""The window of the suggestion tests (issue 11): a real MainWindow on the ``workspace``
fixture's SQLite workspace, signed in as the examiner, and key events counted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from shell_helpers import open_case, task_manager, wait

from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt, QtWidgets
from reviewer_app.ui.settings import Settings

Mod = Qt.KeyboardModifier


class Keys:
    """Key events to whatever has the keyboard focus, each one counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.clicks = 0  # only the typed-by-hand walkthrough needs the mouse

    def click(self, widget: QtWidgets.QWidget, pos: Any = None) -> None:
        self.clicks += 1
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
        QtWidgets.QApplication.processEvents()

    def focus(self) -> QtWidgets.QWidget:
        widget = QtWidgets.QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier: Mod = Mod.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focus(), key, modifier)
        # the event loop runs between two keystrokes of a person (a delegate commits queued)
        QtWidgets.QApplication.processEvents()

    def type(self, text: str) -> None:
        for char in text:
            self.count += 1
            self.qtbot.keyClicks(self.focus(), char)
            QtWidgets.QApplication.processEvents()

    def tab_to(self, target: QtWidgets.QWidget, limit: int = 40) -> None:
        """Tab until ``target`` (or a widget inside it) has the focus."""
        for _ in range(limit):
            focus = QtWidgets.QApplication.focusWidget()
            if focus is target or (focus is not None and target.isAncestorOf(focus)):
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target!r}")


@pytest.fixture(name="window")
def window_fixture(qtbot: QtBot, workspace: Any, settings: Settings,
           request: pytest.FixtureRequest) -> Iterator[MainWindow]:
    read = bool(getattr(request, "param", True))
    with task_manager() as tasks:
        session = workspace.login("examiner")
        main = MainWindow(session, tasks, settings, read_documents=read)
        qtbot.addWidget(main)
        main.resize(1440, 900)
        main.show()
        wait(qtbot, lambda: main.queue.model.rowCount() > 0)
        try:
            yield main
        finally:
            view = main.case_view
            if view.suggestions is not None:
                assert view.suggestions.wait_idle(120)
            main.close()




def open_case_from_queue(qtbot: QtBot, window: MainWindow, case_id: int) -> CaseView:
    """Open ``case_id`` from the queue with Enter and wait for its suggestions."""
    view = open_case(qtbot, window, case_id)
    wait(qtbot, lambda: view.income_tab.suggested.found is not None, timeout=120_000)
    return view
