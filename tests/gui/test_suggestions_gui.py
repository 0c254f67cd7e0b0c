"""Issue 11 §2 and §4, issue 13 "the document follows the work", on the real window: amounts read
from the case's payslips offered in 収入 and accepted or typed over, the viewer following the
month, "accept all" only after every page was shown, a My Number blacked out until an audited
reveal, and 書類 proposing 「マイナンバーが写っています」."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from casework_fixtures import PersonSpec, Seeded, seed_case
from helpers_payslips import Slip, payslip_pdf
from pytestqt.qtbot import QtBot
from shell_helpers import settings_fixture, task_manager, wait  # noqa: F401 (fixture)
from sqlalchemy import select
from suggestion_helpers import (  # noqa: F401 (fixture)
    Keys,
    Mod,
    open_case_from_queue,
    window_fixture,
)

from reviewer_app.domain.dates import YearMonth
from reviewer_app.services.casework import CaseService
from reviewer_app.services.suggestions import CaseSuggestions, Kind, Source, SuggestionService
from reviewer_app.store.models import AuditEvent
from reviewer_app.suggest.model import FileResult
from reviewer_app.suggest.reader import read_document
from reviewer_app.ui.case.documents_model import Column
from reviewer_app.ui.case.suggestions import SuggestionFeed
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.income.models import CONFIRMED_MARK, SUGGESTED_MARK
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets

pytestmark = [pytest.mark.gui, pytest.mark.slow,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
              pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]

MY_NUMBER = "123456789018"  # a valid check digit (tests/unit/domain/test_mynumber.py)
JAN = Slip(paid="支給日 2024/01/25", items=(("基本給", 90_000), ("通勤手当", 4_000)))
FEB = Slip(paid="支給日 2024/02/26", items=(("基本給", 91_000), ("通勤手当", 4_000)),
           my_number=MY_NUMBER)
MAR = Slip(paid="令和6年3月25日支給", items=(("基本給", 92_000), ("通勤手当", 4_000)))


@pytest.fixture
def case(workspace: Any) -> Seeded:
    files = [(payslip_pdf(JAN), "application/pdf", "1月.pdf"),
             (payslip_pdf(FEB, MAR), "application/pdf", "2月と3月.pdf")]
    return seed_case(workspace.login("admin"), PersonSpec(1, files=files))


def cell(view: CaseView, month: str, column: int = 0) -> Any:
    model = view.income_tab.grid_model
    return model.index(model.row_of(month), column)


def to_income(qtbot: QtBot, view: CaseView) -> None:
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or view, Qt.Key.Key_3,
                   Mod.AltModifier)
    assert QtWidgets.QApplication.focusWidget() is view.income_tab.grid


def test_suggestions_are_shown_apart_and_saved_only_once_accepted(
        qtbot: QtBot, workspace: Any, case: Seeded, window: MainWindow) -> None:
    view = open_case_from_queue(qtbot, window, case.case_id)
    to_income(qtbot, view)
    tab, grid = view.income_tab, view.income_tab.grid
    jan = cell(view, "2024-01")
    assert jan.data() == SUGGESTED_MARK + "94,000"
    assert jan.data(Qt.ItemDataRole.FontRole).italic()
    assert "PDFの文字情報" in jan.data(Qt.ItemDataRole.ToolTipRole)
    # a suggestion is no part of the sheet: nothing entered yet
    sheet = tab.sheet()
    assert sheet is not None and all(not e.payments for e in sheet.employers)
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return)  # January accepted; the cursor on February
    assert grid.currentIndex().row() == tab.grid_model.row_of("2024-02")
    keys.type("95500")  # typed over February's suggestion
    keys.press(Qt.Key.Key_Return)
    assert cell(view, "2024-01").data() == CONFIRMED_MARK + "94,000"
    assert cell(view, "2024-02").data() == "95,500"
    wait(qtbot, lambda: view.detail is not None and view.saves.is_settled(case.case_id))
    wait(qtbot, lambda: not tab.confirmations_to_record(tab.sheet()))  # type: ignore[arg-type]
    service = SuggestionService(workspace.login("supervisor"))
    assert [(c.month, c.gross, c.confirmed_by) for c in service.confirmations(case.case_id)] \
        == [("2024-01", 94_000, "examiner")]
    # reopened: January shows as confirmed, February as typed, March still offered
    window.show_queue()
    view = open_case_from_queue(qtbot, window, case.case_id)
    wait(qtbot, lambda: cell(view, "2024-01").data() == CONFIRMED_MARK + "94,000")
    assert cell(view, "2024-02").data() == "95,500"
    assert cell(view, "2024-03").data() == SUGGESTED_MARK + "96,000"


def test_the_viewer_follows_the_month_and_keeps_the_grid_focused(
        qtbot: QtBot, case: Seeded, window: MainWindow) -> None:
    view = open_case_from_queue(qtbot, window, case.case_id)
    to_income(qtbot, view)
    grid, viewer = view.income_tab.grid, view.viewer
    jan_file, two_page_file = (str(a) for a in case.attachment_ids)
    grid.setCurrentIndex(cell(view, "2024-03"))
    wait(qtbot, lambda: viewer.current_attachment_id == two_page_file
         and viewer.current_page == 1)
    highlight = viewer.page_view.highlight
    assert highlight is not None and highlight[:2] == (two_page_file, 1)
    x0, y0, x1, y1 = highlight[2]
    assert 0 < x0 < x1 < 1 and 0 < y0 < y1 < 1
    assert QtWidgets.QApplication.focusWidget() is grid
    qtbot.keyClick(grid, Qt.Key.Key_Up)  # February: page 1 of the same file
    wait(qtbot, lambda: viewer.current_page == 0)
    assert viewer.current_attachment_id == two_page_file
    # paging through documents from the grid: back into January's file, focus stays
    qtbot.keyClick(grid, Qt.Key.Key_PageUp, Mod.AltModifier)
    wait(qtbot, lambda: viewer.current_attachment_id == jan_file)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown, Mod.AltModifier)
    wait(qtbot, lambda: viewer.current_attachment_id == two_page_file
         and viewer.page_count == 2)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown, Mod.AltModifier)
    wait(qtbot, lambda: viewer.current_page == 1)
    assert QtWidgets.QApplication.focusWidget() is grid


def test_accept_all_waits_until_every_page_was_shown(
        qtbot: QtBot, workspace: Any, case: Seeded, window: MainWindow) -> None:
    view = open_case_from_queue(qtbot, window, case.case_id)
    to_income(qtbot, view)
    tab = view.income_tab
    # January's page is on screen; February's and March's are not yet
    wait(qtbot, lambda: len(tab.suggested.unseen_pages(tab.sheet())) == 2)
    assert not tab.accept_all_action.isEnabled() and not tab.accept_all_button.isEnabled()
    assert "2ページ" in tab.suggestion_status.text()
    assert "表示してください" in tab.accept_all_button.toolTip()  # why it is disabled
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return, Mod.ControlModifier | Mod.ShiftModifier)
    assert tab.suggested.all_pending(tab.sheet())  # refused: nothing accepted
    for left in (1, 0):  # each page in turn, looked at before the next
        qtbot.keyClick(tab.grid, Qt.Key.Key_N, Mod.ControlModifier | Mod.ShiftModifier)
        wait(qtbot, lambda n=left: len(  # type: ignore[misc]
            tab.suggested.unseen_pages(tab.sheet())) == n)
    assert tab.accept_all_action.isEnabled()
    assert QtWidgets.QApplication.focusWidget() is tab.grid
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return, Mod.ControlModifier | Mod.ShiftModifier)
    assert tab.suggested.all_pending(tab.sheet()) == []
    [employer] = tab.sheet().employers  # type: ignore[union-attr]
    assert [(str(p.month), p.gross) for p in employer.payments] == [
        ("2024-01", 94_000), ("2024-02", 95_000), ("2024-03", 96_000)]
    wait(qtbot, lambda: view.saves.is_settled(case.case_id))
    service = SuggestionService(workspace.login("supervisor"))
    wait(qtbot, lambda: len(service.confirmations(case.case_id)) == 3)


def _black(image: QtGui.QImage, rect: QtCore.QRectF) -> bool:
    centre = rect.center().toPoint()
    return QtGui.QColor(image.pixel(centre)).lightness() < 10


def test_a_my_number_is_masked_until_an_audited_reveal(
        qtbot: QtBot, workspace: Any, case: Seeded, window: MainWindow,
        monkeypatch: pytest.MonkeyPatch) -> None:
    view = open_case_from_queue(qtbot, window, case.case_id)
    to_income(qtbot, view)
    viewer, feb_file = view.viewer, str(case.attachment_ids[1])
    [mark] = view.income_tab.suggested.found.my_numbers  # type: ignore[union-attr]
    view.income_tab.grid.setCurrentIndex(cell(view, "2024-02"))
    wait(qtbot, lambda: viewer.current_attachment_id == feb_file and viewer.page_view.pixmap_exact)
    assert viewer.masked(feb_file, 0) and viewer.action_reveal.isVisible()
    page_view = viewer.page_view
    page = page_view.page_rect()
    assert page is not None
    w, h = mark.page_size
    x0, y0, x1, y1 = mark.box
    box = QtCore.QRectF(page.left() + x0 / w * page.width(), page.top() + y0 / h * page.height(),
                     (x1 - x0) / w * page.width(), (y1 - y0) / h * page.height())
    assert _black(page_view.viewport().grab().toImage(), box)
    # declined: still masked, nothing recorded
    answers = [QtWidgets.QMessageBox.StandardButton.No]
    monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                        lambda *_a, **_k: answers.pop(0))
    viewer.action_reveal.trigger()
    assert viewer.masked(feb_file, 0)
    answers.append(QtWidgets.QMessageBox.StandardButton.Yes)
    viewer.action_reveal.trigger()
    wait(qtbot, lambda: not viewer.masked(feb_file, 0))
    assert not _black(page_view.viewport().grab().toImage(), box)
    examiner = workspace.login("supervisor")
    with examiner.transaction(readonly=True) as db:
        events = db.scalars(select(AuditEvent).where(
            AuditEvent.action == "mynumber.revealed")).all()
    assert [(e.subject, json.loads(e.details)) for e in events] == [
        (f"case:{case.case_id}", {"attachment": case.attachment_ids[1], "page": 1})]
    assert MY_NUMBER not in events[0].details


def test_the_documents_tab_proposes_the_my_number_deficiency(
        qtbot: QtBot, case: Seeded, window: MainWindow) -> None:
    view = open_case_from_queue(qtbot, window, case.case_id)
    model = view.documents_tab.model
    row = model.row_of(case.document_key)
    proposal = model.proposal_at(row)
    assert proposal is not None and proposal.note == "マイナンバーが写っています（1ページ目）"
    assert model.index(row, Column.NOTE).data() == proposal.note
    assert model.index(row, Column.REVIEW).data() == "不備の提案"


def test_a_late_answer_for_another_case_is_dropped(
        qtbot: QtBot, workspace: Any, case: Seeded) -> None:
    other = seed_case(workspace.login("admin"), PersonSpec(2, files=[
        (payslip_pdf(MAR), "application/pdf", "3月.pdf")]))
    with task_manager() as tasks:
        feed = SuggestionFeed(tasks, workspace.login("examiner"), reader=read_document)
        arrived: list[CaseSuggestions] = []
        feed.arrived.connect(arrived.append)
        try:
            feed.request(case.case_id)
            feed.request(other.case_id)  # the examiner moved on before the first was read
            assert feed.wait_idle(60)
            # both answers were posted before the reader went idle: deliver what is queued
            QtWidgets.QApplication.processEvents()
            wait(qtbot, lambda: len(arrived) == 1)
        finally:
            feed.close()
    assert [a.case_id for a in arrived] == [other.case_id]
    [found] = arrived[0].suggestions
    assert (found.month, found.kind, found.gross, found.source) == (
        "2024-03", Kind.SALARY, 96_000, Source.TEXT)
    assert YearMonth.parse(found.month) == YearMonth(2024, 3)


def test_payslips_stay_covered_until_checked_for_a_my_number(
        qtbot: QtBot, workspace: Any, case: Seeded) -> None:
    """The first reading of a case takes a moment: its payslips are not shown meanwhile."""
    gate = threading.Event()

    def gated(data: bytes) -> FileResult:
        gate.wait(60)
        return read_document(data)

    session = workspace.login("examiner")
    with task_manager() as tasks:
        view = CaseView(tasks, CaseService(session), session.user, reader=gated)
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        try:
            view.open_case(case.case_id)
            wait(qtbot, lambda: view.viewer.current_attachment_id == str(case.attachment_ids[0]))
            assert view.viewer.page_view.veiled
            view.viewer.show_page(str(case.attachment_ids[1]), 0)
            wait(qtbot, lambda: view.viewer.current_attachment_id == str(case.attachment_ids[1]))
            assert view.viewer.page_view.veiled  # February's My Number is not on screen
            gate.set()
            wait(qtbot, lambda: not view.viewer.page_view.veiled, timeout=120_000)
            assert view.viewer.masked(str(case.attachment_ids[1]), 0)
        finally:
            gate.set()
            assert view.suggestions is not None and view.suggestions.wait_idle(60)
            view.shutdown()
