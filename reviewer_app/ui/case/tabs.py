"""The case's six tabs (調査票, 書類, 収入, 判定, 不備連絡, 履歴) and how a case fills them."""

from __future__ import annotations

from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.vocabulary import CaseStatus, DecisionKind, ReviewStatus
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.ui.case.answers_tab import AnswersTab
from reviewer_app.ui.case.documents_tab import DocumentsTab
from reviewer_app.ui.case.notice_tab import NoticeTab
from reviewer_app.ui.case.operations import DECISIONS, Operation
from reviewer_app.ui.decision_tab import DecisionTab
from reviewer_app.ui.history_tab import HistoryTab
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from reviewer_app.ui.tasks import TaskFailure, show_failure


class CaseTabs(QtWidgets.QTabWidget):
    """The tabs, in order; :meth:`show_case` fills the ones that only show the case, the
    evaluation methods keep the 判定 tab in step with the 収入 and 書類 tabs. ``historyWanted``:
    履歴 was opened (its entries are loaded on demand)."""

    historyWanted = Signal()

    def __init__(self, *, language: str = "ja", date_style: str = "wareki",
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTabs")
        self.answers_tab = AnswersTab(language=language)
        self.documents_tab = DocumentsTab()
        self.income_tab = IncomeTab()
        self.decision_tab = DecisionTab(date_style=date_style)
        self.notice_tab = NoticeTab()
        self.history_tab = HistoryTab(language=language)
        for tab, title in ((self.answers_tab, self.tr("調査票")),
                           (self.documents_tab, self.tr("書類")),
                           (self.income_tab, self.tr("収入")),
                           (self.decision_tab, self.tr("判定")),
                           (self.notice_tab, self.tr("不備連絡")),
                           (self.history_tab, self.tr("履歴"))):
            self.addTab(tab, title)
        self._editable = False
        self._viewer: QtWidgets.QWidget | None = None  # the case's document viewer
        self.currentChanged.connect(self._on_changed)

    def set_viewer(self, viewer: QtWidgets.QWidget) -> None:
        self._viewer = viewer

    def _on_changed(self, _index: int) -> None:
        current, focus = self.currentWidget(), QtWidgets.QApplication.focusWidget()
        if current is self.income_tab and (
                focus is None or self._viewer is None or not self._viewer.isAncestorOf(focus)):
            # 収入 opens on the month grid, and the viewer shows the month under the cursor
            self.income_tab.grid.setFocus(Qt.FocusReason.OtherFocusReason)
            index = self.income_tab.grid.currentIndex()
            if index.isValid():
                self.income_tab.grid.cellFocused.emit(index)
        if current is self.history_tab:
            self.historyWanted.emit()
        elif current is self.decision_tab and self._editable:
            self.show_live_evaluation()

    def show_case(self, detail: CaseDetail) -> None:
        """The answers, the documents, the notices; the history is emptied (loaded on demand)."""
        read_only = not detail.editable
        self._editable = detail.editable
        self.answers_tab.set_case(detail.insured, detail.dependent, detail.target_year,
                                  findings=detail.findings)
        reviews = [c.review for c in detail.checks]
        self.documents_tab.set_statuses(detail.document_statuses)
        self.documents_tab.set_reviews(reviews)
        self.documents_tab.set_read_only(read_only)
        self.income_tab.set_read_only(read_only)
        self.income_tab.set_employer_defaults(detail.previous_employers)
        self.notice_tab.set_case(self.documents_tab.statuses(), reviews,
                                 insured_name=detail.insured.name,
                                 dependent_name=detail.dependent.name,
                                 insurer_name=detail.survey_name,
                                 target_year=detail.target_year, case_key=detail.case_id)
        self.notice_tab.set_notices([n.notice for n in detail.notices])
        self.notice_tab.set_read_only(read_only)
        self.history_tab.clear()

    def clear(self) -> None:
        self._editable = False
        self.answers_tab.clear()
        self.documents_tab.set_statuses([])
        self.documents_tab.set_reviews([])
        self.notice_tab.set_case([], [], insured_name="", dependent_name="", insurer_name="")
        self.notice_tab.set_notices([])
        self.decision_tab.clear()
        self.history_tab.clear()

    def show_operation_failure(self, operation: str, failure: TaskFailure) -> None:
        """A decision's failure on the 判定 tab (and in a box when another tab is shown); a
        notice's in a box, and 不備連絡 may be recorded again."""
        if operation in DECISIONS:
            self.decision_tab.show_message(failure.message)
            if self.currentWidget() is not self.decision_tab:
                show_failure(self, failure)
        elif operation == Operation.NOTICE:
            self.notice_tab.allow_record()
            show_failure(self, failure, self.tr("不備連絡を記録できません"))
        else:
            show_failure(self, failure)

    # --- the evaluation on the 判定 tab ----------------------------------------------------------

    def nothing_to_judge(self) -> bool:
        """No income entered and no document checked: 「未入力」, no verdict (issue 13)."""
        checked = any(r.status is not ReviewStatus.UNCHECKED
                      for r in self.documents_tab.reviews())
        self.income_tab.set_documents_checked(checked)
        return self.income_tab.nothing_to_judge()

    def show_live_evaluation(self) -> None:
        """The 収入 tab's evaluation as the examiner types, and the verdict it suggests."""
        self.decision_tab.set_evaluation(self.income_tab.evaluation(),
                                         nothing_entered=self.nothing_to_judge())
        self.decision_tab.prefill_from_evaluation()

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """An evaluation re-run by the service on the stored data."""
        self.decision_tab.set_evaluation(evaluation, nothing_entered=self.nothing_to_judge())

    def fill_decision(self, detail: CaseDetail, evaluation: Evaluation | None) -> None:
        """The 判定 tab for ``detail``: its proposal once there is one, and the evaluation (the
        live one while the case may be edited, else the stored sheet's)."""
        proposal = next((d for d in reversed(detail.decisions)
                         if d.kind is DecisionKind.PROPOSAL), None)
        shown = detail.status in (CaseStatus.AWAITING_APPROVAL, CaseStatus.DONE)
        self.decision_tab.set_case(
            status=detail.status, can_propose=detail.editable, can_decide=detail.can_decide,
            proposal=proposal if shown else None, default_date=detail.proposed_exclusion_date)
        live = self.income_tab.evaluation() if detail.editable else None
        self.decision_tab.set_evaluation(live or evaluation,
                                         nothing_entered=self.nothing_to_judge())
        if detail.editable:
            self.decision_tab.prefill_from_evaluation()


class CaseSplitter(QtWidgets.QSplitter):
    """The document viewer beside the tabs. The documents are what the examiner reads all day:
    they get what the tabs do not need (the tabs' minimum width, which holds the whole month
    grid, or 38 % of the width, whichever is larger). A state the user set by dragging is
    restored with :meth:`restore` and then kept (issue 13)."""

    TABS_SHARE = 38  # percent of the width for the tabs when their minimum is smaller

    def __init__(self, viewer: QtWidgets.QWidget, tabs: QtWidgets.QWidget,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("caseSplitter")
        self.addWidget(viewer)
        self.addWidget(tabs)
        self.setStretchFactor(0, 6)
        self.setStretchFactor(1, 4)
        self.setChildrenCollapsible(False)
        self._initialised = False
        self._user_set = False  # dragged, or restored from the settings: keep it
        self.focus_layout = False
        self._normal_state = b""
        self.splitterMoved.connect(self._on_moved)

    def _on_moved(self, _pos: int, _index: int) -> None:
        self._user_set = True

    def default_sizes(self) -> list[int]:
        total = max(0, self.width() - self.handleWidth())
        side = self.widget(1)
        needed = side.minimumSizeHint().width() if side is not None else 0
        tabs = max(needed, total * self.TABS_SHARE // 100)
        tabs = min(tabs, total)
        return [total - tabs, tabs]

    def apply_default(self) -> None:
        self._initialised = True
        self.setSizes(self.default_sizes())

    def restore(self, state: bytes) -> bool:
        """Restore a state saved with ``saveState()``; False (and the default) if unusable."""
        ok = bool(state) and self.restoreState(QtCore.QByteArray(state))
        if ok:
            self._initialised = self._user_set = True
        return ok

    def set_focus_layout(self, on: bool, tabs: CaseTabs) -> None:
        """The focus layout (issue 13): only the document and the month grid, the document as
        wide as the grid allows; off again restores the splitter as it was."""
        if on == self.focus_layout:
            return
        self.focus_layout = on
        if on:
            self._normal_state = bytes(self.saveState().data())
            tabs.setCurrentWidget(tabs.income_tab)
        tabs.tabBar().setVisible(not on)
        tabs.income_tab.set_focus_layout(on)
        if on:
            # Children do not collapse: the tabs keep their (now grid-only) minimum width.
            self.setSizes([self.width(), 0])
            tabs.income_tab.grid.setFocus()
        elif self._normal_state:
            # The tabs' layout settles first (their minimum grows back): a state restored
            # against the focus layout's narrower minimum would be redistributed afterwards.
            for widget in (tabs.income_tab, tabs):
                if (layout := widget.layout()) is not None:
                    layout.activate()
            tabs.updateGeometry()
            self.restore(self._normal_state)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._initialised and not self._user_set:
            # Until the examiner drags it, the default holds at every window size.
            self.setSizes(self.default_sizes())

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not self._initialised and self.width() > 0:
            # The tabs' size hints would otherwise take most of the width.
            self.apply_default()
