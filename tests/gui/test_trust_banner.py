"""Issue 8 §1 in the window: a case whose status does not rest on valid signed decisions is shown
as invalid (a red banner saying why), and nobody can act on it from the window."""

from __future__ import annotations

import sqlite3

from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (fixtures)
    Demo,
    demo_fixture,
    open_case,
    open_window,
    settings_fixture,
    tasks_fixture,
)

from reviewer_app.ui.qt import QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager


def test_a_case_marked_done_by_hand_shows_a_red_banner_and_cannot_be_decided(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, "supervisor")
    case_id = window.queue.model.loaded_rows()[0].case_id
    # what an examiner with the database file does: mark a case done with the sqlite3 driver
    with sqlite3.connect(demo.dir / "workspace.sqlite3") as conn:
        conn.execute("UPDATE cases SET status = 'done', proposed_verdict = 'exclude', "
                     "version = version + 1 WHERE id = ?", (case_id,))
    view = open_case(qtbot, window, case_id)
    banner = view.findChild(QtWidgets.QLabel, "trustBanner")
    assert banner is not None and banner.isVisible()
    assert "判定の記録が検証できません" in banner.text()
    assert "完了" in banner.text()
    assert view.detail is not None and not view.detail.can_decide
    assert not view.decision_tab.approve_button.isEnabled() \
        or not view.decision_tab.approve_box.isVisible()
