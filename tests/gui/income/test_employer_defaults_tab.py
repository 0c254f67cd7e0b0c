"""Issue 13: a new employer row is not 末日/翌月/25日 whatever the payslips say: it takes the
same dependent's schedule of the year before, or shows 不明 (unknown) for the examiner to set."""

from __future__ import annotations

from dataclasses import replace

import pytest
from income_helpers import base_sheet, make_tab
from pytestqt.qtbot import QtBot

from reviewer_app.domain.sheet import EmployerEntry
from reviewer_app.ui.qt import Qt

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _row_texts(tab: object, row: int) -> list[str]:
    model = tab.employers_model  # type: ignore[attr-defined]
    return [str(model.index(row, c).data(Qt.ItemDataRole.DisplayRole)) for c in range(4)]


def test_a_new_employer_without_a_previous_year_is_unknown(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, replace(base_sheet(), employers=()))
    assert tab.employers_model.add_record()
    sheet = tab.sheet()
    assert sheet is not None
    [entry] = sheet.employers
    assert (entry.cutoff_day, entry.pay_month_offset, entry.pay_day) == (None, None, None)
    assert _row_texts(tab, 0)[1:] == ["不明", "不明", "不明"]
    assert "判定できません" not in tab.summary.verdict.text()


def test_new_employers_take_the_previous_years_schedules_in_order(qtbot: QtBot) -> None:
    tab = make_tab(qtbot, replace(base_sheet(), employers=()))
    tab.set_employer_defaults((EmployerEntry("株式会社サンプル", 15, 0, 10),
                               EmployerEntry("B商店", 20, 1, None)))
    for _ in range(3):
        assert tab.employers_model.add_record()
    sheet = tab.sheet()
    assert sheet is not None
    first, second, third = sheet.employers
    assert first == EmployerEntry("株式会社サンプル", 15, 0, 10)
    assert second == EmployerEntry("B商店", 20, 1, None)
    assert (third.cutoff_day, third.pay_month_offset, third.pay_day) == (None, None, None)
    assert _row_texts(tab, 0)[1:] == ["15日", "当月", "10日"]
