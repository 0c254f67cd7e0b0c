"""履歴 tab: the case's audit events (who did what, when), newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from reviewer_app.services.case_history import HistoryEntry
from reviewer_app.ui import palette
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager


class HistoryColumn(IntEnum):
    AT = 0
    ACTOR = 1
    WHAT = 2


class HistoryModel(QtCore.QAbstractTableModel):
    def __init__(self, parent: QtCore.QObject | None = None, *, language: str = "ja") -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._english = language == "en"

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = sorted(entries, key=lambda e: (e.at, e.seq), reverse=True)
        self.endResetModel()


    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [self.tr("日時"), self.tr("操作した人"), self.tr("内容")]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = HistoryColumn(index.column())
            if col is HistoryColumn.AT:
                return entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
            if col is HistoryColumn.ACTOR:
                return entry.actor or self.tr("(システム)")
            text = (entry.summary_en or entry.summary_ja) if self._english else entry.summary_ja
            if entry.count > 1:
                text += self.tr("（{n}回）").format(n=entry.count)
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == HistoryColumn.WHAT:
            if entry.count > 1 and entry.first_at is not None:
                return self.tr("{action}: {first}〜{last}").format(
                    action=entry.action,
                    first=entry.first_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    last=entry.at.astimezone().strftime("%H:%M"))
            return entry.action
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren


class HistoryTab(QtWidgets.QWidget):
    def __init__(self, parent: QtWidgets.QWidget | None = None, *, language: str = "ja") -> None:
        super().__init__(parent)
        self.model = HistoryModel(self, language=language)
        self._generation = 0  # the latest load: an earlier one arriving late is dropped
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HistoryColumn.AT,
                                    QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.ACTOR,
                                    QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryColumn.WHAT, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.error = QtWidgets.QLabel()  # why the history could not be read, when it could not
        self.error.setObjectName("historyError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {palette.ERROR_TEXT.name()};")
        self.error.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.error)
        layout.addWidget(self.table)

    def load(self, tasks: TaskManager, fetch: Callable[[], Sequence[HistoryEntry]]) -> None:
        """Fetch the entries on the worker; a later load or :meth:`clear` (another case) makes
        this one's result stale, and it is dropped."""
        self._generation += 1
        generation = self._generation
        tasks.run(fetch, lambda entries: self._loaded(generation, entries),
                  lambda failure: self._failed(generation, failure), receiver=self)

    def _loaded(self, generation: int, entries: Sequence[HistoryEntry]) -> None:
        if generation == self._generation:
            self.set_entries(entries)

    def _failed(self, generation: int, failure: TaskFailure) -> None:
        if generation == self._generation:
            self.show_error(failure.message)

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        self.error.hide()
        self.model.set_entries(entries)

    def show_error(self, message: str) -> None:
        self.model.set_entries([])
        self.error.setText(message)
        self.error.show()

    def clear(self) -> None:
        self._generation += 1
        self.error.hide()
        self.model.set_entries([])
