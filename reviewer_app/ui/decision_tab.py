"""判定 tab: the examiner's proposal (扶養継続 / 扶養除外 with its date / 要確認, with a comment)
and, for a supervisor on a case awaiting approval, the proposal beside the evaluation re-run on
the current data with 承認 and 差し戻し.

The tab only emits what the user asked for; the service decides (four eyes, roles, status) and
its refusals come back through :meth:`DecisionTab.show_message`.
"""

from __future__ import annotations

from datetime import date

from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.vocabulary import CaseStatus, Verdict
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.services.case_views import DecisionView
from reviewer_app.ui.labels import explanation_lines, format_yen, status_label, verdict_label
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets, Signal, pydate, qdate

ERROR_STYLE = "color: #a1261c; font-weight: bold;"
OK_STYLE = "color: #1e6b33; font-weight: bold;"
DEPARTURE_STYLE = ("color: #8a5a00; background: #fff1c2; border: 2px solid #d9a400;"
                   " border-radius: 4px; padding: 8px; font-weight: bold;")


def ask_confirmation(parent: QtWidgets.QWidget, title: str, text: str) -> bool:
    """Yes or no from the user (tests replace this function: it is the one modal edge)."""
    answer = QtWidgets.QMessageBox.question(
        parent, title, text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        QtWidgets.QMessageBox.StandardButton.No)
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def date_label(d: date | None, style: str = "wareki") -> str:
    """A date as the user chose (和暦 or 西暦); '' for None."""
    if d is None:
        return ""
    if style == "wareki":
        try:
            return format_wareki(d)
        except ValueError:
            return d.isoformat()
    return f"{d.year}/{d.month:02d}/{d.day:02d}"


def engine_verdict_of(proposal: DecisionView) -> Verdict | None:
    """The engine's verdict when the proposal was made (its snapshot), if it was kept."""
    return proposal.evaluation.verdict if proposal.evaluation is not None else None


def evaluation_text(evaluation: Evaluation | None, style: str = "wareki", *,
                    nothing_entered: bool = False) -> str:
    """Verdict, exclusion date and the engine's explanation as plain lines; 「未入力」 and no
    verdict while nothing has been entered or checked (issue 13: not 扶養継続 at 0 yen)."""
    if nothing_entered:
        return QtCore.QCoreApplication.translate(
            "DecisionTab", "未入力: 収入の入力も書類の確認もまだないため、判定を示しません。")
    if not evaluation:
        return QtCore.QCoreApplication.translate(
            "DecisionTab", "収入が入力されていないため、判定を計算できません。")
    lines = [QtCore.QCoreApplication.translate("DecisionTab", "計算結果: {verdict}").format(
        verdict=verdict_label(evaluation.verdict))]
    if evaluation.exclusion.date:
        lines.append(QtCore.QCoreApplication.translate("DecisionTab", "除外日: {date}").format(
            date=date_label(evaluation.exclusion.date, style)))
    if evaluation.recertification.date:
        lines.append(QtCore.QCoreApplication.translate("DecisionTab", "再認定日: {date}").format(
            date=date_label(evaluation.recertification.date, style)))
    lines.append(QtCore.QCoreApplication.translate(
        "DecisionTab", "年間収入 {annual}円 / 限度額 {limit}円").format(
        annual=format_yen(evaluation.annual_income), limit=format_yen(evaluation.annual_limit)))
    if evaluation.explanation_lines:
        lines.append("")
        lines.extend(explanation_lines(evaluation))
    return "\n".join(lines)


