"""調査票 tab: every answer shown as given, inconsistencies listed and marked at their answer."""

from __future__ import annotations

import pytest
from answer_views import show_answers
from pytestqt.qtbot import QtBot
from unit.review.builders import TARGET_YEAR, dependent, insured, occ, sample_case

from reviewer_app.domain.vocabulary import Living, MemberStatus
from reviewer_app.domain.vocabulary import Occupation as O
from reviewer_app.ui.case.answers_tab import AnswersTab
from reviewer_app.ui.qt import QtWidgets

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def texts(widget: QtWidgets.QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QtWidgets.QLabel)]


def findings_in(widget: QtWidgets.QWidget) -> set[str]:
    return {str(label.property("findingCode")) for label in widget.findChildren(QtWidgets.QLabel)
            if label.objectName() == "finding"}


@pytest.fixture
def tab(qtbot: QtBot) -> AnswersTab:
    widget = AnswersTab()
    qtbot.addWidget(widget)
    widget.resize(720, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_question_is_shown_with_the_forms_wording(tab: AnswersTab) -> None:
    show_answers(tab, *sample_case(), TARGET_YEAR)
    titles = {n: tab.question_box(n).title().removeprefix("⚠ ") for n in range(1, 8)}
    assert titles == {
        1: "1. 被保険者(本人)の健康保険証保有状況",
        2: "2. 調査対象である被扶養者(家族)の基本情報の確認",
        3: "3. 被扶養者(家族)の健康保険証保有状況",
        4: "4. 被扶養者(家族)の現在の職業と収入見込",
        5: "5. 年収: 上記②～④以外に一時的収入などがある場合(遺産相続など)",
        6: "6. 被保険者と被扶養者は同居か別居か",
        7: "7. 連絡欄",
    }
    assert "有" in texts(tab.question_box(1)) and "有" in texts(tab.question_box(3))


def test_insured_dependent_and_municipal_details(tab: AnswersTab) -> None:
    show_answers(tab, *sample_case(), TARGET_YEAR)
    shown = texts(tab)
    for expected in ("10-12345", "御室 太郎", "オムロ タロウ", "京都本社 (K01)", "99",
                     "母", "昭和37年3月14日 (1962-03-14)", "平成22年4月1日 (2010-04-01)",
                     "提出済", "1,250,000円", "700,000円"):
        assert expected in shown, expected
    assert any(t.startswith("令和6年9月12日 (2024-09-12) ") for t in shown)


def test_occupations_with_amounts_and_one_yen_means_zero(tab: AnswersTab) -> None:
    show_answers(tab, *sample_case(), TARGET_YEAR)
    q4 = tab.question_box(4)
    shown = texts(q4)
    assert "☑ ②パート・アルバイト" in shown and "☑ ③年金受給者" in shown
    assert "☑ 退職(パート・アルバイト含む)" in shown
    amounts = {label.objectName(): label.text() for label in q4.findChildren(QtWidgets.QLabel)
               if label.objectName().startswith("amount_")}
    assert amounts == {"amount_part_time": "1,050,000円", "amount_pensioner": "1円 (0円の意味)"}
    assert "1円 (0円の意味)" in texts(tab.question_box(5))
    assert "令和3年7月 (2021-07)" in texts(tab.question_box(6))
    assert "別居(その他)" in texts(tab.question_box(6))
    assert any("15日締め" in t for t in texts(tab.question_box(7)))


def test_inconsistencies_listed_at_the_top_and_marked_at_their_answer(tab: AnswersTab) -> None:
    show_answers(tab, *sample_case(), TARGET_YEAR)
    summary = tab.findChild(QtWidgets.QGroupBox, "summaryBox")
    assert summary is not None
    assert len(tab.findings()) == 5
    assert findings_in(summary) == {f.code.value for f in tab.findings()}
    assert findings_in(tab.question_box(7)) == {"retired_no_month"}
    assert tab.question_box(7).property("hasWarning") is True
    assert tab.question_box(7).title().startswith("⚠ ")
    assert findings_in(tab.question_box(4)) == {
        "municipal_income_differs", "pension_notice_missing", "one_yen_means_zero"}
    assert findings_in(tab.question_box(5)) == {"one_yen_means_zero"}
    assert tab.question_box(1).property("hasWarning") is False
    info = [lb for lb in tab.question_box(5).findChildren(QtWidgets.QLabel)
            if lb.objectName() == "finding"]
    assert info[0].property("severity") == "info"
    assert "0円の意味で1円と入力" in info[0].text()


def test_removal_while_living_apart_is_marked_on_question_6(tab: AnswersTab) -> None:
    dep = dependent(occ(O.REMOVAL), living=Living.APART_OTHER, living_apart_since="2024-04")
    show_answers(tab, insured(), dep, TARGET_YEAR)
    assert "removal_living_apart" in findings_in(tab.question_box(6))
    assert tab.question_box(6).property("hasWarning") is True


def test_unanswered_dependent_and_clear(tab: AnswersTab) -> None:
    dep = dependent(no_answers=True, status=MemberStatus.NOT_SUBMITTED)
    show_answers(tab, insured(), dep, TARGET_YEAR)
    assert "未回答" in texts(tab.question_box(4))
    assert "未提出" in texts(tab.question_box(2))
    tab.clear()
    assert tab.findings() == []
    assert tab.findChild(QtWidgets.QLabel, "emptyLabel") is not None


def test_english_shows_the_english_finding_messages(qtbot: QtBot) -> None:
    widget = AnswersTab(language="en")
    qtbot.addWidget(widget)
    show_answers(widget, *sample_case(), TARGET_YEAR)
    assert any("1 yen entered, meaning zero" in t for t in texts(widget.question_box(5)))
