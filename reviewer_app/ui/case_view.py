"""The case page: the document viewer on the left, the tabs on the right, and what ties them to the
services: the case is loaded on the worker (:meth:`CaseService.open_for_review`), the 収入 sheet is
saved as it is typed (:class:`~reviewer_app.ui.case.save_queue.IncomeSaveQueue`), checks, notices
and decisions go through :class:`~reviewer_app.ui.case.operations.CaseOperations`, and a sheet
that someone else saved first is resolved by the :data:`ConflictResolver` the view is given.
"""

from __future__ import annotations

import functools
from datetime import date

from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.domain.vocabulary import ReviewStatus, Role
from reviewer_app.review.deficiency import DocumentReview
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.casework import CaseService, OpenedCase, SaveResult
from reviewer_app.services.session import SessionUser
from reviewer_app.services.suggestions import Reader
from reviewer_app.ui.case.attachments import attachment_groups, prefetch_first_document
from reviewer_app.ui.case.conflicts import ConflictResolver, ask_in_dialog, settle_sheet_conflict
from reviewer_app.ui.case.header import CaseHeader
from reviewer_app.ui.case.operations import DECISIONS, CaseOperations
from reviewer_app.ui.case.reading import DocumentReading
from reviewer_app.ui.case.save_queue import IncomeSaveQueue
from reviewer_app.ui.case.suggestions import SuggestionFeed
from reviewer_app.ui.case.tabs import CaseSplitter, CaseTabs
from reviewer_app.ui.qt import QtWidgets, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure
from reviewer_app.ui.viewer import DocumentViewer


