"""The one door to the background (issue 12 §8): results come back on the GUI thread, in order,
and a result whose receiver is gone is dropped, not delivered into a deleted widget."""

from __future__ import annotations

import functools
import logging
import threading

import pytest
import shiboken6
from pytestqt.qtbot import QtBot
from shell_helpers import task_manager, tasks_fixture  # noqa: F401 (tasks_fixture)

from reviewer_app.errors import UserError
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager

pytestmark = pytest.mark.gui


class Receiver(QtCore.QObject):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.failures: list[TaskFailure] = []

    def got(self, result: object) -> None:
        self.results.append(result)

    def failed(self, failure: TaskFailure) -> None:
        self.failures.append(failure)


def test_results_arrive_in_order_on_the_gui_thread(qtbot: QtBot, tasks: TaskManager) -> None:
    seen: list[tuple[int, bool]] = []
    gui = threading.current_thread()
    for n in range(5):
        tasks.run(functools.partial(int, n),
                  lambda r: seen.append((r, threading.current_thread() is gui)))
    assert tasks.wait_idle()
    assert seen == [(n, True) for n in range(5)]


def test_a_deleted_receiver_gets_nothing(qtbot: QtBot, tasks: TaskManager) -> None:
    receiver, kept = Receiver(), Receiver()
    release = threading.Event()
    tasks.run(lambda: release.wait(10) and "late", receiver.got, receiver.failed)
    tasks.run(lambda: "late", kept.got, kept.failed)
    widget = QtWidgets.QLabel()
    shown: list[str] = []
    tasks.run(lambda: "text", lambda text: shown.append(text), receiver=widget)
    shiboken6.delete(receiver)  # the tab was rebuilt while its load ran
    shiboken6.delete(widget)
    release.set()
    assert tasks.wait_idle()
    assert shown == [] and kept.results == ["late"]


def test_an_unexpected_failure_is_logged_even_when_nobody_is_left_to_tell(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    with task_manager() as tasks:
        receiver = Receiver()
        release = threading.Event()

        def broken() -> None:
            release.wait(10)
            raise RuntimeError("a bug")

        tasks.run(broken, receiver.got, receiver.failed)
        tasks.run(_refused, None, receiver.failed)
        shiboken6.delete(receiver)
        with caplog.at_level(logging.ERROR, logger="reviewer_app.ui.tasks"):
            release.set()
            assert tasks.wait_idle()
        assert any("RuntimeError" in r.getMessage() for r in caplog.records)
        assert not any("UserError" in r.getMessage() for r in caplog.records)  # expected


def test_a_live_receiver_gets_the_failure(qtbot: QtBot, tasks: TaskManager) -> None:
    receiver = Receiver()
    tasks.run(_refused, receiver.got, receiver.failed)
    assert tasks.wait_idle()
    [failure] = receiver.failures
    assert failure.code == "refused" and failure.message == "だめです。"


def _refused() -> None:
    raise UserError("だめです。", "Refused.", code="refused")
