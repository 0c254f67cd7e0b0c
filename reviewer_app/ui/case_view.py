"""The case page: the document viewer on the left, the tabs on the right, and the controller
that loads a case on the worker and saves every edit as it is made.

Saving
    Document checks are saved at once, the income sheet 400 ms after the last change (one save
    in flight at a time; a change made meanwhile is saved right after). Each save carries the
    version it was based on; a :class:`~reviewer_app.services.case_errors.ConflictError` opens
    :class:`ConflictDialog`, which shows who saved what first and lets the examiner keep their
    own entries (saved over the newer version) or take the other one. Nothing typed is dropped
    without that choice. Status changes (proposal, approval, return, notice, release) carry the
    case's version and reload the case afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reviewer_app.domain.caseio import evaluation_to_json
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.profiles import DEFAULT_PROFILE, load_profile
from reviewer_app.review.deficiency import (
    DeficiencyNotice,
    DeficiencyReason,
    DocumentReview,
    NoticeItem,
)
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.services.case_views import CaseDetail, DecisionView, NoticeView
from reviewer_app.services.casework import CaseService, SaveResult
from reviewer_app.services.enums import CaseStatus, DecisionKind, Role, Verdict
from reviewer_app.services.session import SessionUser
from reviewer_app.ui.case.answers_tab import AnswersTab
from reviewer_app.ui.case.documents_tab import DocumentsTab
from reviewer_app.ui.case.notice_tab import NoticeTab
from reviewer_app.ui.decision_tab import DecisionTab
from reviewer_app.ui.history_tab import HistoryTab
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from reviewer_app.ui.queue.labels import STATUS_COLOURS, status_label
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure
from reviewer_app.ui.viewer import AttachmentGroup, AttachmentRef, DocumentViewer

INCOME_SAVE_DELAY_MS = 400
TRUST_BANNER_STYLE = ("background: #fde7e4; color: #8a1c12; padding: 6px 10px; border-radius: 4px;"
                      " font-weight: bold;")
BANNER_STYLE = ("background: #fff1d6; color: #6b4400; padding: 6px 10px; border-radius: 4px;"
                " font-weight: bold;")


@dataclass(frozen=True)
class OpenedCase:
    """What the worker hands back on opening: the case, its evaluation and the rule profile."""

    detail: CaseDetail
    evaluation: dict[str, Any] | None
    profile: RuleProfile


def attachment_groups(detail: CaseDetail) -> list[AttachmentGroup]:
    return [AttachmentGroup(doc.title, [
        AttachmentRef(str(a.attachment_id), a.name, a.media_type, a.rotation, a.is_new,
                      problem=a.problem)
        for a in doc.attachments]) for doc in detail.documents]


def notices_of(views: list[NoticeView]) -> list[DeficiencyNotice]:
    """The stored notices as the 不備連絡 tab lists them."""
    out: list[DeficiencyNotice] = []
    for v in views:
        items: list[NoticeItem] = []
        for item in v.items:
            try:
                reason = DeficiencyReason(str(item.get("reason")))
            except ValueError:
                reason = DeficiencyReason.OTHER
            items.append(NoticeItem(str(item.get("document_key", "")), str(item.get("title", "")),
                                    reason, str(item.get("what_to_submit", "")),
                                    str(item.get("note", ""))))
        out.append(DeficiencyNotice(tuple(items), v.reply_deadline,
                                    v.created_at.astimezone().date(), v.message))
    return out


def latest_proposal(detail: CaseDetail) -> DecisionView | None:
    for decision in reversed(detail.decisions):
        if decision.kind == DecisionKind.PROPOSAL.value:
            return decision
    return None


def _open(service: CaseService, case_id: int, take: bool) -> OpenedCase:
    detail = service.open_case(case_id, take=take)
    try:
        ev = service.evaluate(case_id)
        evaluation: dict[str, Any] | None = evaluation_to_json(ev)
        profile = load_profile(ev.profile)
    except Exception:  # an invalid stored sheet: the tab shows why; the profile is the default
        evaluation, profile = None, load_profile(DEFAULT_PROFILE)
    return OpenedCase(detail, evaluation, profile)


class ConflictDialog(QtWidgets.QMessageBox):
    """Someone saved first: show who, when and what differs; keep mine or take theirs."""

    def __init__(self, failure: TaskFailure, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        error = failure.error
        assert isinstance(error, ConflictError)
        self.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("ほかの端末で保存されています"))
        when = (error.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if error.changed_at else "")
        self.setText(self.tr("{who}さんが {when} に先に保存しました。").format(
            who=error.changed_by or "?", when=when))
        self.setInformativeText(
            failure.message + "\n\n"
            + self.tr("「自分の入力を残す」は、あなたの入力で相手の保存内容を上書きします。"
                      "「相手の内容にする」は、画面を相手の保存内容に置き換えます。"))
        if error.differences:
            self.setDetailedText("\n".join(error.differences))
        self.keep_button = self.addButton(self.tr("自分の入力を残す"),
                                          QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        self.take_button = self.addButton(self.tr("相手の内容にする"),
                                          QtWidgets.QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)

    def keep_mine(self) -> bool:
        return self.clickedButton() is self.keep_button


class CaseView(QtWidgets.QWidget):
    """Signals: ``backRequested``, ``neighbourRequested(step)`` (+1 next, -1 previous),
    ``caseChanged(case_id)`` after a save or status change (the queue refreshes its row),
    ``opened(case_id)`` once a case is on screen."""

    backRequested = Signal()
    neighbourRequested = Signal(int)
    caseChanged = Signal(int)
    opened = Signal(int)

    # Tests replace this to answer the conflict dialog without a person.
    resolve_conflict: Callable[[CaseView, TaskFailure], bool] | None = None

    def __init__(self, tasks: TaskManager, service: CaseService, user: SessionUser, *,
                 language: str = "ja", date_style: str = "wareki",
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._service = service
        self._user = user
        self._language = language
        self.detail: CaseDetail | None = None
        self._request = 0
        self._income_version: int | None = None
        self._check_versions: dict[str, int] = {}
        self._pending_sheet: dict[str, Any] | None = None
        self._pending_case: int | None = None  # the case the pending sheet belongs to
        self._saving_sheet = False
        self._flush_after_save = False
        # Sheets whose save failed after the examiner left their case: restored on reopening,
        # so that leaving a case (another case, the idle lock) never loses entries.
        self._unsaved: dict[int, dict[str, Any]] = {}
        self._loading = False
        self._profile: RuleProfile = load_profile(DEFAULT_PROFILE)

        self.viewer = DocumentViewer(lambda aid: service.attachment_bytes(int(aid)))
        self.viewer.rotationChanged.connect(self._on_rotation)

        self.answers_tab = AnswersTab(language=language)
        self.documents_tab = DocumentsTab()
        self.documents_tab.reviewChanged.connect(self._on_review_changed)
        self.documents_tab.showDocumentRequested.connect(self._show_document)
        self.income_tab = IncomeTab()
        self.income_tab.sheetChanged.connect(self._on_sheet_changed)
        self.decision_tab = DecisionTab(date_style=date_style)
        self.decision_tab.proposeRequested.connect(self._propose)
        self.decision_tab.approveRequested.connect(self._approve)
        self.decision_tab.returnRequested.connect(self._return)
        self.decision_tab.evaluateRequested.connect(self._reevaluate)
        self.notice_tab = NoticeTab()
        self.notice_tab.noticeRecorded.connect(self._record_notice)
        self.history_tab = HistoryTab(language=language)

        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self.answers_tab, self.tr("調査票"))
        self.tabs.addTab(self.documents_tab, self.tr("書類"))
        self.tabs.addTab(self.income_tab, self.tr("収入"))
        self.tabs.addTab(self.decision_tab, self.tr("判定"))
        self.tabs.addTab(self.notice_tab, self.tr("不備連絡"))
        self.tabs.addTab(self.history_tab, self.tr("履歴"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._save_timer = QtCore.QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(INCOME_SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._save_sheet_now)

        self._build_header()
        splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("caseSplitter")
        splitter.addWidget(self.viewer)
        splitter.addWidget(self.tabs)
        # The documents are what the examiner reads all day: give them the larger share.
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._split_initialised = False
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(self._header)
        layout.addWidget(self.banner)
        layout.addWidget(self.trust_banner)
        layout.addWidget(splitter, 1)
        self._build_shortcuts()

    # --- construction -------------------------------------------------------------------------

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_initialised and self.splitter.width() > 0:
            # The tabs' size hints would otherwise take most of the width; the document is what
            # the examiner reads, so it starts with 55 % (the user's dragging is kept after that).
            self._split_initialised = True
            total = self.splitter.width()
            self.splitter.setSizes([total * 55 // 100, total - total * 55 // 100])

    def _build_header(self) -> None:
        self.back_button = QtWidgets.QPushButton(self.tr("← キューに戻る"))
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.backRequested)
        self.title = QtWidgets.QLabel()
        self.title.setObjectName("caseTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.status_badge = QtWidgets.QLabel()
        self.status_badge.setObjectName("caseStatus")
        self.save_label = QtWidgets.QLabel()
        self.save_label.setObjectName("saveState")
        self.save_label.setStyleSheet("color: #5a6470;")
        self.release_button = QtWidgets.QPushButton(self.tr("担当を外す"))
        self.release_button.setToolTip(self.tr("この案件の担当をやめ、ほかの人が開けるようにします"))
        self.release_button.clicked.connect(self.release)
        self.previous_button = QtWidgets.QPushButton(self.tr("前の案件"))
        self.previous_button.setToolTip(self.tr("前の案件 (Ctrl+Shift+←)"))
        self.previous_button.clicked.connect(lambda: self.neighbourRequested.emit(-1))
        self.next_button = QtWidgets.QPushButton(self.tr("次の案件"))
        self.next_button.setToolTip(self.tr("次の案件 (Ctrl+Shift+→)"))
        self.next_button.clicked.connect(lambda: self.neighbourRequested.emit(1))
        header = QtWidgets.QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.save_label)
        header.addWidget(self.status_badge)
        header.addWidget(self.release_button)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)
        self._header = header
        self.banner = QtWidgets.QLabel()
        self.banner.setObjectName("caseBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        # the case's signed record does not hold (services.case_trust): shown, never acted on
        self.trust_banner = QtWidgets.QLabel()
        self.trust_banner.setObjectName("trustBanner")
        self.trust_banner.setWordWrap(True)
        self.trust_banner.setStyleSheet(TRUST_BANNER_STYLE)
        self.trust_banner.hide()

    def _build_shortcuts(self) -> None:
        def action(keys: str, slot: Callable[[], None]) -> None:
            act = QtGui.QAction(self)
            act.setShortcut(QtGui.QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

        action("Ctrl+Shift+Right", lambda: self.neighbourRequested.emit(1))
        action("Ctrl+Shift+Left", lambda: self.neighbourRequested.emit(-1))
        action("Alt+Left", self.backRequested.emit)
        for n in range(6):
            action(f"Alt+{n + 1}", self._tab_switcher(n))

    def _tab_switcher(self, n: int) -> Callable[[], None]:
        return lambda: self.tabs.setCurrentIndex(n)

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
        self._request += 1
        request = self._request
        self._loading = True
        service = self._service
        self.title.setText(self.tr("案件 {id} を開いています…").format(id=case_id))
        self._tasks.run(lambda: _open(service, case_id, True),
                        lambda opened: self._on_opened(request, opened),
                        lambda failure: self._on_open_failed(request, failure))

    def reload(self) -> None:
        """Load the shown case again without taking it (after a status change)."""
        if self.detail is None:
            return
        self._request += 1
        request, case_id, service = self._request, self.detail.case_id, self._service
        self._loading = True
        self._tasks.run(lambda: _open(service, case_id, False),
                        lambda opened: self._on_opened(request, opened, keep_tab=True),
                        lambda failure: self._on_open_failed(request, failure))

    def prefetch_case(self, case_id: int) -> None:
        """Fetch the first document of ``case_id`` ahead of time (the next case in the queue)."""
        service = self._service

        def first_refs() -> list[AttachmentRef]:
            detail = service.open_case(case_id, take=False)
            for group in attachment_groups(detail):
                if group.attachments:
                    return [group.attachments[0]]
            return []

        self._tasks.run(first_refs, self.viewer.prefetch, lambda failure: None)

    def flush(self) -> None:
        """Save any unsaved income change now (before leaving the case).

        Unlike the debounce timer this also retries a sheet whose last save failed, and when a
        save is in flight it queues the newer sheet to go right after it.
        """
        self._save_timer.stop()
        if self._pending_sheet is None:
            return
        if self._saving_sheet:
            self._flush_after_save = True
            return
        self._save_sheet_now()

    def clear(self) -> None:
        """Hide everything personal (idle lock, logout)."""
        self.flush()
        self._request += 1
        self._loading = False
        self.detail = None
        self.viewer.clear()
        self.answers_tab.clear()
        self.documents_tab.set_statuses([])
        self.documents_tab.set_reviews([])
        self.notice_tab.set_case([], [], insured_name="", dependent_name="", insurer_name="")
        self.notice_tab.set_notices([])
        self.decision_tab.clear()
        self.history_tab.clear()
        self.title.clear()
        self.banner.hide()
        self.trust_banner.hide()
        self.status_badge.clear()
        self.save_label.clear()

    def shutdown(self) -> None:
        self.flush()
        self.viewer.shutdown()

    # --- loading ------------------------------------------------------------------------------

    def _on_open_failed(self, request: int, failure: TaskFailure) -> None:
        if request != self._request:
            return
        self._loading = False
        self.title.setText(self.tr("案件を開けませんでした"))
        show_failure(self, failure, self.tr("案件を開けません"))

    def _on_opened(self, request: int, opened: OpenedCase, *, keep_tab: bool = False) -> None:
        if request != self._request:
            return
        self._loading = False
        detail = opened.detail
        same_case = self.detail is not None and self.detail.case_id == detail.case_id
        self.detail = detail
        dep = detail.dependent
        self.title.setText(self.tr("案件 {id}　{name}（{relation}）　被保険者 {insured}").format(
            id=detail.case_id, name=dep.name, relation=dep.relationship_label,
            insured=detail.insured.name))
        self._show_status(detail)
        read_only = not detail.editable
        if not (same_case and keep_tab):
            self.viewer.set_attachments(attachment_groups(detail))
        self.answers_tab.set_case(detail.insured, dep, detail.target_year,
                                  findings=detail.findings)
        reviews = [c.review for c in detail.checks]
        self._check_versions = {c.document_key: c.version for c in detail.checks}
        self.documents_tab.set_statuses(detail.document_statuses)
        self.documents_tab.set_reviews(reviews)
        self.documents_tab.set_read_only(read_only)
        if self._pending_sheet is not None and self._pending_case not in (None, detail.case_id):
            # Leaving a case whose last save failed: keep its entries for when it is reopened.
            self._unsaved[self._pending_case] = self._pending_sheet
            self._pending_case = None
        restored = self._unsaved.pop(detail.case_id, None)
        if not (same_case and keep_tab and self._pending_sheet is not None):
            self._income_version = detail.income_version
            self._pending_sheet = None
            self._profile = opened.profile
            self.income_tab.set_sheet(restored or detail.income_sheet, opened.profile)
        self.income_tab.set_read_only(read_only)
        self.notice_tab.set_case(self.documents_tab.statuses(), reviews,
                                 insured_name=detail.insured.name, dependent_name=dep.name,
                                 insurer_name=detail.survey_name,
                                 target_year=detail.target_year, case_key=detail.case_id)
        self.notice_tab.set_notices(notices_of(detail.notices))
        self.notice_tab.set_read_only(read_only)
        self.income_tab.set_documents_checked(self._documents_checked())
        self._fill_decision(opened.evaluation)
        self.history_tab.clear()
        if not keep_tab:
            self.tabs.setCurrentIndex(0)
        if self.tabs.currentWidget() is self.history_tab:
            self._load_history()
        self.save_label.clear()
        if restored is not None and detail.editable:
            # Entries whose save failed after leaving the case: show them and save again (a
            # conflict or an error now appears here, in context).
            self._pending_sheet, self._pending_case = restored, detail.case_id
            self.save_label.setText(self.tr("保存されていなかった入力を復元しました"))
            self._save_timer.start()
        self.opened.emit(detail.case_id)
        if detail.took:
            self.caseChanged.emit(detail.case_id)

    def _show_status(self, detail: CaseDetail) -> None:
        self.status_badge.setText(status_label(detail.status))
        bg, fg = STATUS_COLOURS[detail.status]
        self.status_badge.setStyleSheet(f"background: {bg}; color: {fg}; padding: 3px 10px;"
                                        " border-radius: 10px; font-weight: bold;")
        text = ""
        if detail.status is CaseStatus.AWAITING_APPROVAL:
            text = self.tr("承認待ちのため、内容は変更できません。")
        elif detail.status is CaseStatus.DONE:
            text = self.tr("完了した案件です。閲覧のみできます。")
        elif detail.held_by_other:
            text = self.tr("{name}さんが審査中です。閲覧のみできます。").format(
                name=detail.assignee_name or "?")
        elif not detail.editable:
            text = self.tr("担当者がいない案件です。閲覧のみできます。")
        if detail.updated_after_review:
            extra = self.tr("審査開始後に会員が回答または書類を更新しています。")
            text = f"{text}　{extra}" if text else extra
        notice_text = self.notice_banner(detail, date.today())
        if notice_text:
            text = f"{text}　{notice_text}" if text else notice_text
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        problems = "　".join(p.message(self._language) for p in detail.trust)
        self.trust_banner.setText(self.tr("判定の記録が検証できません（改ざんのおそれ）: {problems}"
                                          ).format(problems=problems) if problems else "")
        self.trust_banner.setVisible(bool(problems))
        holder_is_me = detail.assignee_id == self._user.id
        self.release_button.setVisible(
            detail.assignee_id is not None and detail.status in
            (CaseStatus.IN_REVIEW, CaseStatus.NOTICE_SENT)
            and (holder_is_me or self._user.has(Role.SUPERVISOR, Role.ADMIN)))

    def notice_banner(self, detail: CaseDetail, today: date) -> str:
        """What the latest deficiency notice says about the member's answer (再提出, 期限切れ)."""
        if not detail.notices:
            return ""
        last = detail.notices[-1]
        deadline = format_wareki(last.reply_deadline)
        if last.answered_at is not None:
            when = (self.tr("期限後") if last.answered_late else self.tr("期限内"))
            answered = self.tr("不備連絡(回答期限 {deadline})に再提出がありました({when})。")
            return answered.format(deadline=deadline, when=when) + self.tr(
                "【新着】の書類を確認してください。")
        if last.overdue(today):
            return self.tr("不備連絡の回答期限({deadline})を過ぎても再提出がありません。").format(
                deadline=deadline)
        return ""

    def _documents_checked(self) -> bool:
        return any(r.status.value != "unchecked" for r in self.documents_tab.reviews())

    def _nothing_to_judge(self) -> bool:
        """No income entered and no document checked: 「未入力」, no verdict (issue 13)."""
        self.income_tab.set_documents_checked(self._documents_checked())
        return self.income_tab.nothing_to_judge()

    def _show_live_evaluation(self) -> None:
        self.decision_tab.set_evaluation(self.income_tab.evaluation(),
                                         nothing_entered=self._nothing_to_judge())
        self.decision_tab.prefill_from_evaluation()

    def _fill_decision(self, evaluation: dict[str, Any] | None) -> None:
        detail = self.detail
        if detail is None:
            return
        proposal = latest_proposal(detail)
        awaiting = detail.status is CaseStatus.AWAITING_APPROVAL
        self.decision_tab.set_case(
            status=detail.status, can_propose=detail.editable,
            can_decide=detail.can_decide, proposal=proposal if awaiting or (
                proposal is not None and detail.status is CaseStatus.DONE) else None,
            default_date=detail.proposed_exclusion_date)
        live = self.income_tab.evaluation() if detail.editable else None
        self.decision_tab.set_evaluation(live or evaluation,
                                         nothing_entered=self._nothing_to_judge())
        if detail.editable:
            self.decision_tab.prefill_from_evaluation()

    # --- saving -------------------------------------------------------------------------------

    def _on_sheet_changed(self, sheet: dict[str, Any]) -> None:
        if self.detail is None or not self.detail.editable:
            return
        self._pending_sheet, self._pending_case = sheet, self.detail.case_id
        self.save_label.setText(self.tr("未保存の変更"))
        self._save_timer.start()
        self._show_live_evaluation()

    def _save_sheet_now(self, *, expected: int | str | None = "current") -> None:
        if self._pending_sheet is None or self._pending_case is None:
            return
        if self._saving_sheet:
            self._flush_after_save = True  # one save in flight: this one goes right after it
            return
        sheet = self._pending_sheet
        case_id = self._pending_case
        version = self._income_version if expected == "current" else expected
        assert version is None or isinstance(version, int)
        service = self._service
        self._saving_sheet = True
        self.save_label.setText(self.tr("保存中…"))
        self._tasks.run(lambda: service.save_income_sheet(case_id, sheet, version),
                        lambda result: self._on_sheet_saved(case_id, sheet, result),
                        lambda failure: self._on_sheet_failed(case_id, sheet, failure))

    def _on_sheet_saved(self, case_id: int, sheet: dict[str, Any], result: SaveResult) -> None:
        self._saving_sheet = False
        if self._unsaved.get(case_id) is sheet:
            del self._unsaved[case_id]  # saved after all (it was parked when the case closed)
        if self._pending_case == case_id:
            self._income_version = result.version
            if self._pending_sheet is sheet:
                self._pending_sheet = None
        shown = self.detail is not None and self.detail.case_id == case_id
        if shown and self._pending_sheet is None:
            self.save_label.setText(self.tr("保存しました {time}").format(
                time=result.saved_at.astimezone().strftime("%H:%M:%S")))
        self.caseChanged.emit(case_id)
        self._after_save()

    def _after_save(self) -> None:
        if self._flush_after_save:
            self._flush_after_save = False
            self._save_sheet_now()

    def _on_sheet_failed(self, case_id: int, sheet: dict[str, Any],
                         failure: TaskFailure) -> None:
        self._saving_sheet = False
        if self.detail is None or self.detail.case_id != case_id:
            # The examiner has left the case: keep the entries for when it is opened again,
            # and say so now rather than dropping them.
            if self._pending_case == case_id and self._pending_sheet is not None:
                self._unsaved[case_id] = self._pending_sheet
                self._pending_sheet = self._pending_case = None
            self._flush_after_save = False
            # Not a modal box: it would interrupt whatever the examiner is doing now. The save
            # status in the header stays visible on whichever case is shown.
            self.save_label.setText(self.tr(
                "案件 {id} の収入を保存できませんでした。入力は保たれています。"
                "案件を開き直すと表示され、もう一度保存します。").format(id=case_id))
            self.save_label.setToolTip(failure.message)
            return
        if isinstance(failure.error, ConflictError):
            self._save_timer.stop()
            self._resolve_sheet_conflict(failure)
            return
        self._flush_after_save = False
        # Invalid input or a refusal: the entries stay on screen, the message says why.
        self.save_label.setText(self.tr("保存できませんでした"))
        self.income_tab.show_error(failure.message)

    def _resolve_sheet_conflict(self, failure: TaskFailure) -> None:
        error = failure.error
        assert isinstance(error, ConflictError)
        resolver = type(self).resolve_conflict
        if resolver is not None:
            keep = resolver(self, failure)
        else:
            dialog = ConflictDialog(failure, self)
            dialog.exec()
            keep = dialog.keep_mine()
        if keep:
            self._income_version = error.their_version
            self._pending_sheet = self._pending_sheet or self.income_tab.sheet()
            self._save_sheet_now(expected=error.their_version)
        else:
            self._income_version = error.their_version
            self._pending_sheet = None
            theirs = error.theirs if isinstance(error.theirs, dict) else None
            if theirs is not None:
                self.income_tab.set_sheet(theirs, self._profile)
            self.save_label.setText(self.tr("相手の内容を表示しています"))

    def _on_review_changed(self, review: DocumentReview) -> None:
        if self.detail is None or not self.detail.editable:
            return
        case_id, service = self.detail.case_id, self._service
        expected = self._check_versions.get(review.document_id)
        self.notice_tab.set_reviews(self.documents_tab.reviews())
        self._show_live_evaluation()
        if review.status.value == "deficient" and review.reason is None:
            return  # saved once the reason is chosen (the service needs one)
        self.save_label.setText(self.tr("保存中…"))

        def saved(result: SaveResult) -> None:
            self._check_versions[review.document_id] = result.version
            self.save_label.setText(self.tr("保存しました {time}").format(
                time=result.saved_at.astimezone().strftime("%H:%M:%S")))
            self.caseChanged.emit(case_id)

        def failed(failure: TaskFailure) -> None:
            error = failure.error
            if isinstance(error, ConflictError):
                # Keep the examiner's mark on screen; the next change saves over theirs.
                if error.their_version is not None:
                    self._check_versions[review.document_id] = error.their_version
                show_failure(self, failure, self.tr("ほかの端末で保存されています"))
            else:
                show_failure(self, failure, self.tr("書類の確認を保存できません"))
            self.save_label.setText(self.tr("保存できませんでした"))

        self._tasks.run(lambda: service.save_document_check(case_id, review, expected),
                        saved, failed)

    def _on_rotation(self, attachment_id: str, degrees: int) -> None:
        if self.detail is None or not self.detail.editable:
            return  # only the holder's turn is stored for everyone; others turn their view
        service = self._service
        self._tasks.run(lambda: service.set_rotation(int(attachment_id), degrees),
                        lambda _r: None, lambda failure: None)

    def _show_document(self, document_id: str) -> None:
        if self.detail is None:
            return
        for doc in self.detail.documents:
            if doc.document_key == document_id and doc.attachments:
                self.viewer.show_attachment(str(doc.attachments[0].attachment_id))
                return

    # --- decisions ----------------------------------------------------------------------------

    def _status_change(self, fn: Callable[[], int], done_text: str) -> None:
        if self.detail is None:
            return
        self.flush()
        case_id = self.detail.case_id

        def ok(_version: int) -> None:
            self.decision_tab.show_message(done_text, error=False)
            self.caseChanged.emit(case_id)
            self.reload()

        def failed(failure: TaskFailure) -> None:
            self.decision_tab.show_message(failure.message)
            if self.tabs.currentWidget() is not self.decision_tab:
                show_failure(self, failure)

        self._tasks.run(fn, ok, failed)

    def _propose(self, verdict: str, exclusion_date: date | None, comment: str) -> None:
        if self.detail is None:
            return
        case_id, version, service = self.detail.case_id, self.detail.version, self._service
        # The pending income save runs first (one worker, in order), so the proposal is judged
        # on what is on screen.
        self.flush()
        done = self.tr("判定案を提出しました。承認待ちになりました。")
        self._status_change(
            lambda: service.propose(case_id, Verdict(verdict), exclusion_date, comment,
                                    version), done)

    def _approve(self, comment: str) -> None:
        if self.detail is None:
            return
        case_id, version, service = self.detail.case_id, self.detail.version, self._service
        self._status_change(lambda: service.approve(case_id, comment, version),
                            self.tr("承認しました。案件は完了です。"))

    def _return(self, comment: str) -> None:
        if self.detail is None:
            return
        case_id, version, service = self.detail.case_id, self.detail.version, self._service
        self._status_change(lambda: service.return_case(case_id, comment, version),
                            self.tr("差し戻しました。担当者の審査中に戻りました。"))

    def _record_notice(self, notice: DeficiencyNotice) -> None:
        if self.detail is None:
            return
        case_id, version, service = self.detail.case_id, self.detail.version, self._service
        self.flush()

        def ok(_version: int) -> None:
            self.caseChanged.emit(case_id)
            self.reload()

        def failed(failure: TaskFailure) -> None:
            self.notice_tab.allow_record()
            show_failure(self, failure, self.tr("不備連絡を記録できません"))

        notes = {item.document_id: item.note for item in notice.items}
        self._tasks.run(lambda: service.record_notice(
            case_id, notice.reply_deadline, version, message=notice.message,
            issued_on=notice.issued_on, notes=notes), ok, failed)

    def release(self) -> None:
        if self.detail is None:
            return
        case_id, service = self.detail.case_id, self._service
        self.flush()

        def ok(_version: int) -> None:
            self.caseChanged.emit(case_id)
            self.reload()

        self._tasks.run(lambda: service.release(case_id), ok,
                        lambda failure: show_failure(self, failure))

    def _reevaluate(self) -> None:
        if self.detail is None:
            return
        case_id, service = self.detail.case_id, self._service
        self.flush()
        self._tasks.run(lambda: evaluation_to_json(service.evaluate(case_id)),
                        lambda evaluation: self.decision_tab.set_evaluation(
                            evaluation, nothing_entered=self._nothing_to_judge()),
                        lambda failure: self.decision_tab.show_message(failure.message))

    # --- history ------------------------------------------------------------------------------

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.history_tab:
            self._load_history()
        elif self.tabs.currentWidget() is self.decision_tab and self.detail is not None \
                and self.detail.editable:
            self._show_live_evaluation()

    def _load_history(self) -> None:
        if self.detail is None:
            return
        case_id, service = self.detail.case_id, self._service
        self._tasks.run(lambda: service.history(case_id),
                        lambda entries: self._on_history(case_id, entries),
                        lambda failure: None)

    def _on_history(self, case_id: int, entries: list[Any]) -> None:
        if self.detail is not None and self.detail.case_id == case_id:
            self.history_tab.set_entries(entries)
