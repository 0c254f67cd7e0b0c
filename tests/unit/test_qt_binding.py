"""The Qt binding must not leak references to Python's singletons.

PySide6 6.12.0 dropped one reference to ``True`` on every ``Signal.emit()`` and one to ``None`` on
every queued slot call; on Python 3.11, whose singletons are not immortal, the interpreter aborts
after about a thousand emits. pyproject pins ``<6.12``; this test fails (or crashes the run) if a
future bump brings such a leak back.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from reviewer_app.ui.qt import QtCore, Signal, Slot


class _Source(QtCore.QObject):
    ping = Signal(object)


class _Sink(QtCore.QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot(object)
    def on_ping(self, _value: object) -> None:
        self.count += 1


EMITS = 200  # enough to see a per-emit leak, few enough not to abort the interpreter


@contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while counting: a collection of what earlier tests left (objects
    holding None) moved the count by ~150 and failed the test in a full run."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# From Python 3.12 on True and None are immortal (PEP 683): their reference count never moves, so a
# leak can neither crash the interpreter nor show here, and these tests could not fail.
needs_mortal_singletons = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="True and None are immortal from Python 3.12 (PEP 683)")


@pytest.mark.gui
@needs_mortal_singletons
def test_direct_emits_keep_the_refcount_of_true_and_none(qapp: QtCore.QCoreApplication) -> None:
    source, sink = _Source(), _Sink()
    source.ping.connect(sink.on_ping)
    with _no_collection():
        true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
        for number in range(EMITS):
            source.ping.emit(number)
        assert sink.count == EMITS
        assert abs(sys.getrefcount(True) - true_before) < EMITS // 2
        assert abs(sys.getrefcount(None) - none_before) < EMITS // 2


@pytest.mark.gui
@needs_mortal_singletons
def test_queued_slot_calls_keep_the_refcount_of_none(qtbot: QtBot) -> None:
    source, sink = _Source(), _Sink()
    thread = QtCore.QThread()
    sink.moveToThread(thread)
    thread.start()
    try:
        source.ping.connect(sink.on_ping, QtCore.Qt.ConnectionType.QueuedConnection)
        with _no_collection():
            none_before = sys.getrefcount(None)
            for number in range(EMITS):
                source.ping.emit(number)
            qtbot.waitUntil(lambda: sink.count == EMITS, timeout=30_000)
            assert abs(sys.getrefcount(None) - none_before) < EMITS // 2
    finally:
        thread.quit()
        thread.wait()
