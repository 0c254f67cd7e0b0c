"""The case page's header: back to the queue, the case's title and status, the save state, release,
previous and next; below it the banners (read-only or re-submitted, and the red one when the
case's signed record does not hold)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime

from reviewer_app.domain.vocabulary import CaseStatus, Role
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.session import SessionUser
from reviewer_app.ui import palette
from reviewer_app.ui.labels import status_label
from reviewer_app.ui.qt import Qt, QtGui, QtWidgets, Signal
from reviewer_app.ui.tasks import TaskFailure


def _banner_style(colours: tuple[str, str]) -> str:
    bg, fg = colours
    return (f"background: {bg}; color: {fg}; padding: 6px 10px; border-radius: 4px;"
            " font-weight: bold;")


class CaseHeader(QtWidgets.QWidget):
    """Signals: ``backRequested``, ``neighbourRequested(step)`` (+1 next, -1 previous),
    ``releaseRequested``. Object names: ``backButton``, ``caseTitle``, ``caseStatus``,
    ``saveState``, ``caseBanner``, ``trustBanner``."""

    backRequested = Signal()
    neighbourRequested = Signal(int)
    releaseRequested = Signal()

    def __init__(self, user: SessionUser, *, language: str = "ja",
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._user = user
        self._language = language
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
        self.release_button.setObjectName("releaseButton")
        self.release_button.setToolTip(self.tr("この案件の担当をやめ、ほかの人が開けるようにします"))
        self.release_button.clicked.connect(self.releaseRequested)
        self.previous_button = QtWidgets.QPushButton(self.tr("前の案件"))
        self.previous_button.setObjectName("previousCaseButton")
        self.previous_button.setToolTip(self.tr("前の案件 (Ctrl+Shift+←)"))
        self.previous_button.clicked.connect(lambda: self.neighbourRequested.emit(-1))
        self.next_button = QtWidgets.QPushButton(self.tr("次の案件"))
        self.next_button.setObjectName("nextCaseButton")
        self.next_button.setToolTip(self.tr("次の案件 (Ctrl+Shift+→)"))
        self.next_button.clicked.connect(lambda: self.neighbourRequested.emit(1))
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(10)
        for widget in (self.back_button, self.title, self.save_label, self.status_badge,
                       self.release_button, self.previous_button, self.next_button):
            row.addWidget(widget, 1 if widget is self.title else 0)
        self.banner = self._banner("caseBanner", palette.BANNER)
        # the case's signed record does not hold (services.case_trust): shown, never acted on
        self.trust_banner = self._banner("trustBanner", palette.TRUST_BANNER)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.trust_banner)

    def install_shortcuts(self, page: QtWidgets.QWidget, tabs: QtWidgets.QTabWidget) -> None:
        """The keyboard's way to the header's buttons and to each tab, anywhere on ``page``:
        Ctrl+Shift+→/← next and previous case, Alt+← back to the queue, Alt+1…6 a tab."""
        def action(keys: str, slot: Callable[[], None], text: str) -> None:
            act = QtGui.QAction(text, page)  # the text names it in ヘルプ → ショートカット
            act.setShortcut(QtGui.QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            page.addAction(act)

        action("Ctrl+Shift+Right", lambda: self.neighbourRequested.emit(1), self.tr("次の案件"))
        action("Ctrl+Shift+Left", lambda: self.neighbourRequested.emit(-1), self.tr("前の案件"))
        action("Alt+Left", self.backRequested.emit, self.tr("キューに戻る"))
        for n in range(tabs.count()):
            action(f"Alt+{n + 1}", functools.partial(tabs.setCurrentIndex, n),
                   self.tr("「{tab}」タブを開く").replace("{tab}", tabs.tabText(n)))

    def _banner(self, name: str, colours: tuple[str, str]) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(_banner_style(colours))
        label.hide()
        return label

    # --- what it shows ----------------------------------------------------------------------------

    def show_opening(self, case_id: int) -> None:
        self.title.setText(self.tr("案件 {id} を開いています…").format(id=case_id))

    def show_open_failed(self) -> None:
        self.title.setText(self.tr("案件を開けませんでした"))

    def show_case(self, detail: CaseDetail, today: date) -> None:
        dep = detail.dependent
        self.title.setText(self.tr("案件 {id}　{name}（{relation}）　被保険者 {insured}").format(
            id=detail.case_id, name=dep.name, relation=dep.relationship_label,
            insured=detail.insured.name))
        self.status_badge.setText(status_label(detail.status))
        bg, fg = palette.STATUS_COLOURS[detail.status]
        self.status_badge.setStyleSheet(f"background: {bg}; color: {fg}; padding: 3px 10px;"
                                        " border-radius: 10px; font-weight: bold;")
        text = "　".join(t for t in (self._state_text(detail), self.notice_banner(detail, today))
                        if t)
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

    def _state_text(self, detail: CaseDetail) -> str:
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
        return text

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

    def set_save_state(self, text: str, detail: str = "") -> None:
        """The save state beside the title; ``detail`` (a tooltip) says why a save failed."""
        self.save_label.setText(text)
        self.save_label.setToolTip(detail)

    def show_saved(self, saved_at: datetime) -> None:
        self.set_save_state(self.tr("保存しました {time}").format(
            time=saved_at.astimezone().strftime("%H:%M:%S")))

    def show_saving(self) -> None:
        self.set_save_state(self.tr("保存中…"))

    def show_unsaved(self) -> None:
        self.set_save_state(self.tr("未保存の変更"))

    def show_save_failed(self, failure: TaskFailure | None = None) -> None:
        self.set_save_state(self.tr("保存できませんでした"),
                            failure.message if failure is not None else "")

    def show_rotation_failed(self, failure: TaskFailure) -> None:
        self.set_save_state(self.tr("書類の向きを保存できませんでした"), failure.message)

    def show_parked(self, case_id: int, failure: TaskFailure) -> None:
        """The income of a case no longer shown was not saved; its entries wait for it. Not a
        modal box: it would interrupt whatever the examiner is doing now, and the save state
        stays visible on whichever case is shown."""
        self.set_save_state(self.tr(
            "案件 {id} の収入を保存できませんでした。入力は保たれています。"
            "案件を開き直すと表示され、もう一度保存します。").format(id=case_id), failure.message)

    def clear(self) -> None:
        for label in (self.title, self.status_badge, self.save_label):
            label.clear()
        self.banner.hide()
        self.trust_banner.hide()
