"""Guard against a reference-count bug in the installed PySide6 (6.12.0).

Measured here: every Python ``Signal.emit()`` drops one reference to ``True`` (its return value
is returned borrowed), and every call of a Python slot through a queued connection drops one
reference to ``None`` (the slot's result). On Python 3.11 these singletons are not immortal, so a
few thousand emits later the interpreter aborts ("bool_dealloc: deallocating True or False" /
"none_dealloc"); the viewer benchmark hit it within seconds. The viewer emits per render, so it
must not wait for an upstream fix.

When (and only when) the leak is detected, ``None``, ``True`` and ``False`` get a very large
reference count, which is what Python 3.12 does for them anyway (PEP 683, immortal objects).
Nothing else is touched. This belongs in ``reviewer_app/ui/qt.py`` for the whole application;
it lives here until the owner of that module moves it.
"""

from __future__ import annotations

import ctypes
import sys

from reviewer_app.ui.qt import QtCore, Signal

_IMMORTAL_BOOST = 1 << 40
_applied = False


class _Probe(QtCore.QObject):
    ping = Signal(object)


def _leaks() -> bool:
    probe = _Probe()
    before_true = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit(0)
    lost_true = before_true - sys.getrefcount(True)
    probe.deleteLater()
    return lost_true >= 8


def apply() -> bool:
    """Make the singletons immortal if this PySide6 leaks references to them. Idempotent."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if _leaks():
        for singleton in (None, True, False):
            # ob_refcnt is the first field of every CPython object (non-debug builds).
            ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL_BOOST
        _applied = True
    return _applied
