"""表示 → 進捗: the survey's progress for supervisors and admins (services.progress).

Figures in a row of summary boxes, three small tables (by status, by holder, by office) and the
cumulative chart. The report is loaded on the task manager's worker; a refresh that is still
running when another starts is ignored when it arrives (only the newest request is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from reviewer_app.domain.vocabulary import CaseStatus, Verdict
from reviewer_app.services.progress import JST, ProgressReport, StatusCounts
from reviewer_app.ui import palette
from reviewer_app.ui.labels import status_label, verdict_label
from reviewer_app.ui.progress_chart import ProgressChart
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtGui, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager

Cell = str | int


def today_in_japan() -> date:
    return datetime.now(JST).date()


class CountsModel(QtCore.QAbstractTableModel):
    """A read-only table of labels and counts (numbers right-aligned, with thousands commas)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[list[Cell]] = []
        self._colours: list[tuple[str, str] | None] = []

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                  colours: Sequence[tuple[str, str] | None] = ()) -> None:
        """``colours``: (background, text) of each row's first cell, if any."""
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._colours = [*colours, *([None] * (len(self._rows) - len(colours)))]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._headers):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}" if isinstance(value, int) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colours = self._colours[index.row()] if index.column() == 0 else None
        if colours is not None and role == Qt.ItemDataRole.BackgroundRole:
            return QtGui.QColor(colours[0])
        if colours is not None and role == Qt.ItemDataRole.ForegroundRole:
            return QtGui.QColor(colours[1])
        return None

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "–"


