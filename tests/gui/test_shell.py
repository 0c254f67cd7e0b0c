"""The window shell on a real demo workspace: sign-in and lockout, the queue, opening a case."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    child,
    demo_fixture,
    first_case_with,
    open_window,
    settings_fixture,
    sign_in,
    tasks_fixture,
    wait,
)

from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.queue import QueueFilter
from reviewer_app.ui.qt import Qt, QtCore, QtWidgets
from reviewer_app.ui.queue import QueueModel
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_login_success_opens_the_queue_with_the_users_role(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    assert window.session.user.name == "examiner"
    assert "審査担当" in window.user_label.text()
    assert window.queue.model.total == window.queue.model.rowCount() > 0
    assert window.stack.currentWidget() is window.queue


def test_wrong_password_is_refused_and_five_lock_the_account(
        qtbot: QtBot, tasks: TaskManager, demo: Demo) -> None:
    dialog = sign_in(qtbot, tasks, demo, "examiner", "wrong-password")
    wait(qtbot, lambda: dialog.message.isVisible() and "違います" in dialog.message.text())
    assert dialog.session is None
    for _ in range(4):
        dialog.password_edit.setText("wrong-password")
        dialog.submit()
        wait(qtbot, lambda: tasks.is_idle())
    assert "ロックされています" in dialog.message.text()
    # Even the right password is refused while locked.
    dialog.password_edit.setText(demo.passwords["examiner"])
    dialog.submit()
    wait(qtbot, lambda: tasks.is_idle())
    assert dialog.session is None
    assert "ロックされています" in dialog.message.text()


def test_queue_model_passes_the_model_tester(
        qtbot: QtBot, qtmodeltester: object, tasks: TaskManager, settings: Settings,
        demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    model = QueueModel(tasks, window.queue_service, page_size=5)
    model.set_filter(QueueFilter())
    wait(qtbot, lambda: model.rowCount() > 0)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    # Fetching the next page as the view would.
    wait(qtbot, lambda: not model.is_loading)
    while model.canFetchMore(QtCore.QModelIndex()):
        model.fetchMore(QtCore.QModelIndex())
        wait(qtbot, lambda: not model.is_loading)
    assert model.rowCount() == model.total


def test_queue_shows_the_first_page_before_the_totals_and_then_pages_on(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    model = QueueModel(tasks, window.queue_service, page_size=5)
    events: list[tuple[str, int, bool]] = []
    root = QtCore.QModelIndex()
    model.rowsReady.connect(
        lambda n: events.append(("rows", model.rowCount(), model.canFetchMore(root))))
    model.loaded.connect(lambda total: events.append(("totals", total, False)))
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_filter(QueueFilter())
    assert [e[0] for e in events] == ["rows", "totals"]
    # The first page is on screen, and no further page is asked for before the count is known.
    assert events[0][1] == 5 and events[0][2] is False
    assert events[1][1] > 5 and model.canFetchMore(root)


def test_search_box_and_status_chip_filter_the_queue(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    queue = window.queue
    all_rows = queue.model.total
    target = queue.model.row_at(1)
    assert target is not None
    # QTest types Latin-1 only: kana go in as an input method would commit them.
    queue.search_edit.setText(target.dependent_kana.split()[-1])
    wait(qtbot, lambda: not queue.model.is_loading and queue.model.total < all_rows)
    names = [r.dependent_name for r in queue.model.loaded_rows()]
    assert target.dependent_name in names
    queue.search_edit.clear()
    qtbot.keyClicks(queue.search_edit, target.card)
    wait(qtbot, lambda: not queue.model.is_loading and all(
        r.card == target.card for r in queue.model.loaded_rows()))
    queue.search_edit.clear()
    wait(qtbot, lambda: queue.model.total == all_rows)
    # The 審査中 chip: nothing yet; after opening one case, that case.
    qtbot.mouseClick(queue.chips[CaseStatus.IN_REVIEW], Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: not queue.model.is_loading and queue.model.total == 0)
    assert queue.chips[CaseStatus.NOT_STARTED].text().endswith(f"{all_rows:,}")
    qtbot.mouseClick(queue.all_chip, Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: queue.model.total == all_rows)
    relationship = queue.relationship_combo
    relationship.setCurrentIndex(relationship.findData("spouse"))
    wait(qtbot, lambda: not queue.model.is_loading and 0 < queue.model.total < all_rows)
    assert all(r.relationship == "spouse" for r in queue.model.loaded_rows())


def test_opening_a_case_assigns_it_and_shows_a_pdf_page(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo)
    case_id = first_case_with(window, "application/pdf")
    window.queue.select_case(case_id)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    view = window.case_view
    with qtbot.waitSignal(view.viewer.pageShown, timeout=30_000):
        wait(qtbot, lambda: view.detail is not None and view.detail.case_id == case_id)
    assert window.stack.currentWidget() is view
    assert view.detail is not None
    assert view.detail.assignee_name == "examiner"
    assert view.detail.status is CaseStatus.IN_REVIEW
    assert not child(view, QtWidgets.QLabel, "caseBanner").isVisible()
    # Back to the queue: the row now says 審査中 and who holds it.
    qtbot.mouseClick(child(view, QtWidgets.QPushButton, "backButton"), Qt.MouseButton.LeftButton)
    wait(qtbot, lambda: (row := window.queue.model.row_at(
        window.queue.model.row_of_case(case_id))) is not None and row.assignee_name == "examiner")
    assert window.stack.currentWidget() is window.queue


def test_gui_without_a_workspace_says_how_to_make_one(
        tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.cli import main

    assert main(["gui", "--workspace", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "reviewer-app init" in err and "reviewer-app demo" in err


def test_demo_reuses_its_workspace_and_prints_the_passwords_again(
        demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    from reviewer_app.cli import main
    from reviewer_app.commands.demo import PASSWORDS_FILE

    assert main(["demo", "--workspace", str(demo.dir), "--no-window"]) == 0
    out = capsys.readouterr().out
    assert "デモ用" in out and "DEMO" in out
    for name in ("examiner", "examiner2", "supervisor"):
        assert demo.passwords[name] in out
    mode = stat.S_IMODE((demo.dir / PASSWORDS_FILE).stat().st_mode)
    assert mode == 0o600
    # every file of the demo, the web system's keys included, is owner-only (issue 8 §6)
    modes = {p.relative_to(demo.dir).as_posix(): stat.S_IMODE(p.stat().st_mode)
             for p in [demo.dir, *demo.dir.rglob("*")]}
    assert {"demo-web-system/exporter.key", "demo-web-system/sample.json",
            "workspace.sqlite3"} <= set(modes)
    assert modes == {name: 0o700 if (demo.dir / name).is_dir() else 0o600 for name in modes}


def test_shell_signs_in_and_logging_out_returns_to_the_sign_in_dialog(
        qtbot: QtBot, settings: Settings, demo: Demo) -> None:
    from reviewer_app.ui.app import Shell
    from reviewer_app.ui.login import LoginDialog
    from reviewer_app.ui.settings import LAST_USER

    shell = Shell(demo.dir, settings=settings, prefill_user="examiner", demo=True)
    try:
        shell.show_login()
        dialog = shell.login
        assert isinstance(dialog, LoginDialog)
        qtbot.addWidget(dialog)
        assert dialog.user_edit.text() == "examiner" and dialog.note.text()
        dialog.password_edit.setText(demo.passwords["examiner"])
        dialog.submit()
        wait(qtbot, lambda: shell.window is not None)
        assert settings.get(LAST_USER) == "examiner"
        window = shell.window
        assert window is not None
        wait(qtbot, lambda: window.queue.model.rowCount() > 0)  # type: ignore[attr-defined]
        window.logout()  # type: ignore[attr-defined]
        assert shell.window is None
        assert shell.login is not dialog and shell.login is not None
        qtbot.addWidget(shell.login)
        assert shell.login.isVisible()
    finally:
        shell.tasks.wait_idle()
        shell.shutdown()
