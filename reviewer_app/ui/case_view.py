"""The case page: the document viewer on the left, the tabs on the right, and what ties them to the
services: the case is loaded on the worker (:meth:`CaseService.open_for_review`), the 収入 sheet is
saved as it is typed (:class:`~reviewer_app.ui.case.save_queue.IncomeSaveQueue`), checks, notices
and decisions go through :class:`~reviewer_app.ui.case.operations.CaseOperations`, and a sheet
that someone else saved first is resolved by the :data:`ConflictResolver` the view is given.
"""

from __future__ import annotations

import functools
from datetime import date

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.domain.vocabulary import ReviewStatus, Role
from reviewer_app.review.deficiency import DocumentReview
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.casework import CaseService, OpenedCase, SaveResult
from reviewer_app.services.session import SessionUser
from reviewer_app.services.suggestions import (
    READ_KINDS,
    AcceptedSuggestion,
    CaseSuggestions,
    Confirmation,
    MonthSuggestion,
    Reader,
)
from reviewer_app.ui.case.attachments import attachment_groups, prefetch_first_document
from reviewer_app.ui.case.conflicts import ConflictResolver, ask_in_dialog
from reviewer_app.ui.case.header import CaseHeader
from reviewer_app.ui.case.operations import DECISIONS, CaseOperations, Operation
from reviewer_app.ui.case.save_queue import IncomeSaveQueue
from reviewer_app.ui.case.suggestions import SuggestionFeed
from reviewer_app.ui.case.tabs import CaseSplitter, CaseTabs
from reviewer_app.ui.decision_tab import ask_confirmation
from reviewer_app.ui.qt import Qt, QtGui, QtWidgets, Signal
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
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.answers_tab, self.documents_tab = self.tabs.answers_tab, self.tabs.documents_tab
        self.income_tab, self.decision_tab = self.tabs.income_tab, self.tabs.decision_tab
        self.notice_tab, self.history_tab = self.tabs.notice_tab, self.tabs.history_tab
        self.documents_tab.reviewChanged.connect(self._on_review_changed)
        self.documents_tab.showDocumentRequested.connect(self._show_document)
        self.income_tab.sheetChanged.connect(self._on_sheet_changed)

        self.saves = IncomeSaveQueue(tasks, service.save_income_sheet, self)
        self.saves.saving.connect(self.header.show_saving)
        self.saves.saved.connect(self._on_sheet_saved)
        self.saves.failed.connect(self._on_sheet_failed)
        self.saves.conflict.connect(self._on_sheet_conflict)
        self.saves.parked.connect(self.header.show_parked)
        ops = self.operations
        ops.done.connect(self._on_operation_done)
        ops.failed.connect(self._on_operation_failed)
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
        self.focus_layout = False
        self._normal_state = b""

        # Amounts read from the payslips, the document that follows the month, My Numbers
        # masked (issue 11; issue 13 "the document follows the work").
        self.suggestions: SuggestionFeed | None = None
        if read_documents and user.has(Role.EXAMINER, Role.SUPERVISOR):  # who may see them
            self.suggestions = SuggestionFeed(tasks, service.ws, language=language,
                                              reader=reader, parent=self)
            self.suggestions.arrived.connect(self._on_suggestions)
            self.suggestions.confirmed.connect(self._on_confirmations)
            self.suggestions.failed.connect(self._on_suggestions_failed)
        self.saves.confirmed.connect(self._on_confirmations_saved)
        self.income_tab.monthFocused.connect(self._follow_month)
        self.viewer.pageShown.connect(self._on_page_shown)
        self.viewer.revealRequested.connect(self._reveal_my_number)
        self._build_page_actions()

    # --- layout -------------------------------------------------------------------------------

    def set_focus_layout(self, on: bool) -> None:
        """The focus layout (issue 13): only the document and the month grid, the document as
        wide as the grid allows; off again restores the splitter as it was."""
        if on == self.focus_layout:
            return
        self.focus_layout = on
        if on:
            self._normal_state = bytes(self.splitter.saveState().data())
            self.tabs.setCurrentWidget(self.income_tab)
        self.tabs.tabBar().setVisible(not on)
        self.income_tab.set_focus_layout(on)
        if on:
            # Children do not collapse: the tabs keep their (now grid-only) minimum width.
            self.splitter.setSizes([self.splitter.width(), 0])
            self.income_tab.grid.setFocus()
        elif self._normal_state:
            self.splitter.restore(self._normal_state)


    # --- public API ---------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return None if self.detail is None else self.detail.case_id

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
        if self.suggestions is not None:
            self.suggestions.prefetch(case_id)

    def flush(self) -> None:
        """Save any unsaved income change now (before leaving the case)."""
        self.saves.flush()

    def clear(self) -> None:
        """Hide everything personal (idle lock, logout)."""
        self.saves.leave()
        if self.suggestions is not None:
            self.suggestions.leave()
        self.income_tab.suggested.clear()
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
        if self.suggestions is not None:
            self.suggestions.close()

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
            self.income_tab.suggested.clear()
            self.viewer.set_masks({})
            self.documents_tab.set_proposals(())
            if self.suggestions is not None:
                # payslips and bonus slips stay covered until checked for a My Number
                self.viewer.set_checking({str(a.attachment_id) for doc in detail.documents
                                          if doc.kind in READ_KINDS for a in doc.attachments})
                self.suggestions.request(detail.case_id)
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
        error = failure.error
        assert isinstance(error, ConflictError)
        if self._resolve(self, failure):
            self.saves.keep_mine(error.their_version, self.income_tab.sheet())
            return
        self.saves.take_theirs(error.their_version)
        if isinstance(error.theirs, IncomeSheet):
            self.income_tab.set_sheet(error.theirs, self.income_tab.document.profile)
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

    def _show_document(self, document_id: str) -> None:
        for doc in self.detail.documents if self.detail is not None else []:
            if doc.document_key == document_id and doc.attachments:
                self.viewer.show_attachment(str(doc.attachments[0].attachment_id))
                return

    # --- amounts read from the documents, the page that follows the month ----------------------

    def _on_suggestions(self, found: CaseSuggestions) -> None:
        if self.detail is None or found.case_id != self.detail.case_id:
            return
        self.income_tab.set_suggestions(found)
        masks: dict[tuple[str, int], list[tuple[float, float, float, float]]] = {}
        for mark in found.my_numbers:
            masks.setdefault((str(mark.attachment_id), mark.page - 1), []).append(
                _fraction(mark.box, mark.page_size))
        self.viewer.set_masks(masks)
        self.viewer.set_checking({str(a) for a in found.pending})
        self.documents_tab.set_proposals(found.proposals())
        # the page on screen counts as shown, and the month under the cursor gets its page
        current = self.viewer.current_attachment_id
        if current is not None:
            self.income_tab.page_seen(int(current), self.viewer.current_page + 1)
        index = self.income_tab.grid.currentIndex()
        if index.isValid() and self.tabs.currentWidget() is self.income_tab:
            self.income_tab.grid.cellFocused.emit(index)

    def _on_suggestions_failed(self, message: str) -> None:
        # The documents could not be checked: shown as they are, and the examiner is told.
        self.viewer.set_checking(set())
        self.income_tab.show_error(message)

    def _on_confirmations(self, case_id: int, found: tuple[Confirmation, ...]) -> None:
        if self.detail is not None and case_id == self.detail.case_id:
            self.income_tab.set_confirmed(found)

    def _on_confirmations_saved(self, case_id: int,
                                items: tuple[AcceptedSuggestion, ...]) -> None:
        if self.detail is not None and case_id == self.detail.case_id:
            self.income_tab.suggested.recorded(items)

    def _on_page_shown(self, attachment_id: str, page: int, _exact: bool) -> None:
        self.income_tab.page_seen(int(attachment_id), page + 1)

    def _follow_month(self, month: str, suggestion: MonthSuggestion | None) -> None:
        """Show the page of ``month``'s payslip without taking the focus from the grid: where
        the amount was read from, else the payslips' pages in upload order, one a month."""
        if self.detail is None:
            return
        if suggestion is not None:
            self.viewer.show_page(str(suggestion.attachment_id), suggestion.page - 1,
                                  _fraction(suggestion.box, suggestion.page_size))
            return
        parsed = YearMonth.parse(month)
        if parsed is None:
            return
        offset = (parsed.year - self.detail.target_year) * 12 + parsed.month - 1
        pages = [(a.attachment_id, p) for doc in self.detail.documents if doc.kind == "payslip"
                 for a in doc.attachments if a.problem is None
                 for p in range(a.page_count or 1)]
        if 0 <= offset < len(pages):
            attachment_id, page = pages[offset]
            self.viewer.show_page(str(attachment_id), page)

    def _reveal_my_number(self, attachment_id: str, page: int) -> None:
        if self.detail is None or self.suggestions is None:
            return
        if not ask_confirmation(self, self.tr("マイナンバーの表示"), self.tr(
                "このページのマイナンバー（個人番号）を表示します。表示したことは記録されます。"
                "書き写したり保存したりしないでください。表示しますか？")):
            return
        viewer = self.viewer
        self.suggestions.reveal(self.detail.case_id, int(attachment_id), page + 1,
                                lambda: viewer.reveal(attachment_id, page),
                                lambda failure: show_failure(self, failure))

    def _build_page_actions(self) -> None:
        """Page through the documents from anywhere on the case page (the grid keeps focus)."""
        for text, keys, step in ((self.tr("次のページ（書類をまたいで）"), "Alt+PgDown", 1),
                                 (self.tr("前のページ（書類をまたいで）"), "Alt+PgUp", -1)):
            action = QtGui.QAction(text, self)
            action.setShortcut(QtGui.QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(functools.partial(self.viewer.step_page, step))
            self.addAction(action)

    # --- status changes -----------------------------------------------------------------------

    def release(self) -> None:
        self.operations.release()

    def _on_operation_done(self, operation: str, case_id: int, message: str) -> None:
        if operation in DECISIONS:
            self.decision_tab.show_message(message, error=False)
        self.caseChanged.emit(case_id)
        self.reload()

    def _on_operation_failed(self, operation: str, failure: TaskFailure) -> None:
        if operation in DECISIONS:
            self.decision_tab.show_message(failure.message)
            if self.tabs.currentWidget() is not self.decision_tab:
                show_failure(self, failure)
        elif operation == Operation.NOTICE:
            self.notice_tab.allow_record()
            show_failure(self, failure, self.tr("不備連絡を記録できません"))
        else:
            show_failure(self, failure)

    # --- history ------------------------------------------------------------------------------

    def _on_tab_changed(self, _index: int) -> None:
        focus = QtWidgets.QApplication.focusWidget()
        if self.tabs.currentWidget() is self.income_tab and (
                focus is None or not self.viewer.isAncestorOf(focus)):
            # 収入 opens on the month grid, and the viewer shows the month under the cursor
            self.income_tab.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            index = self.income_tab.grid.currentIndex()
            if index.isValid():
                self.income_tab.grid.cellFocused.emit(index)
        if self.tabs.currentWidget() is self.history_tab:
            self._load_history()
        elif self.tabs.currentWidget() is self.decision_tab and self.detail is not None \
                and self.detail.editable:
            self.tabs.show_live_evaluation()

    def _load_history(self) -> None:
        if self.detail is not None:
            self.history_tab.load(self._tasks,
                                  functools.partial(self._service.history, self.detail.case_id))


def _fraction(box: tuple[float, float, float, float],
              size: tuple[float, float]) -> tuple[float, float, float, float]:
    """A rectangle in page units as fractions of the page (what the viewer draws at any zoom)."""
    w, h = max(size[0], 1e-6), max(size[1], 1e-6)
    return (box[0] / w, box[1] / h, box[2] / w, box[3] / h)
