"""Shared helpers for the 収入 tab tests (imported by module name: no package __init__)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pytestqt.qtbot import QtBot

from reviewer_app.domain.case import Dependent, Payment
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.sheet import EmployerEntry, IncomeSheet
from reviewer_app.domain.vocabulary import Relationship
from reviewer_app.profiles import load_profile
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets

SEED_AMOUNTS = ["98000", "98000", "120000", "120000", "120000", "98000",
                "98000", "98000", "98000", "98000", "98000", "98000"]

# 15日締め・当月25日払い, no payment entered yet
A_SHA = EmployerEntry("A社", cutoff_day=15, pay_month_offset=0, pay_day=25)
BASE_SHEET = IncomeSheet(date(2024, 9, 2), 2023, Dependent(date(1985, 6, 1),
                                                           Relationship.SPOUSE),
                         employers=(A_SHA,))


def base_sheet() -> IncomeSheet:
    return BASE_SHEET


def sheet_with(amounts: list[int | None]) -> IncomeSheet:
    """A社 paid ``amounts`` from January 2023 (None: that month not entered)."""
    paid = tuple(Payment(YearMonth(2023, m), g) for m, g in enumerate(amounts, 1)
                 if g is not None)
    return replace(BASE_SHEET, employers=(replace(A_SHA, payments=paid),))


def make_tab(qtbot: QtBot, sheet: IncomeSheet | None = None) -> IncomeTab:
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


def sheet_of(tab: IncomeTab) -> IncomeSheet:
    sheet = tab.sheet()
    assert sheet is not None
    return sheet


def amount_in(tab: IncomeTab, month: str, employer: int = 0) -> int | None:
    key = YearMonth.parse(month)
    assert key is not None, month
    return sheet_of(tab).employers[employer].payment(key)


def evaluation_of(tab: IncomeTab) -> Evaluation:
    """The live evaluation, which the test expects to exist."""
    evaluation = tab.evaluation()
    assert evaluation is not None
    return evaluation