class ProgressView(QtWidgets.QWidget):
    """``load(today)`` returns the report (it runs on the worker); ``today`` gives the day."""

    def __init__(self, tasks: TaskManager, load: Callable[[date], ProgressReport],
                 today: Callable[[], date] = today_in_japan,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._load = load
        self._today = today
        self._request = 0
        self.report: ProgressReport | None = None
        self.loading = False

        self.title = QtWidgets.QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.as_of = QtWidgets.QLabel()
        self.refresh_button = QtWidgets.QPushButton(self.tr("更新"))
        self.refresh_button.setToolTip(self.tr("最新の件数を読み込みます"))
        self.refresh_button.clicked.connect(self.refresh)
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a1261c;")
        self.message.hide()
        header = QtWidgets.QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(16)
        header.addWidget(self.as_of)
        header.addStretch(1)
        header.addWidget(self.refresh_button)

        self.figures: dict[str, QtWidgets.QLabel] = {}
        figures = QtWidgets.QHBoxLayout()
        figures.setSpacing(8)
        for key, caption in (("total", self.tr("対象")), ("done", self.tr("完了")),
                             ("awaiting", self.tr("承認待ち")),
                             ("notices", self.tr("不備連絡 未回答")),
                             ("non_submitters", self.tr("未提出")),
                             ("deadline", self.tr("提出期限"))):
            figures.addWidget(self._figure_box(key, caption), 1)

        self.chart = ProgressChart()
        self.status_model, self.status_table = self._table(stretch=0)
        self.verdict_model, self.verdict_table = self._table(stretch=0)
        self.verdict_label = QtWidgets.QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.hide()  # the same figures as one sentence (accessibility, tests)
        self.holders_model, self.holders_table = self._table(stretch=0)
        self.offices_model, self.offices_table = self._table(stretch=1)

        status_box = QtWidgets.QVBoxLayout()
        status_box.addWidget(self._caption(self.tr("状態別")))
        status_box.addWidget(self.status_table)
        status_box.addWidget(self._caption(self.tr("完了の内訳")))
        status_box.addWidget(self.verdict_table)
        status_box.addWidget(self.verdict_label)
        status_box.addStretch(1)
        middle = QtWidgets.QHBoxLayout()
        middle.addWidget(self.chart, 3)
        middle.addLayout(status_box, 1)
        holders_box = QtWidgets.QVBoxLayout()
        holders_box.addWidget(self._caption(self.tr("担当者別")))
        holders_box.addWidget(self.holders_table)
        offices_box = QtWidgets.QVBoxLayout()
        offices_box.addWidget(self._caption(self.tr("事業所別")))
        offices_box.addWidget(self.offices_table)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addLayout(holders_box, 3)
        bottom.addLayout(offices_box, 2)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.message)
        layout.addLayout(figures)
        layout.addLayout(middle, 3)
        layout.addLayout(bottom, 2)

    # -- construction --------------------------------------------------------------------
    def _figure_box(self, key: str, caption: str) -> QtWidgets.QFrame:
        box = QtWidgets.QFrame()
        box.setObjectName("figure")
        box.setStyleSheet("QFrame#figure { background: #f6f8fa; border: 1px solid #dde3ea;"
                          " border-radius: 6px; }")
        inner = QtWidgets.QVBoxLayout(box)
        inner.setContentsMargins(10, 6, 10, 6)
        inner.setSpacing(2)
        title = QtWidgets.QLabel(caption)
        title.setStyleSheet("color: #56616d;")
        value = QtWidgets.QLabel("–")
        value.setStyleSheet("font-size: 20px; font-weight: bold;")
        detail = QtWidgets.QLabel()
        detail.setStyleSheet("color: #56616d;")
        detail.setWordWrap(True)
        value.setObjectName(f"figure_{key}")
        for widget in (title, value, detail):
            inner.addWidget(widget)
        self.figures[key] = value
        self.figures[f"{key}_detail"] = detail
        return box

    @staticmethod
    def _caption(text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setStyleSheet("font-weight: bold;")
        return label

    def _table(self, *, stretch: int) -> tuple[CountsModel, QtWidgets.QTableView]:
        """A read-only table whose column ``stretch`` takes the spare width."""
        model = CountsModel(self)
        view = QtWidgets.QTableView()
        view.setModel(model)
        view.verticalHeader().hide()
        view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        model.modelReset.connect(lambda: header.setSectionResizeMode(
            stretch, QtWidgets.QHeaderView.ResizeMode.Stretch)
            if model.columnCount() > stretch else None)
        return model, view

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the report for today on the worker (the page keeps the last one meanwhile)."""
        self._request += 1
        request, today, load = self._request, self._today(), self._load
        self.loading = True
        self.refresh_button.setEnabled(False)
        self.as_of.setText(self.tr("読み込み中…"))
        self._tasks.run(lambda: load(today),
                        lambda report: self._on_loaded(request, report),
                        lambda failure: self._on_failed(request, failure))

    def _on_loaded(self, request: int, report: ProgressReport) -> None:
        if request != self._request:
            return
        self._finish()
        self.message.hide()
        self.show_report(report)

    def _on_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._finish()
        self.as_of.setText("")
        self.message.setText(failure.message)
        self.message.show()

    def _finish(self) -> None:
        self.loading = False
        self.refresh_button.setEnabled(True)

    def clear(self) -> None:
        self._request += 1  # a report still on its way is dropped
        self._finish()
        self.report = None
        self.title.setText("")
        self.as_of.setText("")
        for label in self.figures.values():
            label.setText("")
        for model in (self.status_model, self.verdict_model, self.holders_model,
                      self.offices_model):
            model.set_table([], [])
        self.verdict_label.setText("")
        self.chart.clear()

    # -- showing -------------------------------------------------------------------------
    def show_report(self, report: ProgressReport) -> None:
        self.report = report
        survey, total = report.survey, report.total
        self.title.setText(survey.name)
        self.as_of.setText(self.tr("基準日 {day}").replace("{day}", report.today.isoformat()))
        done = report.by_status.done
        n = report.notices
        self._figure("total", f"{total:,}", self.tr("件"))
        self._figure("done", f"{done:,}", _percent(done, total))
        self._figure("awaiting", f"{report.by_status.awaiting_approval:,}", self.tr("件"))
        self._figure("notices", f"{n.outstanding:,}", self.tr(
            "うち期限切れ {overdue}件・再提出あり {answered}件").replace(
            "{overdue}", f"{n.overdue:,}").replace("{answered}", f"{n.answered:,}"))
        self._figure("non_submitters", f"{report.non_submitters:,}",
                     self.tr("未完了の被扶養者"))
        self._figure("deadline", self._days_text(report.days_left), self.tr(
            "{deadline}（未提出の除外日 {exclusion}）").replace(
            "{deadline}", survey.submission_deadline.isoformat()).replace(
            "{exclusion}", survey.non_submission_exclusion_date.isoformat()))
        overdue_style = "color: #a1261c;" if n.overdue else ""
        self.figures["notices_detail"].setStyleSheet(overdue_style or "color: #56616d;")
        self.figures["deadline"].setStyleSheet(
            "font-size: 20px; font-weight: bold;"
            + (" color: #a1261c;" if report.days_left < 0 else ""))

        self.status_model.set_table(
            [self.tr("状態"), self.tr("件数"), self.tr("割合")],
            [[status_label(s), report.by_status.count(s), _percent(report.by_status.count(s),
                                                                   total)]
             for s in CaseStatus], [palette.STATUS_COLOURS[s] for s in CaseStatus])
        v = report.done_by_verdict
        self.verdict_label.setText(self.tr(
            "完了の内訳: 扶養継続 {keep}件・扶養除外 {exclude}件・その他 {other}件").replace(
            "{keep}", f"{v.continued:,}").replace("{exclude}", f"{v.excluded:,}").replace(
            "{other}", f"{v.other:,}"))
        self.verdict_model.set_table(
            [self.tr("判定"), self.tr("件数"), self.tr("割合")],
            [[label, n, _percent(n, done)] for label, n in (
                (verdict_label(Verdict.CONTINUE), v.continued),
                (verdict_label(Verdict.EXCLUDE), v.excluded), (self.tr("その他"), v.other))])
        statuses = list(CaseStatus)
        holder_rows: list[list[Cell]] = [self._holder_row(h.name, h.counts, statuses)
                                         for h in report.holders]
        holder_rows.append(self._holder_row(self.tr("（未割当）"), report.unassigned, statuses))
        self.holders_model.set_table(
            [self.tr("担当者"), self.tr("計"), *(status_label(s) for s in statuses)],
            holder_rows)
        self.offices_model.set_table(
            [self.tr("事業所"), self.tr("事業所名"), self.tr("計"), self.tr("完了"),
             self.tr("完了率")],
            [[o.office_code, o.office_name, o.total, o.done, _percent(o.done, o.total)]
             for o in report.offices])
        self.chart.set_data(report.series, total, survey.submission_deadline, report.today)
        for table in (self.status_table, self.verdict_table):
            _fit_height(table)

    @staticmethod
    def _holder_row(name: str, counts: StatusCounts, statuses: list[CaseStatus]) -> list[Cell]:
        return [name, counts.total, *(counts.count(s) for s in statuses)]

    def _figure(self, key: str, value: str, detail: str) -> None:
        self.figures[key].setText(value)
        self.figures[f"{key}_detail"].setText(detail)

    def _days_text(self, days: int) -> str:
        if days > 0:
            return self.tr("あと {n}日").replace("{n}", str(days))
        if days == 0:
            return self.tr("本日")
        return self.tr("{n}日経過").replace("{n}", str(-days))


def _fit_height(view: QtWidgets.QTableView) -> None:
    """As tall as its rows: the two short tables never scroll and leave no empty band."""
    view.resizeRowsToContents()
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    view.setFixedHeight(view.horizontalHeader().sizeHint().height() + rows
                        + 2 * view.frameWidth())
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
