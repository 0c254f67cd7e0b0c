"""Models of the 不備連絡 tab: the notice's items (補足 editable) and the recorded notices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from enum import IntEnum
from typing import Any

from reviewer_app.review.deficiency import DeficiencyNotice, NoticeItem
from reviewer_app.ui import labels, palette
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, Signal


class ItemColumn(IntEnum):
    TITLE = 0
    REASON = 1
    INSTEAD = 2
    NOTE = 3


class NoticeItemsModel(QtCore.QAbstractTableModel):
    """The items of the notice being written; the 補足 column is editable."""

    notesEdited = Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[NoticeItem] = []
        self._read_only = False

    def set_items(self, items: Sequence[NoticeItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[NoticeItem]:
        return list(self._items)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only

    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ItemColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._items) else None
        if not 0 <= section < len(ItemColumn):
            return None
        return {
            ItemColumn.TITLE: self.tr("書類"),
            ItemColumn.REASON: self.tr("不備の内容"),
            ItemColumn.INSTEAD: self.tr("ご提出いただきたいもの"),
            ItemColumn.NOTE: self.tr("補足(自由記入)"),
        }[ItemColumn(section)]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        col = ItemColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            value = {
                ItemColumn.TITLE: item.title_ja,
                ItemColumn.REASON: labels.reason_label(item.reason),
                ItemColumn.INSTEAD: item.instead_ja,
                ItemColumn.NOTE: item.note,
            }[col]
            if role == Qt.ItemDataRole.ToolTipRole and col == ItemColumn.NOTE and not value:
                return self.tr("ダブルクリックで補足を入力")
            return value
        if role == Qt.ItemDataRole.ForegroundRole and col == ItemColumn.REASON:
            return palette.WARN_FG
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() != ItemColumn.NOTE or self._read_only):
            return False
        self._items[index.row()] = replace(self._items[index.row()], note=str(value).strip())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        self.notesEdited.emit()
        return True

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ItemColumn.NOTE and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class HistoryColumn(IntEnum):
    ISSUED = 0
    DEADLINE = 1
    COUNT = 2
    DOCUMENTS = 3


class NoticeHistoryModel(QtCore.QAbstractTableModel):
    """Notices recorded for the case, newest first."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._notices: list[DeficiencyNotice] = []

    def set_notices(self, notices: Sequence[DeficiencyNotice]) -> None:
        self.beginResetModel()
        self._notices = sorted(notices, key=lambda n: n.issued_on, reverse=True)
        self.endResetModel()


    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notices)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HistoryColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(HistoryColumn):
            return None
        return {
            HistoryColumn.ISSUED: self.tr("連絡日"),
            HistoryColumn.DEADLINE: self.tr("回答期限"),
            HistoryColumn.COUNT: self.tr("件数"),
            HistoryColumn.DOCUMENTS: self.tr("書類"),
        }[HistoryColumn(section)]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._notices):
            return None
        notice = self._notices[index.row()]
        col = HistoryColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == HistoryColumn.ISSUED:
                return labels.date_text(notice.issued_on)
            if col == HistoryColumn.DEADLINE:
                return labels.date_text(notice.reply_deadline)
            if col == HistoryColumn.COUNT:
                return self.tr("{n}件").format(n=len(notice.items))
            return "、".join(i.title_ja for i in notice.items)
        if role == Qt.ItemDataRole.ToolTipRole and col == HistoryColumn.DOCUMENTS:
            return "\n".join(f"{i.title_ja}: {labels.reason_label(i.reason)}"
                             for i in notice.items)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == HistoryColumn.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
