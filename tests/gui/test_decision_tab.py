"""The 判定 tab (issue 13): no verdict before any data, a departure from the engine shown to the
supervisor, and approval asked once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.services.case_views import DecisionView
from reviewer_app.services.enums import CaseStatus
from reviewer_app.ui import decision_tab as decision_module
from reviewer_app.ui.decision_tab import DecisionTab
from reviewer_app.ui.qt import Qt

pytestmark = pytest.mark.gui

CONTINUE_AT_ZERO: dict[str, Any] = {"verdict": "continue", "annual_income": 0,
                                    "annual_limit": 1_300_000, "exclusion": {"date": None}}


def proposal(verdict: str, engine: str, comment: str = "") -> DecisionView:
    return DecisionView(1, "proposal", verdict, None, 2, "examiner",
                        datetime(2024, 9, 3, 1, tzinfo=UTC), comment,
                        {"evaluation": {"verdict": engine}, "profile": "default"})


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
    awaiting(tab, proposal("exclude", "needs_review", "恒常的な増収と判断"))
    assert tab.departure_label.isVisible()
    text = tab.departure_label.text()
    assert "自動判定(要確認)と異なる判定案です" in text and "恒常的な増収と判断" in text
    awaiting(tab, proposal("exclude", "exclude"))
    assert not tab.departure_label.isVisible()


def test_approving_asks_once_and_no_keeps_the_case(qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    answer = [False]

    def ask(_parent: Any, _title: str, text: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(decision_module, "ask_confirmation", ask)
    tab = make_tab(qtbot)
    awaiting(tab, proposal("exclude", "needs_review", "恒常的な増収と判断"))
    emitted: list[str] = []
    tab.approveRequested.connect(emitted.append)
    tab.approve_comment.setPlainText("確認")
    qtbot.mouseClick(tab.approve_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and emitted == []
    assert "扶養除外" in asked[0] and "自動判定(要確認)と異なる判定案です" in asked[0]
    answer[0] = True
    qtbot.mouseClick(tab.approve_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and emitted == ["確認"]
