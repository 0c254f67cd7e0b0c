"""The 判定 tab (issue 13): no verdict before any data, a departure from the engine shown to the
supervisor, and approval asked once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.domain.case import Case, Dependent
from reviewer_app.domain.engine import Evaluation, evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import CaseStatus, DecisionKind, Verdict
from reviewer_app.services.case_views import DecisionView, EvaluationSnapshot
from reviewer_app.ui import decision_tab as decision_module
from reviewer_app.ui.decision_tab import DecisionTab
from reviewer_app.ui.qt import Qt

pytestmark = pytest.mark.gui

# The engine on a case with nothing entered: 扶養継続 at 0 yen (no exclusion date).
CONTINUE_AT_ZERO: Evaluation = evaluate(
    Case(judgment_date=date(2024, 9, 2), target_year=2023,
         dependent=Dependent(date(1985, 6, 1))), RuleProfile())


def proposal(verdict: Verdict, engine: Verdict, comment: str = "") -> DecisionView:
    return DecisionView(1, DecisionKind.PROPOSAL, verdict, None, 2, "examiner",
                        datetime(2024, 9, 3, 1, tzinfo=UTC), comment,
                        EvaluationSnapshot(engine, None, None, "default", 1))


def make_tab(qtbot: QtBot) -> DecisionTab:
    tab = DecisionTab()
    qtbot.addWidget(tab)
    tab.show()
    return tab


def awaiting(tab: DecisionTab, decision: DecisionView) -> None:
    tab.set_case(status=CaseStatus.AWAITING_APPROVAL, can_propose=False, can_decide=True,
                 proposal=decision, default_date=None)


def test_nothing_entered_or_checked_shows_unentered_and_picks_no_verdict(
        qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    tab.set_case(status=CaseStatus.IN_REVIEW, can_propose=True, can_decide=False,
                 proposal=None, default_date=None)
    tab.set_evaluation(CONTINUE_AT_ZERO, nothing_entered=True)
    tab.prefill_from_evaluation()
    assert "未入力" in tab.evaluation_label.text()
    assert "扶養継続" not in tab.evaluation_label.text()
    assert tab.selected_verdict() is None and not tab.propose_button.isEnabled()
    # once something is entered or checked, the engine's verdict is shown and followed
    tab.set_evaluation(CONTINUE_AT_ZERO, nothing_entered=False)
    tab.prefill_from_evaluation()
    assert "扶養継続" in tab.evaluation_label.text()
    assert tab.selected_verdict() == "continue"


def test_a_departure_from_needs_review_is_shown_with_the_comment(qtbot: QtBot) -> None:
    tab = make_tab(qtbot)
    awaiting(tab, proposal(Verdict.EXCLUDE, Verdict.NEEDS_REVIEW, "恒常的な増収と判断"))
    assert tab.departure_label.isVisible()
    text = tab.departure_label.text()
    assert "自動判定(要確認)と異なる判定案です" in text and "恒常的な増収と判断" in text
    awaiting(tab, proposal(Verdict.EXCLUDE, Verdict.EXCLUDE))
    assert not tab.departure_label.isVisible()


def test_approving_asks_once_and_no_keeps_the_case(qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(decision_module, "ask_confirmation", ask)
    tab = make_tab(qtbot)
    awaiting(tab, proposal(Verdict.EXCLUDE, Verdict.NEEDS_REVIEW, "恒常的な増収と判断"))
    emitted: list[str] = []
    tab.approveRequested.connect(emitted.append)
    tab.approve_comment.setPlainText("確認")
    qtbot.mouseClick(tab.approve_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and emitted == []
    assert "扶養除外" in asked[0] and "自動判定(要確認)と異なる判定案です" in asked[0]
    answer[0] = True
    qtbot.mouseClick(tab.approve_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and emitted == ["確認"]
