"""One door to the background, as Anki's ``aqt/taskman.py``: every service call runs on ONE worker
thread and its outcome comes back to the GUI thread through a queued signal.

One worker, not a pool: services open their own transactions, SQLite has one writer anyway, and a
single queue keeps the order of the examiner's edits (a save queued after another never overtakes
it). The document viewer's ``fetch`` is the exception: ``CaseService.attachment_bytes`` is
thread-safe and runs on the viewer's own threads so a big PDF never waits behind a save.

A failure reaches the caller's ``on_failure`` as a :class:`TaskFailure`: a
:class:`~reviewer_app.errors.UserError` carries its own sentence in the user's language; anything
else becomes a generic sentence and its traceback goes to the log — the exception type and stack
only, never the message (it might quote a name or an amount).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from reviewer_app.applog import log_unexpected
from reviewer_app.errors import UserError
from reviewer_app.ui.qt import QtCore, QtWidgets, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class TaskFailure:
    """What went wrong, as a sentence for the user (``message``) and the exception itself."""

    message: str
    error: BaseException

    @property
    def code(self) -> str:
        return self.error.code if isinstance(self.error, UserError) else "unexpected"


def failure_for(exc: BaseException, lang: str) -> TaskFailure:
    if isinstance(exc, UserError):
        return TaskFailure(exc.message(lang), exc)
    # Type and stack only: str(exc) of a database or decoding error may carry personal data.
    log_unexpected(log, "unexpected error in a background task", exc)
    text = (QtCore.QCoreApplication.translate(
        "TaskManager",
        "予期しないエラーが起きました。操作をやり直してください。"
        "繰り返し起きる場合は管理者に連絡してください。"))
    return TaskFailure(text, exc)


class TaskManager(QtCore.QObject):
    """``run(fn, on_success, on_failure)``: ``fn()`` on the worker, callbacks on the GUI thread.

    ``failed`` is emitted for failures that have no ``on_failure`` (the main window shows them).
    ``busyChanged(bool)`` tells whether anything is queued or running (for a busy cursor).
    """

    failed = Signal(object)  # TaskFailure
    busyChanged = Signal(bool)
    _finished = Signal(object)  # (future, on_success, on_failure): crosses to the GUI thread

    def __init__(self, language: str = "ja", parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="reviewer-db")
        self._pending = 0
        # Emitted from the worker thread; the receiver lives in the GUI thread: a queued call.
        self._finished.connect(self._deliver, QtCore.Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def is_idle(self) -> bool:
        return self._pending == 0

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[TaskFailure], None] | None = None,
    ) -> Future[T] | None:
        """Queue ``fn``; returns its future (None after :meth:`shutdown`)."""
        if self._executor is None:
            return None
        future = self._executor.submit(fn)
        self._pending += 1
        if self._pending == 1:
            self.busyChanged.emit(True)
        future.add_done_callback(
            lambda f: self._finished.emit((f, on_success, on_failure)))
        return future

    def _deliver(self, packet: tuple[Future[Any], Any, Any]) -> None:
        future, on_success, on_failure = packet
        self._pending -= 1
        if self._pending == 0:
            self.busyChanged.emit(False)
        if future.cancelled():
            return
        exc = future.exception()
        if exc is None:
            if on_success is not None:
                on_success(future.result())
            return
        failure = failure_for(exc, self.language)
        if on_failure is not None:
            on_failure(failure)
        else:
            self.failed.emit(failure)

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every queued task was delivered (tests, shutdown)."""
        timer = QtCore.QElapsedTimer()
        timer.start()
        while self._pending and timer.elapsed() < timeout_ms:
            QtCore.QCoreApplication.processEvents(
                QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        return self._pending == 0

    def shutdown(self) -> None:
        """Finish what is queued (an edit being saved must land), then stop the worker."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=False)
            self._executor = None


def show_failure(parent: QtWidgets.QWidget | None, failure: TaskFailure,
                 title: str | None = None) -> None:
    """The standard way to show a failure: a warning box with the sentence."""
    QtWidgets.QMessageBox.warning(
        parent, title or QtCore.QCoreApplication.translate("TaskManager", "エラー"),
        failure.message)