class CaseView(QtWidgets.QWidget):
    """Signals: ``backRequested``, ``neighbourRequested(step)`` (+1 next, -1 previous),
    ``caseChanged(case_id)`` after a save or status change (the queue refreshes its row),
    ``opened(case_id)`` once a case is on screen."""

    backRequested = Signal()
    neighbourRequested = Signal(int)
    caseChanged = Signal(int)
    opened = Signal(int)

    def __init__(self, tasks: TaskManager, service: CaseService, user: SessionUser, *,
                 language: str = "ja", date_style: str = "wareki",
                 resolve_conflict: ConflictResolver = ask_in_dialog,
                 read_documents: bool = True, reader: Reader | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._service, self._resolve = tasks, service, resolve_conflict
        self._language = language
        self.detail: CaseDetail | None = None
        self._request = 0  # the latest load: an older one arriving late is dropped
        self._loading = False
        self.header = CaseHeader(user, language=language)
        self.header.backRequested.connect(self.backRequested)
        self.header.neighbourRequested.connect(self.neighbourRequested)
        self.header.releaseRequested.connect(self.release)
        self.operations = CaseOperations(tasks, service, self.flush, self)
        self.viewer = DocumentViewer(lambda aid: service.attachment_bytes(int(aid)))
        self.viewer.rotationChanged.connect(self._on_rotation)
        self.tabs = CaseTabs(language=language, date_style=date_style)
        self.tabs.set_viewer(self.viewer)
        self.tabs.historyWanted.connect(self._load_history)
        self.answers_tab, self.documents_tab = self.tabs.answers_tab, self.tabs.documents_tab
        self.income_tab, self.decision_tab = self.tabs.income_tab, self.tabs.decision_tab
        self.notice_tab, self.history_tab = self.tabs.notice_tab, self.tabs.history_tab
        self.documents_tab.reviewChanged.connect(self._on_review_changed)
        self.income_tab.sheetChanged.connect(self._on_sheet_changed)

        self.saves = IncomeSaveQueue(tasks, service.save_income_sheet, self)
        self.saves.saving.connect(self.header.show_saving)
        self.saves.saved.connect(self._on_sheet_saved)
        self.saves.failed.connect(self._on_sheet_failed)
        self.saves.conflict.connect(self._on_sheet_conflict)
        self.saves.parked.connect(self.header.show_parked)
        ops = self.operations
        ops.done.connect(self._on_operation_done)
        ops.failed.connect(self.tabs.show_operation_failure)
        ops.checkSaved.connect(self._on_check_saved)
        ops.checkFailed.connect(self._on_check_failed)
        ops.rotationFailed.connect(self.header.show_rotation_failed)
        self.decision_tab.proposeRequested.connect(ops.propose)
        self.decision_tab.approveRequested.connect(ops.approve)
        self.decision_tab.returnRequested.connect(ops.return_case)
        self.decision_tab.evaluateRequested.connect(self._reevaluate)
        self.notice_tab.noticeRecorded.connect(ops.record_notice)

        self.splitter = CaseSplitter(self.viewer, self.tabs)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.header.install_shortcuts(self, self.tabs)

        # Amounts read from the payslips, the document that follows the month, My Numbers
        # masked (issue 11; issue 13 "the document follows the work").
        feed = None
        if read_documents and user.has(Role.EXAMINER, Role.SUPERVISOR):  # who may see them
            feed = SuggestionFeed(tasks, service.ws, language=language, reader=reader,
                                  parent=self)
        self.reading = DocumentReading(feed, self.viewer, self.tabs, self, lambda: self.detail)
        self.saves.confirmed.connect(self.reading.recorded)

    # --- layout -------------------------------------------------------------------------------

    @property
    def focus_layout(self) -> bool:
        return self.splitter.focus_layout

    def set_focus_layout(self, on: bool) -> None:
        self.splitter.set_focus_layout(on, self.tabs)

    # --- public API ---------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return None if self.detail is None else self.detail.case_id

    @property
    def suggestions(self) -> SuggestionFeed | None:
        return self.reading.feed

    @property
    def is_loading(self) -> bool:
        return self._loading

    def open_case(self, case_id: int) -> None:
        """Load ``case_id`` on the worker (taking it when unassigned) and show it."""
        self.flush()
        self.header.show_opening(case_id)
        self._load(case_id, take=True, keep_tab=False)

    def reload(self) -> None:
        """Load the shown case again without taking it (after a status change)."""
        if self.detail is not None:
            self._load(self.detail.case_id, take=False, keep_tab=True)

    def _load(self, case_id: int, *, take: bool, keep_tab: bool) -> None:
        self._request += 1
        request, service, self._loading = self._request, self._service, True
        self._tasks.run(lambda: service.open_for_review(case_id, take=take),
                        lambda opened: self._on_opened(request, opened, keep_tab),
                        lambda failure: self._on_open_failed(request, failure), receiver=self)

    def prefetch_case(self, case_id: int) -> None:
        """Fetch the first document of ``case_id`` ahead of time (the next case in the queue),
        and read its payslips after the shown case's."""
        prefetch_first_document(self._tasks, self._service, self.viewer, case_id)
        self.reading.prefetch(case_id)

    def flush(self) -> None:
        """Save any unsaved income change now (before leaving the case)."""
        self.saves.flush()

    def clear(self) -> None:
        """Hide everything personal (idle lock, logout)."""
        self.saves.leave()
        self.reading.leave()
        self._request += 1
        self._loading = False
        self.detail = None
        self.operations.show(None)
        self.viewer.clear()
        self.tabs.clear()
        self.header.clear()

    def shutdown(self) -> None:
        self.flush()
        self.close_suggestions()
        self.viewer.shutdown()

    def close_suggestions(self) -> None:
        """Stop reading documents (leaving the window)."""
        self.reading.close()

    # --- loading ------------------------------------------------------------------------------

    def _on_open_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._loading = False
        self.header.show_open_failed()
        show_failure(self, failure, self.tr("案件を開けません"))

    def _on_opened(self, request: int, opened: OpenedCase, keep_tab: bool) -> None:
        if request != self._request:
            return
        self._loading = False
        detail = opened.detail
        same_case = self.detail is not None and self.detail.case_id == detail.case_id
        self.detail = detail
        self.header.show_case(detail, date.today())
        if not (same_case and keep_tab):
            self.viewer.set_attachments(attachment_groups(detail))
        if not same_case:
            self.reading.open(detail)
        self.operations.show(detail)
        opening = self.saves.open(detail.case_id, detail.income_version,
                                  reload=same_case and keep_tab)
        if opening.replace:
            self.income_tab.set_sheet(opening.restored or detail.income_sheet, opened.profile)
        self.tabs.show_case(detail)
        if opened.profile_problem is not None:
            self.income_tab.show_error(opened.profile_problem.message(self._language))
        self.tabs.fill_decision(detail, opened.evaluation)
        if not keep_tab:
            self.tabs.setCurrentIndex(0)
        if self.tabs.currentWidget() is self.history_tab:
            self._load_history()
        self.header.set_save_state("")
        if opening.restored is not None and detail.editable:
            # Entries whose save failed after leaving the case: show them and save again (a
            # conflict or an error now appears here, in context).
            self.saves.changed(opening.restored)
            self.header.set_save_state(self.tr("保存されていなかった入力を復元しました"))
        self.opened.emit(detail.case_id)
        if detail.took:
            self.caseChanged.emit(detail.case_id)

    def _load_history(self) -> None:
        if self.detail is not None:
            self.history_tab.load(self._tasks,
                                  functools.partial(self._service.history, self.detail.case_id))

    # --- the evaluation -----------------------------------------------------------------------

    def _reevaluate(self) -> None:
        if self.detail is None:
            return
        case_id, service = self.detail.case_id, self._service
        self.flush()
        self._tasks.run(lambda: service.evaluate(case_id), self.tabs.show_evaluation,
                        lambda failure: self.decision_tab.show_message(failure.message),
                        receiver=self.tabs)

    # --- saving -------------------------------------------------------------------------------

    def _on_sheet_changed(self, sheet: IncomeSheet) -> None:
        if self.detail is None or not self.detail.editable:
            return
        self.saves.changed(sheet, self.income_tab.confirmations_to_record(sheet))
        self.header.show_unsaved()
        self.tabs.show_live_evaluation()

    def _on_sheet_saved(self, case_id: int, result: SaveResult) -> None:
        if self.saves.is_settled(case_id):
            self.header.show_saved(result.saved_at)
        self.caseChanged.emit(case_id)

    def _on_sheet_failed(self, _case_id: int, failure: TaskFailure) -> None:
        # Invalid input or a refusal: the entries stay on screen, the message says why.
        self.header.show_save_failed()
        self.income_tab.show_error(failure.message)

    def _on_sheet_conflict(self, _case_id: int, failure: TaskFailure) -> None:
        if not settle_sheet_conflict(self, failure, self._resolve, self.saves, self.income_tab):
            self.header.set_save_state(self.tr("相手の内容を表示しています"))

    def _on_review_changed(self, review: DocumentReview) -> None:
        if self.detail is None or not self.detail.editable:
            return
        self.notice_tab.set_reviews(self.documents_tab.reviews())
        self.tabs.show_live_evaluation()
        if review.status is ReviewStatus.DEFICIENT and review.reason is None:
            return  # saved once the reason is chosen (the service needs one)
        self.header.show_saving()
        self.operations.save_check(review)

    def _on_check_saved(self, result: SaveResult) -> None:
        self.header.show_saved(result.saved_at)
        if self.detail is not None:
            self.caseChanged.emit(self.detail.case_id)

    def _on_check_failed(self, failure: TaskFailure) -> None:
        show_failure(self, failure, self.tr("ほかの端末で保存されています")
                     if isinstance(failure.error, ConflictError)
                     else self.tr("書類の確認を保存できません"))
        self.header.show_save_failed()

    def _on_rotation(self, attachment_id: str, degrees: int) -> None:
        if self.detail is not None and self.detail.editable:
            # only the holder's turn is stored for everyone; others turn their view
            self.operations.rotate(int(attachment_id), degrees)

    # --- status changes -----------------------------------------------------------------------

    def release(self) -> None:
        self.operations.release()

    def _on_operation_done(self, operation: str, case_id: int, message: str) -> None:
        if operation in DECISIONS:
            self.decision_tab.show_message(message, error=False)
        self.caseChanged.emit(case_id)
        self.reload()
