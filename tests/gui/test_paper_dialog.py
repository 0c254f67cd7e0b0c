"""ファイル → 紙の調査票を入力 (issue 14) with real widgets on SQLite and PostgreSQL: the form
asks every question, scans come from the file dialog (replaced) and by drag and drop, bad input
shows the services' message naming the field, the person who entered it cannot check it, a
second person can, and the case then goes through review like a web case."""

from __future__ import annotations

from pathlib import Path

import pytest
from casework_fixtures import PersonSpec, seed_case
from pytestqt.qtbot import QtBot
from shell_helpers import tasks_fixture, wait  # noqa: F401 (tasks_fixture is a fixture)
from test_paper import scan_pdf, scan_png
from workspace_fixture import WorkspaceFixture

from reviewer_app.bundle import schema
from reviewer_app.domain.vocabulary import CaseStatus, DocumentKind, Living, Occupation
from reviewer_app.services.casework import CaseService
from reviewer_app.services.paper import PaperService
from reviewer_app.services.results import current_results
from reviewer_app.ui.paper_dialog import PaperAction, PaperDialog
from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets
from reviewer_app.ui.tasks import TaskManager

pytestmark = pytest.mark.gui


@pytest.fixture
def paper_case(workspace: WorkspaceFixture) -> int:
    admin = workspace.login("admin")
    seed_case(admin, PersonSpec(1, card_number="1001"))
    return seed_case(admin, PersonSpec(2, card_number="1002", dependent_name="紙 花子",
                                       member_status="not_submitted")).case_id


def _dialog(qtbot: QtBot, workspace: WorkspaceFixture, tasks: TaskManager, name: str,
            picked: list[Path] | None = None) -> PaperDialog:
    dialog = PaperDialog(None, workspace.login(name), tasks,
                         ask_paths=lambda *_a: [str(p) for p in picked or []])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _drop(target: QtWidgets.QWidget, paths: list[Path]) -> None:
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(p)) for p in paths])
    point = QtCore.QPointF(10, 10)
    action = QtCore.Qt.DropAction.CopyAction
    buttons, modifiers = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.NoModifier
    enter = QtGui.QDragEnterEvent(point.toPoint(), action, mime, buttons, modifiers)
    QtWidgets.QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QtWidgets.QApplication.sendEvent(target, QtGui.QDropEvent(point, action, mime, buttons,
                                                              modifiers))


def _error(qtbot: QtBot, dialog: PaperDialog) -> str:
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as blocker:
        dialog.save_button.click()
    return str(blocker.args[0])


