"""Bar chart of each payment month against the monthly limit, drawn with QPainter (QtCharts is
GPL-only and not needed). :meth:`IncomeChart.chart_layout` returns exactly what
:meth:`paintEvent` draws, so tests check geometry and colours without reading pixels."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.income import MonthRow
from reviewer_app.ui import palette
from reviewer_app.ui.labels import format_yen, month_label
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets


@dataclass(frozen=True)
class Bar:
    month: str
    amount: Fraction
    state: str  # "within" | "over" | "missing"
    in_run: bool
    rect: QtCore.QRectF  # the bar; for a missing month with nothing paid, a hatched stub
    slot: QtCore.QRectF  # the month's full column (tooltips, bands)
    colour: QtGui.QColor


@dataclass(frozen=True)
class ChartLayout:
    plot: QtCore.QRectF
    bars: list[Bar]
    limit_y: float | None
    ticks: list[tuple[int, float]]  # (yen, y)
    run_band: QtCore.QRectF | None
    recert_band: QtCore.QRectF | None


def _nice_step(top: float, count: int = 5) -> int:
    raw = max(top / count, 1.0)
    magnitude: int = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return max(int(factor * magnitude), 1)
    return int(10 * magnitude)


class IncomeChart(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: tuple[MonthRow, ...] = ()
        self._limit: int | None = None
        self._run: set[str] = set()
        self._recert: set[str] = set()
        self._invalid = False
        self.setMouseTracking(True)
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                           QtWidgets.QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("月別収入のグラフ"))

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(640, 260)

    def minimumSizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(256, 180)  # beside the grid and a readable document (issue 13)

    def set_evaluation(self, evaluation: Evaluation | None) -> None:
        """Show the engine's months; None (an invalid sheet) shows a hint instead of bars."""
        self._invalid = evaluation is None
        self._months = evaluation.months if evaluation is not None else ()
        self._limit = evaluation.monthly_limit if evaluation is not None else None
        self._run = set(evaluation.exclusion.months) if evaluation is not None else set()
        self._recert = set(evaluation.recertification.months) if evaluation is not None \
            else set()
        self.update()

    # -- geometry ------------------------------------------------------------------------
    def chart_layout(self) -> ChartLayout:
        metrics = self.fontMetrics()
        top_value = max([m.total for m in self._months] + [Fraction(self._limit or 0), Fraction(1)])
        step = _nice_step(float(top_value) * 1.12)
        y_max = (int(float(top_value) * 1.12) // step + 1) * step
        left = metrics.horizontalAdvance(f"{y_max:,}") + 14
        line = metrics.height()
        plot = QtCore.QRectF(left, line + 10, max(self.width() - left - 12, 10),
                             max(self.height() - line * 3 - 18, 10))

        def y_of(value: Fraction | float) -> float:
            return plot.bottom() - float(value) / y_max * plot.height()

        ticks = [(v, y_of(v)) for v in range(0, y_max + 1, step)]
        count = max(len(self._months), 1)
        slot_width = plot.width() / count
        bar_width = max(min(slot_width * 0.62, 46.0), 2.0)
        bars: list[Bar] = []
        for i, month in enumerate(self._months):
            key = month.month
            amount = month.total
            slot = QtCore.QRectF(plot.left() + i * slot_width, plot.top(), slot_width,
                                 plot.height())
            state = "missing" if month.missing else "over" if month.over else "within"
            height = plot.bottom() - y_of(amount)
            if state == "missing":
                height = max(height, min(plot.height() * 0.25, 28.0))
            rect = QtCore.QRectF(slot.center().x() - bar_width / 2, plot.bottom() - height,
                                 bar_width, height)
            colour = {"missing": palette.BAR_MISSING, "over": palette.BAR_OVER,
                      "within": palette.BAR_WITHIN}[state]
            bars.append(Bar(key, amount, state, key in self._run, rect, slot, colour))
        return ChartLayout(plot, bars, y_of(self._limit) if self._limit is not None else None,
                           ticks, self._band(bars, self._run), self._band(bars, self._recert))

    @staticmethod
    def _band(bars: list[Bar], months: set[str]) -> QtCore.QRectF | None:
        slots = [b.slot for b in bars if b.month in months]
        if not slots:
            return None
        band = slots[0]
        for slot in slots[1:]:
            band = band.united(slot)
        return band

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        try:
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QtGui.QColor("white"))
            layout = self.chart_layout()
            if not self._months:
                painter.setPen(palette.CHART_TEXT)
                message = (self.tr("入力の誤りを直すとグラフが表示されます") if self._invalid
                           else self.tr("判定できる月がありません"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, message)
                return
            self._paint_bands(painter, layout)
            self._paint_axes(painter, layout)
            self._paint_bars(painter, layout)
            self._paint_limit(painter, layout)
        finally:
            painter.end()

    def _paint_bands(self, painter: QtGui.QPainter, layout: ChartLayout) -> None:
        metrics = self.fontMetrics()
        for band, colour, text in ((layout.run_band, palette.RUN_BAND, self.tr("除外判定")),
                                   (layout.recert_band, palette.RECERT_BAND, self.tr("再認定"))):
            if band is None:
                continue
            painter.fillRect(band, colour)
            painter.setPen(palette.CHART_TEXT)
            label = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(band.width()) - 4)
            painter.drawText(QtCore.QRectF(band.left(), band.top() - metrics.height() - 4,
                                           band.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, label)

    def _paint_axes(self, painter: QtGui.QPainter, layout: ChartLayout) -> None:
        plot, metrics = layout.plot, self.fontMetrics()
        for value, y in layout.ticks:
            painter.setPen(QtGui.QPen(palette.CHART_GRID, 1))
            painter.drawLine(QtCore.QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(palette.CHART_TEXT)
            painter.drawText(QtCore.QRectF(0, y - metrics.height() / 2, plot.left() - 6,
                                           metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:,}")
        label_every = 1
        widest = metrics.horizontalAdvance(self.tr("12月")) + 4
        slot_width = layout.bars[0].slot.width() if layout.bars else plot.width()
        while slot_width * label_every < widest:
            label_every += 1
        previous_year: int | None = None
        for i, bar in enumerate(layout.bars):
            parsed = YearMonth.parse(bar.month)
            if parsed is None:
                continue
            year, month = parsed.year, parsed.month
            text_rect = QtCore.QRectF(bar.slot.left() - 10, plot.bottom() + 4,
                                      bar.slot.width() + 20, metrics.height())
            painter.setPen(palette.CHART_TEXT)
            if i % label_every == 0:
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter,
                                 self.tr("{m}月").replace("{m}", str(month)))
            if year != previous_year:
                if previous_year is not None:
                    painter.setPen(QtGui.QPen(palette.CHART_TEXT, 1, Qt.PenStyle.DotLine))
                    painter.drawLine(QtCore.QLineF(bar.slot.left(), plot.top(),
                                                   bar.slot.left(), plot.bottom() + 4))
                painter.setPen(palette.CHART_TEXT)
                painter.drawText(QtCore.QRectF(bar.slot.left() + 2,
                                               plot.bottom() + 4 + metrics.height(), 120,
                                               metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 self.tr("{y}年").replace("{y}", str(year)))
                previous_year = year
        painter.setPen(QtGui.QPen(palette.CHART_TEXT, 1))
        painter.drawLine(QtCore.QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))

    def _paint_bars(self, painter: QtGui.QPainter, layout: ChartLayout) -> None:
        for bar in layout.bars:
            if bar.state == "missing":
                painter.setPen(QtGui.QPen(palette.BAR_MISSING, 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(QtGui.QBrush(palette.BAR_MISSING, Qt.BrushStyle.BDiagPattern))
            else:
                painter.setPen(QtGui.QPen(bar.colour.darker(125), 1))
                painter.setBrush(bar.colour)
            painter.drawRect(bar.rect)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_limit(self, painter: QtGui.QPainter, layout: ChartLayout) -> None:
        if layout.limit_y is None or self._limit is None:
            return
        plot, metrics = layout.plot, self.fontMetrics()
        painter.setPen(QtGui.QPen(palette.LIMIT_LINE, 1.6, Qt.PenStyle.DashLine))
        painter.drawLine(QtCore.QLineF(plot.left(), layout.limit_y, plot.right(), layout.limit_y))
        text = self.tr("月額限度 {amount}円").replace("{amount}", format_yen(self._limit))
        width = metrics.horizontalAdvance(text) + 10
        box = QtCore.QRectF(plot.right() - width, layout.limit_y - metrics.height() - 3, width,
                            metrics.height() + 2)
        painter.fillRect(box, QtGui.QColor(255, 255, 255, 215))
        painter.setPen(palette.LIMIT_LINE)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- tooltips ------------------------------------------------------------------------
    def bar_at(self, pos: QtCore.QPointF) -> Bar | None:
        for bar in self.chart_layout().bars:
            if bar.slot.left() <= pos.x() < bar.slot.right():
                return bar
        return None

    def tooltip_text(self, bar: Bar) -> str:
        state = {"within": self.tr("限度内"), "over": self.tr("超過"),
                 "missing": self.tr("未入力あり")}[bar.state]
        text = self.tr("{month}: {amount}円({state})").replace(
            "{month}", month_label(bar.month)).replace(
            "{amount}", format_yen(bar.amount)).replace("{state}", state)
        if bar.in_run:
            text += "\n" + self.tr("除外日の判定に使われた月")
        return text

    def event(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip and isinstance(event, QtGui.QHelpEvent):
            bar = self.bar_at(QtCore.QPointF(event.pos()))
            if bar is None:
                QtWidgets.QToolTip.hideText()
            else:
                QtWidgets.QToolTip.showText(event.globalPos(), self.tooltip_text(bar), self)
            return True
        return super().event(event)
