"""The amounts read from a case's documents, brought to the window (issue 11).

:class:`SuggestionFeed` asks :class:`~reviewer_app.services.suggestions.BackgroundSuggestions`
(its own worker thread, documents read in a child process: reading takes seconds and must not
hold up the task manager's single worker, where saves go) for the case on screen and the next one
in the queue. Its answers come back on that thread and are posted to the GUI thread by a queued
signal; an answer for a case that is no longer on screen is dropped (a prefetched case is read
again, from the cache, when it is opened). The confirmations stored earlier and the audited
reveal of a masked My Number are ordinary service calls on the task manager.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable

from reviewer_app.errors import UserError
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.suggestions import (
    BackgroundSuggestions,
    CaseSuggestions,
    Confirmation,
    Reader,
    SuggestionService,
)
from reviewer_app.ui.qt import QtCore, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager

log = logging.getLogger(__name__)


class SuggestionFeed(QtCore.QObject):
    """Signals: ``arrived(CaseSuggestions)`` for the case on screen; ``confirmed(case_id,
    tuple[Confirmation])`` the stored confirmations that still describe its sheet;
    ``failed(str)`` a sentence for the examiner when reading failed."""

    arrived = Signal(object)
    confirmed = Signal(int, object)
    failed = Signal(str)
    _posted = Signal(object)  # from the reading thread: queued to the GUI thread
    _posted_failure = Signal(int, object)

    def __init__(self, tasks: TaskManager, ws: WorkspaceSession, *, language: str = "ja",
                 reader: Reader | None = None, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._ws = ws
        self._language = language
        self._reader = reader
        self._background: BackgroundSuggestions | None = None
        self._case_id: int | None = None
        self._posted.connect(self._on_posted, QtCore.Qt.ConnectionType.QueuedConnection)
        self._posted_failure.connect(self._on_posted_failure,
                                     QtCore.Qt.ConnectionType.QueuedConnection)

    @property
    def case_id(self) -> int | None:
        return self._case_id

    def request(self, case_id: int, *, next_case_id: int | None = None) -> None:
        """Read ``case_id``'s payslips now (and ``next_case_id``'s after), and load the
        confirmations stored for it."""
        self._case_id = case_id
        if self._background is None:
            self._background = BackgroundSuggestions(
                self._ws, self._post, self._post_failure, reader=self._reader)
        self._background.request(case_id, next_case_id=next_case_id)
        ws = self._ws
        self._tasks.run(lambda: SuggestionService(ws).confirmations(case_id),
                        lambda found: self._on_confirmed(case_id, found),
                        lambda failure: self._on_confirm_failed(case_id, failure),
                        receiver=self)

    def prefetch(self, case_id: int) -> None:
        """Read the next case's payslips once the shown case's are read."""
        if self._background is not None and self._case_id is not None:
            self._background.request(self._case_id, next_case_id=case_id)

    def leave(self) -> None:
        """No case is on screen: late answers are dropped."""
        self._case_id = None

    def reveal(self, case_id: int, attachment_id: int, page: int,
               done: Callable[[], None], failed: Callable[[TaskFailure], None]) -> None:
        """Record (audit) that the examiner uncovered the My Number on this page."""
        ws = self._ws
        self._tasks.run(lambda: SuggestionService(ws).reveal_my_number(
            case_id, attachment_id, page), lambda _r: done(), failed, receiver=self)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Tests: True once every request made so far has been read."""
        return self._background is None or self._background.wait_idle(timeout)

    def close(self) -> None:
        self._case_id = None
        if self._background is not None:
            self._background.close(wait=False)
            self._background = None

    # --- answers --------------------------------------------------------------------------------

    # On the reading thread: this object may be gone by then (the window closed).
    def _post(self, found: CaseSuggestions) -> None:
        with contextlib.suppress(RuntimeError):
            self._posted.emit(found)

    def _post_failure(self, case_id: int, error: UserError) -> None:
        with contextlib.suppress(RuntimeError):
            self._posted_failure.emit(case_id, error)

    def _on_posted(self, found: CaseSuggestions) -> None:
        if found.case_id == self._case_id:
            self.arrived.emit(found)

    def _on_posted_failure(self, case_id: int, error: UserError) -> None:
        if case_id == self._case_id:
            self.failed.emit(error.message(self._language))

    def _on_confirmed(self, case_id: int, found: tuple[Confirmation, ...]) -> None:
        if case_id == self._case_id:
            self.confirmed.emit(case_id, found)

    def _on_confirm_failed(self, case_id: int, failure: TaskFailure) -> None:
        # Without them the months show as typed, not confirmed: shown, never lost.
        if case_id == self._case_id:
            self.failed.emit(failure.message)
