"""Shared helpers for the 収入 tab tests (imported by module name: no package __init__)."""

from __future__ import annotations

import copy
from typing import Any

from pytestqt.qtbot import QtBot

from reviewer_app.profiles import load_profile
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets

SEED_AMOUNTS = ["98000", "98000", "120000", "120000", "120000", "98000",
                "98000", "98000", "98000", "98000", "98000", "98000"]

BASE_SHEET: dict[str, Any] = {
    "judgment_date": "2024-09-02", "target_year": 2023,
    "dependent": {"birth_date": "1985-06-01", "relationship": "spouse"},
    "employers": [{"name": "A社", "cutoff_day": 15, "pay_month_offset": 0, "pay_day": 25,
                   "payments": []}],
}


def base_sheet(**changes: Any) -> dict[str, Any]:
    sheet = copy.deepcopy(BASE_SHEET)
    sheet.update(changes)
    return sheet


def sheet_with(amounts: list[int | None], employer: int = 0) -> dict[str, Any]:
    sheet = base_sheet()
    sheet["employers"][employer]["payments"] = [
        {"month": f"2023-{m:02d}", "gross": g} for m, g in enumerate(amounts, 1) if g is not None]
    return sheet


def make_tab(qtbot: QtBot, sheet: dict[str, Any] | None = None) -> IncomeTab:
    tab = IncomeTab()
    qtbot.addWidget(tab)
    tab.resize(1300, 860)
    tab.set_sheet(sheet if sheet is not None else base_sheet(), load_profile("default"))
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.activeWindow() is tab)
    return tab


def select_cell(tab: IncomeTab, month: str, column: int = 0) -> QtCore.QModelIndex:
    index = tab.grid_model.index(tab.grid_model.row_of(month), column)
    tab.grid.setFocus()
    tab.grid.setCurrentIndex(index)
    return index


def editor_of(view: QtWidgets.QAbstractItemView) -> QtWidgets.QLineEdit:
    focused = QtWidgets.QApplication.focusWidget()
    assert isinstance(focused, QtWidgets.QLineEdit), focused
    assert view.isAncestorOf(focused)
    return focused


def type_amount(qtbot: QtBot, view: QtWidgets.QAbstractItemView, text: str,
                end_key: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Type like a person: the first key opens the editor on the current cell, the rest go to
    the editor, then ``end_key`` (Tab or Enter) commits and moves on."""
    if text.isascii():
        qtbot.keyClicks(view, text[0])
        editor = editor_of(view)
        qtbot.keyClicks(editor, text[1:])
    else:
        # Full-width digits come from the input method (IME), not from key codes: open the
        # editor with F2 and commit the text as a Japanese IME would.
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = editor_of(view)
        event = QtGui.QInputMethodEvent("", [])
        event.setCommitString(text)
        QtWidgets.QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, end_key)
    # Qt commits on Enter through a queued call (so the editor can fix up its text first).
    QtWidgets.QApplication.processEvents()


def amount_in(tab: IncomeTab, month: str, employer: int = 0) -> Any:
    for payment in tab.sheet()["employers"][employer].get("payments", []):
        if payment["month"] == month:
            return payment["gross"]
    return None


def evaluation_of(tab: IncomeTab) -> dict[str, Any]:
    """The live evaluation, which the test expects to exist."""
    evaluation = tab.evaluation()
    assert evaluation is not None
    return evaluation
