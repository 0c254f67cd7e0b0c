"""履歴 tab: newest event first, English summaries when asked, and a sound item model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reviewer_app.services.case_history import HistoryEntry
from reviewer_app.ui.history_tab import HistoryColumn, HistoryModel
from reviewer_app.ui.qt import Qt

pytestmark = pytest.mark.gui

ENTRIES = [
    HistoryEntry(datetime(2024, 9, 3, 1, 0, tzinfo=UTC), "examiner", "case.open",
                 "案件を開きました", "Opened the case", seq=10),
    HistoryEntry(datetime(2024, 9, 3, 2, 0, tzinfo=UTC), "supervisor", "case.approve",
                 "承認しました", "Approved", seq=12),
    HistoryEntry(datetime(2024, 9, 3, 2, 0, tzinfo=UTC), "", "case.import",
                 "取り込みました", "", seq=11),
]


def test_history_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = HistoryModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_entries(ENTRIES)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_history_lists_newest_first_and_names_the_system() -> None:
    model = HistoryModel()
    model.set_entries(ENTRIES)
    what = [model.data(model.index(r, HistoryColumn.WHAT)) for r in range(model.rowCount())]
    assert what == ["承認しました", "取り込みました", "案件を開きました"]
    assert model.data(model.index(1, HistoryColumn.ACTOR)) == "(システム)"
    assert model.data(model.index(0, HistoryColumn.WHAT), Qt.ItemDataRole.ToolTipRole) == \
        "case.approve"


def test_english_history_falls_back_to_japanese_where_no_english_exists() -> None:
    model = HistoryModel(language="en")
    model.set_entries(ENTRIES)
    what = [model.data(model.index(r, HistoryColumn.WHAT)) for r in range(model.rowCount())]
    assert what == ["Approved", "取り込みました", "Opened the case"]
