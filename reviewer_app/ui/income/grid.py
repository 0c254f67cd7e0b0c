"""The month grid view: keyboard entry of twelve amounts without the mouse.

Tab and Enter commit the amount and move *down* to the next month (the examiner reads a payslip
per month); after the last month Tab continues at the top of the next employer's column.
Shift+Tab moves up. Delete clears a month back to "not entered". Ctrl+V pastes a column of
amounts copied from a spreadsheet, starting at the current month, as one undo step.

A cell that offers an amount read from a document (grey, italic, ◇) takes it with Enter, which
then moves to the next month that offers one (issue 11); typing a number replaces it.
``cellFocused(index)`` follows the current cell (the case view shows that month's payslip).
"""

from __future__ import annotations

from reviewer_app.ui.income.delegates import AmountDelegate
from reviewer_app.ui.income.models import MonthGridModel
from reviewer_app.ui.income.money import AmountError, parse_amount
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtGui, QtWidgets, Signal

_Hint = QtWidgets.QAbstractItemDelegate.EndEditHint


class MonthGridView(QtWidgets.QTableView):
    cellFocused = Signal(QtCore.QModelIndex)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount_delegate = AmountDelegate(self)
        self.setItemDelegate(self.amount_delegate)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
                             | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        # Compact fixed columns (issue 13): twelve months and the 月額限度判定 column fit beside a
        # readable document at 1440×900; the grid's minimum width is what they need, so a
        # narrow pane never hides a column behind a scroll bar.
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(self.amount_width())
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 6)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName(self.tr("月別の収入"))

    # -- column sizes --------------------------------------------------------------------
    def amount_width(self) -> int:
        """A month column: a 7-digit amount with commas and the cell's padding."""
        return self.fontMetrics().horizontalAdvance("9,999,999") + 18

    def setModel(self, model: QtCore.QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in (old.modelReset, old.layoutChanged, old.headerDataChanged,
                           old.dataChanged, old.columnsInserted, old.columnsRemoved):
                signal.disconnect(self.fit_columns)
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.headerDataChanged,
                           model.dataChanged, model.columnsInserted, model.columnsRemoved):
                signal.connect(self.fit_columns)
        self.fit_columns()

    def fit_columns(self, *_args: object) -> None:
        """Size each column to its content (amounts to :meth:`amount_width`, the status column
        to its longest text) and make that the grid's minimum width."""
        model = self.grid_model()
        header = self.horizontalHeader()
        if model is None:
            return
        amount = self.amount_width()
        metrics = header.fontMetrics()
        for column in range(model.columnCount()):
            width = amount
            if model.column(column).kind == "status":
                texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
                texts += [str(model.index(row, column).data() or "")
                          for row in range(model.rowCount())]
                longest = max(metrics.horizontalAdvance(line) for text in texts
                              for line in text.split("\n"))
                width = max(amount, longest + 18)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        self.setMinimumWidth(self.full_width())

    def full_width(self) -> int:
        """The width that shows every column without a horizontal scroll bar."""
        header = self.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count()))
        vertical = self.verticalHeader()
        rows = vertical.sizeHint().width() if vertical.isVisible() or not self.isVisible() \
            else 0
        return columns + rows + 2 * self.frameWidth() + \
            self.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_ScrollBarExtent) + 2

    def grid_model(self) -> MonthGridModel | None:
        model = self.model()
        return model if isinstance(model, MonthGridModel) else None

    # -- navigation ----------------------------------------------------------------------
    def _next_cell(self, index: QtCore.QModelIndex, step: int) -> QtCore.QModelIndex:
        """The month below (step 1) or above (-1); past the end, the next editable column."""
        model = self.grid_model()
        if model is None or not index.isValid():
            return index
        row = index.row() + step
        if 0 <= row < model.rowCount():
            return model.index(row, index.column())
        editable = model.salary_columns()
        if index.column() in editable:
            pos = editable.index(index.column()) + step
            if 0 <= pos < len(editable):
                return model.index(0 if step > 0 else model.rowCount() - 1, editable[pos])
        return index

    def moveCursor(self, cursorAction: QtWidgets.QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QtCore.QModelIndex:
        action = QtWidgets.QAbstractItemView.CursorAction
        if cursorAction == action.MoveNext:
            return self._next_cell(self.currentIndex(), 1)
        if cursorAction == action.MovePrevious:
            return self._next_cell(self.currentIndex(), -1)
        return super().moveCursor(cursorAction, modifiers)

    def closeEditor(self, editor: QtWidgets.QWidget, hint: _Hint) -> None:
        if not self.amount_delegate.last_commit_ok:
            # Refused input: the status line says why; stay on the month to retype it.
            self.amount_delegate.last_commit_ok = True
            super().closeEditor(editor, _Hint.NoHint)
            return
        current = self.currentIndex()
        super().closeEditor(editor, _Hint.NoHint)
        if hint in (_Hint.EditNextItem, _Hint.SubmitModelCache):
            self._go(self._next_cell(current, 1))
        elif hint == _Hint.EditPreviousItem:
            self._go(self._next_cell(current, -1))

    def _go(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def currentChanged(self, current: ModelIndex, previous: ModelIndex) -> None:
        super().currentChanged(current, previous)
        if current.isValid():
            self.cellFocused.emit(current)

    def accept_current(self) -> bool:
        """Take the suggestion of the current cell and go to the next cell offering one (else
        the month below)."""
        model = self.grid_model()
        index = self.currentIndex()
        if model is None or model.offered(index) is None:
            return False
        row, column = index.row(), index.column()
        if not model.accept(index):
            return False
        self._go(self._next_offered(model, row, column)
                 or self._next_cell(model.index(row, column), 1))
        return True

    def _next_offered(self, model: MonthGridModel, row: int,
                      column: int) -> QtCore.QModelIndex | None:
        """The next cell offering a suggestion: below in this column, else the first one in
        the grid (left to right, top to bottom by column)."""
        for r in range(row + 1, model.rowCount()):
            if model.offered(model.index(r, column)) is not None:
                return model.index(r, column)
        for c in range(model.columnCount()):
            for r in range(model.rowCount()):
                if model.offered(model.index(r, c)) is not None:
                    return model.index(r, c)
        return None

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        key = event.key()
        if self.state() != QtWidgets.QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if not self.accept_current():
                    self._go(self._next_cell(self.currentIndex(), 1))
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._clear_current()
                return
            if event.matches(QtGui.QKeySequence.StandardKey.Paste):
                self.paste(QtGui.QGuiApplication.clipboard().text())
                return
        super().keyPressEvent(event)

    # -- editing helpers -----------------------------------------------------------------
    def _clear_current(self) -> None:
        model = self.grid_model()
        index = self.currentIndex()
        if model is not None and index.isValid() and (
                model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            model.setData(index, "", Qt.ItemDataRole.EditRole)

    def paste(self, text: str) -> bool:
        """Paste one amount per line downward from the current month (one undo step)."""
        model = self.grid_model()
        index = self.currentIndex()
        if model is None or not index.isValid():
            return False
        column = model.column(index.column())
        if column.kind != "salary":
            return False
        lines = [line.split("\t")[0] for line in text.replace("\r\n", "\n").split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        lines = lines[: model.rowCount() - index.row()]
        try:
            amounts = [parse_amount(line) for line in lines]
        except AmountError as exc:
            model.inputRejected.emit(str(exc))
            return False
        return bool(amounts) and model.set_amounts(column.employer, model.month(index.row()),
                                                   amounts)
