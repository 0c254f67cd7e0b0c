"""The income save queue (issue 12 §1) against a real workspace: the latest entries are saved,
one save at a time and in order, a conflict is answered by keep-mine or take-theirs, and entries
whose save failed after the case was left come back when it is opened again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from casework_fixtures import PersonSpec, Seeded, seed_case
from pytestqt.qtbot import QtBot
from sheets import OVER_FROM_MARCH, employer, with_employers
from shell_helpers import task_manager
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.case import Payment
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.services.case_errors import ConflictError, InvalidIncomeSheet
from reviewer_app.services.casework import CaseService, SaveResult
from reviewer_app.ui.case.save_queue import IncomeSaveQueue
from reviewer_app.ui.tasks import TaskFailure, TaskManager

pytestmark = pytest.mark.gui


class Recorder:
    def __init__(self, queue: IncomeSaveQueue) -> None:
        self.events: list[tuple[str, int, object]] = []
        for name in ("saved", "failed", "conflict", "parked"):
            getattr(queue, name).connect(
                lambda case_id, what, name=name: self.events.append((name, case_id, what)))

    def kinds(self) -> list[str]:
        return [kind for kind, _case, _what in self.events]


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskManager]:
    with task_manager() as manager:
        yield manager


@pytest.fixture
def case(workspace: WorkspaceFixture) -> Seeded:
    return seed_case(workspace.login("admin"), PersonSpec(1))


def _queue(tasks: TaskManager, service: CaseService) -> tuple[IncomeSaveQueue, Recorder]:
    queue = IncomeSaveQueue(tasks, service.save_income_sheet)
    return queue, Recorder(queue)


def _months(n: int, sheet: IncomeSheet) -> IncomeSheet:
    return with_employers(sheet, employer(OVER_FROM_MARCH[:n]))


def test_the_latest_entries_are_saved_once_and_in_order(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, case: Seeded) -> None:
    service = CaseService(workspace.login("examiner"))
    detail = service.open_case(case.case_id)
    queue, recorder = _queue(tasks, service)
    assert queue.open(case.case_id, detail.income_version, reload=False).replace
    queue.changed(_months(1, detail.income_sheet))
    queue.changed(_months(2, detail.income_sheet))  # before the pause ends: only this is saved
    queue.flush()
    queue.changed(_months(3, detail.income_sheet))  # while that save is in flight
    queue.flush()
    assert tasks.wait_idle()
    saves = [what for kind, _case, what in recorder.events if kind == "saved"]
    assert [s.version for s in saves if isinstance(s, SaveResult)] == [1, 2]
    assert service.open_case(case.case_id).income_sheet == _months(3, detail.income_sheet)
    assert queue.is_settled(case.case_id)


def test_a_conflict_is_kept_or_given_up_as_the_examiner_chooses(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, case: Seeded) -> None:
    mine_desk = CaseService(workspace.login("examiner"))
    other_desk = CaseService(workspace.login("examiner"))
    detail = mine_desk.open_case(case.case_id)
    other_desk.save_income_sheet(case.case_id, _months(5, detail.income_sheet), None)
    queue, recorder = _queue(tasks, mine_desk)
    queue.open(case.case_id, detail.income_version, reload=False)  # None: before theirs
    mine = _months(12, detail.income_sheet)
    queue.changed(mine)
    queue.flush()
    assert tasks.wait_idle()
    [(kind, _case, failure)] = recorder.events
    assert kind == "conflict" and isinstance(failure, TaskFailure)
    error = failure.error
    assert isinstance(error, ConflictError) and error.their_version == 1
    assert error.theirs == _months(5, detail.income_sheet)  # a sheet, not a dict
    queue.keep_mine(error.their_version, None)
    assert tasks.wait_idle()
    assert recorder.kinds() == ["conflict", "saved"]
    assert mine_desk.open_case(case.case_id).income_sheet == mine
    # Now the other desk saves again and this one gives up its entries.
    other_desk.save_income_sheet(case.case_id, _months(6, detail.income_sheet), 2)
    queue.changed(_months(7, detail.income_sheet))
    queue.flush()
    assert tasks.wait_idle()
    assert recorder.kinds()[-1] == "conflict"
    queue.take_theirs(3)
    assert queue.is_settled(case.case_id)
    queue.changed(_months(8, detail.income_sheet))  # the next change saves over version 3
    queue.flush()
    assert tasks.wait_idle()
    assert recorder.kinds()[-1] == "saved"
    assert mine_desk.open_case(case.case_id).income_version == 4


def test_entries_refused_after_leaving_are_parked_and_handed_back(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, case: Seeded) -> None:
    service = CaseService(workspace.login("examiner"))
    detail = service.open_case(case.case_id)
    queue, recorder = _queue(tasks, service)
    queue.open(case.case_id, detail.income_version, reload=False)
    bad = with_employers(detail.income_sheet, replace(
        employer(), payments=(Payment(YearMonth(2024, 1), -5),)))
    queue.changed(bad)
    queue.leave()  # the idle lock: saved now, and no case is shown any more
    assert tasks.wait_idle()
    [(kind, case_id, failure)] = recorder.events
    assert (kind, case_id) == ("parked", case.case_id)
    assert isinstance(failure, TaskFailure) and isinstance(failure.error, InvalidIncomeSheet)
    assert service.open_case(case.case_id).income_version is None  # nothing stored
    opening = queue.open(case.case_id, None, reload=False)
    assert opening.replace and opening.restored == bad
    assert queue.open(case.case_id, None, reload=False).restored is None  # handed back once


def test_a_reload_keeps_entries_still_to_save(
        qtbot: QtBot, tasks: TaskManager, workspace: WorkspaceFixture, case: Seeded) -> None:
    service = CaseService(workspace.login("examiner"))
    detail = service.open_case(case.case_id)
    queue, _recorder = _queue(tasks, service)
    queue.open(case.case_id, detail.income_version, reload=False)
    queue.changed(_months(4, detail.income_sheet))
    assert not queue.open(case.case_id, detail.income_version, reload=True).replace
    assert not queue.is_settled(case.case_id)
    assert queue.open(case.case_id, detail.income_version, reload=False).replace
    assert queue.is_settled(case.case_id)  # opened anew: the stored sheet is shown