class DecisionTab(QtWidgets.QWidget):
    """Signals: ``proposeRequested(verdict, exclusion_date | None, comment)``,
    ``approveRequested(comment)``, ``returnRequested(comment)``, ``evaluateRequested()``."""

    proposeRequested = Signal(str, object, str)
    approveRequested = Signal(str)
    returnRequested = Signal(str)
    evaluateRequested = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None, *,
                 date_style: str = "wareki") -> None:
        super().__init__(parent)
        self._style = date_style
        self._evaluation: Evaluation | None = None
        self._nothing_entered = False
        self._can_propose = False
        self._proposal: DecisionView | None = None

        self.state_label = QtWidgets.QLabel()
        self.state_label.setObjectName("decisionState")
        self.state_label.setWordWrap(True)

        # --- the examiner's proposal ---
        self.propose_box = QtWidgets.QGroupBox(self.tr("判定案（一次チェック）"))
        self.continue_radio = QtWidgets.QRadioButton(self.tr("扶養継続"))
        self.exclude_radio = QtWidgets.QRadioButton(self.tr("扶養除外"))
        self.review_radio = QtWidgets.QRadioButton(self.tr("要確認"))
        self._verdicts = QtWidgets.QButtonGroup(self)
        for button, verdict in ((self.continue_radio, Verdict.CONTINUE),
                                (self.exclude_radio, Verdict.EXCLUDE),
                                (self.review_radio, Verdict.NEEDS_REVIEW)):
            button.setProperty("verdict", verdict.value)
            self._verdicts.addButton(button)
        self._verdicts.buttonToggled.connect(self._update_enabled)
        # Until the examiner picks a verdict, the choice follows the live evaluation.
        self._chosen = False
        self._verdicts.buttonClicked.connect(self._on_user_choice)
        verdict_row = QtWidgets.QHBoxLayout()
        verdict_row.setSpacing(18)
        for button in (self.continue_radio, self.exclude_radio, self.review_radio):
            verdict_row.addWidget(button)
        verdict_row.addStretch(1)
        self.date_edit = QtWidgets.QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.date_edit.dateChanged.connect(self._update_date_hint)
        self.date_edit.editingFinished.connect(self._on_user_choice)
        self.date_hint = QtWidgets.QLabel()
        date_row = QtWidgets.QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.date_hint)
        date_row.addStretch(1)
        self.comment_edit = QtWidgets.QPlainTextEdit()
        self.comment_edit.setObjectName("proposalComment")
        self.comment_edit.setPlaceholderText(self.tr("判定の理由や確認した内容（承認者が読みます）"))
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.propose_button = QtWidgets.QPushButton(self.tr("判定案を提出（承認待ちへ）"))
        self.propose_button.setObjectName("proposeButton")
        self.propose_button.clicked.connect(self._on_propose)
        form = QtWidgets.QFormLayout(self.propose_box)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("判定"), verdict_row)
        form.addRow(self.tr("除外日"), date_row)
        form.addRow(self.tr("コメント"), self.comment_edit)
        button_row = QtWidgets.QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.propose_button)
        form.addRow(button_row)

        # --- the supervisor's approval ---
        self.approve_box = QtWidgets.QGroupBox(self.tr("承認（最終チェック）"))
        self.proposal_label = QtWidgets.QLabel()
        self.proposal_label.setObjectName("proposalSummary")
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        # A proposal against the engine's verdict is what the supervisor must not miss.
        self.departure_label = QtWidgets.QLabel()
        self.departure_label.setObjectName("departureWarning")
        self.departure_label.setWordWrap(True)
        self.departure_label.setStyleSheet(DEPARTURE_STYLE)
        self.departure_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.departure_label.hide()
        self.approve_comment = QtWidgets.QPlainTextEdit()
        self.approve_comment.setObjectName("approvalComment")
        self.approve_comment.setPlaceholderText(self.tr("承認・差し戻しのコメント（差し戻しでは必須）"))
        self.approve_comment.setTabChangesFocus(True)
        self.approve_comment.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.approve_button = QtWidgets.QPushButton(self.tr("承認"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self._on_approve)
        self.return_button = QtWidgets.QPushButton(self.tr("差し戻し"))
        self.return_button.setObjectName("returnButton")
        self.return_button.clicked.connect(self._on_return)
        approve_layout = QtWidgets.QVBoxLayout(self.approve_box)
        approve_layout.addWidget(self.departure_label)
        approve_layout.addWidget(self.proposal_label)
        approve_layout.addWidget(self.approve_comment)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.return_button)
        row.addWidget(self.approve_button)
        approve_layout.addLayout(row)

        # --- the evaluation (live for the examiner, re-run for the supervisor) ---
        self.evaluation_box = QtWidgets.QGroupBox(self.tr("現在のデータでの計算"))
        self.evaluation_label = QtWidgets.QLabel()
        self.evaluation_label.setObjectName("evaluationText")
        self.evaluation_label.setWordWrap(True)
        self.evaluation_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.evaluation_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rerun_button = QtWidgets.QPushButton(self.tr("再計算"))
        self.rerun_button.clicked.connect(self.evaluateRequested)
        eval_layout = QtWidgets.QVBoxLayout(self.evaluation_box)
        eval_layout.addWidget(self.evaluation_label)
        eval_row = QtWidgets.QHBoxLayout()
        eval_row.addStretch(1)
        eval_row.addWidget(self.rerun_button)
        eval_layout.addLayout(eval_row)

        self.message = QtWidgets.QLabel()
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.state_label)
        layout.addWidget(self.message)
        layout.addWidget(self.approve_box)
        layout.addWidget(self.propose_box)
        layout.addWidget(self.evaluation_box)
        layout.addStretch(1)
        scroll = QtWidgets.QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.clear()

    # --- public API ---------------------------------------------------------------------------

    def set_date_style(self, style: str) -> None:
        self._style = style
        self._update_date_hint()
        self.set_evaluation(self._evaluation)

    def clear(self) -> None:
        self._evaluation = None
        self._nothing_entered = False
        self._proposal = None
        self.state_label.clear()
        self.proposal_label.clear()
        self.departure_label.clear()
        self.departure_label.hide()
        self.evaluation_label.clear()
        self.comment_edit.clear()
        self.approve_comment.clear()
        self.message.hide()
        self.approve_box.hide()
        self._can_propose = False
        self._update_enabled()

    def set_case(self, *, status: CaseStatus, can_propose: bool, can_decide: bool,
                 proposal: DecisionView | None, default_date: date | None) -> None:
        """``proposal``: the latest proposal (a DecisionView) when there is one."""
        self.message.hide()
        self._can_propose = can_propose
        self._chosen = proposal is not None
        self.state_label.setText(self.tr("状態: {status}").format(status=status_label(status)))
        decided = status in (CaseStatus.AWAITING_APPROVAL, CaseStatus.DONE)
        # Once proposed, the proposal is shown in the approval box; the form would only repeat it.
        self.approve_box.setVisible(decided)
        self.propose_box.setVisible(not decided)
        for widget in (self.approve_comment, self.approve_button, self.return_button):
            widget.setVisible(status is CaseStatus.AWAITING_APPROVAL)
        self.approve_button.setEnabled(can_decide)
        self.return_button.setEnabled(can_decide)
        self.approve_comment.setReadOnly(not can_decide)
        self.approve_comment.clear()
        self._proposal = proposal
        departure = self.departure_text(proposal) if proposal is not None else ""
        self.departure_label.setText(departure)
        self.departure_label.setVisible(bool(departure))
        if proposal is not None:
            self.proposal_label.setText(self._proposal_text(proposal))
            verdict = proposal.verdict
            for button in self._verdicts.buttons():
                button.setChecked(button.property("verdict") == verdict)
            self.comment_edit.setPlainText(proposal.comment or "")
        else:
            self.proposal_label.setText(self.tr("判定案はまだありません。"))
            self._verdicts.setExclusive(False)
            for button in self._verdicts.buttons():
                button.setChecked(False)
            self._verdicts.setExclusive(True)
            self.comment_edit.clear()
        initial = (proposal.exclusion_date if proposal is not None and proposal.exclusion_date
                   else default_date) or date.today()
        self.date_edit.setDate(qdate(initial))
        self._update_enabled()

    def set_evaluation(self, evaluation: Evaluation | None, *,
                       nothing_entered: bool = False) -> None:
        """The evaluation on the current data; ``nothing_entered``: no income entered and no
        document checked, so 「未入力」 is shown instead of a verdict and none is prefilled."""
        self._evaluation = evaluation
        self._nothing_entered = nothing_entered
        self.evaluation_label.setText(evaluation_text(evaluation, self._style,
                                                      nothing_entered=nothing_entered))

    def departure_text(self, proposal: DecisionView) -> str:
        """The warning for a proposal that departs from the engine's verdict, or ''."""
        engine = engine_verdict_of(proposal)
        if engine is None or proposal.verdict is None or engine == proposal.verdict:
            return ""
        text = self.tr("自動判定({engine})と異なる判定案です").format(
            engine=verdict_label(engine))
        comment = self.tr("担当者のコメント: {text}").format(text=proposal.comment or "—")
        return f"⚠ {text}\n{comment}"

    def suggested_date(self) -> date | None:
        return self._evaluation.exclusion.date if self._evaluation is not None else None

    def prefill_from_evaluation(self) -> None:
        """Follow the evaluation's verdict and exclusion date until the user chooses."""
        if self._chosen or not self._evaluation:
            return
        verdict = None if self._nothing_entered else self._evaluation.verdict
        if verdict is None:
            self._verdicts.setExclusive(False)  # no button checked: an exclusive group refuses
        for button in self._verdicts.buttons():
            button.setChecked(button.property("verdict") == verdict)
        self._verdicts.setExclusive(True)
        if verdict is None:
            return
        suggested = self.suggested_date()
        if suggested is not None:
            self.date_edit.setDate(qdate(suggested))

    def selected_verdict(self) -> str | None:
        button = self._verdicts.checkedButton()
        return None if button is None else str(button.property("verdict"))

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)
        self.message.show()

    # --- internals ----------------------------------------------------------------------------

    def _proposal_text(self, proposal: DecisionView) -> str:
        lines = [self.tr("判定案: {verdict}（{who}、{when}）").format(
            verdict=verdict_label(proposal.verdict), who=proposal.decided_by,
            when=date_label(proposal.decided_at.astimezone().date(), self._style))]
        if proposal.exclusion_date is not None:
            lines.append(self.tr("除外日: {date}").format(
                date=date_label(proposal.exclusion_date, self._style)))
        if proposal.comment:
            lines.append(self.tr("コメント: {text}").format(text=proposal.comment))
        return "\n".join(lines)

    def _on_user_choice(self, *_args: object) -> None:
        self._chosen = True

    def _update_enabled(self, *_args: object) -> None:
        editable = self._can_propose
        for button in self._verdicts.buttons():
            button.setEnabled(editable)
        self.comment_edit.setReadOnly(not editable)
        self.date_edit.setEnabled(editable and self.exclude_radio.isChecked())
        self.propose_button.setEnabled(editable and self._verdicts.checkedButton() is not None)
        self._update_date_hint()

    def _update_date_hint(self, *_args: object) -> None:
        self.date_hint.setText(date_label(pydate(self.date_edit.date()), "wareki"))

    def _on_propose(self) -> None:
        verdict = self.selected_verdict()
        if verdict is None:
            self.show_message(self.tr("判定を選んでください。"))
            return
        when = pydate(self.date_edit.date()) if verdict == Verdict.EXCLUDE.value else None
        self.proposeRequested.emit(verdict, when, self.comment_edit.toPlainText().strip())

    def _on_approve(self) -> None:
        proposal = self._proposal
        verdict = verdict_label(proposal.verdict) if proposal is not None else ""
        text = self.tr("判定案「{verdict}」を承認します。よろしいですか?").format(verdict=verdict)
        departure = self.departure_text(proposal) if proposal is not None else ""
        if departure:
            text = f"{departure}\n\n{text}"
        if not ask_confirmation(self, self.tr("承認の確認"), text):
            return
        self.approveRequested.emit(self.approve_comment.toPlainText().strip())

    def _on_return(self) -> None:
        comment = self.approve_comment.toPlainText().strip()
        if not comment:
            self.show_message(self.tr("差し戻しの理由をコメントに書いてください。"))
            return
        self.returnRequested.emit(comment)
