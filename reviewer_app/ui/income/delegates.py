"""Delegates: amount editing (right-aligned line edit), choices (combo box) and the outline of
the months that triggered the exclusion date."""

from __future__ import annotations

from typing import Any

from reviewer_app.ui import palette
from reviewer_app.ui.income.models import RUN_ROLE
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtGui, QtWidgets

CHOICES_ROLE = int(Qt.ItemDataRole.UserRole) + 10  # [(value, label), …] for a choice cell
# a text cell's format: the example its empty editor shows, and what may be typed (a regular
# expression; a prefix of a match is accepted while typing)
PLACEHOLDER_ROLE = int(Qt.ItemDataRole.UserRole) + 11
PATTERN_ROLE = int(Qt.ItemDataRole.UserRole) + 12


class AmountDelegate(QtWidgets.QStyledItemDelegate):
    """Line-edit editor; remembers whether the last commit was accepted, so the view can keep
    the cursor on a cell whose input was refused instead of moving on."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.last_commit_ok = True

    def createEditor(self, parent: QtWidgets.QWidget, option: QtWidgets.QStyleOptionViewItem,
                     index: ModelIndex) -> QtWidgets.QWidget:
        editor = QtWidgets.QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QtWidgets.QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QtWidgets.QLineEdit):
            if editor.isModified():
                # Qt refreshes an open editor on every dataChanged of its cell (a page shown, a
                # save confirmed): what the examiner is typing wins.
                return
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QtWidgets.QWidget, model: QtCore.QAbstractItemModel,
                     index: ModelIndex) -> None:
        if isinstance(editor, QtWidgets.QLineEdit):
            before = index.data(Qt.ItemDataRole.EditRole)
            if editor.text() == ("" if before is None else str(before)):
                self.last_commit_ok = True  # unchanged: nothing to commit or to refuse
                return
            self.last_commit_ok = model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def paint(self, painter: QtGui.QPainter, option: QtWidgets.QStyleOptionViewItem,
              index: ModelIndex) -> None:
        super().paint(painter, option, index)
        position = index.data(RUN_ROLE)
        if not position:
            return
        # Outline the triggering run as one box across the row: top edge on its first month,
        # bottom edge on its last, sides on the first and last columns.
        rect = QtCore.QRectF(option.rect).adjusted(1, 0, -1, 0)
        painter.save()
        pen = QtGui.QPen(palette.RUN_OUTLINE, 2)
        painter.setPen(pen)
        if position in ("first", "single"):
            painter.drawLine(QtCore.QLineF(rect.topLeft() + QtCore.QPointF(0, 1),
                                           rect.topRight() + QtCore.QPointF(0, 1)))
        if position in ("last", "single"):
            painter.drawLine(QtCore.QLineF(rect.bottomLeft() - QtCore.QPointF(0, 1),
                                           rect.bottomRight() - QtCore.QPointF(0, 1)))
        model = index.model()
        if index.column() == 0:
            painter.drawLine(QtCore.QLineF(rect.topLeft(), rect.bottomLeft()))
        if model is not None and index.column() == model.columnCount() - 1:
            painter.drawLine(QtCore.QLineF(rect.topRight(), rect.bottomRight()))
        painter.restore()


class ChoiceDelegate(QtWidgets.QStyledItemDelegate):
    """A combo box for cells that offer ``CHOICES_ROLE``; a line edit otherwise."""

    def createEditor(self, parent: QtWidgets.QWidget, option: QtWidgets.QStyleOptionViewItem,
                     index: ModelIndex) -> QtWidgets.QWidget:
        choices = index.data(CHOICES_ROLE)
        if not choices:
            editor = QtWidgets.QLineEdit(parent)
            editor.setFrame(False)
            placeholder, pattern = index.data(PLACEHOLDER_ROLE), index.data(PATTERN_ROLE)
            if placeholder:
                editor.setPlaceholderText(str(placeholder))
            if pattern:
                editor.setValidator(QtGui.QRegularExpressionValidator(
                    QtCore.QRegularExpression(str(pattern)), editor))
            return editor
        combo = QtWidgets.QComboBox(parent)
        for value, label in choices:
            combo.addItem(str(label), value)
        return combo

    def setEditorData(self, editor: QtWidgets.QWidget, index: ModelIndex) -> None:
        value: Any = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QtWidgets.QComboBox):
            for i in range(editor.count()):
                if editor.itemData(i) == value:
                    editor.setCurrentIndex(i)
                    return
        elif isinstance(editor, QtWidgets.QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QtWidgets.QWidget, model: QtCore.QAbstractItemModel,
                     index: ModelIndex) -> None:
        if isinstance(editor, QtWidgets.QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QtWidgets.QLineEdit):
            before = index.data(Qt.ItemDataRole.EditRole)
            if editor.text() != ("" if before is None else str(before)):
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
