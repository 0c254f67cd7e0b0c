"""書類 tab: rows per requirement and upload, reviews emitted as they are made, read-only mode."""

from __future__ import annotations

import pytest
from answer_views import show_documents
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from unit.review.builders import TARGET_YEAR, sample_case

from reviewer_app.domain.vocabulary import DocumentKind, ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.review.requirements import DocumentState, missing_key
from reviewer_app.ui.case.documents_model import KEY_ROLE, REVIEW_ROLE, Column, DocumentsModel
from reviewer_app.ui.case.documents_tab import DocumentsTab
from reviewer_app.ui.qt import Qt, QtCore

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

PENSION = missing_key(DocumentKind.PENSION_NOTICE)


@pytest.fixture
def tab(qtbot: QtBot) -> DocumentsTab:
    widget = DocumentsTab()
    qtbot.addWidget(widget)
    widget.resize(720, 900)
    show_documents(widget, sample_case()[1], TARGET_YEAR)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(tab: DocumentsTab, row: int, col: Column, role: int = Qt.ItemDataRole.DisplayRole
         ) -> object:
    return tab.model.data(tab.model.index(row, col), role)


def test_rows_pair_requirements_with_uploads(tab: DocumentsTab) -> None:
    rows = [(cell(tab, r, Column.TITLE), cell(tab, r, Column.FILES), cell(tab, r, Column.STATE))
            for r in range(tab.model.rowCount())]
    assert rows == [
        ("給与明細書(2023年1月～12月支払分)", "12件", "提出あり"),
        ("賞与明細書(2023年1月～12月支払分)", "0件", "未提出で進める"),
        ("年金振込通知書または年金額改定通知書(2023年分、受給中の年金すべて)", "0件", "未提出"),
        ("在学証明書", "1件", "必要書類以外"),
    ]
    assert cell(tab, 1, Column.MEMBER_NOTE) == "賞与支給なし"
    assert [cell(tab, r, Column.REVIEW) for r in range(4)] == ["未確認"] * 4
    assert cell(tab, 2, Column.TITLE, KEY_ROLE) == PENSION
    assert tab.statuses()[2].state is DocumentState.MISSING


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = DocumentsModel()
    model.set_statuses(DocumentsTab().statuses())  # empty first
    qtmodeltester.check(model)
    tab = DocumentsTab()
    show_documents(tab, sample_case()[1], TARGET_YEAR)
    tab.set_reviews([DocumentReview("d-payslip", ReviewStatus.DEFICIENT,
                                    DeficiencyReason.UNREADABLE, "ぼやけている"),
                     DocumentReview("d-bonus_slip", ReviewStatus.OK)])
    qtmodeltester.check(tab.model)


def test_marking_ok_emits_the_review(qtbot: QtBot, tab: DocumentsTab) -> None:
    tab.select_row(1)
    with qtbot.waitSignal(tab.reviewChanged) as blocker:
        qtbot.mouseClick(tab.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [DocumentReview("d-bonus_slip", ReviewStatus.OK)]
    assert cell(tab, 1, Column.REVIEW) == "OK"
    assert cell(tab, 1, Column.REVIEW, REVIEW_ROLE) == "ok"
    assert not tab.reason_combo.isEnabled()


def test_marking_deficient_with_reason_and_note(qtbot: QtBot, tab: DocumentsTab) -> None:
    tab.select_row(0)
    with qtbot.waitSignal(tab.reviewChanged) as blocker:
        qtbot.mouseClick(tab.deficient_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [DocumentReview("d-payslip", ReviewStatus.DEFICIENT, None, "")]
    assert cell(tab, 0, Column.REASON) == "(理由を選択)"
    assert tab.reason_combo.isEnabled()
    with qtbot.waitSignal(tab.reviewChanged) as blocker:
        tab.reason_combo.setCurrentIndex(
            tab.reason_combo.findData(DeficiencyReason.MY_NUMBER_VISIBLE.value))
    assert blocker.args[0].reason is DeficiencyReason.MY_NUMBER_VISIBLE
    assert cell(tab, 0, Column.REASON) == "マイナンバーが見える"
    tab.note_edit.setFocus()
    # QTest's key clicks only know ASCII; type the Japanese as an input method would.
    tab.note_edit.insert("2枚目の番号を隠してください")
    with qtbot.waitSignal(tab.reviewChanged) as blocker:
        qtbot.keyClick(tab.note_edit, Qt.Key.Key_Return)
    assert blocker.args == [DocumentReview("d-payslip", ReviewStatus.DEFICIENT,
                                           DeficiencyReason.MY_NUMBER_VISIBLE,
                                           "2枚目の番号を隠してください")]
    assert tab.reviews()[0] == blocker.args[0]
    assert "不備 1件" in tab.summary.text()


def test_missing_document_deficient_defaults_to_missing(qtbot: QtBot, tab: DocumentsTab) -> None:
    tab.select_row(2)
    assert not tab.show_button.isEnabled()  # nothing to show
    with qtbot.waitSignal(tab.reviewChanged) as blocker:
        qtbot.mouseClick(tab.deficient_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == DocumentReview(PENSION, ReviewStatus.DEFICIENT,
                                             DeficiencyReason.MISSING)


def test_double_click_and_button_ask_to_show_the_document(qtbot: QtBot, tab: DocumentsTab) -> None:
    index = tab.model.index(3, Column.TITLE)
    rect = tab.table.visualRect(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(tab.showDocumentRequested) as blocker:
        qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["d-student_certificate"]
    tab.select_row(0)
    with qtbot.waitSignal(tab.showDocumentRequested) as blocker:
        qtbot.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["d-payslip"]
    with qtbot.assertNotEmitted(tab.showDocumentRequested):
        tab.table.doubleClicked.emit(tab.model.index(2, 0))  # missing: nothing uploaded


def test_set_reviews_restores_the_panel(tab: DocumentsTab) -> None:
    tab.set_reviews([DocumentReview("d-payslip", ReviewStatus.DEFICIENT,
                                    DeficiencyReason.WRONG_PERIOD, "2022年分です")])
    tab.select_row(0)
    assert tab.deficient_button.isChecked()
    assert tab.reason_combo.currentData() == "wrong_period"
    assert tab.note_edit.text() == "2022年分です"
    assert cell(tab, 0, Column.NOTE) == "2022年分です"


def test_read_only_mode_allows_viewing_but_no_review(qtbot: QtBot, tab: DocumentsTab) -> None:
    tab.set_read_only(True)
    tab.select_row(0)
    assert tab.is_read_only()
    assert not tab.ok_button.isEnabled() and not tab.deficient_button.isEnabled()
    assert tab.note_edit.isReadOnly() and not tab.reason_combo.isEnabled()
    with qtbot.assertNotEmitted(tab.reviewChanged):
        qtbot.mouseClick(tab.ok_button, Qt.MouseButton.LeftButton)
    assert tab.show_button.isEnabled()
    tab.set_read_only(False)
    assert tab.ok_button.isEnabled()


def test_empty_tab_has_no_selection(qtbot: QtBot) -> None:
    widget = DocumentsTab()
    qtbot.addWidget(widget)
    assert widget.current_row() == -1
    assert not widget.ok_button.isEnabled()
    assert widget.model.headerData(0, Qt.Orientation.Horizontal) == "書類"
    assert isinstance(widget.model.index(0, 0), QtCore.QModelIndex)
