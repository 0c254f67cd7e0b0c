"""Issue 13: when the lock screen shows, the password field has the keyboard focus (the examiner
types the password at once, without a click)."""

from __future__ import annotations

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

from reviewer_app.ui.qt import Qt, QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_the_password_field_has_focus_when_the_idle_lock_shows_over_a_case(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    window.activateWindow()
    wait(qtbot, lambda: QtWidgets.QApplication.activeWindow() is window)
    view = open_case(qtbot, window, first_case_with(window, "application/pdf"))
    view.income_tab.grid.setFocus()
    wait(qtbot, view.income_tab.grid.hasFocus)
    window.idle.set_interval_ms(200)
    wait(qtbot, lambda: window.locked)
    window.idle.set_interval_ms(600_000)
    edit = window.lock_page.password_edit
    wait(qtbot, edit.hasFocus)
    assert QtWidgets.QApplication.focusWidget() is edit


def test_the_password_field_has_focus_after_a_refused_password_and_after_a_second_lock(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    window.activateWindow()
    wait(qtbot, lambda: QtWidgets.QApplication.activeWindow() is window)
    window.queue.table.setFocus()
    window.lock()
    edit = window.lock_page.password_edit
    wait(qtbot, edit.hasFocus)
    edit.setText("wrong-password")
    window.lock_page.unlock_button.click()
    wait(qtbot, lambda: window.lock_page.message.isVisible() and edit.isEnabled())
    wait(qtbot, edit.hasFocus)



@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_password_field_has_focus_after_locking_from_the_menu_by_keyboard(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    # Alt+V, then the menu's 画面をロック: the menu bar gives the focus back when it closes.
    window = open_window(qtbot, tasks, settings, demo)
    window.activateWindow()
    wait(qtbot, lambda: QtWidgets.QApplication.activeWindow() is window)
    window.queue.table.setFocus()
    wait(qtbot, window.queue.table.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    menu = window.lock_action.associatedObjects()[0]
    assert isinstance(menu, QtWidgets.QMenu)
    wait(qtbot, menu.isVisible)
    menu.setActiveAction(window.lock_action)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    wait(qtbot, lambda: window.locked and not menu.isVisible())
    # the window's focus widget (the offscreen platform leaves the closed menu "active"), once
    # the events in flight were delivered
    qtbot.waitUntil(lambda: window.focusWidget() is window.lock_page.password_edit,
                    timeout=5000)
