"""What the examiner and the supervisor do to the case on screen, each on the worker:
:class:`CaseOperations` (propose, approve, return, record a notice, release, and the smaller
edits: a document's check, a page's rotation).

Status changes carry the case's version (the service refuses a stale one) and run after the
income save still pending (``before``, one worker, in order), so they judge what is on screen.
A document's check carries its own version, kept here from the case as loaded and from each save.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from reviewer_app.domain.vocabulary import Verdict
from reviewer_app.review.deficiency import DeficiencyNotice, DocumentReview
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.casework import CaseService, SaveResult
from reviewer_app.ui.qt import QtCore, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager


class Operation(StrEnum):
    PROPOSE = "propose"
    APPROVE = "approve"
    RETURN = "return"
    NOTICE = "notice"
    RELEASE = "release"


DECISIONS = frozenset({Operation.PROPOSE, Operation.APPROVE, Operation.RETURN})


class CaseOperations(QtCore.QObject):
    """Acts on the case given to :meth:`show`. Signals: ``done(operation, case_id, message)`` a
    status change went through (the view reloads the case; ``message`` is what to tell, or '');
    ``failed(operation, TaskFailure)``; ``checkSaved(SaveResult)`` and
    ``checkFailed(TaskFailure)`` for a document's check; ``rotationFailed(TaskFailure)``."""

    done = Signal(str, int, str)
    failed = Signal(str, object)
    checkSaved = Signal(object)
    checkFailed = Signal(object)
    rotationFailed = Signal(object)

    def __init__(self, tasks: TaskManager, service: CaseService, before: Callable[[], None],
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._service = service
        self._before = before
        self._detail: CaseDetail | None = None
        self._check_versions: dict[str, int] = {}

    def show(self, detail: CaseDetail | None) -> None:
        """The case on screen (None: none), with the versions of its documents' checks."""
        self._detail = detail
        self._check_versions = {c.document_key: c.version for c in detail.checks} \
            if detail is not None else {}

    # --- status changes ---------------------------------------------------------------------------

    def propose(self, verdict: str, exclusion_date: date | None, comment: str) -> None:
        self._change(Operation.PROPOSE, lambda service, d: service.propose(
            d.case_id, Verdict(verdict), exclusion_date, comment, d.version))

    def approve(self, comment: str) -> None:
        self._change(Operation.APPROVE,
                     lambda service, d: service.approve(d.case_id, comment, d.version))

    def return_case(self, comment: str) -> None:
        self._change(Operation.RETURN,
                     lambda service, d: service.return_case(d.case_id, comment, d.version))

    def record_notice(self, notice: DeficiencyNotice) -> None:
        notes = {item.document_id: item.note for item in notice.items}
        self._change(Operation.NOTICE, lambda service, d: service.record_notice(
            d.case_id, notice.reply_deadline, d.version, message=notice.message,
            issued_on=notice.issued_on, notes=notes))

    def release(self) -> None:
        self._change(Operation.RELEASE, lambda service, d: service.release(d.case_id))

    def _change(self, operation: Operation,
                call: Callable[[CaseService, CaseDetail], int]) -> None:
        detail, service = self._detail, self._service
        if detail is None:
            return
        self._before()
        message = self._done_message(operation)
        self._tasks.run(lambda: call(service, detail),
                        lambda _version: self.done.emit(operation.value, detail.case_id, message),
                        lambda failure: self.failed.emit(operation.value, failure),
                        receiver=self)

    def _done_message(self, operation: Operation) -> str:
        return {Operation.PROPOSE: self.tr("判定案を提出しました。承認待ちになりました。"),
                Operation.APPROVE: self.tr("承認しました。案件は完了です。"),
                Operation.RETURN: self.tr("差し戻しました。担当者の審査中に戻りました。"),
                }.get(operation, "")

    # --- edits of one document --------------------------------------------------------------------

    def save_check(self, review: DocumentReview) -> None:
        """Store one row of the 書類 tab against the version it was based on."""
        detail, service, key = self._detail, self._service, review.document_id
        if detail is None:
            return
        expected = self._check_versions.get(key)
        self._tasks.run(lambda: service.save_document_check(detail.case_id, review, expected),
                        lambda result: self._on_check_saved(key, result),
                        lambda failure: self._on_check_failed(key, failure), receiver=self)

    def _on_check_saved(self, key: str, result: SaveResult) -> None:
        self._check_versions[key] = result.version
        self.checkSaved.emit(result)

    def _on_check_failed(self, key: str, failure: TaskFailure) -> None:
        error = failure.error
        if isinstance(error, ConflictError) and error.their_version is not None:
            # The examiner's mark stays on screen; the next change saves over theirs.
            self._check_versions[key] = error.their_version
        self.checkFailed.emit(failure)

    def rotate(self, attachment_id: int, degrees: int) -> None:
        """Remember a page's rotation for everyone (only the holder's is stored)."""
        service = self._service
        self._tasks.run(lambda: service.set_rotation(attachment_id, degrees), None,
                        self.rotationFailed.emit, receiver=self)
