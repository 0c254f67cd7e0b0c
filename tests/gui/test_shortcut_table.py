"""Issue 13: F1 and ヘルプ → ショートカット open one table of every shortcut of the window, read
from its actions at run time (Japanese and English)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    demo_fixture,
    first_case_with,
    open_case,
    open_window,
    settings_fixture,
    tasks_fixture,
    wait,
)

from reviewer_app.ui.i18n import install_translator
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt, QtGui, QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.shortcut_table import ShortcutDialog
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

NATIVE = QtGui.QKeySequence.SequenceFormat.NativeText


def _actions_with_keys(window: MainWindow) -> list[QtGui.QAction]:
    found: dict[int, QtGui.QAction] = {}
    for widget in [window, *window.findChildren(QtWidgets.QWidget)]:
        for action in widget.actions():
            if any(not s.isEmpty() for s in action.shortcuts()):
                found[id(action)] = action
    return list(found.values())


def _table(dialog: ShortcutDialog) -> list[tuple[str, str, str]]:
    table = dialog.table

    def text(r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text() if item is not None else ""

    return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(table.rowCount())]


def _check_every_action_is_listed(window: MainWindow, dialog: ShortcutDialog) -> None:
    rows = _table(dialog)
    actions = _actions_with_keys(window)
    assert len(actions) > 20  # menus, the case header, the viewer, the income tab, the queue
    for action in actions:
        for sequence in action.shortcuts():
            keys = sequence.toString(NATIVE)
            listed = [r for r in rows if keys in r[1].split(" / ")]
            assert listed, f"{keys} ({action.text()}) is not in the table"
            assert all(r[0] for r in listed)  # every row says what the key does


def test_f1_opens_the_table_with_every_action_that_has_a_shortcut(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = open_case(qtbot, window, first_case_with(window, "application/pdf"))
    view.income_tab.grid.setFocus()
    window.activateWindow()
    wait(qtbot, lambda: QtWidgets.QApplication.activeWindow() is window)
    qtbot.keyClick(view.income_tab.grid, Qt.Key.Key_F1)
    dialog = window.shortcut_dialog
    assert dialog is not None and dialog.isVisible()
    _check_every_action_is_listed(window, dialog)
    rows = _table(dialog)
    assert ("ショートカット", "F1", "どこでも") in rows
    assert any(r[1] == "Alt+Left" and r[0] == "キューに戻る" and r[2] == "案件画面" for r in rows)
    assert any(r[1] == "Ctrl+3" and r[2] == "書類ビューア" for r in rows)


def test_the_help_menu_lists_the_shortcuts_entry(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="supervisor")
    help_menu = window.menuBar().actions()[-1].menu()
    assert isinstance(help_menu, QtWidgets.QMenu)
    entry = next(a for a in help_menu.actions() if a.text() == "ショートカット")
    entry.trigger()
    dialog = window.shortcut_dialog
    assert dialog is not None and dialog.isVisible()
    _check_every_action_is_listed(window, dialog)


@pytest.fixture
def english() -> Iterator[None]:
    app = QtWidgets.QApplication.instance()
    assert app is not None
    translator = install_translator(app, "en")
    assert translator is not None
    yield
    app.removeTranslator(translator)


def test_the_table_is_english_in_the_english_ui(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo, english: None) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    open_case(qtbot, window, first_case_with(window, "application/pdf"))
    window.shortcuts_action.trigger()
    dialog = window.shortcut_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Keyboard shortcuts"
    rows = _table(dialog)
    assert ("Keyboard shortcuts", "F1", "Anywhere") in rows
    assert any(r[1] == "Alt+Left" and r[0] == "Back to the queue" for r in rows)
    _check_every_action_is_listed(window, dialog)
