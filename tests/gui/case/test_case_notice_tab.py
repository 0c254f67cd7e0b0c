"""不備連絡 tab: the notice built from deficient rows, its 和暦 preview, recording it."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from unit.review.builders import TARGET_YEAR, sample_case

from reviewer_app.domain.vocabulary import DocumentKind, ReviewStatus
from reviewer_app.review.deficiency import (
    DeficiencyNotice,
    DeficiencyReason,
    DocumentReview,
    build_notice,
)
from reviewer_app.review.requirements import (
    DocumentStatus,
    match_uploads,
    missing_key,
    required_documents,
)
from reviewer_app.ui.case.notice_model import ItemColumn, NoticeHistoryModel, NoticeItemsModel
from reviewer_app.ui.case.notice_tab import NoticeTab
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

TODAY = date(2024, 10, 1)
PENSION = missing_key(DocumentKind.PENSION_NOTICE)
DEFICIENT_PAYSLIP = DocumentReview("d-payslip", ReviewStatus.DEFICIENT,
                                   DeficiencyReason.MONTHS_MISSING, "3月分がありません")


def statuses() -> list[DocumentStatus]:
    dep = sample_case()[1]
    return match_uploads(required_documents(dep, TARGET_YEAR), dep.required_documents)


@pytest.fixture
def tab(qtbot: QtBot) -> NoticeTab:
    widget = NoticeTab(clock=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(720, 900)
    widget.set_case(statuses(), [DEFICIENT_PAYSLIP], insured_name="御室 太郎",
                    dependent_name="御室 和子", insurer_name="オムロン健康保険組合",
                    target_year=TARGET_YEAR)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_items_come_from_deficient_rows_and_missing_documents(tab: NoticeTab) -> None:
    items = tab.items_model.items()
    assert [(i.document_id, i.reason) for i in items] == [
        ("d-payslip", DeficiencyReason.MONTHS_MISSING),
        (PENSION, DeficiencyReason.MISSING),
    ]
    model = tab.items_model
    assert model.data(model.index(0, ItemColumn.REASON)) == "月が不足"
    assert "給与額等証明書" in model.data(model.index(0, ItemColumn.INSTEAD))
    assert model.data(model.index(0, ItemColumn.NOTE)) == "3月分がありません"
    assert tab.record_button.isEnabled()


def test_default_deadline_is_fourteen_days_from_the_clock(tab: NoticeTab) -> None:
    assert tab.deadline_edit.date() == QtCore.QDate(2024, 10, 15)
    assert tab.deadline_wareki.text() == "令和6年10月15日"


def test_preview_has_the_wareki_deadline_and_every_item(tab: NoticeTab) -> None:
    text = tab.preview_text()
    assert "回答期限: 令和6年10月15日" in text
    assert "令和6年10月1日" in text
    assert "1. 給与明細書(2023年1月～12月支払分)" in text
    assert "2. 年金振込通知書または年金額改定通知書" in text
    assert "不備の内容: 不足している月があります" in text and "補足: 3月分がありません" in text
    assert "御室 太郎 様" in text and "御室 和子 様" in text


def test_notes_message_and_deadline_edits_reach_the_preview(tab: NoticeTab) -> None:
    model = tab.items_model
    assert model.setData(model.index(1, ItemColumn.NOTE), "遺族年金の分もお願いします")
    assert "補足: 遺族年金の分もお願いします" in tab.preview_text()
    tab.message_edit.setPlainText("ご不明な点はご連絡ください。")
    assert "ご不明な点はご連絡ください。" in tab.preview_text()
    tab.deadline_edit.setDate(QtCore.QDate(2024, 10, 31))
    assert "回答期限: 令和6年10月31日" in tab.preview_text()


def test_recording_emits_the_notice_with_its_deadline(qtbot: QtBot, tab: NoticeTab) -> None:
    tab.deadline_edit.setDate(QtCore.QDate(2024, 10, 20))
    tab.items_model.setData(tab.items_model.index(1, ItemColumn.NOTE), "すべての年金")
    with qtbot.waitSignal(tab.noticeRecorded) as blocker:
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    notice = blocker.args[0]
    assert isinstance(notice, DeficiencyNotice)
    assert notice.reply_deadline == date(2024, 10, 20)
    assert notice.issued_on == TODAY
    assert [i.document_id for i in notice.items] == ["d-payslip", PENSION]
    assert notice.items[1].note == "すべての年金"


def test_notes_typed_here_survive_a_review_change_elsewhere(tab: NoticeTab) -> None:
    tab.items_model.setData(tab.items_model.index(1, ItemColumn.NOTE), "すべての年金")
    bonus = DocumentReview("d-bonus_slip", ReviewStatus.DEFICIENT, DeficiencyReason.MISSING)
    tab.set_reviews([DEFICIENT_PAYSLIP, bonus])
    items = tab.items_model.items()
    assert [i.document_id for i in items] == ["d-payslip", "d-bonus_slip", PENSION]
    assert items[2].note == "すべての年金"


def test_disabled_when_no_deficient_item(qtbot: QtBot, tab: NoticeTab) -> None:
    tab.set_reviews([DocumentReview("d-payslip", ReviewStatus.OK),
                     DocumentReview(PENSION, ReviewStatus.OK)])
    assert tab.items_model.rowCount() == 0
    assert not tab.record_button.isEnabled() and not tab.editor.isEnabled()
    assert "不備のある書類はありません" in tab.status_label.text()
    assert tab.preview_text() == ""
    with qtbot.assertNotEmitted(tab.noticeRecorded):
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)


def test_read_only_mode(qtbot: QtBot, tab: NoticeTab) -> None:
    tab.set_read_only(True)
    assert not tab.record_button.isEnabled()
    model = tab.items_model
    assert not model.flags(model.index(0, ItemColumn.NOTE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, ItemColumn.NOTE), "x")
    assert tab.message_edit.isReadOnly() and tab.deadline_edit.isReadOnly()
    tab.set_read_only(False)
    assert tab.record_button.isEnabled()


def test_history_of_recorded_notices(tab: NoticeTab) -> None:
    older = build_notice([DEFICIENT_PAYSLIP], statuses(), date(2024, 9, 30),
                         issued_on=date(2024, 9, 16))
    newer = build_notice([], statuses(), date(2024, 10, 15), issued_on=date(2024, 10, 1))
    tab.set_notices([older, newer])
    model = tab.history_model
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)) == "令和6年10月1日 (2024-10-01)"
    assert model.data(model.index(1, 1)) == "令和6年9月30日 (2024-09-30)"
    assert model.data(model.index(1, 2)) == "2件"
    assert "(2件)" in tab.history_box.title()


def test_models_pass_qtmodeltester(qtmodeltester: ModelTester, tab: NoticeTab) -> None:
    qtmodeltester.check(tab.items_model)
    qtmodeltester.check(NoticeItemsModel())
    history = NoticeHistoryModel()
    qtmodeltester.check(history)
    history.set_notices([build_notice([DEFICIENT_PAYSLIP], statuses(), date(2024, 9, 30),
                                      issued_on=date(2024, 9, 16))])
    qtmodeltester.check(history)


def record(qtbot: QtBot, tab: NoticeTab) -> DeficiencyNotice:
    with qtbot.waitSignal(tab.noticeRecorded) as blocker:
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    notice = blocker.args[0]
    assert isinstance(notice, DeficiencyNotice)
    return notice


def reload_same_case(tab: NoticeTab, reviews: list[DocumentReview], case_key: object = 7) -> None:
    tab.set_case(statuses(), reviews, insured_name="御室 太郎", dependent_name="御室 和子",
                 insurer_name="オムロン健康保険組合", target_year=TARGET_YEAR, case_key=case_key)


def test_recording_disables_the_button_until_the_notice_changes(
        qtbot: QtBot, tab: NoticeTab) -> None:
    button = tab.findChild(QtWidgets.QPushButton, "recordNoticeButton")
    assert button is tab.record_button and button.isEnabled()

    def recorded() -> bool:  # read afresh each time (mypy would keep the first answer)
        return tab.is_recorded

    record(qtbot, tab)
    assert not button.isEnabled() and recorded()
    assert "記録済み" in button.toolTip()
    with qtbot.assertNotEmitted(tab.noticeRecorded):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    tab.message_edit.setPlainText("ご不明な点はご連絡ください。")  # the message changed
    assert button.isEnabled() and not recorded()
    record(qtbot, tab)
    assert not button.isEnabled()
    tab.deadline_edit.setDate(QtCore.QDate(2024, 10, 31))  # the deadline changed
    assert button.isEnabled()
    record(qtbot, tab)
    tab.items_model.setData(tab.items_model.index(0, ItemColumn.NOTE), "4月分も")  # a note
    assert button.isEnabled()


def test_a_document_check_change_enables_recording_again(qtbot: QtBot, tab: NoticeTab) -> None:
    record(qtbot, tab)
    tab.set_reviews([DEFICIENT_PAYSLIP])  # the same checks again: nothing changed
    assert not tab.record_button.isEnabled()
    bonus = DocumentReview("d-bonus_slip", ReviewStatus.DEFICIENT, DeficiencyReason.MISSING)
    tab.set_reviews([DEFICIENT_PAYSLIP, bonus])
    assert tab.record_button.isEnabled()


def test_stays_disabled_across_the_reload_of_the_same_case_only(
        qtbot: QtBot, tab: NoticeTab) -> None:
    reload_same_case(tab, [DEFICIENT_PAYSLIP])
    tab.message_edit.setPlainText("よろしくお願いします。")
    record(qtbot, tab)
    reload_same_case(tab, [DEFICIENT_PAYSLIP])  # the controller reloads after storing it
    assert not tab.record_button.isEnabled()
    reload_same_case(tab, [DEFICIENT_PAYSLIP], case_key=8)  # another case
    assert tab.record_button.isEnabled()


def test_a_failed_recording_may_be_retried(qtbot: QtBot, tab: NoticeTab) -> None:
    record(qtbot, tab)
    tab.allow_record()
    assert tab.record_button.isEnabled()
    record(qtbot, tab)
