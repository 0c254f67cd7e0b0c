"""Issue 13: the case view at the examiners' screen sizes. At 1440×900 the month grid shows
every column (twelve months' amounts and the 月額限度判定 column) without a horizontal scroll
bar while the document gets the larger share; the viewer/tabs splitter is remembered per user;
the focus layout shows only the document and the month grid."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    case_with_months,
    demo_fixture,
    first_case_with,
    open_case,
    open_window,
    save_state,
    settings_fixture,
    tasks_fixture,
    wait,
)

from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import QtWidgets
from reviewer_app.ui.settings import Settings, case_splitter_option
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

AMOUNTS: list[int | None] = [9_999_999, 98_000, 200_000, 200_000, 200_000, 98_000, 98_000,
                             98_000, 98_000, 98_000, 98_000, 1_234_567]


def _case_with_twelve_months(qtbot: QtBot, window: MainWindow, size: tuple[int, int]) -> CaseView:
    return case_with_months(qtbot, window, size, AMOUNTS)


def _columns_visible(view: CaseView) -> list[str]:
    """Which columns of the grid are cut off (empty: all fully visible)."""
    grid = view.income_tab.grid
    header = grid.horizontalHeader()
    width = grid.viewport().width()
    cut = []
    for column in range(header.count()):
        if header.sectionViewportPosition(column) < 0 or \
                header.sectionViewportPosition(column) + header.sectionSize(column) > width:
            cut.append(str(grid.model().headerData(column, header.orientation())))
    return cut


def test_at_1440x900_the_grid_shows_every_column_and_the_document_gets_most_of_the_width(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = _case_with_twelve_months(qtbot, window, (1440, 900))
    grid = view.income_tab.grid
    assert grid.horizontalScrollBar().maximum() == 0  # no horizontal scrolling needed
    assert not grid.horizontalScrollBar().isVisible()
    assert _columns_visible(view) == []
    model = grid.grid_model()
    assert model is not None
    kinds = [model.column(c).kind for c in range(model.columnCount())]
    assert kinds[-1] == "status"  # the 月額限度判定 column is among those checked
    viewer, tabs = view.splitter.sizes()
    assert viewer > tabs
    # a 7-digit amount with commas fits its column
    metrics = grid.fontMetrics()
    assert metrics.horizontalAdvance("9,999,999") < grid.horizontalHeader().sectionSize(0)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_other_screen_sizes_show_every_column_too(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo,
        size: tuple[int, int]) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = _case_with_twelve_months(qtbot, window, size)
    assert view.income_tab.grid.horizontalScrollBar().maximum() == 0
    assert _columns_visible(view) == []


def test_the_splitter_position_round_trips_through_the_settings_per_user(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = _case_with_twelve_months(qtbot, window, (1440, 900))
    splitter = view.splitter
    total = sum(splitter.sizes())
    splitter.moveSplitter(total * 70 // 100, 1)  # as a drag does: emits splitterMoved
    moved = splitter.sizes()
    assert settings.get(case_splitter_option("examiner")) != ""
    assert settings.get(case_splitter_option("supervisor")) == ""  # per user
    window.close()
    again = open_window(qtbot, tasks, settings, demo)
    again.resize(1440, 900)
    view2 = open_case(qtbot, again, first_case_with(again, "application/pdf"))
    assert view2.splitter.sizes() == moved


def test_a_damaged_stored_splitter_state_falls_back_to_the_default(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    settings._store.setValue(case_splitter_option("examiner").key, "not base64 ☃")
    window = open_window(qtbot, tasks, settings, demo)
    view = _case_with_twelve_months(qtbot, window, (1440, 900))
    viewer, tabs = view.splitter.sizes()
    assert viewer > tabs > 0


def test_the_focus_layout_shows_only_the_document_and_the_month_grid(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    view = _case_with_twelve_months(qtbot, window, (1440, 900))
    view.tabs.setCurrentWidget(view.answers_tab)
    before = view.splitter.sizes()
    action = window.focus_action
    assert action.isEnabled() and not action.shortcut().isEmpty()
    view_menu = window.menuBar().actions()[1].menu()
    assert isinstance(view_menu, QtWidgets.QMenu) and action in view_menu.actions()  # 表示
    action.trigger()
    qtbot.wait(50)
    tab = view.income_tab
    assert view.tabs.currentWidget() is tab and not view.tabs.tabBar().isVisible()
    assert tab.grid.isVisible() and view.viewer.isVisible()
    assert not tab.summary.isVisible() and not tab.chart.isVisible()
    assert not tab.employers_section.isVisible() and not tab.others.isVisible()
    assert _columns_visible(view) == []
    viewer, tabs = view.splitter.sizes()
    assert viewer > before[0] and tabs < before[1]
    saved = settings.get(case_splitter_option("examiner"))
    action.trigger()
    qtbot.wait(50)
    assert view.tabs.tabBar().isVisible() and tab.summary.isVisible()
    assert tab.employers_section.isVisible()
    # the splitter takes its sizes back once the tabs' layout has settled (events, not time)
    qtbot.waitUntil(lambda: view.splitter.sizes() == before, timeout=5000)
    assert settings.get(case_splitter_option("examiner")) == saved  # focus is not remembered
