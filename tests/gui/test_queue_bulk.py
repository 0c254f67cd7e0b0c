"""The queue's bulk actions with real widgets on a real workspace (issue 7 §4): the 未提出 view,
a multi-row selection, one confirmation (the only thing replaced), the work on the task worker,
the summary and the reload."""

from __future__ import annotations

from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from pytestqt.qtbot import QtBot
from shell_helpers import settings_fixture, tasks_fixture, wait  # noqa: F401 (fixtures)
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.non_submitters import propose_exclusions
from reviewer_app.services.queue import QueueView
from reviewer_app.services.workspace import open_session
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt, QtWidgets
from reviewer_app.ui.queue import bulk
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
              pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


@pytest.fixture
def cases(workspace: WorkspaceFixture) -> dict[str, int]:
    admin = workspace.login("admin")
    specs = {"ns1": PersonSpec(1, member_status="not_submitted"),
             "submitter": PersonSpec(2),
             "ns2": PersonSpec(3, member_status="not_submitted"),
             "ns3": PersonSpec(4, member_status="not_submitted")}
    return {name: seed_case(admin, spec).case_id for name, spec in specs.items()}


class Confirmations:
    """Stands in for the confirmation dialog: answers ``answer``, remembers the questions."""

    def __init__(self) -> None:
        self.answer = True
        self.questions: list[tuple[str, str]] = []

    def __call__(self, _parent: Any, title: str, text: str) -> bool:
        self.questions.append((title, text))
        return self.answer


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Confirmations:
    confirmations = Confirmations()
    monkeypatch.setattr(bulk, "confirm", confirmations)
    return confirmations


def _window(qtbot: QtBot, tasks: TaskManager, settings: Settings, workspace: WorkspaceFixture,
            user: str) -> MainWindow:
    """The main window signed in as ``user`` with a session of its own: the window closes it
    on the worker when it closes, so the fixture must not close the same one at that moment."""
    account = workspace.accounts[user]
    session = open_session(workspace.dir, account.name, account.password)
    window = MainWindow(session, tasks, settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    wait(qtbot, lambda: window.queue.model.rowCount() > 0 and not window.queue.model.is_loading)
    return window


def _summary(window: MainWindow) -> QtWidgets.QMessageBox | None:
    """The summary shown last (read afresh: mypy would keep an earlier ``is None``)."""
    return window.bulk.summary


def test_examiner_proposes_the_selected_non_submitters_in_one_action(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, workspace: WorkspaceFixture,
        cases: dict[str, int], asked: Confirmations) -> None:
    window = _window(qtbot, tasks, settings, workspace, "examiner")
    queue = window.queue
    button = queue.bulk_propose_button
    assert button.isVisible() and not button.isEnabled()  # nothing selected
    assert not queue.bulk_approve_button.isVisible()

    # The submitter alone: nothing to propose. With a non-submitter beside it: enabled.
    queue.select_case(cases["submitter"])
    assert not button.isEnabled()
    queue.table.selectAll()
    assert len(queue.selected_rows()) == 4 and button.isEnabled()

    # Cancelled: nothing happens.
    asked.answer = False
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert len(asked.questions) == 1 and window.bulk.summary is None
    assert {r.status for r in queue.model.loaded_rows()} == {CaseStatus.NOT_STARTED}

    # The 未提出 view lists the three; all selected; confirmed once.
    asked.answer, asked.questions = True, []
    queue.view_combo.setCurrentIndex(queue.view_combo.findData(QueueView.NOT_SUBMITTED.value))
    wait(qtbot, lambda: not queue.model.is_loading and queue.model.total == 3)
    queue.table.selectAll()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: window.bulk.summary is not None and window.bulk.summary.isVisible())
    summary = _summary(window)
    assert summary is not None
    [(title, question)] = asked.questions
    assert "3件" in question and "未提出" in title
    assert summary.text() == "3件を除外で提案しました。"
    # The queue reloaded: proposed cases await approval, so the 未提出 view is empty now.
    wait(qtbot, lambda: not queue.model.is_loading and queue.model.total == 0)
    summary.close()


def test_a_mixed_selection_reports_the_submitter_as_skipped(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, workspace: WorkspaceFixture,
        cases: dict[str, int], asked: Confirmations) -> None:
    window = _window(qtbot, tasks, settings, workspace, "examiner")
    queue = window.queue
    queue.select_case(cases["submitter"])
    row = queue.model.row_of_case(cases["ns1"])
    queue.table.selectionModel().select(
        queue.model.index(row, 0), queue.table.selectionModel().SelectionFlag.Select
        | queue.table.selectionModel().SelectionFlag.Rows)
    assert {r.case_id for r in queue.selected_rows()} == {cases["submitter"], cases["ns1"]}
    qtbot.mouseClick(queue.bulk_propose_button, Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: window.bulk.summary is not None and window.bulk.summary.isVisible())
    summary = _summary(window)
    assert summary is not None
    text = summary.text()
    assert text.startswith("1件を除外で提案しました。\n1件は対象外でした:")
    assert f"案件 {cases['submitter']} は調査票が提出" in text
    wait(qtbot, lambda: not queue.model.is_loading and (r := queue.model.row_at(
        queue.model.row_of_case(cases["ns1"]))) is not None
        and r.status is CaseStatus.AWAITING_APPROVAL)
    summary.close()


def test_supervisor_approves_the_selection_except_their_own_proposal(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, workspace: WorkspaceFixture,
        cases: dict[str, int], asked: Confirmations) -> None:
    from datetime import date

    supervisor = workspace.login("supervisor")
    after = date(2024, 8, 26)
    propose_exclusions(workspace.login("examiner"), [cases["ns1"], cases["ns2"]], after)
    propose_exclusions(supervisor, [cases["ns3"]], after)
    window = _window(qtbot, tasks, settings, workspace, "supervisor")
    assert not window.queue.bulk_approve_button.isVisible()
    window.show_approvals()
    approvals = window.approvals
    wait(qtbot, lambda: not approvals.model.is_loading and approvals.model.total == 3)
    button = approvals.bulk_approve_button
    assert button.isVisible() and not button.isEnabled()
    assert not approvals.bulk_propose_button.isVisible()
    approvals.table.selectAll()
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: window.bulk.summary is not None and window.bulk.summary.isVisible())
    [(_title, question)] = asked.questions
    assert "3件" in question
    summary = _summary(window)
    assert summary is not None
    text = summary.text()
    assert text.startswith("2件を承認しました。\n1件は対象外でした:")
    assert "あなたが作成したため" in text
    wait(qtbot, lambda: not approvals.model.is_loading and approvals.model.total == 1)
    [left] = approvals.model.loaded_rows()
    assert left.case_id == cases["ns3"] and left.own
    summary.close()
