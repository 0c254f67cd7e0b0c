"""Issue 11 §2 and issue 13 "Measured": a case with twelve text-layer payslips and a bonus slip,
from opening it to a saved proposal, driven by key events only on the real window.

Every key goes through :class:`Keys` (to the focused widget, as a person's keyboard would) and is
counted; ``pytest -s`` prints both counts: with the amounts read from the documents and confirmed
with Enter, and the same case typed by hand with nothing read (the "before")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from casework_fixtures import PersonSpec, Seeded, seed_case
from helpers_payslips import Slip, payslip_pdf
from pytestqt.qtbot import QtBot
from shell_helpers import settings_fixture, wait  # noqa: F401 (fixture)
from suggestion_helpers import Keys, window_fixture  # noqa: F401 (fixture)

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.casework import CaseService
from reviewer_app.services.suggestions import Kind, SuggestionService
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import Qt

pytestmark = [pytest.mark.gui, pytest.mark.slow,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
              pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]

YEAR = 2024  # the seeded survey's target year
SALARIES = [95_000 + 700 * i for i in range(12)]  # base pay; 通勤手当 5,000 on top
BONUS = (7, 48_000)
KEY_BUDGET = 40  # issue 11: at most 40 keystrokes from opening the case to a saved proposal
Mod = Qt.KeyboardModifier


def gross(month: int) -> int:
    return SALARIES[month - 1] + 5_000


@pytest.fixture
def case(workspace: Any) -> Seeded:
    files = [(payslip_pdf(Slip(paid=f"支給日 {YEAR}/{m:02d}/25",
                               items=(("基本給", SALARIES[m - 1]), ("通勤手当", 5_000)))),
              "application/pdf", f"{m}月給与.pdf") for m in range(1, 13)]
    files.append((payslip_pdf(Slip(title="賞与明細書", paid=f"支給日 {YEAR}/{BONUS[0]:02d}/10",
                                   items=(("賞与", BONUS[1]),))),
                  "application/pdf", "夏季賞与.pdf"))
    return seed_case(workspace.login("admin"), PersonSpec(1, files=files))


def open_from_queue(qtbot: QtBot, keys: Keys, window: MainWindow, case_id: int) -> CaseView:
    table = window.queue.table
    assert keys.focus() is table
    if not table.currentIndex().isValid():
        keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    view = window.case_view
    wait(qtbot, lambda: view.detail is not None and view.detail.case_id == case_id
         and not view.is_loading)
    return view


def propose(qtbot: QtBot, keys: Keys, view: CaseView) -> None:
    keys.press(Qt.Key.Key_4, Mod.AltModifier)  # 判定
    assert view.tabs.currentWidget() is view.decision_tab
    keys.tab_to(view.decision_tab.propose_button)
    keys.press(Qt.Key.Key_Space)
    wait(qtbot, lambda: view.detail is not None
         and view.detail.status is CaseStatus.AWAITING_APPROVAL)


def assert_saved_truths(workspace: Any, case_id: int) -> None:
    detail = CaseService(workspace.login("supervisor")).open_case(case_id, take=False)
    [employer] = detail.income_sheet.employers
    assert {str(p.month): p.gross for p in employer.payments} == {
        f"{YEAR}-{m:02d}": gross(m) for m in range(1, 13)}
    assert [(str(b.month), b.gross) for b in employer.bonuses] == [
        (f"{YEAR}-{BONUS[0]:02d}", BONUS[1])]
    assert detail.status is CaseStatus.AWAITING_APPROVAL


def test_twelve_payslips_and_a_bonus_confirmed_in_at_most_40_keys(
        qtbot: QtBot, workspace: Any, case: Seeded, window: MainWindow) -> None:
    keys = Keys(qtbot)
    view = open_from_queue(qtbot, keys, window, case.case_id)
    tab = view.income_tab
    wait(qtbot, lambda: tab.suggested.found is not None, timeout=120_000)
    keys.press(Qt.Key.Key_3, Mod.AltModifier)  # 収入: the cursor on January
    assert keys.focus() is tab.grid
    for month in range(1, 13):
        index = tab.grid.currentIndex()
        assert tab.grid_model.month(index.row()) == YearMonth(YEAR, month)
        offered = tab.grid_model.offered(index)
        assert offered is not None and offered.gross == gross(month)
        # the viewer shows where the amount was read, the grid keeps the focus
        wait(qtbot, lambda o=offered: view.viewer.current_attachment_id  # type: ignore[misc]
             == str(o.attachment_id))
        keys.press(Qt.Key.Key_Return)
        assert keys.focus() is tab.grid
    # after December the cursor goes to the bonus read from the bonus slip
    bonus = tab.grid_model.offered(tab.grid.currentIndex())
    assert bonus is not None and bonus.kind is Kind.BONUS and bonus.gross == BONUS[1]
    keys.press(Qt.Key.Key_Return)
    assert tab.suggested.all_pending(tab.sheet()) == []
    propose(qtbot, keys, view)
    print(f"\nkeystrokes with suggestions (open → saved proposal): {keys.count}")
    assert keys.count <= KEY_BUDGET
    assert_saved_truths(workspace, case.case_id)
    confirmed = SuggestionService(workspace.login("supervisor")).confirmations(case.case_id)
    assert sorted((c.month, c.kind, c.gross, c.confirmed_by) for c in confirmed) == sorted(
        [(f"{YEAR}-{m:02d}", Kind.SALARY, gross(m), "examiner") for m in range(1, 13)]
        + [(f"{YEAR}-{BONUS[0]:02d}", Kind.BONUS, BONUS[1], "examiner")])
    assert {c.attachment_id for c in confirmed} == set(case.attachment_ids)


@pytest.mark.parametrize("window", [False], indirect=True)
def test_the_same_case_typed_by_hand_for_comparison(
        qtbot: QtBot, workspace: Any, case: Seeded, window: MainWindow,
        tmp_path: Path) -> None:
    """The "before" of issue 13: nothing read, every amount typed (no budget, only counted)."""
    keys = Keys(qtbot)
    view = open_from_queue(qtbot, keys, window, case.case_id)
    tab = view.income_tab
    keys.press(Qt.Key.Key_3, Mod.AltModifier)
    # no key reaches 勤務先を追加 from the grid (Tab moves between months): the mouse
    keys.click(tab.employers_section.add_button)  # an employer (its defaults kept)
    january = tab.grid_model.index(tab.grid_model.row_of(f"{YEAR}-01"), 0)
    keys.click(tab.grid.viewport(), tab.grid.visualRect(january).center())
    assert keys.focus() is tab.grid
    for month in range(1, 13):
        keys.type(str(gross(month)))

        keys.press(Qt.Key.Key_Return)
    bonus_section = tab._sections[1]
    keys.click(bonus_section.add_button)  # a bonus row; the cursor in its employer cell
    keys.press(Qt.Key.Key_Tab)
    keys.type(f"{YEAR}-{BONUS[0]:02d}")
    keys.press(Qt.Key.Key_Tab)
    keys.type(str(BONUS[1]))
    keys.press(Qt.Key.Key_Return)
    propose(qtbot, keys, view)
    print(f"\nkeystrokes typing by hand (open → saved proposal): {keys.count} "
          f"and {keys.clicks} clicks")
    assert_saved_truths(workspace, case.case_id)
