"""The 収入 tab end to end: typing months, the live evaluation, undo, validation, read-only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from income_helpers import (
    SEED_AMOUNTS,
    amount_in,
    base_sheet,
    evaluation_of,
    make_tab,
    select_cell,
    sheet_of,
    sheet_with,
    type_amount,
)
from pytestqt.qtbot import QtBot

from reviewer_app.domain.case import Payment
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.sheet import BonusEntry, IncomeSheet
from reviewer_app.domain.vocabulary import Verdict
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets

# The offscreen platform warns when a top-level window is shown; nothing is wrong with the tab.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def test_typing_twelve_months_with_tab_shows_the_16_february_exclusion(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    assert tab.chart.chart_layout().bars == [] or all(
        b.state == "missing" for b in tab.chart.chart_layout().bars)
    select_cell(tab, "2023-01")
    for text in SEED_AMOUNTS:
        type_amount(qtbot, tab.grid, text)
    assert [amount_in(tab, f"2023-{m:02d}") for m in range(1, 13)] == [int(a) for a in
                                                                        SEED_AMOUNTS]
    # Tab moved down month by month: the cursor is now on January of the next year.
    assert tab.grid_model.month(tab.grid.currentIndex().row()) == YearMonth(2024, 1)
    assert "2023年2月16日" in tab.summary.values["exclusion"].text()
    assert "令和5年2月16日" in tab.summary.values["exclusion"].text()
    assert any("2023年2月16日" in line for line in tab.summary.explanation.text().splitlines())
    bars = {b.month: b for b in tab.chart.chart_layout().bars}
    assert [m for m, b in bars.items() if b.state == "over"] == ["2023-03", "2023-04", "2023-05"]
    assert [m for m, b in bars.items() if b.in_run] == ["2023-03", "2023-04", "2023-05"]
    layout = tab.chart.chart_layout()
    assert layout.run_band is not None and layout.limit_y is not None
    for month in ("2023-03", "2023-04", "2023-05"):
        assert bars[month].rect.top() < layout.limit_y < bars["2023-01"].rect.top()
        assert layout.run_band.contains(bars[month].rect.center())
    assert bars["2023-03"].colour != bars["2023-01"].colour
    assert not tab.chart.grab().isNull()


def test_enter_also_moves_to_the_next_month(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    select_cell(tab, "2023-01")
    for text in ("98000", "98,000", "９８０００"):
        type_amount(qtbot, tab.grid, text, Qt.Key.Key_Return)
    assert [amount_in(tab, m) for m in ("2023-01", "2023-02", "2023-03")] == [98000] * 3
    assert tab.grid_model.month(tab.grid.currentIndex().row()) == YearMonth(2023, 4)


@pytest.mark.parametrize(("amount", "over"), [(108_333, False), (108_334, True)])
def test_monthly_limit_boundary(qtbot: QtBot, amount: int, over: bool) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    select_cell(tab, "2023-03")
    type_amount(qtbot, tab.grid, str(amount))
    row = tab.grid_model.row_of("2023-03")
    status = tab.grid_model.index(row, tab.grid_model.columnCount() - 1).data()
    assert status.startswith("超過") is over
    bars = {b.month: b for b in tab.chart.chart_layout().bars}
    assert (bars["2023-03"].state == "over") is over


def test_undo_and_redo_restore_amounts_and_evaluation(qtbot: QtBot) -> None:
    amounts: list[int | None] = [98_000, 98_000, 110_000, 110_000, 98_000, *[98_000] * 7]
    tab = make_tab(qtbot, sheet_with(amounts))
    assert evaluation_of(tab).exclusion.date is None
    select_cell(tab, "2023-05")
    type_amount(qtbot, tab.grid, "110000")
    assert evaluation_of(tab).exclusion.date == date(2023, 2, 16)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert amount_in(tab, "2023-05") == 98_000
    assert evaluation_of(tab).exclusion.date is None
    assert tab.summary.values["exclusion"].text() == "—"
    qtbot.keyClick(tab.grid, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert amount_in(tab, "2023-05") == 110_000
    assert evaluation_of(tab).exclusion.date == date(2023, 2, 16)
    assert "2023年2月16日" in tab.summary.values["exclusion"].text()
    tab.undo()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert amount_in(tab, "2023-05") == 110_000


@pytest.mark.parametrize("text", ["abc", "-5000", "12.5", "1,23"])
def test_invalid_amount_is_refused_and_the_previous_value_kept(qtbot: QtBot, text: str) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    emitted: list[IncomeSheet] = []
    tab.sheetChanged.connect(emitted.append)
    select_cell(tab, "2023-02")
    type_amount(qtbot, tab.grid, text)
    assert amount_in(tab, "2023-02") == 98_000
    assert tab.status.text()  # the reason is shown
    assert emitted == []
    # The cursor stays on the refused month so the examiner can retype it.
    assert tab.grid_model.month(tab.grid.currentIndex().row()) == YearMonth(2023, 2)


def test_negative_amount_message_says_why(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    select_cell(tab, "2023-02")
    type_amount(qtbot, tab.grid, "-1")
    assert "マイナス" in tab.status.text()


def test_full_width_digits_are_accepted(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    select_cell(tab, "2023-01")
    type_amount(qtbot, tab.grid, "１２０，０００")
    assert amount_in(tab, "2023-01") == 120_000
    index = tab.grid_model.index(0, 0)
    assert index.data() == "120,000"


def test_empty_and_zero_are_shown_differently(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([0, None, *[98_000] * 10]))
    zero = tab.grid_model.index(tab.grid_model.row_of("2023-01"), 0)
    empty = tab.grid_model.index(tab.grid_model.row_of("2023-02"), 0)
    assert zero.data() == "0"
    assert empty.data() == "未入力"
    assert zero.data(Qt.ItemDataRole.BackgroundRole) != empty.data(Qt.ItemDataRole.BackgroundRole)
    assert evaluation_of(tab).verdict is Verdict.NEEDS_REVIEW
    bars = {b.month: b for b in tab.chart.chart_layout().bars}
    assert bars["2023-02"].state == "missing" and bars["2023-01"].state == "within"
    # Delete turns an entered month back into "not entered".
    select_cell(tab, "2023-01")
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)
    assert amount_in(tab, "2023-01") is None
    assert zero.data() == "未入力"


def test_an_employer_and_a_bonus_are_added_from_the_grid_by_keys(qtbot: QtBot) -> None:
    """Issue 13: from the month grid, where Tab only moves between months, Ctrl+Shift+E adds an
    employer and Ctrl+Shift+B a bonus row, each ready to be typed into."""
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    select_cell(tab, "2024-03")
    qtbot.keyClick(tab.grid, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tab.employers_model.rowCount() == 2
    view, focus = tab.employers_section.view, QtWidgets.QApplication.focusWidget()
    assert focus is not None and (focus is view or view.isAncestorOf(focus))
    assert view.currentIndex().row() == 1
    select_cell(tab, "2024-03")
    tab.others.setCurrentIndex(1)  # another section on top: the bonus one comes forward
    bonuses = tab.section_models["bonuses"]
    rows = bonuses.rowCount()
    qtbot.keyClick(tab.grid, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert bonuses.rowCount() == rows + 1
    assert tab.others.currentIndex() == 0
    focus = QtWidgets.QApplication.focusWidget()
    assert focus is not None and tab.others.currentWidget().isAncestorOf(focus)


def test_employers_add_and_remove_with_end_of_month_cutoff(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    assert tab.grid_model.columnCount() == 4
    qtbot.mouseClick(tab.employers_section.add_button, Qt.MouseButton.LeftButton)
    sheet = sheet_of(tab)
    assert len(sheet.employers) == 2
    # issue 13: a new employer's schedule is unknown (no year before here), not 末日/翌月/25日
    assert sheet.employers[1].cutoff_day is None
    model = tab.employers_model
    assert model.index(1, 1).data() == "不明"
    assert model.setData(model.index(1, 1), CUTOFF_END)
    assert model.index(1, 1).data() == "末日"
    assert model.setData(model.index(1, 0), "B社")
    assert model.setData(model.index(1, 2), 0)
    assert tab.grid_model.columnCount() == 5
    assert "B社" in tab.grid_model.headerData(1, Qt.Orientation.Horizontal)
    # Choosing 末日 for the first employer's cutoff stores it (written "end" in JSON).
    assert model.setData(model.index(0, 1), CUTOFF_END)
    assert sheet_of(tab).employers[0].cutoff_day == CUTOFF_END
    assert model.index(0, 1).data() == "末日"
    assert tab.evaluation() is not None
    tab.employers_section.view.setCurrentIndex(model.index(1, 0))
    qtbot.mouseClick(tab.employers_section.remove_button, Qt.MouseButton.LeftButton)
    assert [e.name for e in sheet_of(tab).employers] == ["A社"]
    assert tab.grid_model.columnCount() == 4
    tab.undo()
    assert [e.name for e in sheet_of(tab).employers] == ["A社", "B社"]


def test_sheet_changed_carries_the_whole_edited_sheet(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    select_cell(tab, "2023-01")
    with qtbot.waitSignal(tab.sheetChanged, timeout=1000) as blocker:
        type_amount(qtbot, tab.grid, "98000")
    sheet = blocker.args[0]
    assert isinstance(sheet, IncomeSheet)
    assert sheet.employers[0].payments == (Payment(YearMonth(2023, 1), 98000),)
    assert sheet.judgment_date == date(2024, 9, 2)
    assert sheet == tab.sheet()
    with qtbot.waitSignal(tab.sheetChanged, timeout=1000) as blocker:
        tab.undo()
    assert blocker.args[0].employers[0].payments == ()


def test_read_only_refuses_edits(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    tab.set_read_only(True)
    emitted: list[IncomeSheet] = []
    tab.sheetChanged.connect(emitted.append)
    index = select_cell(tab, "2023-01")
    assert not tab.grid_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    qtbot.keyClicks(tab.grid, "5")
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)
    assert not tab.grid_model.setData(index, "5")
    assert not tab.employers_model.add_record()
    assert not tab.employers_section.add_button.isEnabled()
    assert amount_in(tab, "2023-01") == 98_000
    assert emitted == []
    assert tab.read_only_banner.isVisibleTo(tab)
    tab.set_read_only(False)
    assert tab.grid_model.setData(index, "5")
    assert amount_in(tab, "2023-01") == 5


def test_invalid_sheet_is_explained_and_stays_editable(qtbot: QtBot) -> None:
    sheet = sheet_with([98_000] * 12)
    sheet = sheet.with_employer(0, replace(sheet.employers[0],
                                           bonuses=(BonusEntry(gross=60_000),)))
    tab = make_tab(qtbot, sheet)
    assert tab.evaluation() is None
    assert tab.summary.error.isVisibleTo(tab)
    # issue 13: words for the examiner (this row was not entered here, so it is an error)
    assert "賞与 1 行目の支給月" in tab.summary.error.text()
    assert "employers" not in tab.summary.error.text()
    bonuses = tab.section_models["bonuses"]
    assert bonuses.setData(bonuses.index(0, 1), "2023-07")
    assert tab.evaluation() is not None
    assert not tab.summary.error.isVisibleTo(tab)


def test_paste_a_column_of_amounts_is_one_undo_step(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    select_cell(tab, "2023-01")
    assert tab.grid.paste("98,000\n98000\r\n120000\n")
    assert [amount_in(tab, f"2023-{m:02d}") for m in (1, 2, 3)] == [98_000, 98_000, 120_000]
    tab.undo()
    assert sheet_of(tab).employers[0].payments == ()


def test_new_case_clears_history(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    tab.grid_model.setData(tab.grid_model.index(0, 0), "1")
    tab.set_sheet(base_sheet(), tab.document.profile)
    assert not tab.document.undo_stack.canUndo()


def test_chart_hatches_missing_months_and_scales_with_the_widget(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, sheet_with([98_000, None, 120_000, 120_000, 120_000, *[98_000] * 7]))
    chart = tab.chart
    chart.resize(600, 240)
    small = {b.month: b for b in chart.chart_layout().bars}
    assert small["2023-02"].state == "missing"
    assert small["2023-02"].rect.height() > 0  # a visible hatched stub, not nothing
    chart.resize(1200, 480)
    large = {b.month: b for b in chart.chart_layout().bars}
    assert large["2023-03"].rect.height() > small["2023-03"].rect.height() * 1.8
    assert large["2023-03"].rect.width() >= small["2023-03"].rect.width()
    assert "120,000円" in chart.tooltip_text(large["2023-03"])
    assert "超過" in chart.tooltip_text(large["2023-03"])
    layout = chart.chart_layout()
    assert [t[0] for t in layout.ticks][:2] == [0, 50_000]
    assert not chart.grab().isNull()
    assert not tab.grab().isNull()


def test_nothing_entered_shows_unentered_instead_of_a_verdict(qtbot: QtBot) -> None:
    # issue 13 defect 4: no month, bonus, pension… and no document checked: not 扶養継続 at 0円
    tab = make_tab(qtbot, replace(base_sheet(), employers=()))
    assert evaluation_of(tab).verdict is Verdict.CONTINUE
    assert tab.summary.verdict.text() == "未入力"
    tab.set_documents_checked(True)
    assert "扶養継続" in tab.summary.verdict.text()
    tab.set_documents_checked(False)
    assert tab.summary.verdict.text() == "未入力"
    tab.section_models["pensions"].add_record()
    assert "扶養継続" in tab.summary.verdict.text()


def test_a_new_bonus_row_is_no_error_until_the_examiner_leaves_it(qtbot: QtBot) -> None:
    # issue 13 defect 6: 「収入の入力 employers[0].bonuses[0].month: 必須の項目がありません」
    # and 判定できません at once, before the examiner typed
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    saved: list[IncomeSheet] = []
    tab.sheetChanged.connect(saved.append)
    section = tab._sections[1]
    assert section.model is tab.section_models["bonuses"]
    tab.others.setCurrentWidget(section)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    assert section.model.rowCount() == 1
    focus = QtWidgets.QApplication.focusWidget()
    assert focus is not None and (focus is section.view or section.view.isAncestorOf(focus))
    assert tab.evaluation() is not None and not tab.summary.error.isVisibleTo(tab)
    assert "判定できません" not in tab.summary.verdict.text()
    # the half row is not saved (the service would refuse the sheet)
    assert saved and _bonuses(saved[-1]) == ()
    bonuses = tab.section_models["bonuses"]
    assert bonuses.setData(bonuses.index(0, 1), "2023-07")
    assert not tab.summary.error.isVisibleTo(tab)
    # leaving the table with the amount still empty: now it is an error, in words
    tab.grid.setFocus()
    qtbot.waitUntil(lambda: tab.summary.error.isVisibleTo(tab))
    text = tab.summary.error.text()
    assert "賞与 1 行目の賞与額" in text
    assert not any(p in text for p in ("employers", "bonuses", "[0]", ".gross"))
    assert tab.evaluation() is None
    # back in the row, the amount typed: complete, judged and saved
    section.view.setFocus()
    assert bonuses.setData(bonuses.index(0, 2), "300000")
    tab.grid.setFocus()
    assert tab.evaluation() is not None and not tab.summary.error.isVisibleTo(tab)
    assert _bonuses(saved[-1]) == (BonusEntry(YearMonth(2023, 7), 300_000),)


def _bonuses(sheet: IncomeSheet) -> tuple[BonusEntry, ...]:
    """A社's bonuses in ``sheet`` (read afresh: mypy would keep an earlier comparison)."""
    return sheet.employers[0].bonuses


def test_the_bonus_month_editor_shows_its_format_and_takes_only_it(qtbot: QtBot) -> None:
    # issue 13: "the bonus month cell gives no hint of its format"
    tab = make_tab(qtbot, sheet_with([98_000] * 12))
    section = tab._sections[1]
    tab.others.setCurrentWidget(section)
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    month = section.model.index(0, 1)
    section.view.setCurrentIndex(month)  # the cell's editor opens as the cursor arrives
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, QtWidgets.QLineEdit)
    assert editor.placeholderText() == "例: 2023-07"
    for char in "令和R/年":  # refused key by key: only YYYY-MM can be typed
        QtWidgets.QApplication.sendEvent(editor, QtGui.QKeyEvent(
            QtCore.QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
            char))
    assert editor.text() == ""
    qtbot.keyClicks(editor, "2023-13")
    assert editor.text() == "2023-1"  # no thirteenth month
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    rows = section.model.records(tab.sheet())  # type: ignore[arg-type]
    assert [str(r.month) for r in rows] == ["2023-12"]  # type: ignore[attr-defined]
