"""Issue 13: no key sequence is bound twice where both bindings can be active at once (Qt calls
it "Ambiguous shortcut overload" and fires neither)."""

from __future__ import annotations

from dataclasses import dataclass

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
)

from reviewer_app.ui.qt import Qt, QtGui, QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.shortcut_table import window_actions
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

Context = Qt.ShortcutContext


@dataclass(frozen=True)
class Binding:
    """One key sequence of one action or shortcut, and where it is active."""

    keys: str
    context: Context
    widget: QtWidgets.QWidget
    name: str
    source: int  # id() of the action or shortcut: one action on two widgets is not a clash


def _scope_widget(widget: QtWidgets.QWidget) -> QtWidgets.QWidget:
    # An action in a menu answers its keys in the window the menu belongs to (Qt walks from
    # the menu up to the menu bar's window).
    while isinstance(widget, QtWidgets.QMenu):
        owners = [w for w in widget.menuAction().associatedObjects()
                  if isinstance(w, QtWidgets.QWidget)]
        if not owners:
            return widget.window()
        widget = owners[0]
    return widget


def _name(obj: QtGui.QAction | QtGui.QShortcut) -> str:
    text = obj.text() if isinstance(obj, QtGui.QAction) else ""
    return f"{type(obj).__name__}({text or obj.objectName()!s}) in {type(obj.parent()).__name__}"


def bindings(window: QtWidgets.QMainWindow) -> list[Binding]:
    found: list[Binding] = []
    for action in window_actions(window):
        context = action.shortcutContext()
        for obj in action.associatedObjects():
            if not isinstance(obj, QtWidgets.QWidget):
                continue
            widget = obj
            if isinstance(obj, QtWidgets.QMenu):
                widget = _scope_widget(obj)
                if context in (Context.WidgetShortcut, Context.WidgetWithChildrenShortcut):
                    continue  # a widget-context action in a menu fires only in the open menu
            for sequence in action.shortcuts():
                if not sequence.isEmpty():
                    found.append(Binding(sequence.toString(), context, widget, _name(action),
                                         id(action)))
    for shortcut in window.findChildren(QtGui.QShortcut):
        parent = shortcut.parent()
        assert isinstance(parent, QtWidgets.QWidget)
        sequences: list[QtGui.QKeySequence] = shortcut.keys()
        for sequence in sequences:
            if not sequence.isEmpty():
                found.append(Binding(sequence.toString(), shortcut.context(), parent,
                                     _name(shortcut), id(shortcut)))
    return found


def _contains(outer: QtWidgets.QWidget, inner: QtWidgets.QWidget) -> bool:
    return outer is inner or outer.isAncestorOf(inner)


def overlap(a: Binding, b: Binding) -> bool:
    """Whether some focus widget activates both bindings."""
    if Context.ApplicationShortcut in (a.context, b.context):
        return True
    if Context.WindowShortcut in (a.context, b.context):
        return a.widget.window() is b.widget.window()
    if a.context == b.context == Context.WidgetShortcut:
        return a.widget is b.widget
    if a.context == Context.WidgetShortcut:  # b: widget with children
        return _contains(b.widget, a.widget)
    if b.context == Context.WidgetShortcut:
        return _contains(a.widget, b.widget)
    return _contains(a.widget, b.widget) or _contains(b.widget, a.widget)


def clashes(found: list[Binding]) -> list[str]:
    out: dict[tuple[str, frozenset[int]], str] = {}
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.keys == b.keys and a.source != b.source and overlap(a, b):
                out.setdefault((a.keys, frozenset((a.source, b.source))),
                               f"{a.keys}: {a.name} and {b.name}")
    return list(out.values())


def test_overlap_rules_find_a_clash_between_window_and_widget_bindings(qtbot: QtBot) -> None:
    window = QtWidgets.QMainWindow()
    qtbot.addWidget(window)
    child = QtWidgets.QWidget(window)
    window.setCentralWidget(child)
    sibling = QtWidgets.QWidget(child)
    other = QtWidgets.QWidget(child)
    global_action = QtGui.QAction("global", window)
    global_action.setShortcut("Ctrl+1")
    global_action.setShortcutContext(Context.ApplicationShortcut)
    window.addAction(global_action)
    local = QtGui.QAction("local", sibling)
    local.setShortcut("Ctrl+1")
    local.setShortcutContext(Context.WidgetWithChildrenShortcut)
    sibling.addAction(local)
    apart = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+2"), sibling)
    apart.setContext(Context.WidgetShortcut)
    apart2 = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+2"), other)
    apart2.setContext(Context.WidgetShortcut)
    found = clashes(bindings(window))
    assert len(found) == 1 and found[0].startswith("Ctrl+1")


def test_no_shortcut_is_bound_twice_in_a_signed_in_window_with_a_case_open(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    open_case(qtbot, window, first_case_with(window, "application/pdf"))
    found = bindings(window)
    assert len(found) > 20  # the walk reached the menus, the case view, the viewer, the grid
    assert clashes(found) == []


def test_supervisor_window_has_no_clash_either(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="supervisor")
    open_case(qtbot, window, first_case_with(window, "application/pdf"))
    assert clashes(bindings(window)) == []


def test_ctrl_1_goes_to_the_queue_and_ctrl_3_fits_the_page_from_the_viewer(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = open_case(qtbot, window, first_case_with(window, "application/pdf"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is window, timeout=5000)
    page_view = view.viewer.page_view
    page_view.setFocus()
    qtbot.waitUntil(page_view.hasFocus, timeout=5000)
    view.viewer.actual_size()
    qtbot.keyClick(page_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert page_view._mode.name == "FIT_PAGE"  # private, but no public getter for the mode
    assert window.stack.currentWidget() is view
    qtbot.keyClick(page_view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.queue
