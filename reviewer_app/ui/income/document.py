"""The income sheet being edited: one dict (issue 2's input contract), its undo stack and its
live evaluation.

Every edit is a whole-sheet snapshot pushed as a :class:`SheetCommand`. A sheet is a few
kilobytes, so copying it per edit costs microseconds and makes undo exact for every kind of
edit (a grid cell, a pasted column, a removed employer with all its payments) without one
inverse operation per edit kind.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from reviewer_app.domain.caseio import CaseInputError, case_from_json, evaluation_to_json
from reviewer_app.domain.engine import evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.ui.qt import QtCore, QtGui, Signal

Sheet = dict[str, Any]

# What a row of each list section needs before the engine can read it; a row lacking one is
# half entered: no error while the examiner is still on it (issue 13), an error once left.
REQUIRED: dict[str, tuple[str, ...]] = {
    "bonuses": ("month", "gross"), "pensions": ("annual",), "self_employment": ("revenue",),
    "other_income": ("amount",), "benefits": ("kind", "daily_amount"),
}


def _half(record: Any, section: str) -> bool:
    return isinstance(record, dict) and any(record.get(k) is None for k in REQUIRED[section])


def without_half_rows(sheet: Sheet, sections: set[str]) -> Sheet:
    """A copy of ``sheet`` without the rows lacking a required entry in the tables the
    examiner is in (``sections``); every other row, complete or not, is kept."""
    out = copy.deepcopy(sheet)
    for section in sections & REQUIRED.keys():
        if section == "bonuses":
            for employer in out.get("employers") or []:
                bonuses = employer.get("bonuses") if isinstance(employer, dict) else None
                if isinstance(bonuses, list) and any(_half(b, section) for b in bonuses):
                    kept = [b for b in bonuses if not _half(b, section)]
                    if kept:
                        employer["bonuses"] = kept
                    else:
                        del employer["bonuses"]
            continue
        records = out.get(section)
        if isinstance(records, list) and any(_half(r, section) for r in records):
            kept = [r for r in records if not _half(r, section)]
            if kept:
                out[section] = kept
            else:
                del out[section]
    return out


class SheetCommand(QtGui.QUndoCommand):
    """Replace the sheet by ``after``; undo puts ``before`` back."""

    def __init__(self, document: IncomeDocument, before: Sheet, after: Sheet, text: str) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._replace(copy.deepcopy(self._after))

    def undo(self) -> None:
        self._document._replace(copy.deepcopy(self._before))


class IncomeDocument(QtCore.QObject):
    """Holds the sheet; models and panels read it and call :meth:`edit` to change it."""

    changed = Signal()  # the sheet or the evaluation changed (also after load)
    edited = Signal(dict)  # a committed edit (also undo/redo): a copy of the new sheet
    rejected = Signal(str)  # an edit was refused: the message for the status line
    readOnlyChanged = Signal(bool)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._sheet: Sheet = {}
        self._profile: RuleProfile | None = None
        self._read_only = False
        self._entering: set[str] = set()  # the sections whose table the examiner is in
        self.evaluation: dict[str, Any] | None = None
        self.error: CaseInputError | None = None
        self.undo_stack = QtGui.QUndoStack(self)

    # -- reading -------------------------------------------------------------------------
    @property
    def sheet(self) -> Sheet:
        """The live sheet: read it, never mutate it (use :meth:`edit`)."""
        return self._sheet

    @property
    def profile(self) -> RuleProfile | None:
        return self._profile

    @property
    def read_only(self) -> bool:
        return self._read_only

    def employers(self) -> list[dict[str, Any]]:
        value = self._sheet.get("employers")
        return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []

    def complete_sheet(self) -> Sheet:
        """The sheet without the half-entered rows of the table the examiner is in (what is
        saved: the service would refuse them)."""
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

    def load(self, sheet: Sheet, profile: RuleProfile) -> None:
        """A new case: no undo history across cases."""
        self.undo_stack.clear()
        self._profile = profile
        self._sheet = copy.deepcopy(sheet)
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

    def edit(self, text: str, mutate: Callable[[Sheet], None]) -> bool:
        """Apply ``mutate`` to a copy of the sheet and push it as one undoable step."""
        if self.refuse_if_read_only():
            return False
        after = copy.deepcopy(self._sheet)
        mutate(after)
        if after == self._sheet:
            return True
        self.undo_stack.push(SheetCommand(self, copy.deepcopy(self._sheet), after, text))
        return True

    def undo(self) -> None:
        if not self.refuse_if_read_only():
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self.refuse_if_read_only():
            self.undo_stack.redo()

    def _replace(self, sheet: Sheet) -> None:
        self._sheet = sheet
        self._evaluate()
        self.changed.emit()
        self.edited.emit(copy.deepcopy(sheet))

    def _evaluate(self) -> None:
        # The engine takes ~0.1 ms: evaluating on the GUI thread on every edit is the design.
        self.evaluation = None
        self.error = None
        if self._profile is None:
            return
        try:
            case = case_from_json(without_half_rows(self._sheet, self._entering))
            self.evaluation = evaluation_to_json(evaluate(case, self._profile))
        except CaseInputError as exc:
            self.error = exc
