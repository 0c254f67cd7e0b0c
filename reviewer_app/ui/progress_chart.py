"""Line chart of the survey's progress: cases with a proposal and cases done, cumulative per day,
against the number of cases, with the submission deadline and today marked. Drawn with QPainter
(QtCharts is GPL-only). :meth:`ProgressChart.chart_layout` returns what :meth:`paintEvent`
draws, so tests check the geometry without reading pixels."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reviewer_app.services.progress import SeriesPoint
from reviewer_app.ui import palette
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets

DAY_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)


@dataclass(frozen=True)
class LegendItem:
    text: str
    colour: QtGui.QColor
    style: Qt.PenStyle
    rect: QtCore.QRectF  # the whole item (sample line and text)


@dataclass(frozen=True)
class ProgressLayout:
    plot: QtCore.QRectF
    proposed: list[QtCore.QPointF]
    done: list[QtCore.QPointF]
    total_y: float | None
    deadline_x: float | None
    today_x: float | None
    y_ticks: list[tuple[int, float]]  # (cases, y)
    x_ticks: list[tuple[date, float]]  # (day, x)
    legend: list[LegendItem]


def _nice_step(top: int, count: int = 5) -> int:
    raw = max(top / count, 1.0)
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return max(int(factor * magnitude), 1)
    return int(10 * magnitude)


class ProgressChart(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._series: list[SeriesPoint] = []
        self._total = 0
        self._deadline: date | None = None
        self._today: date | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                           QtWidgets.QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("進捗のグラフ"))

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(720, 320)

    def minimumSizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(360, 220)

    def set_data(self, series: Sequence[SeriesPoint], total: int, deadline: date | None,
                 today: date | None) -> None:
        self._series = list(series)
        self._total = total
        self._deadline = deadline
        self._today = today
        self.update()

    def clear(self) -> None:
        self.set_data([], 0, None, None)

    # -- geometry ------------------------------------------------------------------------
    def _range(self) -> tuple[date, date]:
        start, end = self._series[0].day, self._series[-1].day
        if self._deadline is not None and start <= self._deadline:
            end = max(end, self._deadline)
        return start, max(end, start + timedelta(days=1))

    def chart_layout(self) -> ProgressLayout:
        metrics = self.fontMetrics()
        line = metrics.height()
        top_value = max([self._total, 1] + [max(p.proposed, p.done) for p in self._series])
        step = _nice_step(top_value)
        # At least a tenth of headroom above the total line, for its label.
        y_max = max(math.ceil(top_value * 1.1 / step), 1) * step
        left = max(metrics.horizontalAdvance(f"{y_max:,}"),
                   metrics.horizontalAdvance(self.tr("件数")) // 2) + 16
        legend = self._legend(metrics)
        legend_bottom = max((item.rect.bottom() for item in legend), default=4.0)
        top = legend_bottom + line * 2 + 10  # the legend, then the y axis title above 120,000
        plot = QtCore.QRectF(left, top, max(self.width() - left - 24, 10),
                             max(self.height() - top - line * 2 - 18, 10))

        def y_of(value: float) -> float:
            return plot.bottom() - value / y_max * plot.height()

        y_ticks = [(v, y_of(v)) for v in range(0, y_max + 1, step)]
        if not self._series:
            return ProgressLayout(plot, [], [], None, None, None, y_ticks, [], legend)
        start, end = self._range()
        span = (end - start).days

        def x_of(day: date) -> float:
            return plot.left() + (day - start).days / span * plot.width()

        proposed = [QtCore.QPointF(x_of(p.day), y_of(p.proposed)) for p in self._series]
        done = [QtCore.QPointF(x_of(p.day), y_of(p.done)) for p in self._series]
        label_width = metrics.horizontalAdvance(self.day_label(date(2024, 12, 31))) + 18
        fits = max(int(plot.width() // label_width), 2)
        day_step = next((s for s in DAY_STEPS if span / s <= fits), DAY_STEPS[-1])
        x_ticks = [(start + timedelta(days=k), x_of(start + timedelta(days=k)))
                   for k in range(0, span + 1, day_step)]
        deadline_x = (x_of(self._deadline) if self._deadline is not None
                      and start <= self._deadline <= end else None)
        today_x = (x_of(self._today) if self._today is not None
                   and start <= self._today <= end else None)
        return ProgressLayout(plot, proposed, done, y_of(self._total) if self._total else None,
                              deadline_x, today_x, y_ticks, x_ticks, legend)

    def _legend(self, metrics: QtGui.QFontMetrics) -> list[LegendItem]:
        entries = [(self.tr("判定案あり（累計）"), palette.PROPOSED, Qt.PenStyle.SolidLine),
                   (self.tr("完了（累計）"), palette.DONE, Qt.PenStyle.SolidLine),
                   (self.tr("対象件数"), palette.TOTAL, Qt.PenStyle.DashLine),
                   (self.tr("提出期限"), palette.DEADLINE, Qt.PenStyle.DashLine),
                   (self.tr("今日"), palette.TODAY, Qt.PenStyle.DotLine)]
        items: list[LegendItem] = []
        x, y, sample = 8.0, 4.0, 22
        for text, colour, style in entries:
            width = sample + 6 + metrics.horizontalAdvance(text) + 16
            if x + width > self.width() - 8 and items:  # wrap rather than clip
                x, y = 8.0, y + metrics.height() + 4
            items.append(LegendItem(text, colour, style,
                                    QtCore.QRectF(x, y, width, metrics.height())))
            x += width
        return items

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        try:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QtGui.QColor("white"))
            layout = self.chart_layout()
            if not self._series:
                painter.setPen(palette.CHART_TEXT)
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                                 self.tr("まだ進捗のデータがありません"))
                return
            self._paint_axes(painter, layout)
            self._paint_markers(painter, layout)
            self._paint_lines(painter, layout)
            self._paint_legend(painter, layout)
        finally:
            painter.end()

    def _paint_axes(self, painter: QtGui.QPainter, layout: ProgressLayout) -> None:
        plot, metrics = layout.plot, self.fontMetrics()
        for value, y in layout.y_ticks:
            painter.setPen(QtGui.QPen(palette.CHART_GRID, 1))
            painter.drawLine(QtCore.QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(palette.CHART_TEXT)
            painter.drawText(QtCore.QRectF(0, y - metrics.height() / 2, plot.left() - 6,
                                           metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:,}")
        painter.drawText(QtCore.QRectF(4, plot.top() - metrics.height() * 1.5 - 4, 200,
                                       metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.tr("件数"))
        painter.setPen(QtGui.QPen(palette.CHART_TEXT, 1))
        painter.drawLine(QtCore.QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
        painter.drawLine(QtCore.QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))
        half = (metrics.horizontalAdvance(self.day_label(date(2024, 12, 31))) + 8) / 2
        for day, x in layout.x_ticks:
            painter.drawLine(QtCore.QLineF(x, plot.bottom(), x, plot.bottom() + 4))
            # Keep the first and last labels inside the widget.
            centre = min(max(x, half), self.width() - half)
            painter.drawText(QtCore.QRectF(centre - half, plot.bottom() + 5, half * 2,
                                           metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, self.day_label(day))
        painter.drawText(QtCore.QRectF(plot.left(), plot.bottom() + 7 + metrics.height(),
                                       plot.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignCenter, self.tr("日付"))

    def _paint_markers(self, painter: QtGui.QPainter, layout: ProgressLayout) -> None:
        plot, metrics = layout.plot, self.fontMetrics()
        if layout.total_y is not None:
            painter.setPen(QtGui.QPen(palette.TOTAL, 1.4, Qt.PenStyle.DashLine))
            painter.drawLine(QtCore.QLineF(plot.left(), layout.total_y, plot.right(),
                                           layout.total_y))
        markers = [(x, colour, style, text) for x, colour, style, text in (
            (layout.deadline_x, palette.DEADLINE, Qt.PenStyle.DashLine,
             self.tr("提出期限 {d}").replace("{d}", self._md(self._deadline))),
            (layout.today_x, palette.TODAY, Qt.PenStyle.DotLine, self.tr("今日"))) if x is not None]
        for x, colour, style, _text in markers:
            painter.setPen(QtGui.QPen(colour, 1.6, style))
            painter.drawLine(QtCore.QLineF(x, plot.top(), x, plot.bottom()))
        # Labels after every line, so that no line runs through a label.
        if layout.total_y is not None:
            text = self.tr("対象 {n}件").replace("{n}", f"{self._total:,}")
            width = metrics.horizontalAdvance(text) + 10
            box = QtCore.QRectF(plot.left() + 6, layout.total_y - metrics.height() - 2, width,
                                metrics.height())
            painter.fillRect(box, QtGui.QColor("white"))
            painter.setPen(palette.TOTAL)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        for x, colour, _style, text in markers:
            width = metrics.horizontalAdvance(text) + 10
            # Beside the line, on the side with room, just above the date axis: the total's
            # label is at the top, and the curves are low there only at the start.
            left = x + 4 if x + 4 + width <= plot.right() else x - 4 - width
            row = 1 if colour is palette.DEADLINE else 0
            box = QtCore.QRectF(left, plot.bottom() - (row + 1) * (metrics.height() + 4),
                                width, metrics.height())
            painter.fillRect(box, QtGui.QColor("white"))
            painter.setPen(colour)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_lines(self, painter: QtGui.QPainter, layout: ProgressLayout) -> None:
        plot = layout.plot
        if layout.done:
            area = QtGui.QPolygonF([QtCore.QPointF(layout.done[0].x(), plot.bottom()),
                                    *layout.done,
                                    QtCore.QPointF(layout.done[-1].x(), plot.bottom())])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.DONE_FILL)
            painter.drawPolygon(area)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        for points, colour in ((layout.proposed, palette.PROPOSED), (layout.done, palette.DONE)):
            painter.setPen(QtGui.QPen(colour, 2.2))
            painter.drawPolyline(QtGui.QPolygonF(points))
            if points:
                painter.setBrush(colour)
                painter.drawEllipse(points[-1], 3.5, 3.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_legend(self, painter: QtGui.QPainter, layout: ProgressLayout) -> None:
        for item in layout.legend:
            y = item.rect.center().y()
            painter.setPen(QtGui.QPen(item.colour, 2.2, item.style))
            painter.drawLine(QtCore.QLineF(item.rect.left(), y, item.rect.left() + 22, y))
            painter.setPen(palette.CHART_TEXT)
            painter.drawText(QtCore.QRectF(item.rect.left() + 28, item.rect.top(),
                                           item.rect.width() - 28, item.rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             item.text)

    @staticmethod
    def _md(day: date | None) -> str:
        return f"{day.month}/{day.day}" if day is not None else ""

    def day_label(self, day: date) -> str:
        """M/D on the axis; Y/M/D when the chart spans more than one calendar year."""
        if self._series:
            start, end = self._range()
            if start.year != end.year:
                return f"{day.year}/{day.month}/{day.day}"
        return f"{day.month}/{day.day}"

    # -- tooltips ------------------------------------------------------------------------
    def point_at(self, x: float) -> SeriesPoint | None:
        """The series point nearest to ``x`` (within the plot)."""
        layout = self.chart_layout()
        if not layout.done or not layout.plot.left() - 4 <= x <= layout.plot.right() + 4:
            return None
        nearest = min(range(len(layout.done)), key=lambda i: abs(layout.done[i].x() - x))
        return self._series[nearest]

    def event(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            point = self.point_at(event.pos().x())
            if point is None:
                QtWidgets.QToolTip.hideText()
            else:
                QtWidgets.QToolTip.showText(event.globalPos(), self.tr(
                    "{day}: 判定案あり {proposed}件・完了 {done}件").replace(
                    "{day}", point.day.isoformat()).replace(
                    "{proposed}", f"{point.proposed:,}").replace("{done}", f"{point.done:,}"),
                    self)
            return True
        return super().event(event)
