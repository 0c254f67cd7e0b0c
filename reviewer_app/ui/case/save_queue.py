"""Saving the 収入 sheet as the examiner types: :class:`IncomeSaveQueue`.

A change is saved 400 ms after the last one; one save is in flight at a time and a change made
meanwhile is saved right after it. Each save carries the version it was based on, so a save that
lost the race to another workstation comes back as a conflict, for the caller to resolve (keep
mine: saved over the newer version; take theirs: the entries are dropped). Entries whose save
failed after the examiner left their case (another case, the idle lock) are parked and handed
back when that case is shown again; leaving a case never loses entries.

The queue holds no widget: it reports through its signals and the case view shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.services.casework import SaveResult
from reviewer_app.services.confirmations import AcceptedSuggestion
from reviewer_app.ui.qt import QtCore, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager

INCOME_SAVE_DELAY_MS = 400

# (case id, sheet, the version it is based on or None for the first save) -> the new version
SaveSheet = Callable[[int, IncomeSheet, int | None], SaveResult]


class SaveConfirmed(Protocol):
    """A save that also records the suggestions a person accepted into the sheet."""

    def __call__(self, case_id: int, sheet: IncomeSheet, expected_version: int | None, *,
                 confirmations: tuple[AcceptedSuggestion, ...] = ()) -> SaveResult: ...


@dataclass(frozen=True)
class _Pending:
    case_id: int
    sheet: IncomeSheet
    confirmations: tuple[AcceptedSuggestion, ...] = ()


@dataclass(frozen=True)
class Opening:
    """What :meth:`IncomeSaveQueue.open` says about the case being shown."""

    replace: bool  # show the stored sheet (False: a reload keeps the entries still to save)
    restored: IncomeSheet | None  # entries of this case whose save failed after it was left


class IncomeSaveQueue(QtCore.QObject):
    """Signals: ``saving()`` a save went to the worker; ``saved(case_id, SaveResult)``;
    ``failed(case_id, TaskFailure)`` the shown case's sheet was refused (invalid, not editable:
    the entries stay); ``conflict(case_id, TaskFailure)`` someone saved first (answer with
    :meth:`keep_mine` or :meth:`take_theirs`); ``parked(case_id, TaskFailure)`` the save of a case
    no longer shown failed and its entries wait for it to be opened again."""

    saving = Signal()
    saved = Signal(int, object)
    confirmed = Signal(int, object)  # case id, the AcceptedSuggestions recorded by a save
    failed = Signal(int, object)
    conflict = Signal(int, object)
    parked = Signal(int, object)

    def __init__(self, tasks: TaskManager, save: SaveSheet | SaveConfirmed,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._save = save
        self._case_id: int | None = None  # the case on screen
        self._version: int | None = None  # its stored version, the base of its next save
        self._pending: _Pending | None = None  # entries not saved yet (or in flight)
        self._in_flight = False
        self._again = False  # a newer sheet goes right after the save in flight
        self._parked: dict[int, IncomeSheet] = {}
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(INCOME_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save_now)

    # --- the case on screen -----------------------------------------------------------------------

    def open(self, case_id: int, stored_version: int | None, *, reload: bool) -> Opening:
        """``case_id`` is shown with its stored version. Entries of another case still to save
        are parked for that case; a reload of this case (``reload``) keeps its entries."""
        if self._pending is not None and self._pending.case_id != case_id:
            self._parked[self._pending.case_id] = self._pending.sheet
            self._pending = None
        self._case_id = case_id
        restored = self._parked.pop(case_id, None)
        keep = reload and self._pending is not None
        if not keep:
            self._version = stored_version
            self._pending = None
        return Opening(not keep, restored)

    def leave(self) -> None:
        """No case is shown any more (the idle lock, logging out): save what is pending."""
        self.flush()
        self._case_id = None

    def changed(self, sheet: IncomeSheet,
                confirmations: tuple[AcceptedSuggestion, ...] = ()) -> None:
        """The shown case's sheet after an edit (or restored entries): saved after a pause,
        with the accepted suggestions it holds that are not recorded yet (``confirmations``)."""
        if self._case_id is None:
            return
        self._pending = _Pending(self._case_id, sheet, confirmations)
        self._timer.start()

    def flush(self) -> None:
        """Save any unsaved change now (before leaving the case or changing its status).

        Unlike the pause this also retries a sheet whose last save failed, and when a save is in
        flight it queues the newer sheet to go right after it."""
        self._timer.stop()
        if self._pending is None:
            return
        if self._in_flight:
            self._again = True
            return
        self._save_now()

    def is_settled(self, case_id: int) -> bool:
        """``case_id`` is shown and nothing of it waits to be saved."""
        return case_id == self._case_id and self._pending is None

    # --- conflicts --------------------------------------------------------------------------------

    def keep_mine(self, their_version: int | None, shown: IncomeSheet | None) -> None:
        """Save the examiner's entries (``shown`` when none are pending) over the newer version."""
        self._version = their_version
        if self._pending is None and shown is not None and self._case_id is not None:
            self._pending = _Pending(self._case_id, shown)
        self._save_now()

    def take_theirs(self, their_version: int | None) -> None:
        """Drop the examiner's entries; the other workstation's sheet is the base from now."""
        self._version = their_version
        self._pending = None

    # --- the worker ------------------------------------------------------------------------------

    def _save_now(self) -> None:
        pending = self._pending
        if pending is None:
            return
        if self._in_flight:
            self._again = True  # one save in flight: this one goes right after it
            return
        version, save = self._version, self._save
        self._in_flight = True
        self.saving.emit()
        def call() -> SaveResult:
            if pending.confirmations:
                return save(pending.case_id, pending.sheet, version,  # type: ignore[call-arg]
                            confirmations=pending.confirmations)
            return save(pending.case_id, pending.sheet, version)

        self._tasks.run(call,
                        lambda result: self._on_saved(pending, result),
                        lambda failure: self._on_failed(pending, failure), receiver=self)

    def _on_saved(self, done: _Pending, result: SaveResult) -> None:
        self._in_flight = False
        if self._parked.get(done.case_id) is done.sheet:
            del self._parked[done.case_id]  # saved after all (it was parked when the case closed)
        if done.case_id == self._case_id:
            self._version = result.version
            if self._pending is not None and self._pending.sheet is done.sheet:
                self._pending = None
        if done.confirmations:
            self.confirmed.emit(done.case_id, done.confirmations)
        self.saved.emit(done.case_id, result)
        if self._again:
            self._again = False
            self._save_now()

    def _on_failed(self, done: _Pending, failure: TaskFailure) -> None:
        self._in_flight = False
        self._again = False
        if done.case_id != self._case_id:
            # The examiner has left the case: keep the entries for when it is opened again.
            if self._pending is not None and self._pending.case_id == done.case_id:
                self._parked[done.case_id] = self._pending.sheet
                self._pending = None
            self.parked.emit(done.case_id, failure)
        elif isinstance(failure.error, ConflictError):
            self._timer.stop()
            self.conflict.emit(done.case_id, failure)
        else:
            self.failed.emit(done.case_id, failure)