def test_enter_check_and_review_a_paper_survey_in_the_window(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, paper_case: int,
        tmp_path: Path) -> None:
    scan = scan_pdf(tmp_path / "scan.pdf", 3)
    photo = scan_png(tmp_path / "page3.png")
    dialog = _dialog(qtbot, workspace, tasks, "examiner", [scan])
    # every question of the form (seed 000): Q1–Q7, every occupation, amounts where asked
    assert set(dialog.occupations) == set(Occupation)
    assert set(dialog.amounts) == set(schema.OCCUPATIONS_WITH_AMOUNT)
    assert [dialog.q6.itemData(i) for i in range(dialog.q6.count())] == [v.value for v in Living]
    assert not dialog.save_button.isEnabled()

    dialog.member_edit.setText("123-9999")
    dialog.dependent_edit.setText("紙 花子")
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as unknown:
        dialog.find_button.click()
    assert "member" in unknown.args[0] and "123-9999" in dialog.error_label.text()
    dialog.member_edit.setText("123-1002")
    dialog.find_button.click()
    wait(qtbot, lambda: dialog.target is not None)
    assert dialog.save_button.isEnabled() and "未提出者" in dialog.status_label.text()

    dialog.q1.no.setChecked(True)
    dialog.occupations[Occupation.PART_TIME].setChecked(True)
    dialog.amounts[Occupation.PART_TIME].setValue(1_500_000)
    dialog.occupations[Occupation.RETIRED].setChecked(True)
    dialog.q6.setCurrentIndex(dialog.q6.findData(Living.APART_OTHER.value))
    dialog.q6_since.setText("2024-13")
    dialog.q7.setPlainText("2024年3月退職（紙の調査票）")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(DocumentKind.PAYSLIP.value))
    dialog.add_button.click()  # the file dialog gives the scan
    _drop(dialog.scan_list.viewport(), [photo])
    assert dialog.scan_list.rowCount() == 2

    # bad input: the services' message names the field, and nothing is stored
    assert "answers.living_apart_since" in _error(qtbot, dialog)
    dialog.q6_since.setText("2024-07")
    item = dialog.scan_list.item(0, 2)
    assert item is not None
    item.setText("2-9")
    assert "attach[0]" in _error(qtbot, dialog)
    item.setText("1-2")
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * schema.MAX_FILE_BYTES)
    _drop(dialog.scan_list.viewport(), [big])
    assert "attach[2]" in _error(qtbot, dialog) and "5 MB" in dialog.error_label.text()
    dialog.scan_list.selectRow(2)
    dialog.remove_button.click()
    assert PaperService(workspace.login("examiner")).state(paper_case).revision is None

    with qtbot.waitSignal(dialog.done_, timeout=30_000) as saved:
        dialog.save_button.click()
    assert "第2版" in saved.args[0] and "ファイル 2 件" in saved.args[0]
    assert "入力確認待ち" in dialog.status_label.text()
    assert dialog.scan_list.rowCount() == 0 and dialog.correction_box.isChecked()
    # the person who entered it cannot check it
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as own:
        dialog.check_button.click()
    assert "自分で入力した" in own.args[0]
    with pytest.raises(Exception, match="paper survey whose entry has not been checked"):
        CaseService(workspace.login("examiner")).open_case(paper_case)

    # a second person opens it from the queue's case and checks it
    host = QtWidgets.QWidget()
    qtbot.addWidget(host)
    action = PaperAction(host, workspace.login("supervisor"), tasks)
    second = action.run(paper_case)  # deletes itself when closed
    wait(qtbot, lambda: second.target is not None)
    assert second.q7.toPlainText() == "2024年3月退職（紙の調査票）"
    assert not second.q1.value() and second.q6.currentData() == Living.APART_OTHER.value
    assert second.amounts[Occupation.PART_TIME].value() == 1_500_000
    with qtbot.waitSignal(second.done_, timeout=20_000):
        second.check_button.click()
    assert "supervisor が入力確認済み" in second.status_label.text()
    second.close()

    # the same review as a web case
    service = CaseService(workspace.login("examiner"))
    detail = service.open_case(paper_case)
    assert detail.status is CaseStatus.IN_REVIEW
    assert detail.dependent.answers is not None
    assert detail.dependent.answers.living_apart_since == "2024-07"
    pages = [a.page_count for d in detail.documents for a in d.attachments]
    assert pages == [2, 1]
    supervisor = workspace.login("supervisor")
    with supervisor.transaction(readonly=True) as db:
        results = {c: r for c, r, _n in current_results(db, supervisor.master_key)}
    assert results[paper_case].answered_on_paper


def test_scans_appearing_in_the_watched_scanner_folder_are_added(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, paper_case: int,
        tmp_path: Path) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    scan_pdf(folder / "old.pdf", 1)  # there before: not added
    dialog = _dialog(qtbot, workspace, tasks, "examiner")
    dialog.ask_folder = lambda *_a: str(folder)
    dialog.kind_combo.setCurrentIndex(
        dialog.kind_combo.findData(DocumentKind.INCOME_CERTIFICATE.value))
    dialog.watch_button.click()
    assert str(folder) in dialog.watch_label.text()
    (folder / "notes.txt").write_text("not a scan", encoding="utf-8")
    scan_pdf(folder / "scan-0001.pdf", 2)
    wait(qtbot, lambda: dialog.scan_list.rowCount() == 1)
    assert dialog.scan_list.item(0, 1).text() == "scan-0001.pdf"  # type: ignore[union-attr]
    assert dialog.scan_list.item(0, 0).text() == "所得証明書・非課税証明書"  # type: ignore[union-attr]
    scan_png(folder / "scan-0002.png")
    wait(qtbot, lambda: dialog.scan_list.rowCount() == 2)
