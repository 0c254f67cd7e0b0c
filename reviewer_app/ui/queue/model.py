"""The queue's item model: pages of :class:`~reviewer_app.services.queue.QueueRow` fetched as the
view scrolls, never the whole table (100,000 dependents must stay smooth).

Every database call runs on the :class:`~reviewer_app.ui.tasks.TaskManager` worker. A filter or
search change starts ONE task (count, first page and the status counts together) and bumps the
request id; a result that comes back with an older id is dropped, so typing fast never shows the
rows of an earlier query. ``fetchMore`` asks for the next page only when the view wants it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any, Protocol

from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.queue import QueueFilter, QueueRow
from reviewer_app.ui import palette
from reviewer_app.ui.labels import paper_label, status_label, verdict_label
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtGui, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager

PAGE_SIZE = 200
SERVICE_MAX_PAGE = 1000  # QueueService.fetch returns at most this many rows per call

CASE_ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class QueueSource(Protocol):
    """What the model needs of :class:`reviewer_app.services.queue.QueueService`."""

    def count(self, f: QueueFilter) -> int: ...
    def fetch(self, f: QueueFilter, offset: int, limit: int) -> list[QueueRow]: ...
    def status_counts(self, f: QueueFilter) -> dict[CaseStatus, int]: ...


class Column(IntEnum):
    CARD = 0
    INSURED = 1
    DEPENDENT = 2
    KANA = 3
    RELATIONSHIP = 4
    OFFICE = 5
    STATUS = 6
    ASSIGNEE = 7
    VERDICT = 8
    ATTACHMENTS = 9
    UPDATED = 10


def column_titles() -> list[str]:
    return [
        QtCore.QCoreApplication.translate("QueueModel", "記号番号"),
        QtCore.QCoreApplication.translate("QueueModel", "被保険者"),
        QtCore.QCoreApplication.translate("QueueModel", "被扶養者"),
        QtCore.QCoreApplication.translate("QueueModel", "カナ"),
        QtCore.QCoreApplication.translate("QueueModel", "続柄"),
        QtCore.QCoreApplication.translate("QueueModel", "事業所"),
        QtCore.QCoreApplication.translate("QueueModel", "状態"),
        QtCore.QCoreApplication.translate("QueueModel", "担当"),
        QtCore.QCoreApplication.translate("QueueModel", "判定案"),
        QtCore.QCoreApplication.translate("QueueModel", "添付"),
        QtCore.QCoreApplication.translate("QueueModel", "更新あり"),
    ]


@dataclass(frozen=True)
class _Loaded:
    total: int
    rows: list[QueueRow]
    counts: dict[CaseStatus, int] | None


class QueueModel(QtCore.QAbstractTableModel):
    """Signals: ``rowsReady(n)`` when a reload's first page is shown, ``loaded(total)`` after
    the whole (re)load landed, ``countsChanged(dict)`` with the
    cases per status under the other filters, ``loadFailed(TaskFailure)``.

    ``approval=True`` is a supervisor's approval queue: the filter's status is always
    承認待ち (paged like any other filter, oldest case first).
    """

    loaded = Signal(int)
    rowsReady = Signal(int)  # the first page of a (re)load is in the model
    countsChanged = Signal(dict)
    loadFailed = Signal(object)

    def __init__(self, tasks: TaskManager, source: QueueSource,
                 parent: QtCore.QObject | None = None, *, page_size: int = PAGE_SIZE,
                 approval: bool = False) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._source = source
        self._page = page_size
        self._approval = approval
        self._filter = self._forced(QueueFilter())
        self._rows: list[QueueRow] = []
        self._total = 0
        self._request = 0
        self._loading = False
        self._fetching = False
        self._titles = column_titles()

    # --- public API ---------------------------------------------------------------------------

    @property
    def filter(self) -> QueueFilter:
        return self._filter

    @property
    def total(self) -> int:
        """Rows matching the filter in the database (the view has ``rowCount()`` of them)."""
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._loading or self._fetching

    def set_filter(self, f: QueueFilter) -> None:
        self._filter = self._forced(f)
        self.reload()

    def _forced(self, f: QueueFilter) -> QueueFilter:
        if self._approval:
            return replace(f, status=CaseStatus.AWAITING_APPROVAL)
        return f

    def reload(self) -> None:
        """The first page, then the count and the status counts, as two tasks in that order.

        The rows are what the examiner waits for; posting them before the two COUNT queries
        halves the time to a visible result on a large queue (tests/benchmarks/bench_gui_queue).
        Until the totals arrive the model reports only the loaded rows and fetches no more.
        """
        self._request += 1
        request, f, source, page = self._request, self._filter, self._source, self._page
        self._loading = True
        self._fetching = False

        def totals() -> tuple[int, dict[CaseStatus, int]]:
            return source.count(f), source.status_counts(f)

        self._tasks.run(lambda: source.fetch(f, 0, page),
                        lambda rows: self._on_first_page(request, rows),
                        lambda failure: self._on_failed(request, failure))
        self._tasks.run(totals, lambda r: self._on_totals(request, *r),
                        lambda failure: self._on_failed(request, failure))

    def refresh(self) -> None:
        """Reload what is loaded now, updating rows in place (scroll and selection stay)."""
        self._request += 1
        request, f, source = self._request, self._filter, self._source
        wanted = max(self._page, len(self._rows))
        self._loading = True
        self._fetching = False

        def job() -> _Loaded:
            total = source.count(f)
            loaded: list[QueueRow] = []
            while len(loaded) < min(wanted, total):
                chunk = source.fetch(f, len(loaded),
                                     min(SERVICE_MAX_PAGE, wanted - len(loaded)))
                if not chunk:
                    break
                loaded.extend(chunk)
            return _Loaded(total, loaded, source.status_counts(f))

        self._tasks.run(job, lambda r: self._on_refreshed(request, r),
                        lambda failure: self._on_failed(request, failure))

    def clear(self) -> None:
        """Forget every row (the idle lock: no name stays in memory behind the lock screen)."""
        self._request += 1
        self._loading = self._fetching = False
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_case(self, case_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.case_id == case_id:
                return i
        return -1

    def loaded_rows(self) -> Sequence[QueueRow]:
        return tuple(self._rows)

    # --- results ------------------------------------------------------------------------------

    def _on_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._loading = self._fetching = False
        self.loadFailed.emit(failure)

    def _on_first_page(self, request: int, rows: list[QueueRow]) -> None:
        if request != self._request:
            return  # an older query: its rows are not what the filter says now
        self.beginResetModel()
        self._rows = list(rows)
        self._total = len(self._rows)
        self.endResetModel()
        self.rowsReady.emit(len(self._rows))

    def _on_totals(self, request: int, total: int, counts: dict[CaseStatus, int]) -> None:
        if request != self._request:
            return
        self._loading = False
        self._total = max(total, len(self._rows))
        self.countsChanged.emit(dict(counts))
        self.loaded.emit(self._total)

    def _on_refreshed(self, request: int, result: _Loaded) -> None:
        if request != self._request:
            return
        self._loading = False
        self._replace_in_place(list(result.rows))
        self._total = result.total
        if result.counts is not None:
            self.countsChanged.emit(dict(result.counts))
        self.loaded.emit(self._total)

    def _replace_in_place(self, rows: list[QueueRow]) -> None:
        old = len(self._rows)
        new = len(rows)
        common = min(old, new)
        if new < old:
            self.beginRemoveRows(QtCore.QModelIndex(), new, old - 1)
            del self._rows[new:]
            self.endRemoveRows()
        self._rows[:common] = rows[:common]
        if common:
            self.dataChanged.emit(self.index(0, 0), self.index(common - 1, len(Column) - 1))
        if new > old:
            self.beginInsertRows(QtCore.QModelIndex(), old, new - 1)
            self._rows.extend(rows[old:])
            self.endInsertRows()

    def _on_page(self, request: int, offset: int, rows: list[QueueRow]) -> None:
        if request != self._request:
            return
        self._fetching = False
        if offset != len(self._rows):
            return
        rows = rows[: max(0, self._total - offset)]
        if not rows:
            self._total = len(self._rows)  # the table shrank meanwhile: stop asking
            return
        self.beginInsertRows(QtCore.QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if parent.isValid():
            return False
        return not self._loading and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        request, f, source = self._request, self._filter, self._source
        offset, page = len(self._rows), self._page
        self._tasks.run(lambda: source.fetch(f, offset, page),
                        lambda rows: self._on_page(request, offset, rows),
                        lambda failure: self._on_failed(request, failure))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = Column(index.column())
        handler = _ROLE_HANDLERS.get(role)
        return None if handler is None else handler(row, col)


def _display(row: QueueRow, col: Column) -> str:
    if row.damaged and col in (Column.CARD, Column.INSURED, Column.DEPENDENT, Column.KANA):
        return QtCore.QCoreApplication.translate("QueueModel", "（読めません）")
    if col is Column.CARD:
        return row.card
    if col is Column.INSURED:
        return row.insured_name
    if col is Column.DEPENDENT:
        return row.dependent_name
    if col is Column.KANA:
        return row.dependent_kana
    if col is Column.RELATIONSHIP:
        return row.relationship_label
    if col is Column.OFFICE:
        return row.office_name
    if col is Column.STATUS:
        return f"{status_label(row.status)}・{paper_label()}" if row.paper \
            else status_label(row.status)
    if col is Column.ASSIGNEE:
        return row.assignee_name or ""
    if col is Column.VERDICT:
        return verdict_label(row.proposed_verdict)
    if col is Column.ATTACHMENTS:
        return str(row.attachment_count)
    return QtCore.QCoreApplication.translate(
        "QueueModel", "更新あり") if row.updated_after_review else ""


def _tooltip(row: QueueRow, col: Column) -> str | None:
    if row.damaged:
        return QtCore.QCoreApplication.translate(
            "QueueModel",
            "この案件のデータは壊れているか書き換えられています。管理者に連絡してください")
    if col is Column.ASSIGNEE and row.assignee_name:
        return QtCore.QCoreApplication.translate(
            "QueueModel", "{name}さんが担当しています").format(name=row.assignee_name)
    if col is Column.UPDATED and row.updated_after_review:
        return QtCore.QCoreApplication.translate(
            "QueueModel", "審査を始めた後に会員が回答または書類を更新しました")
    if col is Column.OFFICE:
        return f"{row.office_code} {row.office_name}"
    return None


def _background(row: QueueRow, col: Column) -> QtGui.QColor | None:
    if col is Column.STATUS:
        return QtGui.QColor(palette.STATUS_COLOURS[row.status][0])
    if col is Column.UPDATED and row.updated_after_review:
        return palette.UPDATED_BG
    return None


def _foreground(row: QueueRow, col: Column) -> QtGui.QColor | None:
    if col is Column.STATUS:
        return QtGui.QColor(palette.STATUS_COLOURS[row.status][1])
    if col is Column.UPDATED and row.updated_after_review:
        return palette.UPDATED_FG
    return None


def _alignment(row: QueueRow, col: Column) -> int | None:
    if col is Column.ATTACHMENTS:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


_ROLE_HANDLERS: dict[int, Callable[[QueueRow, Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: _display,
    Qt.ItemDataRole.ToolTipRole: _tooltip,
    Qt.ItemDataRole.BackgroundRole: _background,
    Qt.ItemDataRole.ForegroundRole: _foreground,
    Qt.ItemDataRole.TextAlignmentRole: _alignment,
    CASE_ID_ROLE: lambda row, col: row.case_id,
    ROW_ROLE: lambda row, col: row,
}
