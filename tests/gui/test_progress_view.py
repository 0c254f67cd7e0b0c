"""表示 → 進捗: the page shows the report's numbers, the chart paints and follows the data, and
only supervisors and admins get the menu entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from progress_samples import sample_report
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    demo_fixture,
    open_window,
    settings_fixture,
    tasks_fixture,
    wait,
)

from reviewer_app.errors import UserError
from reviewer_app.services.progress import ProgressReport
from reviewer_app.ui.progress_chart import ProgressChart
from reviewer_app.ui.progress_view import CountsModel, ProgressView
from reviewer_app.ui.qt import Qt, QtGui
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
TODAY = date(2024, 9, 20)


def _view(qtbot: QtBot, tasks: TaskManager, report: ProgressReport) -> ProgressView:
    asked: list[date] = []

    def load(today: date) -> ProgressReport:
        asked.append(today)
        return report

    view = ProgressView(tasks, load, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1400, 860)
    view.show()
    view.refresh()
    wait(qtbot, lambda: view.report is not None)
    assert asked == [TODAY]
    return view


def _column(model: CountsModel, column: int) -> list[object]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def _image(chart: ProgressChart) -> QtGui.QImage:
    return chart.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB32)


def _coloured_pixels(image: QtGui.QImage) -> int:
    """Pixels that are neither white nor grey (the lines and the filled area)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 40:
                count += 1
    return count


def test_page_shows_the_figures_and_tables(qtbot: QtBot, tasks: TaskManager) -> None:
    view = _view(qtbot, tasks, sample_report(scale=2))
    assert view.title.text() == "令和6年度 被扶養者資格調査"
    assert view.as_of.text() == "基準日 2024-09-20"
    assert view.figures["total"].text() == "2,000"
    assert view.figures["done"].text() == "1,100"
    assert view.figures["done_detail"].text() == "55.0%"
    assert view.figures["awaiting"].text() == "120"
    assert view.figures["notices"].text() == "140"
    assert view.figures["notices_detail"].text() == "うち期限切れ 50件・再提出あり 40件"
    assert view.figures["non_submitters"].text() == "80"
    assert view.figures["deadline"].text() == "26日経過"
    assert "2024-09-01" in view.figures["deadline_detail"].text()
    assert _column(view.status_model, 0) == ["未着手", "審査中", "不備連絡中", "承認待ち", "完了"]
    assert _column(view.status_model, 1) == ["240", "360", "180", "120", "1,100"]
    assert "扶養継続 1,000件・扶養除外 96件・その他 4件" in view.verdict_label.text()
    assert _column(view.verdict_model, 0) == ["扶養継続", "扶養除外", "その他"]
    assert _column(view.verdict_model, 1) == ["1,000", "96", "4"]
    assert not view.status_table.verticalScrollBar().isVisible()
    holders = view.holders_model
    assert holders.cell(holders.rowCount() - 1, 0) == "（未割当）"
    assert holders.cell(holders.rowCount() - 1, 1) == 240
    assert holders.headerData(2, Qt.Orientation.Horizontal) == "未着手"
    assert _column(view.offices_model, 1)[:2] == ["本社", "大阪支店"]
    assert view.offices_model.cell(0, 2) == 280 and view.offices_model.cell(0, 3) == 148


def test_deadline_counts_down_before_it_passes(qtbot: QtBot, tasks: TaskManager) -> None:
    view = _view(qtbot, tasks, sample_report(today=date(2024, 8, 20)))
    assert view.figures["deadline"].text() == "あと 5日"


def test_counts_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CountsModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_table(["状態", "件数"], [["完了", 1234], ["未着手", 5]], [("#fff", "#000")])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(0, 1)) == "1,234"


def test_chart_paints_and_changes_with_the_data(qtbot: QtBot) -> None:
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(800, 320)
    chart.show()
    empty = _image(chart)
    assert _coloured_pixels(empty) == 0  # the hint text only

    report = sample_report()
    chart.set_data(report.series, report.total, report.survey.submission_deadline, TODAY)
    full = _image(chart)
    assert _coloured_pixels(full) > 500
    layout = chart.chart_layout()
    assert layout.deadline_x is not None and layout.today_x is not None
    assert layout.plot.left() < layout.deadline_x < layout.today_x <= layout.plot.right() + 0.5
    assert len(layout.done) == len(report.series)
    assert layout.x_ticks and layout.y_ticks[-1][0] > report.total  # headroom above the total
    assert all(chart.rect().contains(item.rect.toRect()) for item in layout.legend)

    halved = replace(report, series=tuple(replace(p, done=p.done // 2) for p in report.series))
    chart.set_data(halved.series, halved.total, halved.survey.submission_deadline, TODAY)
    assert _image(chart) != full
    assert chart.chart_layout().done[-1].y() > layout.done[-1].y()  # lower on screen


def test_chart_legend_wraps_in_a_narrow_window(qtbot: QtBot) -> None:
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.resize(380, 260)
    report = sample_report()
    chart.set_data(report.series, report.total, report.survey.submission_deadline, TODAY)
    legend = chart.chart_layout().legend
    assert all(item.rect.right() <= 380 for item in legend)
    assert len({item.rect.top() for item in legend}) > 1


def test_a_failure_shows_its_sentence_on_the_page(qtbot: QtBot, tasks: TaskManager) -> None:
    def load(_today: date) -> ProgressReport:
        raise UserError("調査がまだ取り込まれていません。", "No survey yet.")

    view = ProgressView(tasks, load, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    wait(qtbot, lambda: not view.loading)
    assert view.message.isVisible() and "取り込まれていません" in view.message.text()
    assert view.refresh_button.isEnabled()


def test_supervisor_has_the_progress_menu_and_sees_the_demo_survey(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="supervisor")
    assert window.progress_action.isVisible() and window.progress_action.text() == "進捗"
    window.progress_action.trigger()
    assert window.stack.currentWidget() is window.progress_view
    wait(qtbot, lambda: window.progress_view.report is not None)
    report = window.progress_view.report
    assert report is not None and report.total == window.queue.model.total > 0
    assert window.progress_view.figures["total"].text() == f"{report.total:,}"


def test_examiner_has_no_progress_menu(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="examiner")
    assert not window.progress_action.isVisible()
    window.show_progress()
    assert window.stack.currentWidget() is window.queue
