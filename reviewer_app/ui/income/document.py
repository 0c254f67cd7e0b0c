"""The income sheet being edited (:class:`~reviewer_app.domain.sheet.IncomeSheet`), its undo
stack and its live evaluation.

Every edit is a function from the sheet to the next sheet, pushed as a :class:`SheetCommand`
holding both. The sheet is immutable, so undo keeps the very object it replaces and an edit
copies only the parts it changes; undo is exact for every kind of edit (a grid cell, a pasted
column, a removed employer with all its payments) without one inverse operation per edit kind.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.domain.engine import Evaluation, evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.sheet import (
    CaseInputError,
    EmployerEntry,
    IncomeSheet,
    to_case,
    without_half_rows,
)
from reviewer_app.ui.qt import QtCore, QtGui, Signal

Edit = Callable[[IncomeSheet], IncomeSheet]


class SheetCommand(QtGui.QUndoCommand):
    """Replace the sheet by ``after``; undo puts ``before`` back."""

    def __init__(self, document: IncomeDocument, before: IncomeSheet, after: IncomeSheet,
                 text: str) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._replace(self._after)

    def undo(self) -> None:
        self._document._replace(self._before)


class IncomeDocument(QtCore.QObject):
    """Holds the sheet; models and panels read it and call :meth:`edit` to change it."""

    changed = Signal()  # the sheet or the evaluation changed (also after load)
    edited = Signal(object)  # a committed edit (also undo/redo): the new IncomeSheet
    rejected = Signal(str)  # an edit was refused: the message for the status line
    readOnlyChanged = Signal(bool)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._sheet: IncomeSheet | None = None
        self._profile: RuleProfile | None = None
        self._read_only = False
        self._entering: set[str] = set()  # the sections whose table the examiner is in
        self.evaluation: Evaluation | None = None
        self.error: CaseInputError | None = None
        self.undo_stack = QtGui.QUndoStack(self)

    # -- reading -------------------------------------------------------------------------
    @property
    def sheet(self) -> IncomeSheet | None:
        """The sheet shown (None before a case is loaded)."""
        return self._sheet

    @property
    def profile(self) -> RuleProfile | None:
        return self._profile

    @property
    def read_only(self) -> bool:
        return self._read_only

    def employers(self) -> tuple[EmployerEntry, ...]:
        return self._sheet.employers if self._sheet is not None else ()

    def complete_sheet(self) -> IncomeSheet | None:
        """The sheet without the half-entered rows of the table the examiner is in (what is
        saved: the service would refuse them)."""
        if self._sheet is None:
            return None
        return without_half_rows(self._sheet, self._entering)

    # -- changing ------------------------------------------------------------------------
    def set_entering(self, section: str, entering: bool) -> None:
        """The examiner is in (or left) a section's table: its half-entered rows are no error
        while they are there, and an error once they leave."""
        before = set(self._entering)
        if entering:
            self._entering.add(section)
        else:
            self._entering.discard(section)
        if self._entering != before:
            self._evaluate()
            self.changed.emit()

    def load(self, sheet: IncomeSheet, profile: RuleProfile | None) -> None:
        """A new case: no undo history across cases. Without a profile (the workspace's did not
        load) the sheet is shown and edited, but not evaluated."""
        self.undo_stack.clear()
        self._profile = profile
        self._sheet = sheet
        self._evaluate()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self._read_only = read_only
            self.readOnlyChanged.emit(read_only)

    def refuse_if_read_only(self) -> bool:
        if self._read_only:
            self.rejected.emit(self.tr("読み取り専用のため変更できません。"))
            return True
        return False

    def edit(self, text: str, change: Edit) -> bool:
        """Make the next sheet with ``change`` and push it as one undoable step."""
        if self.refuse_if_read_only() or self._sheet is None:
            return False
        after = change(self._sheet)
        if after == self._sheet:
            return True
        self.undo_stack.push(SheetCommand(self, self._sheet, after, text))
        return True

    def undo(self) -> None:
        if not self.refuse_if_read_only():
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self.refuse_if_read_only():
            self.undo_stack.redo()

    def _replace(self, sheet: IncomeSheet) -> None:
        self._sheet = sheet
        self._evaluate()
        self.changed.emit()
        self.edited.emit(sheet)

    def _evaluate(self) -> None:
        # The engine takes ~0.1 ms: evaluating on the GUI thread on every edit is the design.
        self.evaluation = None
        self.error = None
        if self._profile is None or self._sheet is None:
            return
        try:
            case = to_case(without_half_rows(self._sheet, self._entering))
        except CaseInputError as exc:
            self.error = exc
            return
        self.evaluation = evaluate(case, self._profile)
